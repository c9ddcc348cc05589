import type { Interval, ReportDay } from './report-calendar.js';
import type { ActionFact, PowerSummary, ReportDevice } from './report-types.js';

/**
 * Power schedule adherence (pure): each planned switch-on (start of a power window) and switch-off
 * (its end) of a device the schedule can switch, matched with the commands recorded in power_actions.
 * A planned switch is `done` when a command in its direction was verified (`ok`) within the tolerance
 * after it, `failed` when commands were recorded but none was verified, and `noAction` when none was
 * recorded (the device was already in that state, or zoneops was not running).
 */

/** The reconciler staggers and retries within minutes; an hour is a generous bound. */
const matchToleranceMs = 60 * 60_000;
/** A command may be recorded a little before the planned minute (clock skew between tick and plan). */
const earlyMs = 60_000;

type Direction = 'on' | 'off';
const directionOf = (a: ActionFact['action']): Direction => (a === 'on' ? 'on' : 'off');

function plannedSwitches(
  device: ReportDevice,
  days: readonly ReportDay[],
  countedTo: number,
): Array<{ at: number; direction: Direction }> {
  if (device.powerMethod === 'none' || device.type === 'plug') return [];
  const windows: Interval[] = days.flatMap((d) => d.power[device.type] ?? []);
  return windows
    .flatMap((w) => [
      { at: w.from, direction: 'on' as const },
      { at: w.to, direction: 'off' as const },
    ])
    .filter((s) => s.at < countedTo);
}

export function powerAdherence(
  devices: readonly ReportDevice[],
  days: readonly ReportDay[],
  actions: readonly ActionFact[],
  from: number,
  countedTo: number,
): PowerSummary {
  let planned = 0;
  let done = 0;
  let failed = 0;
  let noAction = 0;
  const used = new Set<ActionFact>();
  for (const d of devices) {
    const mine = actions.filter((a) => a.deviceId === d.id);
    for (const s of plannedSwitches(d, days, countedTo)) {
      planned++;
      const matched = mine.filter(
        (a) =>
          directionOf(a.action) === s.direction &&
          a.requestedAt >= s.at - earlyMs &&
          a.requestedAt < s.at + matchToleranceMs,
      );
      for (const a of matched) used.add(a);
      if (matched.some((a) => a.result === 'ok')) done++;
      else if (matched.length > 0) failed++;
      else noAction++;
    }
  }
  const unplanned = actions.filter(
    (a) => !used.has(a) && a.requestedAt >= from && a.requestedAt < countedTo,
  ).length;
  return {
    planned,
    done,
    failed,
    noAction,
    adherence: planned === 0 ? null : done / planned,
    unplannedActions: unplanned,
  };
}
