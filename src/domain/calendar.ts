import { addDays, localTime, type WeekdayKey, weekdayOf } from './local-time.js';

/**
 * China's working calendar: statutory holidays and the weekend make-up working days (调休上班) from a
 * maintained data package, corrected and extended by the local override file. Pure: the package is
 * injected as a lookup, so tests and the CLI see exactly the same decisions as the daemon.
 */

export type CalendarSource = 'package' | 'override' | 'fallback';

/** Why a date is what it is. `weekday`/`weekend` are ordinary days; the others come from an arrangement. */
type DayKind = 'weekday' | 'weekend' | 'holiday' | 'makeup' | 'closure' | 'event';

export interface CalendarDay {
  readonly date: string;
  readonly weekday: WeekdayKey;
  /** A working day on the national calendar (or as the override says). */
  readonly workday: boolean;
  readonly kind: DayKind;
  /** In Chinese, for the attendants: 国庆节, 调休上班, 周末, 工作日, or the override's own text. */
  readonly reason: string;
  readonly source: CalendarSource;
  /** Opening periods of a local event that differ from the usual hours, minutes after midnight. */
  readonly periods?: readonly Period[];
}

export interface Period {
  readonly from: number;
  readonly to: number;
}

/** What the holiday package says about one date of a year it covers. */
export interface PackageDay {
  readonly work: boolean;
  /** The holiday's Chinese name when the date belongs to an arrangement (holiday or make-up day). */
  readonly holiday: string | null;
}

/** The data package seen through a narrow, injectable lookup (src/calendar/package.ts wraps chinese-days). */
export interface HolidayPackage {
  /** Years whose State Council arrangement the package carries. */
  readonly years: ReadonlySet<number>;
  day(date: string): PackageDay;
}

export interface ArrangementEntry {
  readonly date: string;
  readonly name: string;
}

/** The local override file, parsed (src/calendar/override-file.ts). */
export interface CalendarOverrides {
  /** Whole-year arrangements published before the package is updated: holidays off, make-up days on. */
  readonly arrangements: ReadonlyMap<
    number,
    { readonly holidays: readonly ArrangementEntry[]; readonly workdays: readonly ArrangementEntry[] }
  >;
  /** Extra local closures (停电检修, 上级检查 …). */
  readonly closures: readonly ArrangementEntry[];
  /** Local events: open that day (even a day off), optionally with their own periods. */
  readonly events: readonly (ArrangementEntry & { readonly periods?: readonly Period[] })[];
}

export const noOverrides: CalendarOverrides = { arrangements: new Map(), closures: [], events: [] };

export interface CalendarSources {
  readonly pkg: HolidayPackage;
  readonly overrides: CalendarOverrides;
}

/** Years for which zoneops knows the real arrangement (package or override); others fall back to Mon–Fri. */
export function knownYears(src: CalendarSources): number[] {
  return [...new Set([...src.pkg.years, ...src.overrides.arrangements.keys()])].sort((a, b) => a - b);
}

export function isYearKnown(year: number, src: CalendarSources): boolean {
  return src.pkg.years.has(year) || src.overrides.arrangements.has(year);
}

const isWeekend = (w: WeekdayKey) => w === 'sat' || w === 'sun';

/** One date (YYYY-MM-DD). Local closures and events win, then an override arrangement, then the package. */
export function calendarDay(date: string, src: CalendarSources): CalendarDay {
  const weekday = weekdayOf(date);
  const closure = src.overrides.closures.find((c) => c.date === date);
  if (closure)
    return { date, weekday, workday: false, kind: 'closure', reason: closure.name, source: 'override' };
  const event = src.overrides.events.find((e) => e.date === date);
  if (event) {
    return {
      date,
      weekday,
      workday: true,
      kind: 'event',
      reason: event.name,
      source: 'override',
      ...(event.periods ? { periods: event.periods } : {}),
    };
  }
  const year = Number(date.slice(0, 4));
  const arrangement = src.overrides.arrangements.get(year);
  if (arrangement) {
    const off = arrangement.holidays.find((h) => h.date === date);
    if (off) return { date, weekday, workday: false, kind: 'holiday', reason: off.name, source: 'override' };
    const on = arrangement.workdays.find((w) => w.date === date);
    if (on) return { date, weekday, workday: true, kind: 'makeup', reason: '调休上班', source: 'override' };
    return ordinary(date, weekday, 'override');
  }
  if (src.pkg.years.has(year)) {
    const p = src.pkg.day(date);
    if (p.holiday !== null && !p.work) {
      return { date, weekday, workday: false, kind: 'holiday', reason: p.holiday, source: 'package' };
    }
    if (p.holiday !== null && p.work && isWeekend(weekday)) {
      return { date, weekday, workday: true, kind: 'makeup', reason: '调休上班', source: 'package' };
    }
    return ordinary(date, weekday, 'package');
  }
  return ordinary(date, weekday, 'fallback');
}

function ordinary(date: string, weekday: WeekdayKey, source: CalendarSource): CalendarDay {
  return isWeekend(weekday)
    ? { date, weekday, workday: false, kind: 'weekend', reason: '周末', source }
    : { date, weekday, workday: true, kind: 'weekday', reason: '工作日', source };
}

/** `days` consecutive dates from `from`. */
export function calendarRange(from: string, days: number, src: CalendarSources): CalendarDay[] {
  return Array.from({ length: days }, (_, i) => calendarDay(addDays(from, i), src));
}

export type CalendarWarning =
  | { readonly level: 'none' }
  | {
      readonly level: 'warning' | 'critical';
      /** The year without data. */
      readonly year: number;
      /** For the technician, in Chinese. */
      readonly message: string;
    };

/**
 * Whether to tell the technician that the calendar lacks a year. Critical when the current year is
 * unknown (zoneops is running on the Mon–Fri fallback now); a warning from 1 December when next year
 * is still unknown (the State Council usually publishes in October/November).
 */
export function calendarWarning(now: number, tz: string, src: CalendarSources): CalendarWarning {
  const { date } = localTime(now, tz);
  const year = Number(date.slice(0, 4));
  if (!isYearKnown(year, src)) {
    return {
      level: 'critical',
      year,
      message: `${year} 年的节假日安排未知：排班按周一至周五推定（法定节假日、调休不会自动处理）。请更新 chinese-days 或在 config/calendar.yaml 中填写 ${year} 年安排。`,
    };
  }
  if (date.slice(5) >= '12-01' && !isYearKnown(year + 1, src)) {
    return {
      level: 'warning',
      year: year + 1,
      message: `${year + 1} 年的节假日安排尚未录入：国务院通知发布后，请更新 chinese-days 或在 config/calendar.yaml 中填写，否则 1 月 1 日起按周一至周五推定。`,
    };
  }
  return { level: 'none' };
}
