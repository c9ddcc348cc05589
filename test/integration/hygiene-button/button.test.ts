import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Config } from '../../../src/config/schema.js';
import { type Mosquitto, startMosquitto } from '../../helpers/mosquitto.js';
import { type Receiver, startReceiver } from '../../helpers/receivers.js';
import { ShiftedClock, shanghai } from '../power-real/clock.js';
import { type Daemon, startDaemon, tempDb, zoneConfig } from '../power-real/daemon.js';

/**
 * The hygiene button by the door over a real Mosquitto: a client publishes
 * `zoneops/<site>/hygiene/<target>/<task>` (issue 8) and the record shows up in
 * GET /api/v1/hygiene/records. Thursday 26 Nov 2026, 08:20, before opening (a working day).
 */

const site = 'hygzone';
const topic = (target: string, task: string, s = site) => `zoneops/${s}/hygiene/${target}/${task}`;

interface RecordView {
  id: number;
  target: string;
  task: string;
  actor: string;
  recordedAt: number;
  doneAt: number;
  backdated: boolean;
  source: string;
}

let broker: Mosquitto;
let hook: Receiver;
let button: MqttClient;
let daemon: Daemon;
let config: Config;
const dbPath = tempDb('hygiene-button');
const clock = new ShiftedClock(shanghai('2026-11-26T08:20:00'));

async function records(): Promise<RecordView[]> {
  const r = await daemon.api<{ records: RecordView[] }>('/hygiene/records?from=2026-11-26&to=2026-11-26');
  if (r.status !== 200) throw new Error(`GET /hygiene/records: HTTP ${r.status}`);
  return [...r.body.records].sort((a, b) => a.id - b.id);
}

const brief = (rs: readonly RecordView[]) => rs.map((r) => [r.target, r.task, r.actor, r.source]);

/** Presses a button (QoS 1, in order on this one client connection). */
const press = (t: string, payload = '1', retain = false) =>
  button.publishAsync(t, payload, { qos: 1, retain });

/** Waits until there are `n` records: a later press is the barrier proving earlier ones were handled. */
async function untilCount(n: number): Promise<RecordView[]> {
  await vi.waitUntil(async () => (await records()).length >= n, { timeout: 8000, interval: 100 });
  return records();
}

beforeAll(async () => {
  broker = await startMosquitto();
  hook = await startReceiver({ kind: 'webhook' });
  button = await mqtt.connectAsync(broker.url, { clientId: 'door-button', reconnectPeriod: 0 });
  // A press from yesterday, kept by the broker because the button firmware publishes with retain.
  await press(topic('waiting-area', 'clean'), '1', true);
  config = zoneConfig({
    site,
    brokerUrl: broker.url,
    hookUrl: `${hook.url}/hook`,
    devices: [],
    hygiene: {
      targets: [
        { id: 'reading-area', name: '查阅区' },
        { id: 'self-service-area', name: '自助办理区' },
        { id: 'waiting-area', name: '等候区', tasks: ['clean'] },
      ],
    },
  });
  daemon = await startDaemon(config, clock, dbPath);
}, 60_000);

afterAll(async () => {
  await daemon?.stop();
  await button?.endAsync();
  await hook?.close();
  await broker?.close();
});

describe('hygiene button over a real Mosquitto', () => {
  it('a press records the task for the target, at server time, from the button', async () => {
    const before = clock.now();
    await press(topic('reading-area', 'clean'));
    const [r, ...more] = await untilCount(1);
    expect(more).toEqual([]);
    expect(r).toMatchObject({
      target: 'reading-area',
      task: 'clean',
      actor: 'button',
      source: 'button',
      backdated: false,
    });
    expect(r?.recordedAt).toBeGreaterThanOrEqual(before);
    expect(r?.recordedAt).toBeLessThanOrEqual(clock.now());
    expect(r?.doneAt).toBe(r?.recordedAt);
  });

  it('the retained press the broker replayed at subscription made no record', async () => {
    expect((await records()).filter((r) => r.target === 'waiting-area')).toEqual([]);
  });

  it('unknown target, a task not in the plan, another site, a release, an empty payload: no record', async () => {
    await press(topic('nowhere', 'clean'));
    await press(topic('waiting-area', 'disinfect')); // waiting-area is cleaned only
    await press(topic('reading-area', 'polish'));
    await press(topic('reading-area', 'disinfect', 'othersite'));
    await press(topic('reading-area', 'disinfect'), JSON.stringify({ action: 'release' }));
    await press(topic('reading-area', 'disinfect'), '');
    await press(`${topic('reading-area', 'disinfect')}/extra`);
    // The barrier: a zigbee2mqtt-style press naming who cleaned.
    await press(topic('self-service-area', 'disinfect'), JSON.stringify({ action: 'single', by: '李娟' }));
    const all = await untilCount(2);
    expect(brief(all)).toEqual([
      ['reading-area', 'clean', 'button', 'button'],
      ['self-service-area', 'disinfect', '李娟', 'button'],
    ]);
  });

  it('a second press within the debounce makes no second record; a press after it does', async () => {
    await press(topic('reading-area', 'clean')); // a few (real) seconds after the first: bounce
    await press(topic('self-service-area', 'clean')); // barrier
    let all = await untilCount(3);
    expect(brief(all).filter(([t, task]) => t === 'reading-area' && task === 'clean')).toHaveLength(1);
    expect(all).toHaveLength(3);
    // Two minutes later the attendant cleans again (a spill): that is a new record.
    clock.jumpTo(clock.now() + 2 * 60_000);
    await press(topic('reading-area', 'clean'));
    all = await untilCount(4);
    expect(brief(all).filter(([t, task]) => t === 'reading-area' && task === 'clean')).toHaveLength(2);
    expect(all).toHaveLength(4);
  });

  it('after a restart the broker replays the retained press again: still no record; a live press on that topic records', async () => {
    await daemon.stop();
    daemon = await startDaemon(config, clock, dbPath);
    await press(topic('reading-area', 'disinfect')); // barrier: the subscription is live
    let all = await untilCount(5);
    expect(all.filter((r) => r.target === 'waiting-area')).toEqual([]);
    await press(topic('waiting-area', 'clean'));
    all = await untilCount(6);
    expect(brief(all.slice(4))).toEqual([
      ['reading-area', 'disinfect', 'button', 'button'],
      ['waiting-area', 'clean', 'button', 'button'],
    ]);
  });
});
