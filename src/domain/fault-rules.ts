import { type Severity, worseSeverity } from './conditions.js';
import type { StatusState } from './device-status.js';
import { conditionFaultKind, defaultKindSeverity, type FaultKind, isObservedKind } from './fault-kinds.js';
import type { Observation } from './observation.js';

/** What one observation says is wrong right now, by fault kind (pure). */
export interface FaultSignal {
  readonly kind: FaultKind;
  readonly severity: Severity;
  readonly detail: string;
}

/**
 * The fault signals of an observation given the device's new status. An unreachable observation
 * says nothing about paper or toner, so condition kinds are only judged on reachable observations;
 * `unreachable` is only signalled once the status is `down` (hysteresis), never when off by schedule.
 */
export function faultSignals(obs: Observation, status: StatusState): Map<FaultKind, FaultSignal> {
  const out = new Map<FaultKind, FaultSignal>();
  if (status.status === 'down') {
    const detail = obs.problem?.message ?? (obs.power?.online === false ? 'MQTT offline' : 'no answer');
    out.set('unreachable', { kind: 'unreachable', severity: defaultKindSeverity.unreachable, detail });
    return out;
  }
  if (!obs.reachable) return out;
  for (const c of obs.conditions) {
    const kind = conditionFaultKind[c.name];
    if (kind === undefined) continue;
    const detail = c.detail ?? (kind === 'service-requested' && c.name !== kind ? c.name : '');
    const prev = out.get(kind);
    out.set(kind, {
      kind,
      severity: prev ? worseSeverity(prev.severity, c.severity) : c.severity,
      detail: prev && prev.detail !== '' ? `${prev.detail}; ${detail}` : detail,
    });
  }
  return out;
}

/** Whether this observation is evidence about `kind` at all (a good poll for it, or a bad one). */
export function judges(kind: FaultKind, obs: Observation, status: StatusState): boolean {
  if (status.status === 'off-scheduled') return false;
  if (kind === 'unreachable') return status.status === 'down' || obs.reachable;
  if (kind === 'power-on-failed') return obs.reachable;
  return obs.reachable;
}

interface Reconciled {
  readonly raise: readonly FaultSignal[];
  /** Kinds whose condition has been absent for N judged polls: clear them. */
  readonly clear: readonly FaultKind[];
  /** Updated absence streaks per open kind (only kinds still open and absent). */
  readonly absent: ReadonlyMap<FaultKind, number>;
}

/**
 * Compares the signals with the device's open faults. A fault clears only after `clearAfter`
 * consecutive judged polls without its signal, so a sensor that wobbles does not close and reopen
 * the fault every poll. `power-on-failed` clears once the device answers (it came up after all).
 */
export function reconcile(
  signals: ReadonlyMap<FaultKind, FaultSignal>,
  openKinds: ReadonlySet<FaultKind>,
  absent: ReadonlyMap<FaultKind, number>,
  judged: (kind: FaultKind) => boolean,
  clearAfter: number,
  clearable: (kind: FaultKind) => boolean,
): Reconciled {
  const raise: FaultSignal[] = [];
  const clear: FaultKind[] = [];
  const nextAbsent = new Map<FaultKind, number>();
  // Every signal opens (or adds to) its fault; one that another fault explains — an unreachable PC whose
  // power-on failed — is suppressed when it comes to telling people (domain/inhibition.ts).
  for (const s of signals.values()) raise.push(s);
  for (const kind of openKinds) {
    if (signals.has(kind) || !clearable(kind)) continue;
    if (!judged(kind)) {
      const n = absent.get(kind);
      if (n !== undefined) nextAbsent.set(kind, n);
      continue;
    }
    const n = (absent.get(kind) ?? 0) + 1;
    if (n >= clearAfter) clear.push(kind);
    else nextAbsent.set(kind, n);
  }
  return { raise, clear, absent: nextAbsent };
}

/**
 * Whether a device's current status still shows the problem of a fault kind: resolving such a fault now
 * only closes it until the next check finds the problem again and opens a new one (the pages ask first).
 * Kinds nothing re-checks (cleaning, citizens' reports, supply orders) are never "still reported".
 */
export function stillReported(kind: FaultKind, status: string, conditions: readonly string[]): boolean {
  if (kind === 'unreachable' || kind === 'power-on-failed') return status === 'down';
  if (!isObservedKind(kind)) return false;
  return conditions.some((c) => conditionFaultKind[c as keyof typeof conditionFaultKind] === kind);
}
