import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import { type BadReason, badReasons } from './dialects/types.js';

export interface BadMessage {
  readonly topic: string;
  readonly reason: BadReason;
  readonly detail: string;
  /** The device whose topic it was; undefined for a topic no device owns. */
  readonly deviceId?: string;
}

export interface MqttStats {
  received: number;
  applied: number;
  ignored: number;
  bad: Record<BadReason, number>;
}

export function emptyStats(): MqttStats {
  return {
    received: 0,
    applied: 0,
    ignored: 0,
    bad: Object.fromEntries(badReasons.map((r) => [r, 0])) as Record<BadReason, number>,
  };
}

const hourMs = 3_600_000;
/** A flood of distinct junk topics must not grow memory without bound. */
const maxRemembered = 1000;

/**
 * Counts bad messages and logs each topic's at most once an hour (a chatty broken plug must not
 * fill the log). The counter callback is where the lead's prom-client counter plugs in.
 */
export function createBadMessageSink(deps: {
  clock: Clock;
  logger: Logger;
  stats: MqttStats;
  onBadMessage?: (bad: BadMessage) => void;
}) {
  const lastLogged = new Map<string, number>();
  return (bad: BadMessage): void => {
    deps.stats.bad[bad.reason]++;
    deps.onBadMessage?.(bad);
    const now = deps.clock.now();
    const prev = lastLogged.get(bad.topic);
    if (prev !== undefined && now - prev < hourMs) return;
    if (lastLogged.size >= maxRemembered) {
      for (const [topic, at] of lastLogged) if (now - at >= hourMs) lastLogged.delete(topic);
      if (lastLogged.size >= maxRemembered) return;
    }
    lastLogged.set(bad.topic, now);
    deps.logger.warn(
      { topic: bad.topic.slice(0, 200), reason: bad.reason, detail: bad.detail, deviceId: bad.deviceId },
      'bad MQTT message ignored (logged once per topic per hour)',
    );
  };
}
