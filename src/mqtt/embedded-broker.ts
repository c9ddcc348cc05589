import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { Aedes, type AuthenticateError, type Client, type PublishPacket } from 'aedes';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import { type AccessRules, mayPublish, maySubscribe, type Principal } from './acl.js';
import { guardFrames } from './frame-guard.js';
import { createRefusalLog, type Refusal } from './refusals.js';

export interface EmbeddedBroker {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

export interface BrokerLimits {
  readonly maxPacketBytes: number;
  readonly maxRetainedBytes: number;
  readonly maxRetainedMessages: number;
}

export interface EmbeddedBrokerOptions {
  readonly host: string;
  readonly port: number;
  /** Who may connect and what each may publish and subscribe to (src/mqtt/acl.ts). */
  readonly rules: AccessRules;
  readonly limits: BrokerLimits;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Every refusal, for the zoneops_mqtt_refused_total counter. */
  readonly onRefused?: ((r: Refusal) => void) | undefined;
}

const digest = (b: Buffer | string) => createHash('sha256').update(b).digest();
/** Compared against when the username is unknown, so the answer takes as long as for a known one. */
const nobody = digest('zoneops: no such MQTT user');

/** Constant-time password check: both sides hashed to the same length first. */
function passwordMatches(p: Principal | undefined, presented: Buffer): boolean {
  const expected = p?.password ? digest(p.password.reveal()) : nobody;
  return timingSafeEqual(expected, digest(presented)) && p?.password !== undefined;
}

const refuse = (code: AuthenticateError['returnCode'], message: string): AuthenticateError =>
  Object.assign(new Error(message), { returnCode: code });

/**
 * The broker zoneops runs itself when no `mqtt.url` is configured (aedes, in memory: retained messages
 * live as long as the process), with access control: every client authenticates (CONNACK 4, "bad user
 * name or password", otherwise — MQTT 3.1.1 §3.2.2.3), publishes and subscribes only within its rules,
 * zoneops' client id belongs to zoneops alone and is never taken over (a second CONNECT with it gets
 * CONNACK 2, "identifier rejected"), packets over `maxPacketBytes` cut the connection before they are
 * read, and retained messages are limited in size and number. Hooks as aedes documents them
 * (docs/Aedes.md: authenticate, authorizePublish, authorizeSubscribe).
 */
export async function startEmbeddedBroker(opts: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const { rules, limits } = opts;
  const report = createRefusalLog({ clock: opts.clock, logger: opts.logger, onRefused: opts.onRefused });
  const principals = new WeakMap<Client, Principal>();
  const addressOf = (client: Client | null) =>
    String((client?.conn as { remoteAddress?: string } | undefined)?.remoteAddress ?? 'unknown');
  const retained = new Set<string>();
  const dropped = new WeakSet<object>();

  const broker = new Aedes({ id: 'zoneops-embedded' });

  broker.authenticate = (client, username, password, done) => {
    const address = addressOf(client);
    const base = { address, username, clientId: client.id };
    if (username === undefined || password === undefined) {
      report({ ...base, reason: 'no-credentials' });
      return done(refuse(5, 'not authorized: username and password required'), null);
    }
    const p = rules.byUsername.get(username);
    if (!passwordMatches(p, password) || !p) {
      report({ ...base, reason: 'bad-credentials' });
      return done(refuse(4, 'bad user name or password'), null);
    }
    const holder = (broker as unknown as { clients: Record<string, Client | undefined> }).clients[client.id];
    const holderIs = holder ? principals.get(holder) : undefined;
    const zoneopsId = client.id === rules.zoneopsClientId;
    // zoneops' id is zoneops' alone and never taken over; another client's id is not taken over by a
    // different credential either (MQTT would let the newcomer knock the holder off: [MQTT-3.1.4-2]).
    if ((zoneopsId && p.kind !== 'zoneops') || (holder && !holder.closed && (zoneopsId || holderIs !== p))) {
      report({ ...base, reason: 'client-id-taken' });
      return done(refuse(2, 'identifier rejected'), null);
    }
    principals.set(client, p);
    done(null, true);
  };

  broker.authorizePublish = (client, packet, done) => {
    // null: aedes publishing the stored will of a client that is gone; it was checked when it connected.
    const p = client ? principals.get(client) : undefined;
    const deny = (reason: Refusal['reason']) => {
      report({ reason, address: addressOf(client), username: p?.username, topic: packet.topic });
      dropped.add(packet);
      done(null);
    };
    if (client && (!p || packet.topic.startsWith('$') || !mayPublish(p, packet.topic))) {
      return deny('publish-denied');
    }
    if (packet.retain) {
      const size = packet.payload.length;
      if (size > limits.maxRetainedBytes) return deny('retained-too-large');
      if (size === 0) retained.delete(packet.topic);
      else if (!retained.has(packet.topic)) {
        if (retained.size >= limits.maxRetainedMessages) return deny('retained-limit');
        retained.add(packet.topic);
      }
    }
    done(null);
  };

  // aedes can only refuse a PUBLISH by closing the connection. MQTT allows the other answer too
  // (MQTT-3.3.5-2: acknowledge it as usual and drop it), which is what Mosquitto does; zoneops does the
  // same, so a device whose firmware sends a topic outside its rules is not disconnected in a loop.
  const publish = broker.publish.bind(broker) as (p: PublishPacket, c: unknown, d?: unknown) => void;
  (broker as unknown as { publish: typeof publish }).publish = (packet, client, done) => {
    if (dropped.has(packet)) {
      dropped.delete(packet);
      const cb = (typeof client === 'function' ? client : done) as ((e?: Error) => void) | undefined;
      cb?.();
      return;
    }
    publish(packet, client, done);
  };

  broker.authorizeSubscribe = (client, sub, done) => {
    const p = principals.get(client);
    if (!p || sub.topic.startsWith('$') || !maySubscribe(p, sub.topic)) {
      report({
        reason: 'subscribe-denied',
        address: addressOf(client),
        username: p?.username,
        topic: sub.topic,
      });
      // A negated subscription: SUBACK 0x80 for it, the client stays connected (docs/Aedes.md).
      return done(null, null);
    }
    done(null, sub);
  };

  broker.on('clientError', (client, err) => {
    opts.logger.debug({ clientId: client.id.slice(0, 64), err: err.message }, 'MQTT client error');
  });

  await broker.listen();
  const server: Server = createServer((socket) => {
    const guarded = guardFrames(socket, limits.maxPacketBytes, (bytes) =>
      report({ reason: 'packet-too-large', address: String(socket.remoteAddress ?? 'unknown'), bytes }),
    );
    broker.handle(guarded);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  return {
    host: opts.host,
    port,
    url: `mqtt://${opts.host}:${port}`,
    async close() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
