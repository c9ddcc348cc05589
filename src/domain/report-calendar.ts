import { type CalendarSources, calendarDay, type Period } from './calendar.js';
import type { DeviceType } from './device.js';
import { addDays, localTime, zonedEpoch } from './local-time.js';
import { leadLagFor, type OfficeHours, openOn, powerWindows } from './office-hours.js';

/**
 * The calendar side of the monthly report (pure): which days of the month the zone opened, its opening
 * periods as instants, and when each kind of device was planned to be on. Holidays and closures are
 * closed days: no opening minutes, so no downtime can count on them.
 */

export interface Interval {
  readonly from: number;
  readonly to: number;
}

export interface ReportDay {
  readonly date: string;
  readonly open: boolean;
  /** 国庆节, 周末, 调休上班 … (from the calendar). */
  readonly reason: string;
  readonly kind: string;
  /** Opening periods as instants (empty on a closed day). */
  readonly opening: readonly Interval[];
  /** Planned power-on windows as instants, per device type (empty on a closed day). */
  readonly power: Readonly<Partial<Record<DeviceType, readonly Interval[]>>>;
}

/** 'YYYY-MM' → true when it is a real month. */
export function isMonth(s: string): boolean {
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[1]) >= 2000;
}

/** The month as local dates and as instants [from, to). */
export function monthSpan(
  month: string,
  tz: string,
): { first: string; days: number; from: number; to: number } {
  if (!isMonth(month)) throw new Error(`not a month YYYY-MM: ${month}`);
  const first = `${month}-01`;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first, days, from: zonedEpoch(first, 0, tz), to: zonedEpoch(addDays(first, days), 0, tz) };
}

/**
 * Where counting stops (the one place the report depends on "now"): a month that is over is counted
 * to its end; a running month to the start of today (the days so far), so every run on the same day
 * over the same stored history gives the same figures. A month not yet begun counts nothing.
 */
export function countedTo(month: string, tz: string, now: number): number {
  const span = monthSpan(month, tz);
  if (now >= span.to) return span.to;
  return Math.max(span.from, zonedEpoch(localTime(now, tz).date, 0, tz));
}

const types: readonly DeviceType[] = ['pc', 'kiosk', 'printer', 'copier', 'mfp', 'other'];

export function reportDays(
  month: string,
  tz: string,
  sources: CalendarSources,
  hours: OfficeHours,
): ReportDay[] {
  const span = monthSpan(month, tz);
  const out: ReportDay[] = [];
  for (let i = 0; i < span.days; i++) {
    const date = addDays(span.first, i);
    const cal = calendarDay(date, sources);
    const o = openOn(cal, hours);
    const at = (p: Period): Interval => ({
      from: zonedEpoch(date, p.from, tz),
      to: zonedEpoch(date, p.to, tz),
    });
    const power: Partial<Record<DeviceType, Interval[]>> = {};
    for (const t of types) {
      const ll = leadLagFor(t, hours);
      power[t] = ll && o.open ? powerWindows(o.periods, ll, hours.lunchBreak).map(at) : [];
    }
    out.push({ date, open: o.open, reason: cal.reason, kind: cal.kind, opening: o.periods.map(at), power });
  }
  return out;
}

/** Total overlap of two sorted lists of disjoint intervals, in ms. */
export function overlapMs(a: readonly Interval[], b: readonly Interval[]): number {
  let total = 0;
  for (const x of a) {
    for (const y of b) {
      const lo = Math.max(x.from, y.from);
      const hi = Math.min(x.to, y.to);
      if (hi > lo) total += hi - lo;
    }
  }
  return total;
}

/** Intervals cut to [from, to); empty ones dropped. */
export function clip(list: readonly Interval[], from: number, to: number): Interval[] {
  return list
    .map((i) => ({ from: Math.max(i.from, from), to: Math.min(i.to, to) }))
    .filter((i) => i.to > i.from);
}

/** The intersection of two lists of disjoint intervals, sorted by start. */
export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const x of a) {
    for (const y of b) {
      const lo = Math.max(x.from, y.from);
      const hi = Math.min(x.to, y.to);
      if (hi > lo) out.push({ from: lo, to: hi });
    }
  }
  return out.sort((p, q) => p.from - q.from);
}

export const totalMs = (list: readonly Interval[]): number => list.reduce((n, i) => n + (i.to - i.from), 0);
