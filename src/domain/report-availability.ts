import { clip, type Interval, intersect, totalMs } from './report-calendar.js';
import type { TransitionFact } from './report-input.js';
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

/** The status at instant `at` (the segment that contains it), `unknown` outside them. */
export function statusAt(
  segments: ReadonlyArray<Interval & { status: DeviceStatus }>,
  at: number,
): DeviceStatus {
  return segments.find((s) => s.from <= at && at < s.to)?.status ?? 'unknown';
}

export interface Availability {
  readonly expectedMinutes: number;
  readonly monitoredMinutes: number;
  readonly upMinutes: number;
  readonly unavailableMinutes: number;
  readonly downMinutes: number;
  readonly coverage: number | null;
  readonly availability: number | null;
  readonly offScheduledHours: number;
  /** The monitored opening time itself (for the time-weighted 设备完好率 and the monitored days). */
  readonly monitored: readonly Interval[];
}

const MIN = 60_000;
const working = new Set<DeviceStatus>(['up', 'degraded']);

/**
 * 可用率 over opening hours (closed days have no opening periods, so nothing counts on a holiday):
 * - monitored = opening minutes the device was due on and zoneops knew whether it worked: `up`,
 *   `degraded` or `down` (not `unknown`; nor `off-scheduled` — switched off by the schedule or an
 *   override, or a status left from the evening while zoneops was not running);
 * - available = opening minutes `up` or `degraded` (working, perhaps with a warning such as paper low);
 * - 可用率 = available ÷ monitored; 监测覆盖率 = monitored ÷ expected.
 * Each is rounded to whole minutes first and the ratios are taken of those minutes, so a zone total
 * Σ up ÷ Σ monitored over the rows is exactly what the table shows.
 */
export function availability(
  transitions: readonly TransitionFact[],
  opening: readonly Interval[],
  from: number,
  countedTo: number,
): Availability {
  const open = clip(opening, from, countedTo);
  const segments = statusSegments(transitions, from, countedTo);
  const of = (pred: (s: DeviceStatus) => boolean) => segments.filter((x) => pred(x.status));
  const monitored = intersect(
    of((s) => working.has(s) || s === 'down'),
    open,
  );
  const expected = Math.round(totalMs(open) / MIN);
  const known = Math.round(totalMs(monitored) / MIN);
  const up = Math.round(
    totalMs(
      intersect(
        of((s) => working.has(s)),
        open,
      ),
    ) / MIN,
  );
  const down = Math.round(
    totalMs(
      intersect(
        of((s) => s === 'down'),
        open,
      ),
    ) / MIN,
  );
  const offScheduled = totalMs(of((s) => s === 'off-scheduled'));
  return {
    expectedMinutes: expected,
    monitoredMinutes: known,
    upMinutes: up,
    unavailableMinutes: known - up,
    downMinutes: down,
    coverage: expected === 0 ? null : known / expected,
    // Over the monitored opening time: a device never seen is not reported as 100 % available.
    availability: known === 0 ? null : up / known,
    offScheduledHours: Math.round((offScheduled / 3_600_000) * 100) / 100,
    monitored,
  };
}
