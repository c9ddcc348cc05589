import type { CalendarDay, Period } from './calendar.js';
import type { DeviceType } from './device.js';
import type { WeekdayKey } from './local-time.js';

/**
 * Office hours of the public service centre (summer/winter seasons, per-weekday hours, lunch break)
 * and the per-device-type lead/lag: when the zone is open on a date and when each kind of device
 * should be on. Pure. The shape matches `officeHours` of the config (config/schema.ts).
 */

interface Season {
  readonly name: string;
  /** MM-DD; a season lasts until the next one starts (wrapping over the new year). */
  readonly from: string;
  readonly periods: readonly Period[];
  readonly byWeekday: Partial<Record<WeekdayKey, readonly Period[]>>;
}

interface LeadLag {
  readonly onBeforeMinutes: number;
  readonly offAfterMinutes: number;
}

export interface OfficeHours {
  readonly weekdays: readonly WeekdayKey[];
  readonly seasons: readonly Season[];
  readonly lunchBreak: 'keep-on' | 'off';
  readonly leadLag: Partial<Record<DeviceType, LeadLag>>;
}

/** Issue 7 defaults: PCs and kiosks on 15 min before opening, off 15 after; printers/copiers 20 before, 30 after. */
const defaultLeadLag: Readonly<Record<DeviceType, LeadLag | null>> = {
  pc: { onBeforeMinutes: 15, offAfterMinutes: 15 },
  kiosk: { onBeforeMinutes: 15, offAfterMinutes: 15 },
  printer: { onBeforeMinutes: 20, offAfterMinutes: 30 },
  copier: { onBeforeMinutes: 20, offAfterMinutes: 30 },
  mfp: { onBeforeMinutes: 20, offAfterMinutes: 30 },
  other: { onBeforeMinutes: 0, offAfterMinutes: 0 },
  // A plug is an actuator for another device, not something scheduled for itself.
  plug: null,
};

export const scheduledTypes = ['pc', 'kiosk', 'printer', 'copier', 'mfp', 'other'] as const;

export function leadLagFor(type: DeviceType, hours: OfficeHours): LeadLag | null {
  if (type === 'plug') return null;
  return hours.leadLag[type] ?? defaultLeadLag[type];
}

/** The season in force on a date: the latest `from` on or before the date's MM-DD, else the last of the year. */
function seasonOn(date: string, hours: OfficeHours): Season {
  const md = date.slice(5);
  const sorted = [...hours.seasons].sort((a, b) => a.from.localeCompare(b.from));
  const current = sorted.filter((s) => s.from <= md).at(-1) ?? sorted.at(-1);
  if (!current) throw new Error('officeHours.seasons is empty (the config schema requires one)');
  return current;
}

export interface OpenDay {
  readonly open: boolean;
  /** The opening periods, minutes after midnight; empty when closed. */
  readonly periods: readonly Period[];
  readonly season: string | null;
}

/**
 * Whether the zone opens on a calendar day. Holidays and closures are shut and make-up days and local
 * events open whatever the configured weekdays; an ordinary day opens when its weekday is configured.
 */
export function openOn(day: CalendarDay, hours: OfficeHours): OpenDay {
  const open =
    day.kind === 'holiday' || day.kind === 'closure'
      ? false
      : day.kind === 'makeup' || day.kind === 'event'
        ? true
        : hours.weekdays.includes(day.weekday);
  if (!open) return { open: false, periods: [], season: null };
  const season = seasonOn(day.date, hours);
  // A make-up day keeps the hours of an ordinary weekday, not a Saturday special.
  const periods = day.periods ?? season.byWeekday[day.weekday] ?? season.periods;
  return { open: true, periods, season: season.name };
}

/**
 * When a device type should be on during an open day: each window is a period widened by the lead/lag.
 * With the lunch break `keep-on` (the default) the periods are bridged into one window.
 */
export function powerWindows(
  periods: readonly Period[],
  leadLag: LeadLag,
  lunch: OfficeHours['lunchBreak'],
): Period[] {
  const widened = periods.map((p) => ({
    from: Math.max(0, p.from - leadLag.onBeforeMinutes),
    // A window ends at midnight at the latest: each day is planned on its own.
    to: Math.min(24 * 60, p.to + leadLag.offAfterMinutes),
  }));
  const first = widened[0];
  const last = widened.at(-1);
  if (!first || !last) return [];
  if (lunch === 'keep-on') return [{ from: first.from, to: last.to }];
  // Overlapping windows (short lunch, long lead) merge: never an off and an on within the same minutes.
  const merged: Period[] = [];
  for (const w of widened) {
    const prev = merged.at(-1);
    if (prev && w.from <= prev.to)
      merged[merged.length - 1] = { from: prev.from, to: Math.max(prev.to, w.to) };
    else merged.push(w);
  }
  return merged;
}
