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
 * A working day of the zone over a real Mosquitto, zoneops configured with `mqtt.url`. Thursday
 * 26 Nov 2026 is an ordinary working day (no holiday near it in ../shared/fixtures/calendar/cn-holidays.md);
 * winter hours 09:00-12:00, 14:00-17:30 with the default lead/lag, so:
 * printers on 08:40 / off 18:00, PCs and kiosks on 08:45 / off 17:45.
 * The test is the cron: it sets the clock to a minute and runs that minute's reconciliation pass.
 */

let broker: Mosquitto;
let hook: Receiver;
let observer: Awaited<ReturnType<typeof startObserver>>;
let daemon: Daemon;
const plugs: TasmotaPlug[] = [];
const clock = new ShiftedClock(shanghai('2026-11-26T08:39:30'));
let pc: ReturnType<typeof plugFedPc>;

const at = (hhmmss: string) => shanghai(`2026-11-26T${hhmmss}`);
const commandsFrom = (from: number) =>
  observer
    .commands()
    .filter((m) => m.at >= from)
    .map((m) => ({ topic: m.topic, payload: m.payload, at: m.at }));

/** Sets the clock to a minute, lets the devices report, runs the pass. */
async function minute(hhmm: string) {
  clock.jumpTo(at(`${hhmm}:00`));
  const topics = plugs.map((p) => `tele/${p.topic}/SENSOR`);
  if (pc.agent.online) topics.push('homeassistant/sensor/pc02/cpu_load/state');
  await freshReadings(observer, topics, daemon);
  await daemon.tick();
}

beforeAll(async () => {
  broker = await startMosquitto();
  hook = await startReceiver({ kind: 'webhook' });
  observer = await startObserver(broker.url, clock);
  // Everything is off at dawn: relays off, the PC's agent left its retained "offline" last evening.
  await agentWasOffline(broker.url, 'pc02');
  // A PC that takes a while to power down after its agent has gone (updates being installed).
  pc = plugFedPc({ url: broker.url, agentName: 'pc02', holdPower: true });
  plugs.push(
    await startTasmotaPlug({ url: broker.url, topic: 'plug01', clock, relay: 'off', load: () => 28 }),
    await startTasmotaPlug({
      url: broker.url,
      topic: 'plug02',
      clock,
      relay: 'off',
      load: pc.load,
      onRelay: (r) => pc.onRelay(r),
    }),
    await startTasmotaPlug({ url: broker.url, topic: 'plug03', clock, relay: 'off', load: () => 40 }),
  );
  const config = zoneConfig({
    site: 'dayzone',
    brokerUrl: broker.url,
    hookUrl: `${hook.url}/hook`,
    power: { staggerSeconds: 2, switchTimeoutSeconds: 5 },
    devices: [
      device('printer-01', 'printer', { power: { method: 'plug', plug: 'plug-01' } }),
      device('plug-01', 'plug', { mqtt: { family: 'tasmota', topic: 'plug01' } }),
      device('pc-02', 'pc', {
        mqtt: { family: 'agent', topic: 'pc02' },
        power: { method: 'plug', plug: 'plug-02' },
      }),
      device('plug-02', 'plug', { mqtt: { family: 'tasmota', topic: 'plug02' } }),
      device('kiosk-01', 'kiosk', { power: { method: 'plug', plug: 'plug-03' } }),
      device('plug-03', 'plug', { mqtt: { family: 'tasmota', topic: 'plug03' } }),
    ],
  });
  daemon = await startDaemon(config, clock, tempDb('power-day'));
  await freshReadings(
    observer,
    plugs.map((p) => `tele/${p.topic}/SENSOR`),
  );
}, 60_000);

afterAll(async () => {
  await daemon?.stop();
  for (const p of plugs) await p.stop();
  await pc?.agent.stop();
  await observer?.stop();
  await hook?.close();
  await broker?.close();
});

describe('power schedule over a real Mosquitto: a working day', () => {
  it('its start-up pass at 08:39 switches nothing (too early)', () => {
    expect(observer.commands()).toEqual([]);
  });

  it('opening: printers at 08:40, then PCs and kiosks at 08:45, staggered, each command once', async () => {
    await minute('08:40');
    await minute('08:44');
    await minute('08:45');
    // The kiosk's start is staggered by staggerSeconds (2 s) after the PC's.
    await vi.waitUntil(() => observer.commands().length >= 3, { timeout: 10_000, interval: 50 });
    const cmds = commandsFrom(0);
    expect(cmds.map((c) => [c.topic, c.payload])).toEqual([
      ['cmnd/plug01/POWER', 'ON'],
      ['cmnd/plug02/POWER', 'ON'],
      ['cmnd/plug03/POWER', 'ON'],
    ]);
    const [printer, pc02, kiosk] = cmds.map((c) => c.at) as [number, number, number];
    const late = (actual: number, planned: number) =>
      `${localClock(actual)} (planned ${localClock(planned)})`;
    expect(printer - at('08:40:00'), late(printer, at('08:40:00'))).toBeLessThan(1500);
    expect(pc02 - at('08:45:00'), late(pc02, at('08:45:00'))).toBeGreaterThanOrEqual(0);
    expect(pc02 - at('08:45:00'), late(pc02, at('08:45:00'))).toBeLessThan(1500);
    expect(kiosk - pc02).toBeGreaterThanOrEqual(1900);
    expect(kiosk - pc02).toBeLessThan(4000);
    // The devices answered as real ones do: relays on, the PC booted and its agent is online.
    await vi.waitUntil(() => pc.agent.online, { timeout: 5000, interval: 50 });
    expect(plugs.map((p) => p.relay)).toEqual(['on', 'on', 'on']);
  });

  it('the following minutes find everything on: no second command, no power-on-failed after the grace period', async () => {
    for (const m of ['08:46', '08:50', '08:56', '09:00']) await minute(m);
    expect(commandsFrom(at('08:45:30'))).toEqual([]);
    expect(await powerFaults(daemon)).toEqual([]);
    expect(plugs.flatMap((p) => p.commands)).toEqual(['ON', 'ON', 'ON']);
  });

  it('closing: the PC is shut down through its agent, its plug cut only once the agent is gone AND the power is low', async () => {
    await minute('17:44');
    expect(commandsFrom(at('09:00:30'))).toEqual([]);
    await minute('17:45');
    // The soft shutdown first; the kiosk has no agent, its plug is cut at once.
    expect(commandsFrom(at('17:45:00')).map((c) => [c.topic, c.payload])).toEqual([
      ['homeassistant/switch/pc02/shutdown/set', 'ON'],
      ['cmnd/plug03/POWER', 'OFF'],
    ]);
    expect(pc.agent.online).toBe(false);
    // The agent is gone, but the PC still draws 65 W (installing updates): the plug stays on.
    await minute('17:46');
    await minute('17:47');
    expect(commandsFrom(at('17:45:30'))).toEqual([]);
    expect(plugs[1]?.relay).toBe('on');
    // The PC powers down (2 W standby): the next minute cuts its plug.
    pc.releasePower();
    await minute('17:48');
    expect(
      commandsFrom(at('17:45:30')).map((c) => [c.topic, c.payload, localClock(c.at).slice(0, 5)]),
    ).toEqual([['cmnd/plug02/POWER', 'OFF', '17:48']]);
    // On the broker: the press, then the agent's offline, then a reading under the 5 W threshold, then the cut.
    const log = observer.log.filter((m) => m.at >= at('17:45:00'));
    const press = log.findIndex((m) => m.topic === 'homeassistant/switch/pc02/shutdown/set');
    const offline = log.findIndex(
      (m) => m.topic === 'homeassistant/sensor/pc02/availability' && m.payload === 'offline',
    );
    const cut = log.findIndex((m) => m.topic === 'cmnd/plug02/POWER' && m.payload === 'OFF');
    const lastReadingBeforeCut = log
      .slice(0, cut)
      .filter((m) => m.topic === 'tele/plug02/SENSOR')
      .at(-1)?.payload;
    expect(press).toBeGreaterThanOrEqual(0);
    expect(offline).toBeGreaterThan(press);
    expect(cut).toBeGreaterThan(offline);
    expect((JSON.parse(lastReadingBeforeCut ?? '{}') as { ENERGY?: { Power?: number } }).ENERGY?.Power).toBe(
      2,
    );
  });

  it('after the cut everything is confirmed off: no more commands, no still-on-after-hours', async () => {
    await minute('17:49');
    await minute('17:55');
    expect(commandsFrom(at('17:48:30'))).toEqual([]);
    expect(plugs.map((p) => p.relay)).toEqual(['on', 'off', 'off']);
    expect(await powerFaults(daemon)).toEqual([]);
    expect(pc.agent.shutdownRequests).toBe(1);
    expect(await powerActions(daemon)).toEqual([
      ['printer-01', 'on', 'ok'],
      ['pc-02', 'on', 'ok'],
      ['kiosk-01', 'on', 'ok'],
      ['pc-02', 'soft-off', 'ok'],
      ['kiosk-01', 'cut', 'ok'],
      ['pc-02', 'cut', 'ok'],
    ]);
  });
});
