import type { ComplianceSummary, SlotStatus } from './hygiene-compliance.js';
import type { HygieneFigures } from './report-types.js';

/**
 * 清洁消毒按时率 over the days that count (pure): a task is due only on working days (the plan says so),
 * and it counts only on days zoneops was monitoring the zone (some equipment had a known status during
 * that day's opening hours) — before monitoring began nobody could record anything, so those days are
 * listed as not counted rather than as missed. 按时率 = on time ÷ (on time + late + missed + overdue).
 */
export function hygieneFigures(
  summary: ComplianceSummary | null,
  monitoredDates: ReadonlySet<string>,
): HygieneFigures | null {
  if (summary === null) return null;
  const unmonitored = new Set<string>();
  const totals = zero();
  const rows = summary.rows.map((r) => {
    const counts = zero();
    for (const s of r.slots) {
      if (!monitoredDates.has(s.dueDate)) {
        unmonitored.add(s.dueDate);
        continue;
      }
      counts[s.status]++;
      totals[s.status]++;
    }
    return { target: r.target, targetName: r.targetName, task: r.task, counts, ratio: ratioOf(counts) };
  });
  return { rows, totals, ratio: ratioOf(totals), unmonitoredDays: [...unmonitored].sort() };
}

const zero = (): Record<SlotStatus, number> => ({ 'on-time': 0, late: 0, missed: 0, due: 0, overdue: 0 });

function ratioOf(c: Record<SlotStatus, number>): number | null {
  const passed = c['on-time'] + c.late + c.missed + c.overdue;
  return passed === 0 ? null : c['on-time'] / passed;
}
