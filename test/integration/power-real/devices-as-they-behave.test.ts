import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Mosquitto, startMosquitto } from '../../helpers/mosquitto.js';
import { type Receiver, startReceiver } from '../../helpers/receivers.js';
import { localClock, ShiftedClock, shanghai } from './clock.js';
import { type Daemon, device, powerActions, powerFaults, startDaemon, tempDb, zoneConfig } from './daemon.js';
import {
  freshReadings,
  plugFedPc,
  type ShellyGen2Plug,
  startObserver,
  startShellyGen2Plug,
  startTasmotaPlug,
  type TasmotaPlug,
} from './devices.js';

/**
 * Closing time on Thursday 26 Nov 2026 (a working day; PCs and kiosks off at 17:45) with devices that
 * behave as their projects document, over a real Mosquitto:
 * - pc-01: a HASS.Agent whose user made the shutdown command a *Button* (not the default Switch) and
 *   which announces it in its retained discovery config (hass-agent.md, "Correction and additions";
 *   HASS.Agent MqttManager.cs AnnounceAutoDiscoveryConfigAsync): zoneops must learn that topic;
 * - kiosk-01: behind a Shelly Plus Plug S with factory MQTT settings (status_ntf off: it publishes no
 *   status until asked, shelly.md "Additions"), started before zoneops; zoneops must ask it over RPC.
 */

let broker: Mosquitto;
let hook: Receiver;
let observer: Awaited<ReturnType<typeof startObserver>>;
let daemon: Daemon;
let plug01: TasmotaPlug;
let gen2: ShellyGen2Plug;
let pc: ReturnType<typeof plugFedPc>;
const clock = new ShiftedClock(shanghai('2026-11-26T17:40:00'));
const at = (hhmmss: string) => shanghai(`2026-11-26T${hhmmss}`);
const gen2Prefix = 'shellyplusplugs-b0b21c0ffee1';

async function minute(hhmm: string) {
  clock.jumpTo(at(`${hhmm}:00`));
  const topics = ['tele/plug01/SENSOR'];
  if (pc.agent.online) topics.push('homeassistant/sensor/pc01/cpu_load/state');
  await freshReadings(observer, topics, daemon);
  await daemon.tick();
}

const rpcSent = (from: number) =>
  observer.log
    .filter((m) => m.topic === `${gen2Prefix}/rpc` && m.at >= from)
    .map((m) => JSON.parse(m.payload) as { method: string; params: unknown; src: string });

beforeAll(async () => {
  broker = await startMosquitto();
  hook = await startReceiver({ kind: 'webhook' });
  observer = await startObserver(broker.url, clock);
  pc = plugFedPc({ url: broker.url, agentName: 'pc01', running: true, entity: 'button' });
  await pc.agent.boot();
  plug01 = await startTasmotaPlug({
    url: broker.url,
    topic: 'plug01',
    clock,
    relay: 'on',
    load: pc.load,
    onRelay: (r) => pc.onRelay(r),
  });
  gen2 = await startShellyGen2Plug({
    url: broker.url,
    prefix: gen2Prefix,
    output: true,
    load: () => 38.5,
    energyWh: 12_345,
  });
  const config = zoneConfig({
    site: 'behave',
    brokerUrl: broker.url,
    hookUrl: `${hook.url}/hook`,
    power: { staggerSeconds: 1, switchTimeoutSeconds: 3 },
    devices: [
      device('pc-01', 'pc', {
        mqtt: { family: 'agent', topic: 'pc01' },
        power: { method: 'plug', plug: 'plug-01' },
      }),
      device('plug-01', 'plug', { mqtt: { family: 'tasmota', topic: 'plug01' } }),
      device('kiosk-01', 'kiosk', { power: { method: 'plug', plug: 'plug-s2' } }),
      device('plug-s2', 'plug', { mqtt: { family: 'shelly2', topic: gen2Prefix } }),
    ],
  });
  daemon = await startDaemon(config, clock, tempDb('power-behave'));
}, 60_000);

afterAll(async () => {
  await daemon?.stop();
  await plug01?.stop();
  await gen2?.stop();
  await pc?.agent.stop();
  await observer?.stop();
  await hook?.close();
  await broker?.close();
});

describe('a Shelly Gen2 plug that says nothing until asked', () => {
  it('is asked Switch.GetStatus on connect and known within seconds: relay, watts and kWh', async () => {
    const metric = async (name: string) => {
      const text = await (await fetch(`http://127.0.0.1:${daemon.app.address?.port}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes('device="plug-s2"'));
      return line === undefined ? null : Number(line.split(' ').at(-1));
    };
    await vi.waitUntil(async () => (await metric('zoneops_device_power_watts')) !== null, {
      timeout: 5000,
      interval: 100,
    });
    expect(await metric('zoneops_device_power_watts')).toBe(38.5);
    expect(await metric('zoneops_device_energy_kwh_total')).toBe(12.345);
    expect(gen2.requests[0]).toBe('Switch.GetStatus');
    // zoneops asked with a src of its own and listens for the reply there (cesanta/mongoose-os #291)
    const [ask] = rpcSent(0);
    expect(ask?.src).toBe('zoneops-behave_plug-s2');
    expect(observer.log.some((m) => m.topic === 'zoneops-behave_plug-s2/rpc')).toBe(true);
    // it was on, as it should be at 17:40: no Switch.Set
    expect(gen2.requests).not.toContain('Switch.Set');
  });
});

describe('closing time', () => {
  it('17:45: the PC is shut down through the button topic its agent announced; the kiosk’s Gen2 plug is switched off', async () => {
    await minute('17:44');
    await minute('17:45');
    const sent = observer
      .commands()
      .filter((m) => m.at >= at('17:45:00'))
      .map((m) => [m.topic, m.payload]);
    expect(sent).toEqual([['homeassistant/button/pc01/shutdown/set', 'PRESS']]);
    expect(daemon.logs.some((l) => l.includes('"msg":"agent command learned from discovery"'))).toBe(true);
    expect(rpcSent(at('17:45:00')).map((f) => [f.method, f.params])).toEqual([
      ['Switch.Set', { id: 0, on: false }],
    ]);
    await vi.waitUntil(() => !gen2.output && !pc.agent.online, { timeout: 5000, interval: 50 });
  });

  it('the PC’s plug is cut once its agent is offline and the power is low; nothing is left on', async () => {
    await minute('17:46');
    await minute('17:47');
    const cut = observer.commands().filter((m) => m.at >= at('17:45:30'));
    expect(cut.map((m) => [m.topic, m.payload, localClock(m.at).slice(0, 5)])).toEqual([
      ['cmnd/plug01/POWER', 'OFF', '17:46'],
    ]);
    expect(plug01.relay).toBe('off');
    expect(await powerFaults(daemon)).toEqual([]);
    const actions = await powerActions(daemon);
    expect(actions.filter(([, a]) => a !== 'on')).toEqual([
      ['pc-01', 'soft-off', 'ok'],
      ['kiosk-01', 'cut', 'ok'],
      ['pc-01', 'cut', 'ok'],
    ]);
  });
});
