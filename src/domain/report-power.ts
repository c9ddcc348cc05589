import { statusAt } from './report-availability.js';
import type { Interval, ReportDay } from './report-calendar.js';
import type { ActionFact, ReportDevice } from './report-input.js';
import type { PowerSummary } from './report-types.js';
import type { DeviceStatus } from './status.js';

/**
 * 开关机计划执行率 over the switches that were needed (pure). Each planned switch-on (start of a power
 * window) and switch-off (its end) of a device the schedule can switch is:
 * - needed when zoneops recorded a command for it, or the device's status just before was not yet
 *   the planned one (off or down before a switch-on; up or degraded before a switch-off);
 * - not needed when the device was already as planned (and no command was sent);
 * - unmonitored when zoneops did not know the device's status then (and sent nothing).
 * A needed switch is done when a command in its direction was verified (`ok`), failed when commands
 * were recorded but none verified, missed when none was recorded. 执行率 = done ÷ needed; with no
 * switch needed it is 无需执行 (null), never 0 %.
 */

/** The reconciler staggers and retries within minutes; an hour is a generous bound. */
const matchToleranceMs = 60 * 60_000;
/** A command may be recorded a little before the planned minute (clock skew between tick and plan). */
const earlyMs = 60_000;

type Direction = 'on' | 'off';
const directionOf = (a: ActionFact['action']): Direction => (a === 'on' ? 'on' : 'off');
const onAlready = new Set<DeviceStatus>(['up', 'degraded']);

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
  segments: ReadonlyMap<string, ReadonlyArray<Interval & { status: DeviceStatus }>>,
  from: number,
  countedTo: number,
): PowerSummary {
  const n = { planned: 0, notNeeded: 0, unmonitored: 0, done: 0, failed: 0, missed: 0 };
  const used = new Set<ActionFact>();
  for (const d of devices) {
    const mine = actions.filter((a) => a.deviceId === d.id && a.requestedAt < countedTo);
    for (const s of plannedSwitches(d, days, countedTo)) {
      n.planned++;
      const matched = mine.filter(
        (a) =>
          directionOf(a.action) === s.direction &&
          a.requestedAt >= s.at - earlyMs &&
          a.requestedAt < s.at + matchToleranceMs,
      );
      for (const a of matched) used.add(a);
      if (matched.some((a) => a.result === 'ok')) n.done++;
      else if (matched.length > 0) n.failed++;
      else {
        const before = statusAt(segments.get(d.id) ?? [], s.at - 1);
        if (before === 'unknown') n.unmonitored++;
        else if (onAlready.has(before) === (s.direction === 'on')) n.notNeeded++;
        else n.missed++;
      }
    }
  }
  const needed = n.done + n.failed + n.missed;
  const unplanned = actions.filter(
    (a) => !used.has(a) && a.requestedAt >= from && a.requestedAt < countedTo,
  ).length;
  return { ...n, needed, adherence: needed === 0 ? null : n.done / needed, unplannedActions: unplanned };
}
