import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/clock.js';
import type { Observation } from '../../../src/domain/observation.js';
import { createLogger } from '../../../src/log.js';
import { createMqttLink, type MqttLink } from '../../../src/mqtt/link.js';
import { type Mosquitto, startMosquitto } from '../../helpers/mosquitto.js';
import { freePort } from '../../helpers/net.js';
import { waitUntil } from '../../helpers/proc.js';
import { parseZone } from '../../unit/mqtt/config-fixture.js';
import { hassAgentMessages, tasmotaMessages } from '../../unit/mqtt/fixture-messages.js';

/** Each device's own credential: the embedded broker refuses anonymous clients (a Mosquitto started by the helper ignores it). */
const login = (id: string) => ({ username: id, password: `test-${id}-mqtt-password` });
/** zoneops' own credential on the embedded broker; tests that watch zoneops' topics use it too (another client id). */
const zoneopsLogin = { username: 'zoneops-demo', password: 'test-zoneops-mqtt-password' };

/** Devices named after the topics in ../shared/fixtures/mqtt/tasmota.md and hass-agent.md. */
const devices = [
  dev('plug-pow1', 'plug', { family: 'tasmota', topic: 'pow1' }),
  dev('plug-sw', 'plug', { family: 'tasmota', topic: 'tasmota_switch' }),
  dev('plug-lwt', 'plug', { family: 'tasmota', topic: 'tasmota_XXXXXX' }),
  dev('copier-1', 'copier', undefined, { method: 'plug', plug: 'plug-pow1' }),
  dev('pc-01', 'pc', { family: 'agent', topic: 'OFFICE-PC01' }, { method: 'agent' }),
];

function dev(id: string, type: string, mqttCfg?: object, power?: object) {
  return {
    id,
    name: id,
    type,
    location: '大厅',
    assetNo: `A-${id}`,
    vendor: { name: 'v' },
    serviceProvider: { name: 's' },
    responsible: '王强',
    ...(mqttCfg ? { mqtt: { ...mqttCfg, password: login(id).password } } : {}),
    ...(power ? { power } : {}),
  };
}

const silent = createLogger('silent');

async function client(url: string, opts: mqtt.IClientOptions = {}): Promise<MqttClient> {
  return mqtt.connectAsync(url, { reconnectPeriod: 200, connectTimeout: 3000, ...opts });
}

/** A Tasmota plug simulator: answers cmnd/<t>/POWER with stat/<t>/POWER and counts the commands. */
async function fakeTasmota(url: string, t: string, id: string, opts: mqtt.IClientOptions = {}) {
  const c = await client(url, { ...login(id), ...opts });
  const received: string[] = [];
  c.on('message', (topic, payload) => {
    if (topic !== `cmnd/${t}/POWER`) return;
    received.push(payload.toString());
    c.publish(`stat/${t}/POWER`, payload.toString().toUpperCase());
  });
  await c.subscribeAsync(`cmnd/${t}/POWER`, { qos: 1 });
  return { client: c, received };
}

const last = (obs: Observation[], id: string) => obs.filter((o) => o.deviceId === id).at(-1);

function suite(name: 'mosquitto' | 'embedded') {
  describe(`MQTT link against ${name === 'mosquitto' ? 'a real Mosquitto' : 'the embedded aedes broker'}`, () => {
    let mosq: Mosquitto | undefined;
    let link: MqttLink;
    let url: string;
    const observations: Observation[] = [];

    beforeAll(async () => {
      let mqttSection: object;
      if (name === 'mosquitto') {
        mosq = await startMosquitto({ persistence: true });
        mqttSection = { url: mosq.url };
      } else {
        mqttSection = { embedded: { listen: `127.0.0.1:${await freePort()}` }, ...zoneopsLogin };
      }
      const config = parseZone({ mqtt: mqttSection }, devices);
      link = createMqttLink({
        config: config.mqtt,
        site: 'demo',
        clock: systemClock,
        logger: silent,
        devices: config.devices,
        onObservation: (o) => observations.push(o),
        backoff: { minMs: 200, maxMs: 1000 },
      });
      await link.start();
      await waitUntil(() => link.connected, 10_000, 'link connected');
      url = link.brokerUrl ?? '';
    });

    afterAll(async () => {
      await link?.stop();
      await mosq?.close();
    });

    it('replays the Tasmota and HASS.Agent fixture messages into observations', async () => {
      // Each message from its own device's client, as the plugs and the agent would send them.
      const owner: Record<string, string> = {
        pow1: 'plug-pow1',
        tasmota_switch: 'plug-sw',
        tasmota_XXXXXX: 'plug-lwt',
        'OFFICE-PC01': 'pc-01',
      };
      const pubs = new Map<string, MqttClient>();
      const replay = tasmotaMessages().filter((m) => (m.topic.split('/')[1] ?? '') in owner);
      for (const m of [...replay, ...hassAgentMessages().filter((m) => !m.topic.endsWith('/set'))]) {
        const id = owner[m.topic.split('/')[m.topic.startsWith('homeassistant/') ? 2 : 1] ?? ''] ?? '';
        let pub = pubs.get(id);
        if (!pub) {
          pub = await client(url, login(id));
          pubs.set(id, pub);
        }
        await pub.publishAsync(m.topic, m.payload, { qos: 1, retain: m.retained });
      }
      await waitUntil(() => link.stats.received >= replay.length + 3, 5000, 'all replayed messages');
      for (const pub of pubs.values()) await pub.endAsync();
      expect(link.stats.bad).toMatchObject({ 'not-json': 0, 'wrong-type': 0, 'bad-value': 0 });
      // tasmota.md line 61 (STATUS8, the last pow1 message): Power 2629 W, Total 6.404 kWh.
      expect(last(observations, 'plug-pow1')?.power).toMatchObject({
        online: true,
        watts: 2629,
        energyKWh: 6.404,
        deviceOn: true,
      });
      expect(link.reading('copier-1')).toMatchObject({ watts: 2629, deviceOn: true });
      // tasmota.md line 34: stat/tasmota_switch/POWER → ON
      expect(last(observations, 'plug-sw')?.power?.relay).toBe('on');
      // tasmota.md line 21: LWT Online (retained)
      expect(last(observations, 'plug-lwt')?.power?.online).toBe(true);
      // hass-agent.md line 41: availability offline
      expect(last(observations, 'pc-01')).toMatchObject({
        reachable: false,
        power: { online: false, deviceOn: false },
      });
    });

    it('switches a plug on/off: the commands are seen on the broker and confirmed by the plug', async () => {
      const plug = await fakeTasmota(url, 'pow1', 'plug-pow1');
      await expect(link.power.switch('copier-1', 'off', { timeoutMs: 5000 })).resolves.toMatchObject({
        ok: true,
      });
      await expect(link.power.switch('plug-pow1', 'on', { timeoutMs: 5000 })).resolves.toMatchObject({
        ok: true,
      });
      expect(plug.received).toEqual(['OFF', 'ON']);
      expect(last(observations, 'plug-pow1')?.power?.relay).toBe('on');
      await plug.client.endAsync();
    });

    it('sends an agent its shutdown (HASS.Agent’s default switch, no discovery config) and sees it go offline', async () => {
      const agent = await client(url, {
        ...login('pc-01'),
        will: {
          topic: 'homeassistant/sensor/OFFICE-PC01/availability',
          payload: Buffer.from('offline'),
          qos: 1,
          retain: true,
        },
      });
      await agent.publishAsync('homeassistant/sensor/OFFICE-PC01/availability', 'online', {
        qos: 1,
        retain: true,
      });
      const got: string[] = [];
      agent.on('message', (topic, payload) => {
        got.push(`${topic} ${payload.toString()}`);
        agent.stream.destroy(); // the PC powers off: the broker publishes its last will
      });
      await agent.subscribeAsync('homeassistant/switch/OFFICE-PC01/shutdown/set', { qos: 1 });
      await waitUntil(() => last(observations, 'pc-01')?.power?.online === true, 5000, 'agent online');
      await expect(link.power.switch('pc-01', 'off', { timeoutMs: 5000 })).resolves.toMatchObject({
        ok: true,
      });
      expect(got).toEqual(['homeassistant/switch/OFFICE-PC01/shutdown/set ON']);
      agent.end(true);
    });

    it('a plug that drops off the network shows offline through its LWT', async () => {
      const plug = await client(url, {
        ...login('plug-lwt'),
        will: { topic: 'tele/tasmota_XXXXXX/LWT', payload: Buffer.from('Offline'), qos: 1, retain: true },
      });
      await plug.publishAsync('tele/tasmota_XXXXXX/LWT', 'Online', { qos: 1, retain: true });
      await waitUntil(() => last(observations, 'plug-lwt')?.reachable === true, 5000, 'plug online');
      plug.stream.destroy();
      await waitUntil(
        () => last(observations, 'plug-lwt')?.power?.online === false,
        5000,
        'plug offline via LWT',
      );
      expect(last(observations, 'plug-lwt')?.problem?.reason).toBe('unreachable');
      plug.end(true);
    });

    it('publishes its own retained availability and device statuses, counts junk without harm', async () => {
      link.publishStatus('copier-1', { status: 'up', deviceOn: true });
      const watcher = await client(url, zoneopsLogin);
      const got = new Map<string, string>();
      watcher.on('message', (topic, payload) => got.set(topic, payload.toString()));
      await watcher.subscribeAsync(['zoneops/demo/status', 'zoneops/demo/devices/+/status'], { qos: 1 });
      await waitUntil(() => got.size >= 2, 5000, 'retained status');
      expect(got.get('zoneops/demo/status')).toBe('online');
      expect(JSON.parse(got.get('zoneops/demo/devices/copier-1/status') ?? '{}')).toEqual({
        status: 'up',
        deviceOn: true,
      });
      const before = observations.length;
      const badBefore =
        link.stats.bad['too-large'] + link.stats.bad['not-json'] + link.stats.bad['unknown-topic'];
      // Larger than any plug message (64 KiB) but within the embedded broker's 256 KiB packet limit.
      await watcher.publishAsync('tele/pow1/SENSOR', Buffer.alloc(100 * 1024, 0x41), { qos: 1 });
      await watcher.publishAsync('stat/pow1/RESULT', 'garbage{', { qos: 1 });
      await watcher.publishAsync('zoneops/demo/devices/nobody/telemetry', '{}', { qos: 1 });
      await waitUntil(
        () =>
          link.stats.bad['too-large'] + link.stats.bad['not-json'] + link.stats.bad['unknown-topic'] >=
          badBefore + 3,
        5000,
        'bad messages counted',
      );
      expect(observations.length).toBe(before);
      expect(link.connected).toBe(true);
      await watcher.endAsync();
    });

    if (name === 'mosquitto') {
      it('broker restarted mid-run: reconnects, resubscribes, delivers a queued command exactly once', async () => {
        const broker = mosq as Mosquitto;
        // A persistent session keeps the plug's subscription across the restart (mosquitto persistence on).
        const plug = await fakeTasmota(url, 'pow1', 'plug-pow1', { clean: false, clientId: 'fake-pow1' });
        await broker.stop();
        await waitUntil(() => !link.connected, 5000, 'link sees the broker gone');
        const failed = link.power.switch('copier-1', 'off', { timeoutMs: 300 });
        await expect(failed).resolves.toMatchObject({ ok: false, reason: 'not-connected' });
        const queued = link.power.switch('copier-1', 'on', { timeoutMs: 15_000 });
        await broker.start();
        await expect(queued).resolves.toMatchObject({ ok: true });
        // A later command on the same session as a barrier: a duplicate of the queued one, if any, would
        // be delivered before it (QoS 1 on one topic keeps its order, MQTT 3.1.1 §4.6).
        await expect(link.power.switch('copier-1', 'off', { timeoutMs: 5000 })).resolves.toMatchObject({
          ok: true,
        });
        await waitUntil(() => plug.received.includes('OFF'), 5000, 'the barrier command');
        // Only the queued command arrived, once, then the barrier; the expired one was never sent.
        // (An empty POWER is the state query zoneops sends on every connect, not a command.)
        expect(plug.received.filter((p) => p !== '')).toEqual(['ON', 'OFF']);
        expect(plug.received).toContain('');
        // Resubscribed: telemetry after the restart still reaches zoneops.
        const pub = await client(url);
        await pub.publishAsync('tele/pow1/SENSOR', '{"ENERGY":{"Power":1.5,"Total":7}}', { qos: 1 });
        await waitUntil(
          () => last(observations, 'plug-pow1')?.power?.watts === 1.5,
          5000,
          'telemetry after restart',
        );
        expect(last(observations, 'plug-pow1')?.power?.deviceOn).toBe(false);
        await pub.endAsync();
        await plug.client.endAsync();
      });
    }
  });
}

suite('mosquitto');
suite('embedded');

describe('zoneops availability on a real Mosquitto', () => {
  it('is retained online while running and offline after stop', async () => {
    const mosq = await startMosquitto();
    try {
      const config = parseZone({ mqtt: { url: mosq.url } }, devices);
      const link = createMqttLink({
        config: config.mqtt,
        site: 'demo',
        clock: systemClock,
        logger: silent,
        devices: config.devices,
        onObservation: () => {},
      });
      await link.start();
      await waitUntil(() => link.connected, 10_000, 'link connected');
      const watcher = await client(mosq.url);
      const seen: string[] = [];
      watcher.on('message', (_t, p) => seen.push(p.toString()));
      await watcher.subscribeAsync('zoneops/demo/status', { qos: 1 });
      await waitUntil(() => seen.includes('online'), 5000, 'retained online');
      await link.stop();
      await waitUntil(() => seen.at(-1) === 'offline', 5000, 'offline on stop');
      await watcher.endAsync();
    } finally {
      await mosq.close();
    }
  });
});
