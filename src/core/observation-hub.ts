import type { Condition } from '../domain/conditions.js';
import { mergeReadings } from '../domain/merge-readings.js';
import type { Observation, ObservationSource } from '../domain/observation.js';
import type { Logger } from '../log.js';

/** Something that wants every observation: the raw one (per protocol) and the merged view of its device. */
export type ObservationSink = (merged: Observation, raw: Observation) => void | Promise<void>;

/**
 * Where every probe's observations meet. Keeps the latest observation of each (device, protocol);
 * for each new one, merges the device's fresh readings (SNMP + IPP + MQTT, see domain/merge-readings.ts)
 * into one Observation and hands both to the sinks (status and faults, metrics, the store, MQTT status).
 * A sink that throws is logged and the others still run: one broken consumer never stops polling.
 */
export function createObservationHub(deps: {
  logger: Logger;
  /** How long a device's reading counts as fresh (≈ 3 poll intervals). */
  maxAgeMs: (deviceId: string) => number;
}) {
  const latest = new Map<string, Map<ObservationSource, Observation>>();
  const sinks: ObservationSink[] = [];

  return {
    addSink(sink: ObservationSink): void {
      sinks.push(sink);
    },
    /** The latest observation of each protocol for a device (power reconciler, pages). */
    latestOf(deviceId: string): Observation[] {
      return [...(latest.get(deviceId)?.values() ?? [])];
    },
    async accept(obs: Observation): Promise<void> {
      let bySource = latest.get(obs.deviceId);
      if (!bySource) {
        bySource = new Map();
        latest.set(obs.deviceId, bySource);
      }
      bySource.set(obs.source, obs);
      const view = mergeReadings(obs.deviceId, [...bySource.values()], obs.at, deps.maxAgeMs(obs.deviceId));
      const merged: Observation = view
        ? {
            deviceId: obs.deviceId,
            source: obs.source,
            at: obs.at,
            reachable: view.reachable,
            conditions: view.conditions as readonly Condition[],
            ...(view.problem ? { problem: view.problem } : {}),
            ...(view.printer ? { printer: view.printer } : {}),
            ...(view.host ? { host: view.host } : {}),
            ...(view.power ? { power: view.power } : {}),
          }
        : obs;
      for (const sink of sinks) {
        try {
          await sink(merged, obs);
        } catch (err) {
          deps.logger.error({ err, deviceId: obs.deviceId }, 'observation consumer failed');
        }
      }
    },
  };
}

export type ObservationHub = ReturnType<typeof createObservationHub>;
