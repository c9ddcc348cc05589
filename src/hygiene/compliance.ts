import { type ComplianceSummary, monthlyCompliance } from '../domain/hygiene-compliance.js';
import type { DayInfo, HygienePlan } from '../domain/hygiene-plan.js';
import { addDays, localMoment, monthRange, zonedEpoch } from '../domain/hygiene-time.js';
import type { HygieneRepo } from './repo.js';

/** Loads the records a month's cycles can touch and computes its compliance. */
export async function loadCompliance(
  repo: HygieneRepo,
  plan: HygienePlan,
  days: DayInfo,
  tz: string,
  month: string,
  now: number,
): Promise<ComplianceSummary> {
  const { from, to } = monthRange(month);
  // A cycle due in the month can start before it and end after it (a week across the month's edge).
  const longest = Math.max(1, ...plan.targets.flatMap((t) => t.tasks.map((x) => x.everyDays)));
  const facts = await repo.facts(
    zonedEpoch(addDays(from, -longest), 0, tz),
    zonedEpoch(addDays(to, longest), 0, tz),
  );
  return monthlyCompliance(month, plan, days, facts, tz, now);
}

export function currentMonth(now: number, tz: string): string {
  return localMoment(now, tz).date.slice(0, 7);
}
