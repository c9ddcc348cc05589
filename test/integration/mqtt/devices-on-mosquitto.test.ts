import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/clock.js';
import { createLogger } from '../../../src/log.js';
import { createMqttLink, type MqttLink } from '../../../src/mqtt/link.js';
import { type AllDayZone, startAllDayZone } from '../../helpers/all-day-zone.js';
import { testConfig } from '../../helpers/config.js';
import { type Mosquitto, startMosquitto } from '../../helpers/mosquitto.js';
import { waitUntil } from '../../helpers/proc.js';
import { readFixture } from '../../unit/mqtt/fixture-messages.js';

/**
 * Smart plugs and agents as their projects document them, on a real Mosquitto, read by the whole
 * daemon (metrics, faults, messages) and by the MQTT link (commands, reconnects):
 * - Shelly Gen1 (../shared/fixtures/mqtt/shelly.md "Additions"): `shellies/shellyplug-s-BAR01/relay/0/energy`
 *   `60000` = 1 kWh; `relay/0` = `overpower` when the plug's own protection cut the relay;
 * - Tasmota with FullTopic `%topic%/%prefix%/` and relay 2 (tasmota/docs docs/MQTT.md "FullTopic";
 *   docs/API.md `stat/wemos2/RESULT = {"POWER2":"ON"}`);
 * - a forged HASS.Agent discovery config naming another device's topic (HASS.Agent's own format:
 *   HomeAssistant/Commands/CustomCommand.cs GetAutoDiscoveryConfig);
 * - a Shelly Gen2 plug asked Switch.GetStatus again after the broker restarts.
 */

const contact = { name: '演示厂家', phone: '400-000-0000' };
const device = (id: string, type: string, extra: Record<string, unknown>) => ({
  id,
  name: id,
  type,
  location: '一楼查阅区',
  assetNo: `T-${id}`,
  vendor: contact,
  serviceProvider: contact,
  responsible: '甲',
  ...extra,
});

let broker: Mosquitto;
let zone: AllDayZone;
const clients: MqttClient[] = [];
const connect = async (opts: mqtt.IClientOptions = {}) => {
  const c = await mqtt.connectAsync(broker.url, { reconnectPeriod: 200, connectTimeout: 3000, ...opts });
  clients.push(c);
  return c;
};
const metric = (name: string, labels: string) => zone.metric(name, labels);
const api = <T>(path: string) => zone.api<T>(path);

/** shelly.md: "Example: `shellies/shellyplug-s-BAR01/relay/0/energy` `60000` = 1 kWh." */
function gen1EnergyExample(): { topic: string; payload: string } {
  const m = /Example: `(shellies\/[^`]+\/relay\/0\/energy)` `(\d+)` = 1 kWh/.exec(readFixture('shelly.md'));
  if (!m?.[1] || !m[2]) throw new Error('shelly.md: the relay/0/energy example is gone');
  return { topic: m[1], payload: m[2] };
}

beforeAll(async () => {
  broker = await startMosquitto();
  zone = await startAllDayZone({
    site: 'plugs',
    mqtt: { url: broker.url },
    devices: [
      device('plug-g1', 'plug', {
        name: '插座 S-01',
        mqtt: { family: 'shelly1', topic: 'shellyplug-s-BAR01' },
      }),
      device('pc-f', 'pc', { mqtt: { family: 'agent', topic: 'PCF' } }),
    ],
  });
}, 30_000);

afterAll(async () => {
  await zone?.stop();
  for (const c of clients) await c.endAsync(true).catch(() => undefined);
  await broker?.close();
});

describe('Shelly Gen1 through the daemon', () => {
  it('relay/0/energy 60000 watt-minutes is 1 kWh in zoneops_device_energy_kwh_total', async () => {
    const plug = await connect({ clientId: 'shellyplug-s-BAR01' });
    await plug.publishAsync('shellies/shellyplug-s-BAR01/online', 'true', { retain: true, qos: 1 });
    await plug.publishAsync('shellies/shellyplug-s-BAR01/relay/0', 'on', { qos: 1 });
    await plug.publishAsync('shellies/shellyplug-s-BAR01/relay/0/power', '12.5', { qos: 1 });
    const example = gen1EnergyExample();
    await plug.publishAsync(example.topic, example.payload, { qos: 1 });
    await waitUntil(
      async () => (await metric('zoneops_device_energy_kwh_total', 'device="plug-g1"')) !== null,
      5000,
      'energy metric',
    );
    expect(await metric('zoneops_device_energy_kwh_total', 'device="plug-g1"')).toBe(1);
    expect(await metric('zoneops_device_power_watts', 'device="plug-g1"')).toBe(12.5);
  });

  it('relay/0 "overpower" raises plug-overload for the attendant and the technician', async () => {
    const plug = await connect();
    await plug.publishAsync('shellies/shellyplug-s-BAR01/relay/0', 'overpower', { qos: 1 });
    await waitUntil(
      async () =>
        (await api<{ faults: Array<{ deviceId: string; kind: string }> }>('/faults')).faults.some(
          (f) => f.deviceId === 'plug-g1' && f.kind === 'plug-overload',
        ),
      10_000,
      'plug-overload fault',
    );
    await waitUntil(
      () => zone.hook.accepted.some((r) => (r.json as { kind?: string }).kind === 'plug-overload'),
      10_000,
      'plug-overload message',
    );
    const msg = zone.hook.accepted
      .map((r) => r.json as { kind?: string; text: string; to: Array<{ id: string }> })
      .find((m) => m.kind === 'plug-overload');
    expect(msg?.to.map((t) => t.id).sort()).toEqual(['staff-a', 'tech']);
    expect(msg?.text).toContain('插座 S-01（一楼查阅区）插座因过载已自动断电');
    expect(msg?.text).toContain('请先检查所接设备有无异常，确认后再恢复供电。');
    // it was counted as a reading, not as a bad message
    expect((await metric('zoneops_mqtt_bad_messages_total', 'reason="bad-value"')) ?? 0).toBe(0);
  });
});

describe('a forged discovery config', () => {
  it('naming a topic outside the agent’s own prefix is refused and counted (reason foreign-topic)', async () => {
    const forger = await connect();
    await forger.publishAsync(
      'homeassistant/switch/PCF/shutdown/config',
      JSON.stringify({ name: 'shutdown', command_topic: 'cmnd/printer-plug/POWER', device: { name: 'PCF' } }),
      { qos: 1 },
    );
    await waitUntil(
      async () => ((await metric('zoneops_mqtt_bad_messages_total', 'reason="foreign-topic"')) ?? 0) >= 1,
      5000,
      'counted',
    );
    expect(await metric('zoneops_mqtt_bad_messages_total', 'reason="foreign-topic"')).toBe(1);
  });
});

describe('the MQTT link: Tasmota layouts and a Gen2 plug after a broker restart', () => {
  let link: MqttLink;

  beforeAll(async () => {
    const config = testConfig({
      site: 'plugs2',
      siteName: '测试专区',
      officeHours: { seasons: [{ name: '全天', from: '01-01', periods: ['00:00-23:59'] }] },
      mqtt: { url: broker.url, clientId: 'zoneops-plugs2' },
      devices: [
        device('plug-t2', 'plug', {
          mqtt: { family: 'tasmota', topic: 'wemos2', tasmota: { fullTopic: '%topic%/%prefix%/', relay: 2 } },
        }),
        device('plug-s2', 'plug', { mqtt: { family: 'shelly2', topic: 'shellyplusplugs-abc' } }),
      ],
    });
    link = createMqttLink({
      config: config.mqtt,
      site: 'plugs2',
      clock: systemClock,
      logger: createLogger('silent'),
      devices: config.devices,
      onObservation: () => {},
      backoff: { minMs: 200, maxMs: 1000 },
    });
  });
  afterAll(async () => {
    await link?.stop();
  });

  it('%topic%/%prefix%/ and POWER2: asked on connect, read, and switched on wemos2/cmnd/POWER2', async () => {
    const plug = await connect({ clientId: 'DVES_wemos2' });
    const got: string[] = [];
    plug.on('message', (topic, payload) => {
      got.push(`${topic} ${payload.toString()}`);
      if (topic !== 'wemos2/cmnd/POWER2') return;
      const cmd = payload.toString().toUpperCase();
      void plug.publishAsync('wemos2/stat/RESULT', JSON.stringify({ POWER2: cmd === 'OFF' ? 'OFF' : 'ON' }));
    });
    await plug.subscribeAsync('wemos2/cmnd/+', { qos: 1 });
    await plug.publishAsync('wemos2/tele/LWT', 'Online', { retain: true, qos: 1 });
    await link.start();
    await waitUntil(() => link.connected, 10_000, 'link connected');
    // the state query on connect: an empty POWER2
    await waitUntil(() => got.includes('wemos2/cmnd/POWER2 '), 5000, 'state query');
    await waitUntil(() => link.reading('plug-t2')?.relay === 'on', 5000, 'relay 2 read');
    await expect(link.power.switch('plug-t2', 'off', { timeoutMs: 5000 })).resolves.toMatchObject({
      ok: true,
    });
    expect(got.at(-1)).toBe('wemos2/cmnd/POWER2 OFF');
    expect(link.reading('plug-t2')?.relay).toBe('off');
  });

  it('a Gen2 plug is asked Switch.GetStatus again after the broker restarts', async () => {
    const asked: string[] = [];
    const plug = await connect({ clientId: 'shellyplusplugs-abc' });
    plug.on('message', (_topic, payload) => {
      const frame = JSON.parse(payload.toString()) as { id: number; src: string; method: string };
      asked.push(frame.method);
      const result = { id: 0, source: 'init', output: true, apower: 4.2, aenergy: { total: 900 } };
      void plug.publishAsync(
        `${frame.src}/rpc`,
        JSON.stringify({ id: frame.id, src: 'shellyplusplugs-abc', dst: frame.src, result }),
      );
    });
    await plug.subscribeAsync('shellyplusplugs-abc/rpc', { qos: 1 });
    // As a Shelly does, it says online whenever it (re)connects; the link, already connected, asks it.
    plug.on('connect', () => void plug.publishAsync('shellyplusplugs-abc/online', 'true', { qos: 1 }));
    await plug.publishAsync('shellyplusplugs-abc/online', 'true', { qos: 1 });
    await waitUntil(() => link.reading('plug-s2')?.watts === 4.2, 5000, 'gen2 known');
    expect(link.reading('plug-s2')).toMatchObject({ relay: 'on', energyKWh: 0.9 });
    const before = asked.length;
    await broker.restart();
    await waitUntil(() => asked.length > before, 15_000, 'asked again after the reconnect');
    expect(asked.slice(before)).toContain('Switch.GetStatus');
  }, 30_000);
});
