import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { freePort } from '../../helpers/net.js';
import { requireBinary, waitUntil } from '../../helpers/proc.js';
import {
  type Daemon,
  spawnDaemon,
  tokens,
  waitHealthy,
  writeZoneConfig,
  zoneConfig,
} from '../../reliability/helpers/daemon.js';
import { metric } from '../../reliability/helpers/http.js';
import {
  accessZone,
  type Creds,
  clientPool,
  connect,
  logins,
  plugAForbidden,
  plugASubscriptions,
  publishThenBarrier,
  readCreds,
  refusedWith,
  site,
  subackCode,
  watcher,
} from './access-helpers.js';

/**
 * The embedded broker of the real daemon (`bin/zoneops.js run`) with the credentials `zoneops mqtt
 * credentials` wrote: who may connect, publish and subscribe. A refused publish is acknowledged and dropped
 * (MQTT-3.3.5-2, as Mosquitto does), so each check ends with a barrier: an allowed message from the same
 * client, published after the refused ones, reaches a watcher — whatever was refused would have come first.
 * CONNACK codes from MQTT 3.1.1 §3.2.2.3: 2 identifier rejected, 4 bad user name or password, 5 not authorized.
 */
let daemon: Daemon;
let creds: Creds;
let url = '';
let mqttPort = 0;

const { as, asZoneops } = logins(() => creds);
const pool = clientPool(() => url);
const client = pool.client;
const metrics = async () => (await fetch(`${daemon.base}/metrics`)).text();
const refused = async (reason: string) =>
  metric(await metrics(), 'zoneops_mqtt_refused_total', { reason }) ?? Number.NaN;
const api = async (path: string) =>
  (
    await fetch(`${daemon.base}/api/v1${path}`, { headers: { authorization: `Bearer ${tokens.staff}` } })
  ).json();
const rssKiB = () => {
  const status = readFileSync(`/proc/${daemon.child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
};

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zoneops-broker-access-'));
  const port = await freePort();
  mqttPort = await freePort();
  const credentialsFile = join(dir, 'mqtt-credentials.yaml');
  const config = writeZoneConfig(
    zoneConfig({
      port,
      dbPath: join(dir, 'z.db'),
      extra: {
        site,
        ...accessZone({ mqtt: { embedded: { listen: `127.0.0.1:${mqttPort}` }, credentialsFile } }),
      },
    }),
    dir,
  );
  const made = runCli(['mqtt', 'credentials', '--config', config]);
  expect(made.code, made.stderr).toBe(0);
  creds = readCreds(credentialsFile);
  daemon = spawnDaemon(config, port);
  await waitHealthy(daemon);
  url = `mqtt://127.0.0.1:${mqttPort}`;
  // zoneops is connected to its own broker once its retained availability is there.
  const w = await watcher(url, { ...asZoneops(), clientId: 'test-startup' }, `zoneops/${site}/status`);
  await waitUntil(() => w.got.some((m) => m.payload === 'online'), 10_000, 'zoneops online');
  await w.client.endAsync();
}, 60_000);

afterAll(async () => {
  await pool.closeAll();
  await daemon?.stop();
});

describe('the embedded broker of the running daemon', () => {
  it('refuses anonymous clients and wrong or unknown credentials, counting each', async () => {
    const before = { none: await refused('no-credentials'), bad: await refused('bad-credentials') };
    expect(await refusedWith(url, {})).toBe(5);
    expect(await refusedWith(url, { username: 'plug-a', password: 'wrong-password' })).toBe(4);
    expect(await refusedWith(url, { username: 'nobody', password: as('plug-a').password })).toBe(4);
    // zoneops' own username with a device's password is just a wrong password.
    expect(await refusedWith(url, { username: `zoneops-${site}`, password: as('plug-a').password })).toBe(4);
    expect(await refused('no-credentials')).toBe(before.none + 1);
    expect(await refused('bad-credentials')).toBe(before.bad + 3);
    // Each device's own credential is accepted.
    for (const user of ['plug-a', 'plug-b', 'pc-01', 'door-button']) {
      expect(await refusedWith(url, as(user)), user).toBe(0);
    }
  });

  it('the README command is refused: mosquitto_pub without credentials', () => {
    requireBinary('mosquitto_pub');
    let failed: { status?: number; stderr?: Buffer } | undefined;
    try {
      execFileSync(
        'mosquitto_pub',
        ['-h', '127.0.0.1', '-p', String(mqttPort), '-t', 'cmnd/plug-a/POWER', '-m', 'OFF'],
        {
          stdio: 'pipe',
        },
      );
    } catch (err) {
      failed = err as { status?: number; stderr?: Buffer };
    }
    expect(failed?.status).not.toBe(0);
    expect(failed?.stderr?.toString()).toMatch(/not authori[sz]ed/i);
  });

  it("plug A's credential cannot publish plug B's state, any cmnd/ topic or zoneops/<site>/…; its own state goes through", async () => {
    const before = await refused('publish-denied');
    const plugA = await client({ ...as('plug-a'), clientId: 'plug-a-test' });
    const seen = await publishThenBarrier(
      url,
      asZoneops(),
      plugA,
      [...plugAForbidden(site), ['$SYS/broker/uptime', '1']],
      'stat/plug-a/POWER',
    );
    expect(seen.filter((t) => !t.startsWith('zoneops/'))).toEqual(['stat/plug-a/POWER']);
    expect(seen.filter((t) => t.startsWith(`zoneops/${site}/`) && !t.endsWith('/status'))).toEqual([]);
    expect(await refused('publish-denied')).toBe(before + 8);
    // zoneops' own retained availability is still "online", and no cleaning was recorded.
    const w = await watcher(url, { ...asZoneops(), clientId: 'test-status' }, `zoneops/${site}/status`);
    pool.keep(w.client);
    await waitUntil(() => w.got.length > 0, 5000, 'retained status');
    expect(w.got.map((m) => m.payload)).toEqual(['online']);
    const records = (await api('/hygiene/records')) as { records: unknown[] };
    expect(records.records).toEqual([]);
    // The refused publishes did not disconnect the plug: it still works.
    expect(plugA.connected).toBe(true);
  });

  it("plug A's forged 'offline' for plug B changes nothing (no status change, no fault); plug B's own is taken", async () => {
    const plugB = await client({ ...as('plug-b'), clientId: 'plug-b-lwt' });
    const plugA = await client({ ...as('plug-a'), clientId: 'plug-a-lwt' });
    const statusOfB = async () => ((await api('/devices/plug-b')) as { status: string }).status;
    const faultsOfB = async () =>
      ((await api('/faults')) as { faults: Array<{ deviceId: string }> }).faults.filter(
        (f) => f.deviceId === 'plug-b',
      );
    // Tasmota's availability topic, retained, "Online" / "Offline" (../shared/fixtures/mqtt/tasmota.md, "Availability (LWT)").
    await plugB.publishAsync('tele/plug-b/LWT', 'Online', { qos: 1, retain: true });
    await plugB.publishAsync('stat/plug-b/POWER', 'ON', { qos: 1 });
    await waitUntil(async () => (await statusOfB()) === 'up', 10_000, 'plug B up');
    const faultsBefore = (await faultsOfB()).length;
    const seen = await publishThenBarrier(
      url,
      asZoneops(),
      plugA,
      [['tele/plug-b/LWT', 'Offline', true]],
      'stat/plug-a/POWER',
    );
    expect(seen).toContain('stat/plug-a/POWER');
    // The retained availability is still plug B's own "Online", not the forged "Offline".
    const w = await watcher(url, { ...asZoneops(), clientId: 'test-lwt' }, 'tele/plug-b/LWT');
    pool.keep(w.client);
    await waitUntil(() => w.got.length > 0, 5000, 'retained LWT');
    expect(w.got.map((m) => m.payload)).toEqual(['Online']);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await statusOfB()).toBe('up');
    expect((await faultsOfB()).length).toBe(faultsBefore);
    // The same message from plug B's own credential is taken: the retained check above could have failed.
    await plugB.publishAsync('tele/plug-b/LWT', 'Offline', { qos: 1, retain: true });
    const w2 = await watcher(url, { ...asZoneops(), clientId: 'test-lwt-2' }, 'tele/plug-b/LWT');
    pool.keep(w2.client);
    await waitUntil(() => w2.got.length > 0, 5000, 'retained LWT');
    expect(w2.got.map((m) => m.payload)).toEqual(['Offline']);
  });

  it('a plug may subscribe only to its own command topics', async () => {
    const plugA = await client({ ...as('plug-a'), clientId: 'plug-a-subs' });
    const codes: Array<[string, number]> = [];
    for (const [f] of plugASubscriptions(site)) codes.push([f, await subackCode(plugA, f)]);
    expect(codes).toEqual(plugASubscriptions(site));
    expect(plugA.connected).toBe(true);
  });

  it('a hygiene button may publish only its own button topic: its press is recorded, others are not', async () => {
    const button = await client({ ...as('door-button'), clientId: 'door-button' });
    const seen = await publishThenBarrier(
      url,
      asZoneops(),
      button,
      [
        [`zoneops/${site}/hygiene/reading-area/disinfect`, '1'],
        [`zoneops/${site}/hygiene/waiting-area/clean`, '1'],
        ['cmnd/plug-a/POWER', 'OFF'],
      ],
      `zoneops/${site}/hygiene/reading-area/clean`,
    );
    expect(seen.filter((t) => t.includes('/hygiene/'))).toEqual([
      `zoneops/${site}/hygiene/reading-area/clean`,
    ]);
    expect(seen).not.toContain('cmnd/plug-a/POWER');
    await waitUntil(
      async () => ((await api('/hygiene/records')) as { records: unknown[] }).records.length > 0,
      5000,
      'the press recorded',
    );
    const { records } = (await api('/hygiene/records')) as {
      records: Array<{ target: string; task: string }>;
    };
    expect(records.map((r) => [r.target, r.task])).toEqual([['reading-area', 'clean']]);
  });

  it("a second client with zoneops' client id is refused and zoneops stays connected", async () => {
    const before = await refused('client-id-taken');
    expect(await refusedWith(url, { ...asZoneops(), clientId: `zoneops-${site}` })).toBe(2);
    expect(await refusedWith(url, { ...as('plug-b'), clientId: `zoneops-${site}` })).toBe(2);
    expect(await refused('client-id-taken')).toBe(before + 2);
    // Had the newcomer taken the id over, the broker would have dropped zoneops' own connection.
    await new Promise((r) => setTimeout(r, 1000));
    expect(daemon.output()).not.toMatch(/MQTT connection lost|MQTT reconnected/);
    const w = await watcher(url, { ...asZoneops(), clientId: 'test-status-2' }, `zoneops/${site}/status`);
    pool.keep(w.client);
    await waitUntil(() => w.got.length > 0, 5000, 'retained status');
    expect(w.got.map((m) => m.payload)).toEqual(['online']);
  });

  it('a retained message over 64 KiB (within the packet limit) is not kept and counted; a small one is', async () => {
    const before = await refused('retained-too-large');
    const plugA = await client({ ...as('plug-a'), clientId: 'plug-a-retain' });
    await plugA.publishAsync('tele/plug-a/STATE', Buffer.alloc(100 * 1024, 0x41), { qos: 1, retain: true });
    expect(await refused('retained-too-large')).toBe(before + 1);
    expect(plugA.connected).toBe(true);
    const w = await watcher(url, { ...asZoneops(), clientId: 'test-retain-big' }, 'tele/plug-a/STATE');
    pool.keep(w.client);
    await new Promise((r) => setTimeout(r, 300));
    expect(w.got).toEqual([]);
    // The control: a small retained message on the same topic is kept.
    await plugA.publishAsync('tele/plug-a/STATE', '{"POWER":"ON"}', { qos: 1, retain: true });
    const w2 = await watcher(url, { ...asZoneops(), clientId: 'test-retain-small' }, 'tele/plug-a/STATE');
    pool.keep(w2.client);
    await waitUntil(() => w2.got.length > 0, 5000, 'retained STATE');
    expect(w2.got.map((m) => [m.payload, m.retain])).toEqual([['{"POWER":"ON"}', true]]);
  });

  it('a 2 MiB publish disconnects its sender before it is read; the daemon grows by less than 20 MB', async () => {
    const before = { rss: rssKiB(), refused: await refused('packet-too-large') };
    for (let i = 0; i < 3; i++) {
      const plugA = await connect(url, { ...as('plug-a'), clientId: `plug-a-big-${i}` });
      const closed = new Promise<void>((resolve) => plugA.once('close', () => resolve()));
      plugA.publish('tele/plug-a/SENSOR', Buffer.alloc(2 * 1024 * 1024, 0x41), { qos: 0, retain: true });
      await closed;
      plugA.end(true);
    }
    expect(await refused('packet-too-large')).toBe(before.refused + 3);
    const grewMB = (rssKiB() - before.rss) / 1024;
    expect(grewMB).toBeLessThan(20);
    // Nothing of it was kept: a new subscriber gets no retained SENSOR.
    const w = await watcher(url, { ...asZoneops(), clientId: 'test-retained' }, 'tele/plug-a/SENSOR');
    pool.keep(w.client);
    await new Promise((r) => setTimeout(r, 300));
    expect(w.got).toEqual([]);
  });
});
