import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Mosquitto, startMosquitto } from '../../helpers/mosquitto.js';
import { type Receiver, startReceiver } from '../../helpers/receivers.js';
import { localClock, ShiftedClock, shanghai } from './clock.js';
import { type Daemon, device, powerActions, powerFaults, startDaemon, tempDb, zoneConfig } from './daemon.js';
import {
  agentWasOffline,
  freshReadings,
  plugFedPc,
  startObserver,
  startTasmotaPlug,
  type TasmotaPlug,
} from './devices.js';

/**
 * A daemon (re)started in the middle of a day, over a real Mosquitto: the start-up pass catches up
 * with what should be on, a restart right after repeats nothing and loses nothing, a day off
 * switches nothing on. Dates: Thursday 26 Nov 2026 is a working day, Monday 5 Oct 2026 is 国庆节
 * (../shared/fixtures/calendar/cn-holidays.md: 1–7 Oct closed).
 */

let broker: Mosquitto;
let hook: Receiver;

beforeAll(async () => {
  broker = await startMosquitto();
  hook = await startReceiver({ kind: 'webhook' });
}, 30_000);

afterAll(async () => {
  await hook?.close();
  await broker?.close();
});

/** A printer, a PC with an agent and a kiosk, each behind its own Tasmota plug, all off; topics prefixed. */
async function darkZone(prefix: string, site: string, clock: ShiftedClock) {
  const url = broker.url;
  const observer = await startObserver(url, clock);
  await agentWasOffline(url, `${prefix}pc`);
  const pc = plugFedPc({ url, agentName: `${prefix}pc` });
  const plugs: TasmotaPlug[] = [
    await startTasmotaPlug({ url, topic: `${prefix}plug1`, clock, relay: 'off', load: () => 28 }),
    await startTasmotaPlug({
      url,
      topic: `${prefix}plug2`,
      clock,
      relay: 'off',
      load: pc.load,
      onRelay: (r) => pc.onRelay(r),
    }),
    await startTasmotaPlug({ url, topic: `${prefix}plug3`, clock, relay: 'off', load: () => 40 }),
  ];
  const config = zoneConfig({
    site,
    brokerUrl: url,
    hookUrl: `${hook.url}/hook`,
    power: { staggerSeconds: 2, switchTimeoutSeconds: 5 },
    devices: [
      device('printer-01', 'printer', { power: { method: 'plug', plug: 'plug-01' } }),
      device('plug-01', 'plug', { mqtt: { family: 'tasmota', topic: `${prefix}plug1` } }),
      device('pc-02', 'pc', {
        mqtt: { family: 'agent', topic: `${prefix}pc` },
        power: { method: 'plug', plug: 'plug-02' },
      }),
      device('plug-02', 'plug', { mqtt: { family: 'tasmota', topic: `${prefix}plug2` } }),
      device('kiosk-01', 'kiosk', { power: { method: 'plug', plug: 'plug-03' } }),
      device('plug-03', 'plug', { mqtt: { family: 'tasmota', topic: `${prefix}plug3` } }),
    ],
  });
  const dbPath = tempDb(`power-${site}`);
  const daemons: Daemon[] = [];
  return {
    observer,
    pc,
    plugs,
    /** Starts a daemon on this zone's database (a restart when one ran before). */
    async start() {
      const d = await startDaemon(config, clock, dbPath);
      daemons.push(d);
      return d;
    },
    /** This zone's power commands seen on the broker since `fromReal` (real ms). */
    mine: (fromReal = 0) =>
      observer.commands().filter((m) => m.real >= fromReal && m.topic.includes(`/${prefix}`)),
    commands(fromReal = 0) {
      return this.mine(fromReal).map((m) => [m.topic, m.payload]);
    },
    async minute(local: string, d: Daemon) {
      clock.jumpTo(shanghai(local));
      const topics = plugs.map((p) => `tele/${p.topic}/SENSOR`);
      if (pc.agent.online) topics.push(`homeassistant/sensor/${prefix}pc/cpu_load/state`);
      await freshReadings(observer, topics, d);
      await d.tick();
    },
    async close() {
      for (const d of daemons) await d.stop();
      for (const p of plugs) await p.stop();
      await pc.agent.stop();
      await observer.stop();
    },
  };
}

describe('catch-up at 10:00 on a working day, then a restart once everything is on', () => {
  const clock = new ShiftedClock(shanghai('2026-11-26T10:00:00'));
  let zone: Awaited<ReturnType<typeof darkZone>>;
  let first: Daemon;

  beforeAll(async () => {
    zone = await darkZone('a', 'catchupa', clock);
  }, 30_000);
  afterAll(async () => {
    await zone?.close();
  });

  it('the start-up pass switches on everything that should be on, printer first, staggered', async () => {
    first = await zone.start();
    await vi.waitUntil(() => zone.mine().length >= 3, { timeout: 10_000, interval: 50 });
    const cmds = zone.mine();
    expect(cmds.map((m) => [m.topic, m.payload])).toEqual([
      ['cmnd/aplug1/POWER', 'ON'],
      ['cmnd/aplug2/POWER', 'ON'],
      ['cmnd/aplug3/POWER', 'ON'],
    ]);
    const [p, pc, k] = cmds.map((m) => m.at) as [number, number, number];
    expect(localClock(p).slice(0, 5)).toBe('10:00');
    expect(pc - p, 'staggerSeconds 2').toBeGreaterThanOrEqual(1900);
    expect(k - pc, 'staggerSeconds 2').toBeGreaterThanOrEqual(1900);
    await vi.waitUntil(() => zone.pc.agent.online, { timeout: 5000, interval: 50 });
    await zone.minute('2026-11-26T10:01:00', first);
    expect(await powerActions(first)).toEqual([
      ['printer-01', 'on', 'ok'],
      ['pc-02', 'on', 'ok'],
      ['kiosk-01', 'on', 'ok'],
    ]);
  });

  it('a second daemon started right after sends no command at all: everything is on', async () => {
    await first.stop();
    const restartedAt = Date.now();
    const restartedClock = clock.now();
    const second = await zone.start();
    // Its start-up pass has decided (start() waits for it): it recorded no command, staggered or not.
    expect(await powerActions(second, restartedClock)).toEqual([]);
    await zone.minute('2026-11-26T10:02:00', second);
    await zone.minute('2026-11-26T10:03:00', second);
    expect(zone.commands(restartedAt)).toEqual([]);
    expect(zone.plugs.flatMap((p) => p.commands)).toEqual(['ON', 'ON', 'ON']);
    expect(await powerFaults(second)).toEqual([]);
  });
});

describe('a restart while the staggered start-ups are still waiting', () => {
  const clock = new ShiftedClock(shanghai('2026-11-26T10:00:00'));
  let zone: Awaited<ReturnType<typeof darkZone>>;

  beforeAll(async () => {
    zone = await darkZone('b', 'catchupb', clock);
  }, 30_000);
  afterAll(async () => {
    await zone?.close();
  });

  it('the new daemon neither repeats the command that went out nor forgets the ones that did not', async () => {
    const first = await zone.start();
    await vi.waitUntil(() => zone.mine().length >= 1, { timeout: 10_000, interval: 20 });
    // Restarted before the PC's and the kiosk's turn (2 s and 4 s later): those were never sent.
    await first.stop();
    expect(zone.commands()).toEqual([['cmnd/bplug1/POWER', 'ON']]);
    const second = await zone.start();
    // The two commands that never went out are sent again by its start-up pass, staggered.
    await vi.waitUntil(() => zone.commands().length >= 3, { timeout: 10_000, interval: 20 });
    await zone.minute('2026-11-26T10:01:00', second);
    await zone.minute('2026-11-26T10:02:00', second);
    expect(zone.commands()).toEqual([
      ['cmnd/bplug1/POWER', 'ON'],
      ['cmnd/bplug2/POWER', 'ON'],
      ['cmnd/bplug3/POWER', 'ON'],
    ]);
    expect(zone.plugs.map((p) => p.relay)).toEqual(['on', 'on', 'on']);
  });
});

describe('a day off (国庆节, Monday 5 Oct 2026)', () => {
  const clock = new ShiftedClock(shanghai('2026-10-05T10:00:00'));
  let zone: Awaited<ReturnType<typeof darkZone>>;

  beforeAll(async () => {
    zone = await darkZone('c', 'catchupc', clock);
  }, 30_000);
  afterAll(async () => {
    await zone?.close();
  });

  it('a daemon started at 10:00 switches nothing on, then or in the following minutes', async () => {
    const d = await zone.start();
    // Its start-up pass has decided (start() waits for it): nothing recorded, nothing to stagger.
    expect(await powerActions(d)).toEqual([]);
    await zone.minute('2026-10-05T10:01:00', d);
    await zone.minute('2026-10-05T10:30:00', d);
    expect(zone.commands()).toEqual([]);
    expect(zone.plugs.map((p) => p.relay)).toEqual(['off', 'off', 'off']);
    expect(await powerActions(d)).toEqual([]);
  });
});
