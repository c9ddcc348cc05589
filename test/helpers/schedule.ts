import { chineseDaysPackage } from '../../src/calendar/package.js';
import { createScheduleService, type ScheduleService } from '../../src/calendar/schedule-service.js';
import { noOverrides } from '../../src/domain/calendar.js';
import type { PowerOverride } from '../../src/domain/desired-power.js';
import type { DeviceType } from '../../src/domain/device.js';
import type { OfficeHours } from '../../src/domain/office-hours.js';

/**
 * The zone's schedule service on the real holiday package (chinese-days) with no local calendar file,
 * the given office hours and overrides kept in memory (the tests that use it have no store of their own
 * for overrides).
 */
export function testSchedule(opts: {
  hours: Pick<OfficeHours, 'weekdays' | 'seasons'> & Partial<OfficeHours>;
  tz?: string;
  devices?: ReadonlyMap<string, DeviceType>;
}): ScheduleService & { readonly stored: PowerOverride[] } {
  const stored: PowerOverride[] = [];
  let next = 1;
  const service = createScheduleService({
    context: {
      sources: { pkg: chineseDaysPackage(), overrides: noOverrides },
      hours: { lunchBreak: 'keep-on', leadLag: {}, ...opts.hours },
      tz: opts.tz ?? 'Asia/Shanghai',
    },
    devices: opts.devices ?? new Map(),
    overrides: {
      active: async (now) => stored.filter((o) => o.until > now),
      add: async (o) => {
        const created = { id: next++, ...o };
        stored.push(created);
        return created;
      },
      cancel: async (id) => {
        const i = stored.findIndex((o) => o.id === id);
        if (i < 0) return false;
        stored.splice(i, 1);
        return true;
      },
    },
  });
  return Object.assign(service, { stored });
}

/** Our test zone's hours: weekdays, summer hours from 1 May (09:00-12:00, 14:30-18:00), winter from 1 October (09:00-12:00, 14:00-17:30). */
export const summerWinterHours: Pick<OfficeHours, 'weekdays' | 'seasons'> = {
  weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  seasons: [
    {
      name: '夏季作息',
      from: '05-01',
      periods: [
        { from: 540, to: 720 },
        { from: 870, to: 1080 },
      ],
      byWeekday: {},
    },
    {
      name: '冬季作息',
      from: '10-01',
      periods: [
        { from: 540, to: 720 },
        { from: 840, to: 1050 },
      ],
      byWeekday: {},
    },
  ],
};
