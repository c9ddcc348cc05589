import { Counter, type Registry } from 'prom-client';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';

/** Why the embedded broker refused a client or a packet (the `reason` label of zoneops_mqtt_refused_total). */
export const refusalReasons = [
  'no-credentials',
  'bad-credentials',
  'client-id-taken',
  'publish-denied',
  'subscribe-denied',
  'packet-too-large',
  'retained-too-large',
  'retained-limit',
] as const;
export type RefusalReason = (typeof refusalReasons)[number];

export interface Refusal {
  readonly reason: RefusalReason;
  /** The client's address (never its password). */
  readonly address: string;
  readonly username?: string | undefined;
  readonly clientId?: string | undefined;
  readonly topic?: string | undefined;
  readonly bytes?: number | undefined;
}

const minuteMs = 60_000;
const maxRemembered = 1000;

/**
 * Logs refusals at most once a minute per reason and address, saying how many were left out since: a
 * hostile client hammering the broker must not fill the log, and every refusal is still counted.
 */
export function createRefusalLog(deps: {
  clock: Clock;
  logger: Logger;
  onRefused?: ((r: Refusal) => void) | undefined;
}) {
  const last = new Map<string, { at: number; suppressed: number }>();
  return (r: Refusal): void => {
    deps.onRefused?.(r);
    const key = `${r.reason} ${r.address}`;
    const now = deps.clock.now();
    const prev = last.get(key);
    if (prev && now - prev.at < minuteMs) {
      prev.suppressed++;
      return;
    }
    if (!prev && last.size >= maxRemembered) {
      for (const [k, v] of last) if (now - v.at >= minuteMs) last.delete(k);
      if (last.size >= maxRemembered) return;
    }
    last.set(key, { at: now, suppressed: 0 });
    deps.logger.warn(
      {
        reason: r.reason,
        address: r.address,
        ...(r.username !== undefined ? { username: r.username.slice(0, 64) } : {}),
        ...(r.clientId !== undefined ? { clientId: r.clientId.slice(0, 64) } : {}),
        ...(r.topic !== undefined ? { topic: r.topic.slice(0, 200) } : {}),
        ...(r.bytes !== undefined ? { bytes: r.bytes } : {}),
        ...(prev ? { suppressedSinceLastLine: prev.suppressed } : {}),
      },
      'MQTT broker refused a client or packet (logged at most once a minute per reason and address)',
    );
  };
}

/** `zoneops_mqtt_refused_total{reason}`: every client or packet the embedded broker refused. */
export function createRefusalCounter(registry: Registry): (r: Refusal) => void {
  const counter = new Counter({
    name: 'zoneops_mqtt_refused_total',
    help: 'Clients and packets the embedded MQTT broker refused (no or bad credentials, client id taken, publish or subscribe outside the access rules, packet or retained message too large, too many retained topics).',
    labelNames: ['reason'],
    registers: [registry],
  });
  for (const reason of refusalReasons) counter.inc({ reason }, 0);
  return (r) => counter.inc({ reason: r.reason });
}
