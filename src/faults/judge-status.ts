import type { AlertsConfig } from '../config/sections/alerts.js';
import type { AssetRecord } from '../domain/device.js';
import type { DeviceStatusEvent } from '../domain/device-status.js';
import { type FaultKind, isObservedKind } from '../domain/fault-kinds.js';
import { faultSignals, judges, reconcile } from '../domain/fault-rules.js';
import type { Queries } from '../store/db.js';
import type { FaultRepo, FaultRow } from './fault-repo.js';
import type { FaultWrites } from './fault-writes.js';

/**
 * One device's status after an observation, judged against its open faults in the caller's
 * transaction (the rules: domain/fault-rules.ts): signals raise or add evidence, kinds absent for
 * `clearAfterGoodPolls` judged polls clear. Returns what was opened and what was closed.
 */
export async function judgeStatus(
  tx: Queries,
  deps: {
    faults: FaultRepo;
    writes: FaultWrites;
    alerts: Pick<AlertsConfig, 'clearAfterGoodPolls'>;
    /** Per device, how many judged polls each open kind has been absent (kept across calls). */
    absentStreaks: Map<string, ReadonlyMap<FaultKind, number>>;
  },
  device: AssetRecord,
  e: DeviceStatusEvent,
): Promise<{ raised: Array<{ id: number; created: boolean }>; cleared: FaultRow[] }> {
  const obs = e.observation;
  const signals = faultSignals(obs, e.state);
  const actor = `probe:${obs.source}`;
  const open = await deps.faults.openForDevice(tx, device.id);
  const byKind = new Map(open.map((f) => [f.kind, f]));
  const clearAfter = deps.alerts.clearAfterGoodPolls;
  const rec = reconcile(
    signals,
    new Set(byKind.keys()),
    deps.absentStreaks.get(device.id) ?? new Map(),
    (kind) => judges(kind, obs, e.state),
    clearAfter,
    (kind) => isObservedKind(kind) || kind === 'power-on-failed',
  );
  deps.absentStreaks.set(device.id, rec.absent);
  const raised: Array<{ id: number; created: boolean }> = [];
  for (const s of rec.raise) {
    const r = await deps.writes.upsert(tx, device, s, obs.at, actor);
    if (r.opened) raised.push(r);
  }
  const cleared: FaultRow[] = [];
  for (const kind of rec.clear) {
    const f = byKind.get(kind);
    if (f && (await deps.writes.clear(tx, f, obs.at, actor, `${clearAfter} good polls`))) cleared.push(f);
  }
  return { raised, cleared };
}
