import type { Condition } from '../domain/conditions.js';
import { mergeReadings } from '../domain/merge-readings.js';
import type { Observation, ObservationSource } from '../domain/observation.js';
import type { Logger } from '../log.js';
import type { EventBus } from './events.js';

/**
 * Where every probe's observations meet (SNMP and IPP from the poll loop, MQTT from the link). Keeps
 * the latest observation of each (device, protocol); for each new one, merges the device's fresh
 * readings into one view (domain/merge-readings.ts) and publishes both as an `observation` event:
 * the status tracker, faults, metrics and the readings history take it from there.
 */
export function createObservationHub(deps: {
  events: Pick<EventBus, 'emit'>;
  logger: Logger;
  /** How long a device's reading counts as fresh (≈ 3 poll intervals). */
  maxAgeMs: (deviceId: string) => number;
}) {
  const latest = new Map<string, Map<ObservationSource, Observation>>();
  const hub = {
    /** The latest observation of each protocol for a device (the power reconciler asks). */
    latestOf(deviceId: string): Observation[] {
      return [...(latest.get(deviceId)?.values() ?? [])];
    },
    /** Takes one probe's observation; resolves once every consumer has handled it. */
    async accept(raw: Observation): Promise<void> {
      let bySource = latest.get(raw.deviceId);
      if (!bySource) {
        bySource = new Map();
        latest.set(raw.deviceId, bySource);
      }
      bySource.set(raw.source, raw);
      const view = mergeReadings(raw.deviceId, [...bySource.values()], raw.at, deps.maxAgeMs(raw.deviceId));
      const merged: Observation = view
        ? {
            deviceId: raw.deviceId,
            source: raw.source,
            at: raw.at,
            reachable: view.reachable,
            conditions: view.conditions as readonly Condition[],
            ...(view.problem ? { problem: view.problem } : {}),
            ...(view.asleep ? { asleep: true } : {}),
            ...(view.lastKnown ? { lastKnown: view.lastKnown } : {}),
            ...(view.printer ? { printer: view.printer } : {}),
            ...(view.host ? { host: view.host } : {}),
            ...(view.power ? { power: view.power } : {}),
          }
        : raw;
      await deps.events.emit('observation', { raw, merged });
    },
    /** For the probes' callbacks: takes the observation and never rejects (a failure is logged). */
    submit(raw: Observation): void {
      hub
        .accept(raw)
        .catch((err: unknown) =>
          deps.logger.error({ err, deviceId: raw.deviceId, source: raw.source }, 'observation not taken'),
        );
    },
  };
  return hub;
}

export type ObservationHub = ReturnType<typeof createObservationHub>;
