import chineseDays from 'chinese-days';
import type { HolidayPackage, PackageDay } from '../domain/calendar.js';

/**
 * The `chinese-days` package (vsme/chinese-days, MIT) behind the domain's HolidayPackage lookup. It
 * carries the State Council's arrangements; for a year it does not carry it silently answers Mon–Fri,
 * so the years it really covers are found once here and the domain falls back visibly for the rest.
 */

// The package is CommonJS (UMD); Node gives its module.exports as the default import.
const api = chineseDays as unknown as {
  getDayDetail(date: string): { work: boolean; name: string; date: string };
  getHolidaysInRange(start: string, end: string, includeWeekends?: boolean): string[];
};

const weekdayNames = new Set(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);

/** "National Day,国庆节,3" → "国庆节"; a plain weekday name (no arrangement) → null. */
function holidayName(name: string): string | null {
  if (weekdayNames.has(name)) return null;
  const parts = name.split(',');
  return parts[1]?.trim() || parts[0]?.trim() || null;
}

/** A year is covered when the package lists any statutory holiday in it (元旦 at least, every year). */
function coveredYears(from: number, to: number): Set<number> {
  const years = new Set<number>();
  for (let y = from; y <= to; y++) {
    const days = api.getHolidaysInRange(`${y}-01-01`, `${y}-12-31`, false);
    if (days.some((d) => holidayName(api.getDayDetail(d).name) !== null)) years.add(y);
  }
  return years;
}

let cached: HolidayPackage | undefined;

export function chineseDaysPackage(): HolidayPackage {
  if (cached) return cached;
  // Scanning a fixed range keeps this free of the wall clock; unknown years cost almost nothing.
  const years = coveredYears(2004, 2099);
  const day = (date: string): PackageDay => {
    const d = api.getDayDetail(date);
    return { work: d.work, holiday: holidayName(d.name) };
  };
  cached = { years, day };
  return cached;
}
