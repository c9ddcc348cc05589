import type { ActionFact, FaultFact, TransitionFact } from '../domain/report-input.js';
import type { DeviceStatus } from '../domain/status.js';
import type { Database } from '../store/db.js';

/** Read-only queries of the monthly report over the fault, status and power tables. */
export class ReportRepo {
  constructor(private readonly db: Database) {}

  /** Transitions in [from, to) plus each device's last one before `from` (its status at the start). */
  async transitions(from: number, to: number): Promise<TransitionFact[]> {
    const rows = await this.db.all<{ device_id: string; to_status: DeviceStatus; at: number }>(
      `SELECT device_id, to_status, at FROM status_transitions s
       WHERE (s.at >= ? AND s.at < ?)
          OR s.id = (SELECT b.id FROM status_transitions b WHERE b.device_id = s.device_id AND b.at < ?
                     ORDER BY b.at DESC, b.id DESC LIMIT 1)
       ORDER BY device_id, at, id`,
      [from, to, from],
    );
    return rows.map((r) => ({ deviceId: r.device_id, to: r.to_status, at: r.at }));
  }

  /**
   * Faults open at any time in [from, to) — opened in it, or before it and not closed by its start —
   * with their whole timeline (the report itself ignores what came after counting stopped).
   */
  async faults(from: number, to: number): Promise<FaultFact[]> {
    const overlap = 'f.opened_at < ? AND (f.closed_at IS NULL OR f.closed_at > ?)';
    const faults = await this.db.all<{
      id: number;
      device_id: string;
      kind: string;
      state: string;
      opened_at: number;
      closed_at: number | null;
    }>(
      `SELECT f.id, f.device_id, f.kind, f.state, f.opened_at, f.closed_at FROM faults f
       WHERE ${overlap} ORDER BY f.opened_at, f.id`,
      [to, from],
    );
    const events = await this.db.all<{ fault_id: number; at: number; type: string; data_json: string }>(
      `SELECT e.fault_id, e.at, e.type, e.data_json FROM fault_events e JOIN faults f ON f.id = e.fault_id
       WHERE ${overlap} ORDER BY e.fault_id, e.at, e.id`,
      [to, from],
    );
    const byFault = new Map<number, FaultFact['events'][number][]>();
    for (const e of events) {
      const list = byFault.get(e.fault_id) ?? [];
      list.push({ at: e.at, type: e.type, data: parseObject(e.data_json) });
      byFault.set(e.fault_id, list);
    }
    return faults.map((f) => ({
      id: f.id,
      deviceId: f.device_id,
      kind: f.kind,
      state: f.state,
      openedAt: f.opened_at,
      closedAt: f.closed_at,
      events: byFault.get(f.id) ?? [],
    }));
  }

  /**
   * Citizens' reports about a device received in [from, to) (the complaint register, migration 9), with
   * the first fault each opened or joined.
   */
  async citizenReports(
    from: number,
    to: number,
  ): Promise<Array<{ deviceId: string; at: number; faultId: number | null }>> {
    const rows = await this.db.all<{ device_id: string; at: number; fault_id: number | null }>(
      `SELECT c.device_id, c.received_at AS at,
         (SELECT MIN(f.fault_id) FROM complaint_faults f WHERE f.complaint_id = c.id) AS fault_id
       FROM complaints c WHERE c.device_id IS NOT NULL AND c.received_at >= ? AND c.received_at < ?
       ORDER BY c.received_at, c.id`,
      [from, to],
    );
    return rows.map((r) => ({ deviceId: r.device_id, at: r.at, faultId: r.fault_id }));
  }

  /**
   * The store's first record: when zoneops first registered the zone's devices, or the earliest
   * status, fault, reading or cleaning record if one is older (imported history). Null when empty.
   */
  async firstRecordAt(): Promise<number | null> {
    const row = await this.db.get<{ at: number | null }>(
      `SELECT MIN(at) AS at FROM (
         SELECT MIN(created_at) AS at FROM devices
         UNION ALL SELECT MIN(at) FROM status_transitions
         UNION ALL SELECT MIN(opened_at) FROM faults
         UNION ALL SELECT MIN(at) FROM reading_pages
         UNION ALL SELECT MIN(at) FROM reading_supplies
         UNION ALL SELECT MIN(recorded_at) FROM hygiene_records
       )`,
    );
    return row?.at ?? null;
  }

  /** Power commands requested in [from, to) (plus the tolerance after it, for switches at the very end). */
  async actions(from: number, to: number): Promise<ActionFact[]> {
    const rows = await this.db.all<{
      device_id: string;
      action: ActionFact['action'];
      result: ActionFact['result'];
      requested_at: number;
    }>(
      `SELECT device_id, action, result, requested_at FROM power_actions
       WHERE requested_at >= ? AND requested_at < ? ORDER BY requested_at, id`,
      [from, to],
    );
    return rows.map((r) => ({
      deviceId: r.device_id,
      action: r.action,
      result: r.result,
      requestedAt: r.requested_at,
    }));
  }
}

function parseObject(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
