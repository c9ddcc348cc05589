import { type CalendarDay, calendarDay } from '../domain/calendar.js';
import { workingDeadline } from '../domain/complaint-deadlines.js';
import {
  type Desired,
  desiredPower,
  type OverrideKind,
  type PowerOverride,
} from '../domain/desired-power.js';
import type { DeviceType } from '../domain/device.js';
import { ServiceError } from '../domain/errors.js';
import type { DayInfo } from '../domain/hygiene-plan.js';
import { addDays, localTime, zonedEpoch } from '../domain/local-time.js';
import { type OpenDay, openOn, scheduledTypes } from '../domain/office-hours.js';
import type { PowerOverridesRepo } from './overrides-repo.js';
import { type ScheduleContext, type ScheduleView, scheduleView } from './schedule.js';

interface ScheduleServiceDeps {
  readonly context: ScheduleContext;
  /** Every device's type (plugs and unknown ids are never switched by the schedule). */
  readonly devices: ReadonlyMap<string, DeviceType>;
  readonly overrides: Pick<PowerOverridesRepo, 'active' | 'add' | 'cancel'>;
}

/**
 * "What does the schedule say now?" — the one owner of the answer, for every part that asks: the power
 * reconciler (desired state), faults (non-critical messages wait for working time), hygiene (working days
 * and opening times), metrics (expected on), the pollers (asleep by schedule), the report and the pages.
 * The calendar (chinese-days + config/calendar.yaml), the office hours and the staff's overrides are put
 * together here once; the rules themselves are pure (domain/calendar.ts, office-hours.ts, desired-power.ts).
 *
 * Overrides live in the store; the service keeps the active ones in memory and reads them again when
 * one is added or cancelled and once a minute (`refresh`, from the minute ticker), so the synchronous
 * questions never touch the database.
 */
export function createScheduleService(deps: ScheduleServiceDeps) {
  const { context } = deps;
  const scheduled = new Set<string>(scheduledTypes);
  let overrides: readonly PowerOverride[] = [];
  // A /metrics scrape asks for every device at the same instant: the local time and the calendar day
  // are worked out once for that instant, not once per device (see bench/findings.md).
  let memo: { now: number; date: string; minutes: number; day: CalendarDay } | undefined;
  const at = (now: number) => {
    if (memo?.now !== now) {
      const t = localTime(now, context.tz);
      const day = memo?.date === t.date ? memo.day : calendarDay(t.date, context.sources);
      memo = { now, date: t.date, minutes: t.minutes, day };
    }
    return memo;
  };
  const openDay = (date: string): OpenDay => openOn(calendarDay(date, context.sources), context.hours);
  const openingMinutes = (date: string): number | null => {
    const d = openDay(date);
    return d.open ? (d.periods[0]?.from ?? null) : null;
  };

  const closingMinutes = (date: string): number | null => {
    const d = openDay(date);
    return d.open ? (d.periods.at(-1)?.to ?? null) : null;
  };

  const service = {
    context,
    /** The zone's local date of an instant (YYYY-MM-DD). */
    today: (now: number): string => at(now).date,
    day: (date: string): CalendarDay => calendarDay(date, context.sources),
    openDay,
    /** Working days and opening times, in the shape the hygiene plan takes. */
    days: {
      isWorkingDay: (date: string) => openingMinutes(date) !== null,
      openingMinutes,
    } satisfies DayInfo,
    /**
     * The end of `workingDays` working days after `from` (the zone's closing time on the last one): the
     * deadline of "within N working days", counted as domain/complaint-deadlines.ts says.
     */
    deadline: (from: number, workingDays: number): number =>
      workingDeadline(from, workingDays, { closingMinutes }, context.tz),
    /** The zone is open: a working day, between the first opening and the last closing time. */
    isWorkingTime(now: number): boolean {
      const { day, minutes } = at(now);
      const open = openOn(day, context.hours);
      const first = open.periods[0];
      const last = open.periods.at(-1);
      return (
        open.open && first !== undefined && last !== undefined && minutes >= first.from && minutes < last.to
      );
    },
    /** The desired power of a device now, with the overrides in force. */
    desired(deviceId: string, type: DeviceType, now: number): Desired {
      const { day } = at(now);
      return desiredPower({ deviceId, type, now, tz: context.tz, day, hours: context.hours, overrides });
    },
    /** Whether the schedule wants the device on; devices it does not switch (plugs, unknown) are always on. */
    expectedOn(deviceId: string, now: number): boolean {
      const type = deps.devices.get(deviceId);
      if (type === undefined || !scheduled.has(type)) return true;
      return service.desired(deviceId, type, now).on;
    },
    /** The calendar and planned power times of `days` days from `from` (GET /schedule, the CLI, the pages). */
    view: (from: string, days: number, now: number): ScheduleView => scheduleView(context, from, days, now),
    /** The overrides in force or still to come today, as last read. */
    overrides: (): readonly PowerOverride[] => overrides,
    async refresh(now: number): Promise<readonly PowerOverride[]> {
      overrides = await deps.overrides.active(now);
      return overrides;
    },
    /**
     * Keeps the zone or a device on, or forces it on/off, from now until a time today (default: the end of
     * today) — an override never silently carries into tomorrow's schedule.
     */
    async addOverride(
      o: { kind: OverrideKind; deviceId: string | null; untilMinutes?: number; note?: string; by: string },
      now: number,
    ): Promise<PowerOverride> {
      const today = at(now).date;
      const until =
        o.untilMinutes === undefined
          ? zonedEpoch(addDays(today, 1), 0, context.tz)
          : zonedEpoch(today, o.untilMinutes, context.tz);
      if (until <= now)
        throw new ServiceError('invalid', 'body.until: must be later than now (a time today, HH:MM)');
      const created = await deps.overrides.add(
        { kind: o.kind, deviceId: o.deviceId, from: now, until, createdBy: o.by, note: o.note ?? null },
        now,
      );
      await service.refresh(now);
      return created;
    },
    async cancelOverride(id: number, now: number): Promise<boolean> {
      const done = await deps.overrides.cancel(id, now);
      await service.refresh(now);
      return done;
    },
  };
  return service;
}

export type ScheduleService = ReturnType<typeof createScheduleService>;
