import { clip, type Interval, overlapMs } from './report-calendar.js';
import type { TransitionFact } from './report-types.js';
import type { DeviceStatus } from './status.js';

/**
 * How long a device spent in each status during the month (pure), from its stored transitions: the
 * status at the month's start is the one of its last transition before it (`unknown` if none).
 */
export function statusSegments(
  transitions: readonly TransitionFact[],
  from: number,
  to: number,
): Array<Interval & { status: DeviceStatus }> {
  const sorted = [...transitions].sort((a, b) => a.at - b.at);
  let status: DeviceStatus = 'unknown';
  for (const t of sorted) if (t.at <= from) status = t.to;
  const out: Array<Interval & { status: DeviceStatus }> = [];
  let start = from;
  for (const t of sorted) {
    if (t.at <= from) continue;
    if (t.at >= to) break;
    if (t.at > start) out.push({ from: start, to: t.at, status });
    status = t.to;
    start = t.at;
  }
  if (to > start) out.push({ from: start, to, status });
  return out;
}

export interface Availability {
  readonly expectedMinutes: number;
  readonly downMinutes: number;
  readonly unknownMinutes: number;
  readonly availability: number | null;
  readonly offScheduledHours: number;
}

const MIN = 60_000;

/**
 * Availability during opening hours: down minutes are the minutes of opening periods the device spent
 * `down` (the status is only `down` when the schedule wanted it on: off by schedule is `off-scheduled`).
 * Closed days have no opening periods, so nothing counts on a holiday.
 */
export function availability(
  transitions: readonly TransitionFact[],
  opening: readonly Interval[],
  from: number,
  countedTo: number,
): Availability {
  const open = clip(opening, from, countedTo);
  const segments = statusSegments(transitions, from, countedTo);
  const of = (s: DeviceStatus) => segments.filter((x) => x.status === s);
  const expected = open.reduce((n, i) => n + (i.to - i.from), 0);
  const down = overlapMs(of('down'), open);
  const unknown = overlapMs(of('unknown'), open);
  const offScheduled = of('off-scheduled').reduce((n, i) => n + (i.to - i.from), 0);
  return {
    expectedMinutes: Math.round(expected / MIN),
    downMinutes: Math.round(down / MIN),
    unknownMinutes: Math.round(unknown / MIN),
    // Over the monitored opening time: a device never seen is not reported as 100 % available.
    availability: expected - unknown <= 0 ? null : 1 - down / (expected - unknown),
    offScheduledHours: Math.round((offScheduled / 3_600_000) * 100) / 100,
  };
}
