import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../../helpers/cli.js';
import { writeConfig } from '../../helpers/config.js';
import { type Mosquitto, startMosquitto } from '../../helpers/mosquitto.js';
import { zoneConfig } from '../../reliability/helpers/daemon.js';
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
} from './access-helpers.js';

/**
 * `zoneops mqtt acl` for an external broker: the password_file and acl_file it writes, loaded by a real
 * Mosquitto (Debian's 2.0) next to the lines it prints, enforce the embedded broker's rules
 * (broker-access.test.ts) — same zone, same checks. Mosquitto drops a refused publish after acknowledging
 * it and answers a refused subscription with 0x80 (mosquitto.conf(5), acl_file).
 */
let mosq: Mosquitto;
let creds: Creds;
let url = '';
let confLines: string[] = [];
let dir = '';
const { as, asZoneops } = logins(() => creds);
const pool = clientPool(() => url);
const client = pool.client;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zoneops-mosquitto-acl-'));
  const credentialsFile = join(dir, 'mqtt-credentials.yaml');
  // The broker's address does not matter to the files; the zone's Mosquitto would be at this URL.
  const data = zoneConfig({
    port: 9464,
    dbPath: join(dir, 'z.db'),
    extra: { site, ...accessZone({ mqtt: { url: 'mqtt://127.0.0.1:1883', credentialsFile } }) },
  });
  const config = writeConfig(stringify(data));
  const made = runCli(['mqtt', 'credentials', '--config', config]);
  expect(made.code, made.stderr).toBe(0);
  const acl = runCli(['mqtt', 'acl', '--config', config, '--out-dir', dir]);
  expect(acl.code, acl.stderr).toBe(0);
  creds = readCreds(credentialsFile);
  // The mosquitto.conf lines `zoneops mqtt acl` printed, used as printed.
  confLines = acl.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^(allow_anonymous|password_file|acl_file|max_packet_size) /.test(l));
  mosq = await startMosquitto({ allowAnonymous: false, extraConfig: confLines });
  url = mosq.url;
}, 30_000);

afterAll(async () => {
  await pool.closeAll();
  await mosq?.close();
});

describe('Mosquitto with the files of zoneops mqtt acl', () => {
  it('prints the four mosquitto.conf lines; the password file is private and in Mosquitto’s $7$ format', () => {
    expect(confLines.map((l) => l.split(' ')[0])).toEqual([
      'allow_anonymous',
      'password_file',
      'acl_file',
      'max_packet_size',
    ]);
    const passwd = join(dir, 'zoneops.passwd');
    expect(statSync(passwd).mode & 0o777).toBe(0o600);
    const lines = readFileSync(passwd, 'utf8').trim().split('\n');
    expect(lines.map((l) => l.split(':')[0]).sort()).toEqual(
      ['door-button', 'pc-01', 'plug-a', 'plug-b', `zoneops-${site}`].sort(),
    );
    for (const l of lines) expect(l).toMatch(/^[^:]+:\$7\$101\$[A-Za-z0-9+/=]{16}\$[A-Za-z0-9+/=]{88}$/);
    // No password in clear in either file.
    const both = readFileSync(passwd, 'utf8') + readFileSync(join(dir, 'zoneops.acl'), 'utf8');
    for (const pw of [creds.zoneops, ...Object.values(creds.clients)]) expect(both).not.toContain(pw);
  });

  it('refuses anonymous clients and wrong passwords; accepts each credential, zoneops’ too', async () => {
    expect(await refusedWith(url, {})).not.toBe(0);
    expect(await refusedWith(url, { username: 'plug-a', password: 'wrong-password' })).not.toBe(0);
    expect(await refusedWith(url, { username: 'plug-a', password: as('plug-b').password })).not.toBe(0);
    for (const user of ['plug-a', 'plug-b', 'pc-01', 'door-button']) {
      expect(await refusedWith(url, as(user)), user).toBe(0);
    }
    expect(await refusedWith(url, asZoneops())).toBe(0);
  });

  it("plug A's credential cannot publish plug B's state, any cmnd/ topic or zoneops/<site>/…", async () => {
    const plugA = await client({ ...as('plug-a'), clientId: 'plug-a-test' });
    const seen = await publishThenBarrier(url, asZoneops(), plugA, plugAForbidden(site), 'stat/plug-a/POWER');
    expect(seen).toEqual(['stat/plug-a/POWER']);
  });

  it('a plug receives only its own commands, whatever it subscribes to', async () => {
    // Mosquitto 2.0 grants the subscription and checks `topic read` per message when it delivers
    // (the embedded broker refuses the subscription itself: broker-access.test.ts).
    const plugA = await client({ ...as('plug-a'), clientId: 'plug-a-subs' });
    const got: string[] = [];
    plugA.on('message', (t, p) => got.push(`${t} ${p}`));
    for (const [f] of plugASubscriptions(site)) await subackCode(plugA, f);
    const zoneops = await client({ ...asZoneops(), clientId: `zoneops-${site}` });
    await zoneops.publishAsync('cmnd/plug-b/POWER', 'OFF', { qos: 1 });
    await zoneops.publishAsync(`zoneops/${site}/devices/plug-b/status`, '{"status":"up"}', { qos: 1 });
    await zoneops.publishAsync('stat/plug-b/POWER', 'ON', { qos: 1 });
    await zoneops.publishAsync('cmnd/plug-a/POWER', 'OFF', { qos: 1 });
    await new Promise((r) => setTimeout(r, 300));
    // Subscribed to cmnd/plug-a/# and cmnd/plug-a/POWER: Mosquitto delivers the one message once per match.
    expect([...new Set(got)]).toEqual(['cmnd/plug-a/POWER OFF']);
  });

  it('a hygiene button may publish only its own button topic', async () => {
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
    expect(seen.filter((t) => !t.endsWith('/status'))).toEqual([
      `zoneops/${site}/hygiene/reading-area/clean`,
    ]);
  });

  it('a 2 MiB publish disconnects its sender (max_packet_size)', async () => {
    const plugA = await connect(url, { ...as('plug-a'), clientId: 'plug-a-big' });
    const closed = new Promise<void>((resolve) => plugA.once('close', () => resolve()));
    plugA.publish('tele/plug-a/SENSOR', Buffer.alloc(2 * 1024 * 1024, 0x41), { qos: 0 });
    await closed;
    plugA.end(true);
  });
});
