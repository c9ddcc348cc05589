import type { ScheduleContext } from '../calendar/schedule.js';
import { calendarDay } from '../domain/calendar.js';
import { desiredPower, type PowerOverride } from '../domain/desired-power.js';
import type { DeviceType } from '../domain/device.js';
import { localTime } from '../domain/local-time.js';
import { openOn, scheduledTypes } from '../domain/office-hours.js';

/**
 * "What does the schedule say right now?" for the parts that ask synchronously (status, faults, the
 * SNMP poller's asleep check): whether a device should be on, and whether the zone is open (non-critical
 * messages wait for it). Overrides are read by the power tick and cached here.
 */
export function createScheduleNow(context: () => ScheduleContext, devices: ReadonlyMap<string, DeviceType>) {
  let overrides: readonly PowerOverride[] = [];
  const scheduled = new Set<string>(scheduledTypes);

  return {
    setOverrides(list: readonly PowerOverride[]): void {
      overrides = list;
    },
    /** Devices the schedule does not switch (plugs, unknown ids) are always expected on. */
    expectedOn(deviceId: string, now: number): boolean {
      const type = devices.get(deviceId);
      if (type === undefined || !scheduled.has(type)) return true;
      const ctx = context();
      const date = localTime(now, ctx.tz).date;
      return desiredPower({
        deviceId,
        type,
        now,
        tz: ctx.tz,
        day: calendarDay(date, ctx.sources),
        hours: ctx.hours,
        overrides,
      }).on;
    },
    /** The zone is open: a working day and between the first opening and the last closing time. */
    isWorkingTime(now: number): boolean {
      const ctx = context();
      const t = localTime(now, ctx.tz);
      const day = openOn(calendarDay(t.date, ctx.sources), ctx.hours);
      const first = day.periods[0];
      const last = day.periods[day.periods.length - 1];
      return (
        day.open &&
        first !== undefined &&
        last !== undefined &&
        t.minutes >= first.from &&
        t.minutes < last.to
      );
    },
    /** Opening time (minutes after midnight) of a date, or null when the zone is closed that day. */
    openingMinutes(date: string): number | null {
      const ctx = context();
      const day = openOn(calendarDay(date, ctx.sources), ctx.hours);
      return day.open ? (day.periods[0]?.from ?? null) : null;
    },
  };
}

export type ScheduleNow = ReturnType<typeof createScheduleNow>;
