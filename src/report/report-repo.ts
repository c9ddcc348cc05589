import type { ActionFact, FaultFact, TransitionFact } from '../domain/report-types.js';
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

  /** Faults opened in [from, to) with their whole timeline (ack and close may come after the month). */
  async faults(from: number, to: number): Promise<FaultFact[]> {
    const faults = await this.db.all<{
      id: number;
      device_id: string;
      kind: string;
      state: string;
      evidence_json: string;
      opened_at: number;
      closed_at: number | null;
    }>(
      `SELECT id, device_id, kind, state, evidence_json, opened_at, closed_at FROM faults
       WHERE opened_at >= ? AND opened_at < ? ORDER BY opened_at, id`,
      [from, to],
    );
    const events = await this.db.all<{ fault_id: number; at: number; type: string; data_json: string }>(
      `SELECT e.fault_id, e.at, e.type, e.data_json FROM fault_events e JOIN faults f ON f.id = e.fault_id
       WHERE f.opened_at >= ? AND f.opened_at < ? ORDER BY e.fault_id, e.at, e.id`,
      [from, to],
    );
    const byFault = new Map<number, FaultFact['events'][number][]>();
    for (const e of events) {
      const list = byFault.get(e.fault_id) ?? [];
      list.push({ at: e.at, type: e.type, data: parseObject(e.data_json) });
      byFault.set(e.fault_id, list);
    }
    return faults.map((f) => {
      const evidence = parseObject(f.evidence_json);
      return {
        id: f.id,
        deviceId: f.device_id,
        kind: f.kind,
        state: f.state,
        detail: typeof evidence.detail === 'string' ? evidence.detail : '',
        openedAt: f.opened_at,
        closedAt: f.closed_at,
        events: byFault.get(f.id) ?? [],
      };
    });
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
