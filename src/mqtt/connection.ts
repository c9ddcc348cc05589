import { readFileSync } from 'node:fs';
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import type { Cancel, Clock } from '../clock.js';
import type { Secret } from '../config/secret.js';
import type { Logger } from '../log.js';
import { backoffMs } from './backoff.js';

interface ConnectionOptions {
  readonly url: string;
  readonly clientId: string;
  readonly username?: string;
  readonly password?: Secret;
  readonly tls?: { readonly caFile?: string | undefined; readonly rejectUnauthorized: boolean };
  /** zoneops' own availability: retained `online` on connect, `offline` as last will and on stop. */
  readonly statusTopic: string;
  readonly filters: readonly string[];
  readonly backoff: { readonly minMs: number; readonly maxMs: number };
}

export interface Connection {
  readonly connected: boolean;
  start(): void;
  stop(): Promise<void>;
  /** Publishes now (QoS 1); call only while connected. Resolves on PUBACK. */
  publish(topic: string, payload: string, retain: boolean): Promise<void>;
}

/**
 * One mqtt.js client with zoneops' own reconnect loop: mqtt.js reconnects at a fixed period, we
 * want back-off on a Clock, so its auto-reconnect is off and `reconnect()` is called here, keeping
 * the packet stores so a QoS 1 command in flight when the link dropped is re-sent, not lost.
 * Subscriptions are renewed on every connect (a restarted broker without persistence forgot them).
 */
export function createConnection(
  opts: ConnectionOptions,
  deps: {
    clock: Clock;
    logger: Logger;
    onMessage: (topic: string, payload: Buffer, retained: boolean) => void;
    onConnect: () => void;
  },
): Connection {
  const { clock, logger } = deps;
  let client: MqttClient | undefined;
  let stopping = false;
  let attempt = 0;
  let retry: Cancel | undefined;
  let wasConnected = false;
  // One warning per outage, not one per failed retry.
  let outageLogged = false;

  const clientOptions = (): IClientOptions => {
    const o: IClientOptions = {
      clientId: opts.clientId,
      clean: true,
      keepalive: 30,
      connectTimeout: 10_000,
      reconnectPeriod: 0,
      resubscribe: false,
      will: { topic: opts.statusTopic, payload: Buffer.from('offline'), qos: 1, retain: true },
    };
    if (opts.username !== undefined) o.username = opts.username;
    if (opts.password !== undefined) o.password = opts.password.reveal();
    if (opts.tls) {
      o.rejectUnauthorized = opts.tls.rejectUnauthorized;
      if (opts.tls.caFile !== undefined) o.ca = readFileSync(opts.tls.caFile);
    }
    return o;
  };

  const scheduleReconnect = () => {
    if (stopping || retry) return;
    const delay = backoffMs(attempt++, opts.backoff.minMs, opts.backoff.maxMs);
    retry = clock.setTimeout(() => {
      retry = undefined;
      if (stopping || !client) return;
      client.reconnect({ incomingStore: client.incomingStore, outgoingStore: client.outgoingStore });
    }, delay);
  };

  const onConnect = () => {
    attempt = 0;
    if (wasConnected) logger.info({ url: safeUrl(opts.url) }, 'MQTT reconnected');
    else logger.info({ url: safeUrl(opts.url) }, 'MQTT connected');
    wasConnected = true;
    outageLogged = false;
    const c = client;
    if (!c) return;
    c.publish(opts.statusTopic, 'online', { qos: 1, retain: true });
    if (opts.filters.length > 0) {
      c.subscribe([...opts.filters], { qos: 1 }, (err) => {
        if (err) logger.error({ err: err.message }, 'MQTT subscribe failed');
      });
    }
    deps.onConnect();
  };

  return {
    get connected() {
      return client?.connected === true;
    },
    start() {
      stopping = false;
      client = connect(opts.url, clientOptions());
      client.on('connect', onConnect);
      client.on('message', (topic, payload, packet) => deps.onMessage(topic, payload, packet.retain));
      client.on('error', (err) => {
        // Expected while the broker is down; the close handler retries.
        if (outageLogged) return;
        outageLogged = true;
        logger.warn(
          { url: safeUrl(opts.url), err: err.message },
          'MQTT broker not reachable; retrying with back-off',
        );
      });
      client.on('close', () => {
        if (stopping) return;
        if (!outageLogged) {
          outageLogged = true;
          logger.warn({ url: safeUrl(opts.url) }, 'MQTT connection lost; reconnecting with back-off');
        }
        scheduleReconnect();
      });
    },
    async stop() {
      stopping = true;
      retry?.();
      retry = undefined;
      const c = client;
      client = undefined;
      if (!c) return;
      if (c.connected) {
        // If this fails the broker publishes our last will (the same retained "offline") instead.
        await c
          .publishAsync(opts.statusTopic, 'offline', { qos: 1, retain: true })
          .catch((err: Error) =>
            logger.debug({ err: err.message }, 'offline status not published; the last will says it'),
          );
      }
      await c
        .endAsync(!c.connected)
        .catch((err: Error) => logger.warn({ err: err.message }, 'MQTT connection did not close cleanly'));
    },
    publish(topic, payload, retain) {
      const c = client;
      if (!c) return Promise.reject(new Error('MQTT connection not started'));
      return new Promise((resolve, reject) => {
        c.publish(topic, payload, { qos: 1, retain }, (err) => (err ? reject(err) : resolve()));
      });
    },
  };
}

/** The broker URL without any user:password part, for logs. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return '[invalid url]';
  }
}
