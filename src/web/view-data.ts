import { effectiveRecords, evaluateSlot } from '../domain/hygiene-compliance.js';
import { slotsDueOn } from '../domain/hygiene-plan.js';
import { localMoment, zonedEpoch } from '../domain/hygiene-time.js';
import { isAreaAsset } from '../inventory/assets.js';
import type { WebDeps } from './deps.js';
import type { HygieneSlotView, StatusView } from './pages/status.js';

/** Gathers what the status page shows; every part is optional but the devices and faults. */
export async function loadStatus(deps: WebDeps): Promise<StatusView> {
  const now = deps.clock.now();
  const today = localMoment(now, deps.timeZone).date;
  const [all, faults] = await Promise.all([deps.devices.list(), deps.faults.list({ state: 'active' })]);
  // Cleaning areas are in the register only so their overdue faults have a subject; they are not devices.
  const devices = all.filter((d) => !isAreaAsset(d));
  const schedule = deps.schedule.view(today, 1, now).days[0];
  return { devices, faults, schedule, hygiene: await hygieneToday(deps, today, now) };
}

async function hygieneToday(deps: WebDeps, today: string, now: number): Promise<HygieneSlotView[]> {
  const h = deps.hygiene;
  const slots = slotsDueOn(today, h.plan, h.days);
  if (slots.length === 0) return [];
  const tz = deps.timeZone;
  const from = Math.min(...slots.map((s) => zonedEpoch(s.cycleStart, 0, tz)));
  const to = Math.max(...slots.map((s) => zonedEpoch(s.cycleEnd, 0, tz)));
  const records = effectiveRecords(await h.repo.facts(from, to));
  return slots.map((slot) => {
    const v = evaluateSlot(slot, records, tz, now);
    return {
      target: slot.target,
      targetName: slot.targetName,
      task: slot.task,
      status: v.status,
      deadlineAt: v.deadlineAt,
    };
  });
}
