import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IppPrinter, startIppPrinter } from '../helpers/ipp-peer.js';
import { type ReplayServer, startReplayServer } from '../helpers/ipp-replay.js';
import { type Mosquitto, startMosquitto } from '../helpers/mosquitto.js';
import { freePort } from '../helpers/net.js';
import { type Peer, startPeer, waitUntil } from '../helpers/proc.js';
import { type RawAgent, type RawVarbind, startRawAgent } from '../integration/snmp/raw-agent.js';
import { capture } from './helpers/capture.js';
import {
  type Daemon,
  device,
  spawnDaemon,
  waitHealthy,
  writeZoneConfig,
  zoneConfig,
} from './helpers/daemon.js';
import { metric, metricSum } from './helpers/http.js';
import { Tally } from './helpers/summary.js';
import { startGarbageAgent, startSlowRelay, type UdpPeer } from './helpers/udp-agents.js';

/**
 * A small zone polled by the real daemon (`bin/zoneops.js run`) while faults are injected: the MQTT
 * broker dies and comes back, SNMP agents go silent / slow / answer garbage, ippeveprinter is killed,
 * an IPP server cuts the connection mid-answer, junk arrives on the daemon's MQTT topics. A fault counts
 * as survived when what a technician would check afterwards held (the check passed), counted either way.
 */
const tally = new Tally('faults-daemon');
let daemon: Daemon;
let mosq: Mosquitto;
let eve: IppPrinter;
let eveAgain: Peer | undefined;
let cut: ReplayServer;
const udp: UdpPeer[] = [];
const raw: RawAgent[] = [];
let silentMode = false;
let client: mqtt.MqttClient;

// A PC's answer of our own: enough for the read to count as reachable.
const pcSystem: RawVarbind[] = [
  ['1.3.6.1.2.1.1.1.0', { t: 'str', v: 'Linux pc 6.1.0 x86_64' }],
  ['1.3.6.1.2.1.1.2.0', { t: 'oid', v: '1.3.6.1.4.1.8072.3.2.10' }],
  ['1.3.6.1.2.1.1.3.0', { t: 'int', v: 100 }],
  ['1.3.6.1.2.1.1.5.0', { t: 'str', v: 'pc' }],
];
const pcAgent = (silent: () => boolean) =>
  startRawAgent((pdu, oids) => {
    if (silent()) return null;
    if (pdu === 'get') return pcSystem;
    return [[oids[0] ?? '1.3', { t: 'endOfMibView' }]];
  });

const metrics = async () => {
  const text = await (await fetch(`${daemon.base}/metrics`)).text();
  capture('faults-daemon', text);
  return text;
};
const up = async (id: string, protocol: string) =>
  metric(await metrics(), 'zoneops_device_up', { device: id, protocol });
const waitUp = (id: string, protocol: string, value: number, ms = 30_000) =>
  waitUntil(
    async () => (await up(id, protocol)) === value,
    ms,
    `zoneops_device_up{device="${id}",protocol="${protocol}"} == ${value}`,
  );

beforeAll(async () => {
  mosq = await startMosquitto();
  const good = await pcAgent(() => false);
  const flaky = await pcAgent(() => silentMode);
  const behindSlow = await pcAgent(() => false);
  raw.push(good, flaky, behindSlow);
  const slow = await startSlowRelay(behindSlow.port, () => 1500);
  const garbage = await startGarbageAgent((_req, n) =>
    Buffer.from(Array.from({ length: 40 + (n % 30) }, (_, i) => (i * 131 + n * 7) & 0xff)),
  );
  udp.push(slow, garbage);
  eve = await startIppPrinter();
  // Cuts the connection in the middle of the answer: headers promise 500 bytes, 10 come, then FIN.
  cut = await startReplayServer(() =>
    Buffer.concat([
      Buffer.from(
        'HTTP/1.1 200 OK\r\nContent-Type: application/ipp\r\nContent-Length: 500\r\n\r\n',
        'latin1',
      ),
      Buffer.from([2, 0, 0, 0, 0, 0, 0, 1, 1, 0x47]),
    ]),
  );
  const snmp = (port: number) => ({
    host: '127.0.0.1',
    port,
    version: '2c',
    community: 'rel-community-7731',
    intervalSeconds: 5,
    timeoutMs: 300,
    retries: 0,
  });
  const ipp = (uri: string) => ({ uri, intervalSeconds: 5, timeoutMs: 1500 });
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'zoneops-rel-faults-'));
  const config = writeZoneConfig(
    zoneConfig({
      port,
      dbPath: join(dir, 'z.db'),
      devices: [
        device('pc-good', 'pc', { snmp: snmp(good.port) }),
        device('pc-flaky', 'pc', { snmp: snmp(flaky.port) }),
        device('pc-slow', 'pc', { snmp: snmp(slow.port) }),
        device('pc-garbage', 'pc', { snmp: snmp(garbage.port) }),
        device('printer-eve', 'printer', { ipp: ipp(eve.uri) }),
        device('printer-cut', 'printer', { ipp: ipp(cut.uri) }),
        device('plug-01', 'plug', { mqtt: { family: 'tasmota', topic: 'relplug' } }),
        // The junk test's marker: a reading of this plug arriving means everything sent before it has.
        device('plug-02', 'plug', { mqtt: { family: 'tasmota', topic: 'relmarker' } }),
      ],
      extra: { mqtt: { url: mosq.url, reconnectMaxSeconds: 1 } },
    }),
    dir,
  );
  daemon = spawnDaemon(config, port);
  await waitHealthy(daemon);
  client = await mqtt.connectAsync(mosq.url, { reconnectPeriod: 200, connectTimeout: 3000 });
}, 90_000);

afterAll(async () => {
  capture('faults-daemon', daemon?.output() ?? '');
  await client?.endAsync(true).catch(() => undefined);
  await daemon?.stop();
  await eveAgain?.stop();
  await eve?.stop();
  await cut?.close();
  for (const p of udp) await p.close();
  for (const a of raw) await a.close();
  await mosq?.close();
  tally.save();
});

const alive = async () => (await fetch(`${daemon.base}/healthz`)).ok && daemon.child.exitCode === null;

/** One injected fault: `survive` throws when the zone did not come through; counted, then rethrown. */
async function fault(what: string, survive: () => Promise<void>): Promise<void> {
  const err = await survive().then(
    () => undefined,
    (e: unknown) => e ?? new Error('failed'),
  );
  tally.fault(what, err === undefined, String(err ?? '').slice(0, 300));
  if (err !== undefined) throw err;
}

describe('SNMP agents misbehaving among good ones', () => {
  it('slow and garbage-answering agents are down with a reason; the good one stays up', async () => {
    await fault('SNMP agent answering after 1.5 s (timeout 300 ms)', async () => {
      await waitUp('pc-slow', 'snmp', 0);
      expect(
        metricSum(await metrics(), 'zoneops_poll_failures_total', { protocol: 'snmp', reason: 'timeout' }),
      ).toBeGreaterThan(0);
      await waitUp('pc-good', 'snmp', 1);
      expect(await alive()).toBe(true);
    });
    await fault('SNMP agent answering garbage', async () => {
      await waitUp('pc-garbage', 'snmp', 0);
      await waitUp('pc-good', 'snmp', 1);
      expect(await alive()).toBe(true);
    });
  });

  it('an agent that stops answering goes down, the others keep being polled, and it comes back by itself', async () => {
    await waitUp('pc-flaky', 'snmp', 1);
    await fault('SNMP agent going silent, then back', async () => {
      silentMode = true;
      await waitUp('pc-flaky', 'snmp', 0);
      const seenBefore =
        metric(await metrics(), 'zoneops_device_last_seen_timestamp_seconds', { device: 'pc-good' }) ?? 0;
      await waitUntil(
        async () =>
          (metric(await metrics(), 'zoneops_device_last_seen_timestamp_seconds', { device: 'pc-good' }) ??
            0) > seenBefore,
        15_000,
        'pc-good polled again while pc-flaky is silent',
      );
      silentMode = false;
      await waitUp('pc-flaky', 'snmp', 1, 45_000);
      expect(await alive()).toBe(true);
    });
  }, 90_000);
});

describe('IPP printers failing', () => {
  it('a server cutting the connection mid-answer: that printer is down, the daemon lives', async () => {
    await fault('IPP server cutting the connection mid-answer', async () => {
      await waitUp('printer-cut', 'ipp', 0);
      expect(cut.requests.length).toBeGreaterThan(0);
      expect(metricSum(await metrics(), 'zoneops_poll_failures_total', { protocol: 'ipp' })).toBeGreaterThan(
        0,
      );
      expect(await alive()).toBe(true);
    });
  });

  it('ippeveprinter killed with SIGKILL: down, then up again when it is back on its port', async () => {
    await waitUp('printer-eve', 'ipp', 1);
    await fault('ippeveprinter killed with SIGKILL, then restarted', async () => {
      eve.peer.proc.kill('SIGKILL');
      await waitUp('printer-eve', 'ipp', 0);
      expect(await alive()).toBe(true);
      // The same printer again, same port and spool (the helper's arguments, see test/helpers/ipp-peer.ts).
      eveAgain = startPeer(
        'ippeveprinter',
        [
          '-p',
          String(eve.port),
          '-n',
          'localhost',
          '-r',
          'off',
          '-d',
          join(eve.dir, 'spool'),
          '-M',
          'Example',
          '-m',
          'Office MFP',
          '-s',
          '30,20',
          '-2',
          '-f',
          'text/plain,application/octet-stream',
          '-v',
          'Office MFP',
        ],
        { cwd: eve.dir },
      );
      await waitUp('printer-eve', 'ipp', 1, 45_000);
    });
  }, 90_000);
});

describe('the MQTT broker', () => {
  const sensor = (watts: number) =>
    JSON.stringify({ Time: '2025-05-06T10:00:00', ENERGY: { Total: 1.5, Power: watts } });
  const watts = async () => metric(await metrics(), 'zoneops_device_power_watts', { device: 'plug-01' });

  it('killed and restarted: zoneops reconnects, resubscribes and reads the plug again', async () => {
    await client.publishAsync('tele/relplug/SENSOR', sensor(42));
    await waitUntil(async () => (await watts()) === 42, 15_000, 'plug at 42 W');
    await fault('MQTT broker killed, then restarted', async () => {
      const lost = (daemon.output().match(/MQTT connection lost/g) ?? []).length;
      await mosq.stop();
      await waitUntil(
        () => (daemon.output().match(/MQTT connection lost/g) ?? []).length > lost,
        15_000,
        'zoneops to log "MQTT connection lost"',
      );
      expect(await alive()).toBe(true);
      await mosq.start();
      // Our publisher reconnects by itself too; keep publishing until zoneops has resubscribed.
      await waitUntil(
        async () => {
          if (client.connected) client.publish('tele/relplug/SENSOR', sensor(57));
          return (await watts()) === 57;
        },
        30_000,
        'plug at 57 W after the broker restart',
      );
    });
  }, 60_000);

  it('junk on the topics it listens to is counted in zoneops_mqtt_bad_messages_total and changes nothing', async () => {
    await waitUntil(async () => (await watts()) === 57, 15_000, 'plug at 57 W');
    const mark = tally.mark();
    const junk: Array<[string, string | Buffer]> = [
      ['tele/relplug/SENSOR', '{"ENERGY":{"Power":"lots"}}'],
      ['tele/relplug/SENSOR', '{"ENERGY":{"Power":-5}}'],
      ['tele/relplug/SENSOR', '{"ENERGY":7}'],
      ['tele/relplug/SENSOR', 'not json {'],
      ['tele/relplug/SENSOR', Buffer.from([0xff, 0xfe, 0x00, 0x80])],
      ['tele/relplug/SENSOR', `{"ENERGY":{"Power":${'9'.repeat(400)}}}`],
      ['tele/relplug/STATE', '{"POWER":42}'],
      ['stat/relplug/POWER', 'MAYBE'],
      ['tele/relplug/LWT', 'Sideways'],
      // Not junk to Tasmota: a SENSOR message without ENERGY comes from a plug with other sensors (a
      // DS18B20's {"DS18B20":{…}}, Tasmota's SENSOR telemetry), so it is valid and changes no power reading;
      // the __proto__ key must not pollute anything either.
      ['tele/relplug/SENSOR', '{"__proto__":{"ENERGY":{"Power":1}}}'],
      ['zoneops/reliability/devices/nobody/telemetry', '{"online":true}'],
      ['zoneops/reliability/devices/plug-01/telemetry', '[]'],
    ];
    const bad = async () => metricSum(await metrics(), 'zoneops_mqtt_bad_messages_total');
    const marker = async () => metric(await metrics(), 'zoneops_device_power_watts', { device: 'plug-02' });
    for (const [i, [topic, payload]] of junk.entries()) {
      const what = `${topic} ${String(payload).slice(0, 60)}`;
      const before = await bad();
      // QoS 1 from one client: the broker hands them over in order, so once the marker reading (a
      // valid message sent after the junk one) is in, the junk one has been handled.
      await client.publishAsync(topic, payload, { qos: 1 });
      await client.publishAsync('tele/relmarker/SENSOR', sensor(i + 1), { qos: 1 });
      await waitUntil(async () => (await marker()) === i + 1, 15_000, `the marker reading after ${what}`);
      const counted = (await bad()) - before;
      const w = await watts();
      const up = await alive();
      const valid = payload.toString().includes('__proto__');
      const outcome = !up
        ? 'crashed'
        : w !== 57 || ({} as Record<string, unknown>).ENERGY !== undefined
          ? 'mishandled'
          : valid
            ? counted === 0
              ? 'accepted'
              : 'mishandled'
            : counted === 1
              ? 'refused'
              : 'mishandled';
      tally.input(what, outcome, `plug reading ${w} W, counted as bad ${counted} time(s)`);
    }
    const t = tally.data.inputs;
    tally.note(
      `${junk.length} MQTT messages published on the plug's topics: ${t.refused} junk counted as bad, ${t.accepted} valid (no ENERGY) accepted, plug reading unchanged; ${t.mishandled + t.crashed} otherwise`,
    );
    expect(tally.failuresSince(mark)).toEqual([]);
  }, 60_000);
});
