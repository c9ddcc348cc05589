import type { Config } from '../config/schema.js';
import { powerDefaults } from '../config/sections/power.js';
import {
  type CalendarSources,
  type CalendarWarning,
  calendarDay,
  calendarWarning,
  isYearKnown,
  knownYears,
} from '../domain/calendar.js';
import { type DayPlan, planDay } from '../domain/desired-power.js';
import { addDays } from '../domain/local-time.js';
import type { OfficeHours } from '../domain/office-hours.js';
import { ok, type Result } from '../domain/result.js';
import { loadCalendarOverrides } from './override-file.js';
import { chineseDaysPackage } from './package.js';

/** Everything the schedule needs, loaded once at start: calendar sources, hours, time zone. */
export interface ScheduleContext {
  readonly sources: CalendarSources;
  readonly hours: OfficeHours;
  readonly tz: string;
}

type ScheduleLoad = Result<ScheduleContext, string[]>;

/**
 * Loads the override file named by `power.calendarFile` (or `file`). The default path may be absent;
 * a path the technician gives explicitly must exist.
 */
export function loadScheduleContext(config: Config, file?: string): ScheduleLoad {
  const path = file ?? config.power.calendarFile;
  const required = file !== undefined || config.power.calendarFile !== powerDefaults.calendarFile;
  const loaded = loadCalendarOverrides(path, { required });
  if (!loaded.ok) return loaded;
  return ok({
    sources: { pkg: chineseDaysPackage(), overrides: loaded.value },
    hours: config.officeHours,
    tz: config.timezone,
  });
}

export interface ScheduleView {
  readonly days: readonly DayPlan[];
  readonly knownYears: readonly number[];
  /** Years in the range that run on the Mon–Fri fallback. */
  readonly fallbackYears: readonly number[];
  readonly warning: CalendarWarning;
}

/** What `zoneops calendar` and GET /api/v1/schedule show. */
export function scheduleView(ctx: ScheduleContext, from: string, days: number, now: number): ScheduleView {
  const plans = Array.from({ length: days }, (_, i) =>
    planDay(calendarDay(addDays(from, i), ctx.sources), ctx.hours),
  );
  const years = [...new Set(plans.map((p) => Number(p.date.slice(0, 4))))];
  return {
    days: plans,
    knownYears: knownYears(ctx.sources),
    fallbackYears: years.filter((y) => !isYearKnown(y, ctx.sources)),
    warning: calendarWarning(now, ctx.tz, ctx.sources),
  };
}
