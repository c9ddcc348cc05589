import type { Cancel, Clock } from '../clock.js';
import type { DeviceConfig } from '../config/schema.js';
import { type MqttConfig, zoneopsMqttIdentity } from '../config/sections/mqtt.js';
import type { Observation, PowerReading } from '../domain/observation.js';
import type { PowerSwitch } from '../domain/power-switch.js';
import type { Logger } from '../log.js';
import type { AclInput } from './acl.js';
import { type BadMessage, createBadMessageSink, emptyStats, type MqttStats } from './bad-messages.js';
import { type Connection, createConnection, safeUrl } from './connection.js';
import { type DeviceRoute, deviceRoute } from './dialects/route.js';
import type { EmbeddedBroker } from './embedded-broker.js';
import { createOutbox } from './outbox.js';
import { applyUpdate, initialState, isOnline, type PowerState, toObservation } from './power-state.js';
import { createMqttPowerSwitch } from './power-switch.js';
import type { Refusal } from './refusals.js';
import { createRetainedStatuses } from './retained-statuses.js';
import { matchesFilter } from './topic-filter.js';
import { createTopicOwners } from './topic-owners.js';
import { startZoneBroker } from './zone-broker.js';

interface MqttLinkDeps {
  config: MqttConfig;
  site: string;
  clock: Clock;
  logger: Logger;
  devices: readonly DeviceConfig[];
  onObservation: (obs: Observation) => void;
  /** Called for every bad message (wire a prom-client counter here). */
  onBadMessage?: (bad: BadMessage) => void;
  /** For the embedded broker: the hygiene buttons (in its access rules) and a sink for its refusals. */
  embedded?: { hygiene?: Pick<AclInput, 'buttons' | 'targets'>; onRefused?: (r: Refusal) => void };
  /** Tests: faster reconnect than the 1 s..reconnectMaxSeconds default. */
  backoff?: { minMs: number; maxMs: number };
  /** How often silent devices are checked against offlineAfterSeconds (default 10 s). */
  staleCheckMs?: number;
  /** Other topics zoneops listens to (e.g. the hygiene buttons), handled before device decoding. */
  extraSubscriptions?: readonly {
    filter: string;
    onMessage(topic: string, payload: Buffer, retained: boolean): void;
  }[];
}

export interface MqttLink {
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly connected: boolean;
  /** The broker in use (the embedded one's address once started). */
  readonly brokerUrl: string | undefined;
  readonly stats: Readonly<MqttStats>;
  readonly power: PowerSwitch;
  /** Publishes a device's normalised status, retained, on zoneops/<site>/devices/<id>/status (re-sent after reconnects). */
  publishStatus(deviceId: string, status: Readonly<Record<string, unknown>>): void;
  /** The power reading of a device: its own plug/agent, or the plug it is switched by. */
  reading(deviceId: string): PowerReading | undefined;
  /** Publishes a message (QoS 1); rejects while disconnected, so an outbox retries it later. */
  publish(topic: string, payload: string): Promise<void>;
}

interface Tracked {
  readonly route: DeviceRoute;
  readonly device: DeviceConfig;
  state: PowerState | undefined;
  lastOnline: boolean | null;
  /** When the state was last handed on as an observation. */
  lastEmit?: number;
}

/**
 * zoneops' MQTT side: runs the embedded broker when no url is configured, keeps one connection
 * (back-off, resubscribe, retained LWT zoneops/<site>/status), turns plug/agent messages into
 * Observations and carries power commands. Constructing does nothing; start() brings it up.
 */
export function createMqttLink(deps: MqttLinkDeps): MqttLink {
  const { config, site, clock, logger } = deps;
  const identity = zoneopsMqttIdentity(config, site);
  const { clientId } = identity;
  const stats = emptyStats();
  const reportBad = createBadMessageSink({
    clock,
    logger,
    stats,
    ...(deps.onBadMessage ? { onBadMessage: deps.onBadMessage } : {}),
  });
  const statusTopic = `zoneops/${site}/status`;
  const telemetryFilter = `zoneops/${site}/devices/+/telemetry`;

  const tracked = new Map<string, Tracked>();
  const routes = new Map<string, DeviceRoute>();
  for (const device of deps.devices) {
    if (!device.mqtt) continue;
    const route = deviceRoute(device.id, device.mqtt, { site, clientId, agent: config.agent });
    if ('problem' in route) {
      logger.error({ deviceId: device.id, problem: route.problem }, 'device not watched over MQTT');
      continue;
    }
    routes.set(device.id, route);
    tracked.set(device.id, { route, device, state: undefined, lastOnline: null });
  }
  const extras = deps.extraSubscriptions ?? [];
  const filters = [
    ...new Set([
      ...[...routes.values()].flatMap((r) => r.filters),
      telemetryFilter,
      ...extras.map((e) => e.filter),
    ]),
  ];

  let broker: EmbeddedBroker | undefined;
  let conn: Connection | undefined;
  let brokerUrl: string | undefined;
  let staleTimer: Cancel | undefined;
  const statuses = createRetainedStatuses({
    publish: (topic, payload) => conn?.publish(topic, payload, true),
    connected: () => conn?.connected === true,
    logger,
  });

  const outbox = createOutbox({
    isConnected: () => conn?.connected === true,
    publish: (cmd) => {
      conn?.publish(cmd.topic, cmd.payload, false).catch((err: Error) => {
        logger.warn({ topic: cmd.topic, err: err.message }, 'MQTT command publish not acknowledged');
      });
    },
  });

  const options = (t: Tracked) => ({
    family: t.route.family,
    onAboveWatts: t.device.mqtt?.onAboveWatts ?? 5,
    offlineAfterSeconds: t.device.mqtt?.offlineAfterSeconds ?? 180,
  });

  const power = createMqttPowerSwitch({
    devices: deps.devices,
    routes,
    clock,
    outbox,
    defaultTimeoutMs: config.commandTimeoutSeconds * 1000,
    stateOf: (id) => {
      const t = tracked.get(id);
      if (!t?.state) return undefined;
      const overload = t.state.conditions.some((c) => c.name === 'plug-overload');
      return { online: isOnline(t.state, options(t), clock.now()), relay: t.state.relay, overload };
    },
  });

  const emit = (t: Tracked, now: number) => {
    if (!t.state) return;
    const obs = toObservation(t.route.deviceId, t.state, options(t), now);
    t.lastOnline = obs.power?.online ?? null;
    t.lastEmit = now;
    try {
      deps.onObservation(obs);
    } catch (err) {
      logger.error({ err, deviceId: t.route.deviceId }, 'observation handler failed');
    }
  };

  const owners = createTopicOwners(tracked);
  const onMessage = (topic: string, payload: Buffer, retained: boolean) => {
    stats.received++;
    const extra = extras.find((e) => matchesFilter(e.filter, topic));
    if (extra) {
      extra.onMessage(topic, payload, retained);
      return;
    }
    const now = clock.now();
    // Which device a topic belongs to: its last owner, else the devices whose filters match
    // (topic-owners.ts); a scan of every route per message would make ingest O(devices).
    for (const t of owners.candidates(topic)) {
      const decoded = t.route.decode(topic, payload);
      if (decoded === null) continue;
      owners.claimed(topic, t);
      if (decoded.kind === 'bad') {
        reportBad({ topic, reason: decoded.reason, detail: decoded.detail, deviceId: t.route.deviceId });
        return;
      }
      if (decoded.kind === 'learned') {
        stats.applied++;
        if (!t.route.learn?.(decoded.command, decoded.learned)) return;
        const topic = decoded.learned?.topic ?? 'the template again (config removed)';
        const { deviceId } = t.route;
        logger.info({ deviceId, command: decoded.command, topic }, 'agent command learned from discovery');
        return;
      }
      // A topic of the device carrying nothing we use still proves the device is alive.
      const update = decoded.kind === 'update' ? decoded.update : {};
      if (decoded.kind === 'ignore') stats.ignored++;
      else stats.applied++;
      t.state = applyUpdate(t.state ?? initialState(now), update, now, retained);
      emit(t, now);
      power.observe(t.route.deviceId, update);
      // A Gen2 plug that (re)connected announces itself online and nothing else: ask it.
      if (update.online === true && !retained && t.route.queryWhenOnline) sendStateQuery(t);
      return;
    }
    const why = matchesFilter(telemetryFilter, topic) ? 'telemetry for an unknown device id' : 'no device';
    reportBad({ topic, reason: 'unknown-topic', detail: why });
  };

  const sendStateQuery = (t: Tracked) => {
    const q = t.route.stateQuery?.();
    if (!q) return;
    conn?.publish(q.topic, q.payload, false).catch((err: Error) => {
      logger.debug({ deviceId: t.route.deviceId, err: err.message }, 'state query not sent');
    });
  };

  const checkStale = () => {
    staleTimer = clock.setTimeout(checkStale, deps.staleCheckMs ?? 10_000);
    const now = clock.now();
    for (const t of tracked.values()) {
      if (!t.state) continue;
      const online = isOnline(t.state, options(t), now) === true;
      // Re-sent once a minute even when nothing changed: a device that went quiet (an agent that left,
      // a plug between telemetry periods) must not drop out of the consumers' freshness windows.
      if (online !== t.lastOnline || now - (t.lastEmit ?? 0) >= 60_000) emit(t, now);
    }
  };

  return {
    get connected() {
      return conn?.connected === true;
    },
    get brokerUrl() {
      return brokerUrl;
    },
    stats,
    power,
    async start() {
      const own = config.url ? undefined : await startZoneBroker({ ...deps, ...deps.embedded, identity });
      broker = own?.broker;
      brokerUrl = own?.broker.url ?? (config.url as string);
      const username = own?.username ?? config.username;
      const password = own?.password ?? config.password;
      conn = createConnection(
        {
          url: brokerUrl,
          clientId,
          ...(username !== undefined ? { username } : {}),
          ...(password !== undefined ? { password } : {}),
          ...(config.tls !== undefined ? { tls: config.tls } : {}),
          statusTopic,
          filters,
          backoff: deps.backoff ?? { minMs: 1000, maxMs: config.reconnectMaxSeconds * 1000 },
        },
        {
          clock,
          logger,
          onMessage: (topic, payload, retained) => {
            try {
              onMessage(topic, payload, retained);
            } catch (err) {
              // A decoder bug must not take the link down; it is a bug, so log it loudly.
              logger.error({ err, topic: topic.slice(0, 200) }, 'MQTT message handler failed');
            }
          },
          onConnect: () => {
            outbox.flush();
            statuses.resendAll();
            for (const t of tracked.values()) sendStateQuery(t);
          },
        },
      );
      conn.start();
      staleTimer = clock.setTimeout(checkStale, deps.staleCheckMs ?? 10_000);
      logger.info({ url: safeUrl(brokerUrl), devices: routes.size }, 'MQTT link started');
    },
    async stop() {
      staleTimer?.();
      staleTimer = undefined;
      power.close();
      await conn?.stop();
      conn = undefined;
      await broker?.close();
      broker = undefined;
    },
    publishStatus(deviceId, status) {
      const topic = `zoneops/${site}/devices/${deviceId}/status`;
      const payload = JSON.stringify(status);
      statuses.set(topic, payload);
    },
    publish(topic, payload) {
      if (!conn?.connected) return Promise.reject(new Error('MQTT broker not connected'));
      return conn.publish(topic, payload, false);
    },
    reading(deviceId) {
      const device = tracked.get(deviceId)?.device ?? deps.devices.find((d) => d.id === deviceId);
      const id = device?.power.method === 'plug' && !tracked.has(deviceId) ? device.power.plug : deviceId;
      const t = tracked.get(id);
      if (!t?.state) return undefined;
      return toObservation(id, t.state, options(t), clock.now()).power;
    },
  };
}
