import { type Condition, type ConditionName, severityRank } from './conditions.js';
import type { Observation, ObservationSource, PrinterReading, ProbeProblem } from './observation.js';

/**
 * One view of a device that is read over more than one protocol (typically a copier with SNMP and IPP).
 *
 * The rule, field by field:
 * 1. Freshness: a source's latest Observation counts while `now - at <= maxAgeMs`; a stale one is
 *    ignored entirely (its conditions expire with it), unless no source is fresh, in which case the
 *    most recent one is shown as it is (marked stale).
 * 2. reachable: true when any fresh source reached the device. A source that failed while another
 *    succeeded is listed in `problems` (the device is up; that protocol is not).
 * 3. Values (status, accepting jobs, queued jobs, page count, make and model, message, supplies,
 *    trays, alerts, host and power readings): each from the sources that have it (not null / not
 *    'unknown' / not an empty list); when several have it, the most recent reading wins. Lists are taken
 *    whole from one source: SNMP and IPP number supplies differently, so entries are never mixed.
 * 4. Conditions: the union over fresh reachable sources; when both report the same condition, the more
 *    severe one wins (its detail goes with it; equal severities keep the more recent source's detail).
 * 5. Not reachable at all: no current conditions; `asleep` when the source that failed was asleep by
 *    schedule, and the most recent `lastKnown` conditions of any source.
 */
interface MergedView {
  readonly deviceId: string;
  /** Time of the most recent reading used. */
  readonly at: number;
  readonly reachable: boolean;
  /** When not reachable: the most recent source's problem. */
  readonly problem?: ProbeProblem;
  /** Sources that failed while the device was reachable by another one. */
  readonly problems: readonly { readonly source: ObservationSource; readonly problem: ProbeProblem }[];
  readonly conditions: readonly Condition[];
  readonly asleep?: boolean;
  readonly lastKnown?: Observation['lastKnown'];
  readonly printer?: PrinterReading;
  readonly host?: Observation['host'];
  readonly power?: Observation['power'];
  /** Each source's reading time and whether it was used. */
  readonly sources: readonly {
    readonly source: ObservationSource;
    readonly at: number;
    readonly fresh: boolean;
  }[];
}

export function mergeReadings(
  deviceId: string,
  observations: readonly Observation[],
  now: number,
  maxAgeMs: number,
): MergedView | null {
  const mine = observations.filter((o) => o.deviceId === deviceId).sort((a, b) => b.at - a.at);
  const newest = mine[0];
  if (!newest) return null;
  const fresh = mine.filter((o) => now - o.at <= maxAgeMs);
  const used = fresh.length > 0 ? fresh : [newest];
  const up = used.filter((o) => o.reachable);
  const sources = mine.map((o) => ({ source: o.source, at: o.at, fresh: now - o.at <= maxAgeMs }));

  if (up.length === 0) {
    const down = used[0] ?? newest;
    const lastKnown = mine.flatMap((o) => (o.lastKnown ? [o.lastKnown] : [])).sort((a, b) => b.at - a.at)[0];
    return {
      deviceId,
      at: down.at,
      reachable: false,
      ...(down.problem ? { problem: down.problem } : {}),
      problems: [],
      conditions: [],
      ...(down.asleep ? { asleep: true } : {}),
      ...(lastKnown ? { lastKnown } : {}),
      sources,
    };
  }

  const problems = used.flatMap((o) =>
    !o.reachable && o.problem ? [{ source: o.source, problem: o.problem }] : [],
  );
  const printer = mergePrinter(up.flatMap((o) => (o.printer ? [o.printer] : [])));
  const host = up.find((o) => o.host)?.host;
  const power = up.find((o) => o.power)?.power;
  return {
    deviceId,
    at: (up[0] as Observation).at,
    reachable: true,
    problems,
    conditions: unionConditions(up),
    ...(printer ? { printer } : {}),
    ...(host ? { host } : {}),
    ...(power ? { power } : {}),
    sources,
  };
}

/** `readings` newest first. */
function mergePrinter(readings: readonly PrinterReading[]): PrinterReading | undefined {
  if (readings.length === 0) return undefined;
  const pick = <T>(get: (r: PrinterReading) => T | undefined | null, has: (v: T) => boolean = () => true) => {
    for (const r of readings) {
      const v = get(r);
      if (v !== undefined && v !== null && has(v)) return v;
    }
    return undefined;
  };
  const list = <T>(get: (r: PrinterReading) => readonly T[]) => pick(get, (v) => v.length > 0) ?? [];
  const acceptingJobs = pick((r) => r.acceptingJobs);
  const makeAndModel = pick((r) => r.makeAndModel);
  const message = pick(
    (r) => r.message,
    (v) => v.trim() !== '',
  );
  return {
    status:
      pick(
        (r) => r.status,
        (v) => v !== 'unknown',
      ) ?? 'unknown',
    ...(acceptingJobs === undefined ? {} : { acceptingJobs }),
    queuedJobs: pick((r) => r.queuedJobs) ?? null,
    supplies: list((r) => r.supplies),
    trays: list((r) => r.trays),
    alerts: list((r) => r.alerts),
    pageCount: pick((r) => r.pageCount) ?? null,
    ...(makeAndModel === undefined ? {} : { makeAndModel }),
    ...(message === undefined ? {} : { message }),
  };
}

/** `observations` newest first, so on equal severity the newer detail is kept. */
function unionConditions(observations: readonly Observation[]): Condition[] {
  const byName = new Map<ConditionName, Condition>();
  for (const o of observations) {
    for (const c of o.conditions) {
      const seen = byName.get(c.name);
      if (!seen || severityRank[c.severity] > severityRank[seen.severity]) byName.set(c.name, c);
    }
  }
  return [...byName.values()];
}
