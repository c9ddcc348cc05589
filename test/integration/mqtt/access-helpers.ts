import { readFileSync } from 'node:fs';
import mqtt, { type MqttClient } from 'mqtt';
import { parse } from 'yaml';
import { waitUntil } from '../../helpers/proc.js';
import { device } from '../../reliability/helpers/daemon.js';

/**
 * The zone both access-rule tests run (ours): two Tasmota plugs, a PC with a HASS.Agent-style agent, and
 * a cleaning button by the door for the reading area's daily cleaning.
 */
export const site = 'sec';

export function accessZone(extra: { mqtt: Record<string, unknown> }): Record<string, unknown> {
  return {
    devices: [
      device('plug-a', 'plug', { mqtt: { family: 'tasmota', topic: 'plug-a' } }),
      device('plug-b', 'plug', { mqtt: { family: 'tasmota', topic: 'plug-b' } }),
      device('pc-01', 'pc', { mqtt: { family: 'agent', topic: 'PC-01' }, power: { method: 'agent' } }),
    ],
    hygiene: {
      targets: [
        { id: 'reading-area', name: '查阅区', tasks: ['clean', 'disinfect'] },
        { id: 'waiting-area', name: '等候区', tasks: ['clean'] },
      ],
      buttons: [{ id: 'door-button', target: 'reading-area', tasks: ['clean'] }],
    },
    mqtt: extra.mqtt,
  };
}

export interface Creds {
  zoneops: string;
  clients: Record<string, string>;
}

export function readCreds(file: string): Creds {
  return parse(readFileSync(file, 'utf8')) as Creds;
}

export function connect(url: string, opts: mqtt.IClientOptions = {}): Promise<MqttClient> {
  return mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 4000, ...opts });
}

/** The CONNACK return code a refused CONNECT got (mqtt.js rejects with it as `code`). */
export async function refusedWith(url: string, opts: mqtt.IClientOptions): Promise<number | string> {
  try {
    const c = await connect(url, opts);
    await c.endAsync(true);
    return 0;
  } catch (err) {
    return (err as { code?: number | string }).code ?? String(err);
  }
}

/** A client that records every message it gets (topic → payloads). */
export async function watcher(url: string, opts: mqtt.IClientOptions, filter = '#') {
  const c = await connect(url, opts);
  const got: Array<{ topic: string; payload: string; retain: boolean }> = [];
  c.on('message', (topic, payload, packet) =>
    got.push({ topic, payload: payload.toString(), retain: packet.retain }),
  );
  await c.subscribeAsync(filter, { qos: 1 });
  return {
    client: c,
    got,
    topics: () => got.map((m) => m.topic),
    /** Waits until `topic` arrives: every message the same client published before it has been delivered by then. */
    async barrier(topic: string) {
      await waitUntil(() => got.some((m) => m.topic === topic), 5000, `${topic} delivered`);
    },
  };
}

/** The SUBACK code for one filter: the granted QoS, or 128 (0x80) when the broker refused it. */
export async function subackCode(c: MqttClient, filter: string): Promise<number> {
  try {
    const granted = await c.subscribeAsync(filter, { qos: 1 });
    return granted[0]?.qos ?? -1;
  } catch (err) {
    // mqtt.js rejects a refused SUBACK with the packet (ErrorWithSubackPacket).
    const packet = (err as { packet?: { granted?: number[] } }).packet;
    return packet?.granted?.[0] ?? -1;
  }
}

/**
 * Publishes the messages the rules must refuse, then an allowed `barrier` topic from the same client, and
 * returns what a watcher (zoneops' own credential, another client id) saw by the time the barrier arrived:
 * a broker delivers one client's messages in order, so anything refused would have come first.
 */
export async function publishThenBarrier(
  url: string,
  zoneopsLogin: { username: string; password: string },
  c: MqttClient,
  refusedMsgs: Array<[string, string, boolean] | [string, string]>,
  barrier: string,
): Promise<string[]> {
  const tag = `barrier-${Math.random().toString(36).slice(2)}`;
  const w = await watcher(url, { ...zoneopsLogin, clientId: `test-watch-${tag}` });
  try {
    for (const [topic, payload, retain] of refusedMsgs)
      await c.publishAsync(topic, payload, { qos: 1, retain: retain === true });
    await c.publishAsync(barrier, tag, { qos: 1 });
    await waitUntil(() => w.got.some((m) => m.payload === tag), 5000, 'barrier');
    return w.topics();
  } finally {
    await w.client.endAsync(true);
  }
}

/** What plug A's credential tries and must not be able to do (its own state topic is the barrier). */
export const plugAForbidden = (s: string): Array<[string, string, boolean] | [string, string]> => [
  ['stat/plug-b/POWER', 'OFF'],
  ['tele/plug-b/LWT', 'Offline', true],
  ['cmnd/plug-b/POWER', 'OFF'],
  ['cmnd/plug-a/POWER', 'OFF'],
  [`zoneops/${s}/status`, 'offline', true],
  [`zoneops/${s}/devices/plug-b/status`, '{"status":"up"}', true],
  [`zoneops/${s}/hygiene/reading-area/clean`, '1'],
];

/** Subscriptions plug A asks for, with the SUBACK each must get. */
export const plugASubscriptions = (s: string): Array<[string, number]> => [
  ['cmnd/plug-a/#', 1],
  ['cmnd/plug-a/POWER', 1],
  ['cmnd/plug-b/POWER', 128],
  ['cmnd/#', 128],
  ['#', 128],
  [`zoneops/${s}/#`, 128],
];

/** The test zone's logins from the credentials file zoneops wrote. */
export function logins(creds: () => Creds) {
  return {
    as: (user: string) => ({ username: user, password: String(creds().clients[user]) }),
    asZoneops: () => ({ username: `zoneops-${site}`, password: creds().zoneops }),
  };
}

/** Clients a test opens, all closed at the end. */
export function clientPool(url: () => string) {
  const open: MqttClient[] = [];
  return {
    async client(opts: mqtt.IClientOptions) {
      const c = await connect(url(), opts);
      open.push(c);
      return c;
    },
    keep(c: MqttClient) {
      open.push(c);
    },
    async closeAll() {
      for (const c of open) await c.endAsync(true).catch(() => undefined);
    },
  };
}
