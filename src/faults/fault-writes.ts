import { worseSeverity } from '../domain/conditions.js';
import type { AssetRecord } from '../domain/device.js';
import { transition } from '../domain/fault-lifecycle.js';
import type { FaultSignal } from '../domain/fault-rules.js';
import { faultSummary, type Language } from '../domain/messages.js';
import type { Queries } from '../store/db.js';
import type { FaultRepo, FaultRow } from './fault-repo.js';

/** The writes a fault goes through, each inside the caller's transaction. */
export function faultWrites(deps: { faults: FaultRepo; language: Language; flapWindowMs: number }) {
  const { faults } = deps;
  return {
    /**
     * Opens a fault, adds evidence to the open one, or reopens one that cleared a moment ago (flapping).
     * `opened` is set when people must be told (a new or reopened fault).
     */
    async upsert(
      tx: Queries,
      device: AssetRecord,
      s: FaultSignal,
      at: number,
      actor: string,
    ): Promise<{ id: number; opened: boolean; created: boolean }> {
      const open = await faults.findOpen(tx, device.id, s.kind);
      if (open) {
        const severity = worseSeverity(open.severity, s.severity);
        const changed =
          severity !== open.severity ||
          s.detail !== open.evidence.detail ||
          open.evidence.conditionGone === true;
        if (changed) {
          const evidence = { ...open.evidence, detail: s.detail, lastSeenAt: at, conditionGone: false };
          await faults.update(tx, open.id, { severity, evidence, updatedAt: at });
          await faults.addEvent(tx, open.id, at, 'evidence', actor, { detail: s.detail, severity });
        }
        return { id: open.id, opened: false, created: false };
      }
      const recent = await faults.recentlyCleared(tx, device.id, s.kind, at - deps.flapWindowMs);
      if (recent && transition(recent.state, 'reopen').ok) {
        const reopened = Number(recent.evidence.reopened ?? 0) + 1;
        const evidence = { ...recent.evidence, detail: s.detail, lastSeenAt: at, reopened, flapping: true };
        await faults.update(tx, recent.id, { state: 'open', closedAt: null, evidence, updatedAt: at });
        await faults.addEvent(tx, recent.id, at, 'reopened', actor, { detail: s.detail, times: reopened });
        return { id: recent.id, opened: true, created: false };
      }
      const id = await faults.insert(tx, {
        deviceId: device.id,
        kind: s.kind,
        severity: s.severity,
        summary: faultSummary(s.kind, device, deps.language),
        evidence: { detail: s.detail, firstSeenAt: at, lastSeenAt: at },
        at,
      });
      await faults.addEvent(tx, id, at, 'opened', actor, { detail: s.detail, severity: s.severity });
      return { id, opened: true, created: true };
    },

    /**
     * Closes a fault whose condition went away. Once the vendor is involved the technician closes it, so
     * the timeline only notes that the device looks fine. Returns whether the fault was closed.
     */
    async clear(tx: Queries, f: FaultRow, at: number, actor: string, reason: string): Promise<boolean> {
      const t = transition(f.state, 'clear');
      if (t.ok) {
        await faults.update(tx, f.id, { state: t.value, closedAt: at, updatedAt: at });
        await faults.addEvent(tx, f.id, at, 'cleared', actor, { reason });
        return true;
      }
      if (f.evidence.conditionGone !== true) {
        await faults.update(tx, f.id, { evidence: { ...f.evidence, conditionGone: true }, updatedAt: at });
        await faults.addEvent(tx, f.id, at, 'condition-gone', actor, { reason });
      }
      return false;
    },
  };
}

export type FaultWrites = ReturnType<typeof faultWrites>;
