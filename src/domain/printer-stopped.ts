import type { Condition } from './conditions.js';
import type { Observation } from './observation.js';

/**
 * A printer that stopped and refuses jobs (IPP printer-state stopped with printer-is-accepting-jobs
 * false) for longer than one poll needs the technician: the public cannot print, and often only a
 * restart clears it. One stopped poll is not enough (a printer pauses briefly while it clears a job);
 * a stopped printer that still accepts jobs is only paused (Canon PRISMAsync's IPP table: stopped +
 * paused, accepting true). Pure: the caller keeps `since` per device.
 */
export interface StoppedStep {
  /** When the printer was first seen stopped and refusing jobs in this run of polls; null when not. */
  readonly since: number | null;
  /** printer-stopped, once it has lasted past one poll; the detail lists the reasons as the printer gave them. */
  readonly condition: Condition | null;
}

export function isStoppedRefusing(obs: Observation): boolean {
  return obs.reachable && obs.printer?.status === 'stopped' && obs.printer.acceptingJobs === false;
}

export function stoppedStep(since: number | null, obs: Observation, reasons: readonly string[]): StoppedStep {
  if (!isStoppedRefusing(obs)) return { since: null, condition: null };
  if (since === null || obs.at <= since) return { since: since ?? obs.at, condition: null };
  return {
    since,
    condition: { name: 'printer-stopped', severity: 'critical', detail: reasons.join(', ') },
  };
}
