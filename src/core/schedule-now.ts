import type { ScheduleContext } from '../calendar/schedule.js';
import { type CalendarDay, calendarDay } from '../domain/calendar.js';
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
  // A /metrics scrape asks for every device at the same instant: the local time and the calendar day
  // are worked out once for that instant, not once per device (see bench/findings.md).
  let memo:
    | { now: number; ctx: ScheduleContext; date: string; minutes: number; day: CalendarDay }
    | undefined;
  const at = (now: number) => {
    const ctx = context();
    if (memo?.now !== now || memo.ctx !== ctx) {
      const t = localTime(now, ctx.tz);
      const day = memo?.ctx === ctx && memo.date === t.date ? memo.day : calendarDay(t.date, ctx.sources);
      memo = { now, ctx, date: t.date, minutes: t.minutes, day };
    }
    return memo;
  };

  return {
    setOverrides(list: readonly PowerOverride[]): void {
      overrides = list;
    },
    /** Devices the schedule does not switch (plugs, unknown ids) are always expected on. */
    expectedOn(deviceId: string, now: number): boolean {
      const type = devices.get(deviceId);
      if (type === undefined || !scheduled.has(type)) return true;
      const { ctx, day } = at(now);
      return desiredPower({ deviceId, type, now, tz: ctx.tz, day, hours: ctx.hours, overrides }).on;
    },
    /** The zone is open: a working day and between the first opening and the last closing time. */
    isWorkingTime(now: number): boolean {
      const { ctx, minutes, day: calendar } = at(now);
      const t = { minutes };
      const day = openOn(calendar, ctx.hours);
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
