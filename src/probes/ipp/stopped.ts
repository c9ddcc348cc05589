import type { Observation } from '../../domain/observation.js';
import { stoppedStep } from '../../domain/printer-stopped.js';
import type { IppReading } from './reading.js';

/**
 * Remembers, per printer, since when it has been stopped and refusing jobs, and adds printer-stopped
 * to the observation once that has lasted past one poll (domain/printer-stopped.ts). An unreachable
 * poll says nothing either way and keeps the memory.
 */
export function createStoppedTracker() {
  const since = new Map<string, number>();
  return (obs: Observation, reading: IppReading | null): Observation => {
    if (!obs.reachable || reading === null) return obs;
    const reasons = reading.reasons.map((r) => `${r.keyword}-${r.severity}`);
    const step = stoppedStep(since.get(obs.deviceId) ?? null, obs, reasons);
    if (step.since === null) since.delete(obs.deviceId);
    else since.set(obs.deviceId, step.since);
    return step.condition ? { ...obs, conditions: [...obs.conditions, step.condition] } : obs;
  };
}
