import { localTime } from './local-time.js';

/**
 * "Is the office open now?" for the alerting rule "non-critical messages wait for office hours" (pure).
 * Holidays and adjusted working days are not known here: the daemon passes the real calendar in as an
 * `isWorkingTime(now)` function; this is the fallback over the configured weekdays and seasons.
 */
export const weekdayNames = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof weekdayNames)[number];

export interface Period {
  readonly from: number;
  readonly to: number;
}

/** The shape of `officeHours` in the config (minutes after midnight per period). */
export interface OfficeHoursLike {
  readonly weekdays: readonly Weekday[];
  readonly seasons: readonly {
    readonly from: string;
    readonly periods: readonly Period[];
    readonly byWeekday: Partial<Record<Weekday, readonly Period[]>>;
  }[];
}

export interface LocalParts {
  /** YYYY-MM-DD in the zone's time zone. */
  readonly date: string;
  readonly weekday: Weekday;
  /** Minutes after local midnight. */
  readonly minutes: number;
}

export function localParts(now: number, timeZone: string): LocalParts {
  return localTime(now, timeZone);
}

export function isOfficeOpen(hours: OfficeHoursLike, timeZone: string, now: number): boolean {
  const local = localParts(now, timeZone);
  if (!hours.weekdays.includes(local.weekday)) return false;
  const monthDay = local.date.slice(5);
  const seasons = [...hours.seasons].sort((a, b) => a.from.localeCompare(b.from));
  // The season that started last on or before today; before the first start, last year's last season.
  const season = seasons.filter((s) => s.from <= monthDay).at(-1) ?? seasons.at(-1);
  if (!season) return false;
  const periods = season.byWeekday[local.weekday] ?? season.periods;
  return periods.some((p) => local.minutes >= p.from && local.minutes < p.to);
}
