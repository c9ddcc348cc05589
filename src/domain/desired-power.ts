import type { CalendarDay, CalendarSource, Period } from './calendar.js';
import type { DeviceType } from './device.js';
import { hhmm, localTime } from './local-time.js';
import { leadLagFor, type OfficeHours, openOn, powerWindows, scheduledTypes } from './office-hours.js';

/**
 * The desired power state of a device at a moment: the calendar and office hours give the plan,
 * overrides from staff bend it. Pure; the reconciler compares the result with what it observes.
 */

const overrideKinds = ['keep-on', 'force-on', 'force-off'] as const;
export type OverrideKind = (typeof overrideKinds)[number];

export interface PowerOverride {
  readonly id: number;
  readonly kind: OverrideKind;
  /** null: the whole zone. */
  readonly deviceId: string | null;
  /** Epoch ms, inclusive. */
  readonly from: number;
  /** Epoch ms, exclusive. */
  readonly until: number;
  readonly createdBy: string;
  readonly note: string | null;
}

type DesiredReason =
  | 'open'
  | 'closed-day'
  | 'outside-hours'
  | 'not-scheduled'
  | 'keep-on'
  | 'force-on'
  | 'force-off';

export interface Desired {
  readonly on: boolean;
  readonly reason: DesiredReason;
  /** The override that decided, if any. */
  readonly overrideId?: number;
  /** The planned windows of the day (minutes after midnight), for display and for catch-up. */
  readonly windows: readonly Period[];
  /** Epoch ms when the current desired state began per the plan (start of window / end of window). */
  readonly since: number | null;
}

interface DesiredInput {
  readonly deviceId: string;
  readonly type: DeviceType;
  readonly now: number;
  readonly tz: string;
  /** The calendar day of `now`'s local date. */
  readonly day: CalendarDay;
  readonly hours: OfficeHours;
  readonly overrides: readonly PowerOverride[];
}

/** Overrides that apply to a device now: its own or the zone's, currently in force. */
function activeOverrides(deviceId: string, now: number, all: readonly PowerOverride[]): PowerOverride[] {
  return all.filter(
    (o) => (o.deviceId === null || o.deviceId === deviceId) && o.from <= now && now < o.until,
  );
}

export function desiredPower(input: DesiredInput): Desired {
  const { now, tz, day, hours } = input;
  const local = localTime(now, tz);
  if (local.date !== day.date) throw new Error(`calendar day ${day.date} given for ${local.date}`);
  const leadLag = leadLagFor(input.type, hours);
  const opening = openOn(day, hours);
  const windows = leadLag && opening.open ? powerWindows(opening.periods, leadLag, hours.lunchBreak) : [];
  const midnight = now - local.minutes * 60_000 - (now % 60_000);
  const at = (m: number) => midnight + m * 60_000;

  const active = activeOverrides(input.deviceId, now, input.overrides);
  // A device's own force beats a zone-wide one; among equals the newest wins.
  const forces = active
    .filter((o) => o.kind !== 'keep-on')
    .sort((a, b) => Number(a.deviceId !== null) - Number(b.deviceId !== null) || a.id - b.id);
  const force = forces.at(-1);
  if (force) {
    return {
      on: force.kind === 'force-on',
      reason: force.kind,
      overrideId: force.id,
      windows,
      since: force.from,
    };
  }

  let scheduled: Desired;
  if (!leadLag) scheduled = { on: false, reason: 'not-scheduled', windows, since: null };
  else if (!opening.open) scheduled = { on: false, reason: 'closed-day', windows, since: at(0) };
  else {
    const inside = windows.find((w) => w.from <= local.minutes && local.minutes < w.to);
    if (inside) scheduled = { on: true, reason: 'open', windows, since: at(inside.from) };
    else {
      const ended = windows.filter((w) => w.to <= local.minutes).at(-1);
      scheduled = { on: false, reason: 'outside-hours', windows, since: ended ? at(ended.to) : at(0) };
    }
  }
  if (!scheduled.on && leadLag) {
    const keep = active.filter((o) => o.kind === 'keep-on').at(-1);
    if (keep) return { on: true, reason: 'keep-on', overrideId: keep.id, windows, since: keep.from };
  }
  return scheduled;
}

interface PlannedWindow {
  readonly on: string;
  readonly off: string;
}

/** What `zoneops calendar` and GET /api/v1/schedule show for one date. */
export interface DayPlan {
  readonly date: string;
  readonly weekday: string;
  readonly workday: boolean;
  /** Whether the zone opens (workday, or the configured weekdays for ordinary days). */
  readonly openDay: boolean;
  readonly reason: string;
  readonly source: CalendarSource;
  readonly season: string | null;
  /** Opening periods as "HH:MM-HH:MM". */
  readonly open: readonly string[];
  /** Per device type, the planned on/off times ("HH:MM"); empty on a closed day. */
  readonly power: Readonly<Record<string, readonly PlannedWindow[]>>;
}

export function planDay(day: CalendarDay, hours: OfficeHours): DayPlan {
  const opening = openOn(day, hours);
  const power: Record<string, PlannedWindow[]> = {};
  for (const type of scheduledTypes) {
    const leadLag = leadLagFor(type, hours);
    if (!leadLag) continue;
    power[type] = powerWindows(opening.periods, leadLag, hours.lunchBreak).map((w) => ({
      on: hhmm(w.from),
      off: hhmm(w.to),
    }));
  }
  return {
    date: day.date,
    weekday: day.weekday,
    workday: day.workday,
    openDay: opening.open,
    reason: day.reason,
    source: day.source,
    season: opening.season,
    open: opening.periods.map((p) => `${hhmm(p.from)}-${hhmm(p.to)}`),
    power,
  };
}
