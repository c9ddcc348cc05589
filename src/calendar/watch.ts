import type { Clock } from '../clock.js';
import type { PersonConfig } from '../config/schema.js';
import type { TellPeople } from '../core/tell-people.js';
import { calendarWarning } from '../domain/calendar.js';
import type { Logger } from '../log.js';
import type { ScheduleContext } from './schedule.js';

const CHECK_EVERY_MS = 6 * 3_600_000;

/**
 * Tells the technician, once per year and level, when the holiday calendar does not cover next year
 * (from 1 December) or this year: the schedule then falls back to Mon–Fri. Checks at start and every
 * six hours; returns the function that stops it.
 */
export async function watchCalendar(deps: {
  context: ScheduleContext;
  clock: Clock;
  logger: Logger;
  people: readonly PersonConfig[];
  tell: TellPeople;
}): Promise<() => void> {
  const check = async () => {
    const ctx = deps.context;
    const w = calendarWarning(deps.clock.now(), ctx.tz, ctx.sources);
    if (w.level === 'none') return;
    const technicians = deps.people.filter((p) => p.role === 'technician');
    await deps.tell(`calendar:${w.year}:${w.level}`, technicians, w.message, 'initial');
  };
  const safeCheck = () =>
    check().catch((err: unknown) => deps.logger.error({ err }, 'calendar check failed'));
  let cancel = () => {};
  const schedule = () => {
    cancel = deps.clock.setTimeout(() => {
      void safeCheck();
      schedule();
    }, CHECK_EVERY_MS);
  };
  await safeCheck();
  schedule();
  return () => cancel();
}
