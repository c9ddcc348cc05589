import { Gauge } from 'prom-client';
import type { Component } from '../core/component.js';
import type { Zone } from '../core/zone.js';
import { isYearKnown } from '../domain/calendar.js';
import { watchCalendar } from './watch.js';

/**
 * The holiday calendar's own duties: `zoneops_calendar_year_known{year}` for this year and next, and
 * telling the technician from 1 December when next year is not covered (the schedule then falls back
 * to Mon–Fri). "What the schedule says" itself is the zone's schedule service (schedule-service.ts).
 */
export function calendarFeature(zone: Zone): Component {
  const { schedule, clock } = zone;
  new Gauge({
    name: 'zoneops_calendar_year_known',
    help: 'Whether the holiday calendar covers the year (1) or the schedule falls back to Mon–Fri (0): this year and next.',
    labelNames: ['year'],
    registers: [zone.registry],
    collect() {
      this.reset();
      const year = Number(schedule.today(clock.now()).slice(0, 4));
      for (const y of [year, year + 1])
        this.set({ year: String(y) }, isYearKnown(y, schedule.context.sources) ? 1 : 0);
    },
  });
  let stopWatch: (() => void) | undefined;
  return {
    name: 'calendar',
    async start() {
      stopWatch = await watchCalendar({
        context: schedule.context,
        clock,
        logger: zone.child('calendar'),
        people: zone.config.people,
        tell: zone.tell,
      });
    },
    async stop() {
      stopWatch?.();
    },
  };
}
