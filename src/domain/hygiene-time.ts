/**
 * Local-date helpers of the hygiene plan. Dates are 'YYYY-MM-DD' in the zone's time zone; times of day
 * are minutes after local midnight. The time-zone arithmetic itself lives in local-time.ts (shared with
 * the calendar and the power schedule); this module adds what the hygiene plan needs on top.
 */
import { addDays, hhmm, isIsoDate, localTime, zonedEpoch } from './local-time.js';

export { addDays, hhmm, zonedEpoch };

export const isIsoDay = isIsoDate;

/** Whole days from `a` to `b` (negative when b is before a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

interface LocalMoment {
  /** YYYY-MM-DD */
  date: string;
  /** Minutes after local midnight. */
  minutes: number;
}

export function localMoment(epochMs: number, tz: string): LocalMoment {
  const t = localTime(epochMs, tz);
  return { date: t.date, minutes: t.minutes };
}

/** 'YYYY-MM' → first day and the first day of the next month. */
export function monthRange(month: string): { from: string; to: string } {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new Error(`not a month YYYY-MM: ${month}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  return { from: `${month}-01`, to: `${next}-01` };
}
