import { effectiveRecords, evaluateSlot } from '../domain/hygiene-compliance.js';
import { slotsDueOn } from '../domain/hygiene-plan.js';
import { localMoment, zonedEpoch } from '../domain/hygiene-time.js';
import { scheduledTypes } from '../domain/office-hours.js';
import type { FaultRow } from '../faults/fault-repo.js';
import { isAreaAsset } from '../inventory/assets.js';
import type { DeviceRow } from '../store/devices-repo.js';
import type { WebDeps } from './deps.js';
import type { Strings } from './i18n.js';
import { type FaultNames, sortFaults } from './pages/fault-list.js';
import type { HygieneSlotView, OverrideView, StatusView } from './pages/status.js';

/** The register without the cleaning areas (they are in it only so their overdue faults have a subject). */
export async function realDevices(deps: WebDeps): Promise<DeviceRow[]> {
  return (await deps.devices.list()).filter((d) => !isAreaAsset(d));
}

/** Device names (areas included) and, for vendor-contacted faults, whom the technician called. */
export async function faultNames(deps: WebDeps, list: readonly FaultRow[]): Promise<FaultNames> {
  const all = await deps.devices.list();
  const names = new Map(all.map((d) => [d.id, d.name]));
  const parties = new Map<number, string>();
  for (const f of list) {
    if (f.state !== 'vendor-contacted') continue;
    const events = await deps.faults.faults.events(f.id);
    const last = events.filter((e) => e.type === 'vendor-contacted').at(-1);
    if (typeof last?.data.party === 'string') parties.set(f.id, last.data.party);
  }
  return { names, parties };
}

/** Today's overrides (in force or still to come), named for people. */
export async function overridesToday(deps: WebDeps, s: Strings, now: number): Promise<OverrideView[]> {
  const list = await deps.schedule.refresh(now);
  const names = new Map((await deps.devices.list()).map((d) => [d.id, d.name]));
  return list.map((o) => ({
    id: o.id,
    kind: o.kind,
    what: o.deviceId === null ? s.zone : (names.get(o.deviceId) ?? o.deviceId),
    until: o.until,
    by: o.createdBy,
    note: o.note,
  }));
}

/** The device types the zone has that the schedule switches, in the schedule's order. */
export function zoneTypes(devices: readonly { type: string }[]): string[] {
  const have = new Set(devices.map((d) => d.type));
  return scheduledTypes.filter((t) => have.has(t));
}

/** Gathers what the status page shows. */
export async function loadStatus(deps: WebDeps, s: Strings): Promise<StatusView> {
  const now = deps.clock.now();
  const today = localMoment(now, deps.timeZone).date;
  const [devices, open] = await Promise.all([realDevices(deps), deps.faults.list({ state: 'active' })]);
  const faults = sortFaults(open);
  return {
    devices,
    faults,
    ...(await faultNames(deps, faults)),
    schedule: deps.schedule.view(today, 1, now).days[0],
    types: zoneTypes(devices),
    hygiene: await hygieneToday(deps, today, now),
    overrides: await overridesToday(deps, s, now),
  };
}

export async function hygieneToday(deps: WebDeps, today: string, now: number): Promise<HygieneSlotView[]> {
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
