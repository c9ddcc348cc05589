import type { Severity } from '../domain/conditions.js';
import type { FaultKind } from '../domain/fault-kinds.js';
import type { FaultState } from '../domain/fault-lifecycle.js';
import type { EscalationState } from '../domain/routing.js';
import type { Database, Queries, SqlValue } from '../store/db.js';

export interface FaultRow {
  readonly id: number;
  readonly deviceId: string;
  readonly kind: FaultKind;
  readonly severity: Severity;
  readonly state: FaultState;
  readonly summary: string;
  readonly evidence: Record<string, unknown>;
  readonly openedAt: number;
  readonly updatedAt: number;
  readonly closedAt: number | null;
}

export interface FaultEventRow {
  readonly id: number;
  readonly faultId: number;
  readonly at: number;
  readonly type: string;
  readonly actor: string;
  readonly data: Record<string, unknown>;
}

interface RawFault {
  id: number;
  device_id: string;
  kind: FaultKind;
  severity: Severity;
  state: FaultState;
  summary: string;
  evidence_json: string;
  opened_at: number;
  updated_at: number;
  closed_at: number | null;
}

interface FaultFilter {
  state?: FaultState | 'active';
  deviceId?: string;
  kind?: FaultKind;
  limit?: number;
}

/** Faults, their timeline and their escalation state. Only this class touches those tables. */
export class FaultRepo {
  constructor(readonly db: Database) {}

  async findOpen(q: Queries, deviceId: string, kind: FaultKind): Promise<FaultRow | undefined> {
    const r = await q.get<RawFault>(
      'SELECT * FROM faults WHERE device_id = ? AND kind = ? AND closed_at IS NULL',
      [deviceId, kind],
    );
    return r ? toFault(r) : undefined;
  }

  async openForDevice(q: Queries, deviceId: string): Promise<FaultRow[]> {
    const rows = await q.all<RawFault>('SELECT * FROM faults WHERE device_id = ? AND closed_at IS NULL', [
      deviceId,
    ]);
    return rows.map(toFault);
  }

  /** The last fault of this (device, kind) that cleared by itself at or after `since` (flapping). */
  async recentlyCleared(
    q: Queries,
    deviceId: string,
    kind: FaultKind,
    since: number,
  ): Promise<FaultRow | undefined> {
    const r = await q.get<RawFault>(
      `SELECT * FROM faults WHERE device_id = ? AND kind = ? AND state = 'cleared' AND closed_at >= ?
       ORDER BY closed_at DESC LIMIT 1`,
      [deviceId, kind, since],
    );
    return r ? toFault(r) : undefined;
  }

  async insert(
    q: Queries,
    f: {
      deviceId: string;
      kind: FaultKind;
      severity: Severity;
      summary: string;
      evidence: object;
      at: number;
    },
  ): Promise<number> {
    const r = await q.run(
      `INSERT INTO faults (device_id, kind, severity, state, summary, evidence_json, opened_at, updated_at)
       VALUES (?, ?, ?, 'open', ?, ?, ?, ?)`,
      [f.deviceId, f.kind, f.severity, f.summary, JSON.stringify(f.evidence), f.at, f.at],
    );
    await q.run(
      'INSERT INTO fault_escalations (fault_id, level, step_at, reminders) VALUES (?, -1, NULL, 0)',
      [r.lastId],
    );
    return r.lastId;
  }

  async update(
    q: Queries,
    id: number,
    patch: {
      state?: FaultState;
      severity?: Severity;
      summary?: string;
      evidence?: object;
      closedAt?: number | null;
      updatedAt: number;
    },
  ): Promise<void> {
    const sets: string[] = ['updated_at = ?'];
    const params: SqlValue[] = [patch.updatedAt];
    if (patch.state !== undefined) {
      sets.push('state = ?');
      params.push(patch.state);
    }
    if (patch.severity !== undefined) {
      sets.push('severity = ?');
      params.push(patch.severity);
    }
    if (patch.summary !== undefined) {
      sets.push('summary = ?');
      params.push(patch.summary);
    }
    if (patch.evidence !== undefined) {
      sets.push('evidence_json = ?');
      params.push(JSON.stringify(patch.evidence));
    }
    if (patch.closedAt !== undefined) {
      sets.push('closed_at = ?');
      params.push(patch.closedAt);
    }
    await q.run(`UPDATE faults SET ${sets.join(', ')} WHERE id = ?`, [...params, id]);
  }

  async addEvent(
    q: Queries,
    faultId: number,
    at: number,
    type: string,
    actor: string,
    data: object = {},
  ): Promise<void> {
    await q.run('INSERT INTO fault_events (fault_id, at, type, actor, data_json) VALUES (?, ?, ?, ?, ?)', [
      faultId,
      at,
      type,
      actor,
      JSON.stringify(data),
    ]);
  }

  async get(q: Queries, id: number): Promise<FaultRow | undefined> {
    const r = await q.get<RawFault>('SELECT * FROM faults WHERE id = ?', [id]);
    return r ? toFault(r) : undefined;
  }

  async list(filter: FaultFilter = {}): Promise<FaultRow[]> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (filter.state === 'active') where.push('closed_at IS NULL');
    else if (filter.state !== undefined) {
      where.push('state = ?');
      params.push(filter.state);
    }
    if (filter.deviceId !== undefined) {
      where.push('device_id = ?');
      params.push(filter.deviceId);
    }
    if (filter.kind !== undefined) {
      where.push('kind = ?');
      params.push(filter.kind);
    }
    const sql = `SELECT * FROM faults${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return (await this.db.all<RawFault>(sql, [...params, filter.limit ?? 200])).map(toFault);
  }

  async events(faultId: number): Promise<FaultEventRow[]> {
    const rows = await this.db.all<{
      id: number;
      fault_id: number;
      at: number;
      type: string;
      actor: string;
      data_json: string;
    }>('SELECT * FROM fault_events WHERE fault_id = ? ORDER BY at, id', [faultId]);
    return rows.map((r) => ({
      id: r.id,
      faultId: r.fault_id,
      at: r.at,
      type: r.type,
      actor: r.actor,
      data: JSON.parse(r.data_json) as Record<string, unknown>,
    }));
  }

  async escalation(q: Queries, faultId: number): Promise<EscalationState> {
    const r = await q.get<{ level: number; step_at: number | null; reminders: number }>(
      'SELECT level, step_at, reminders FROM fault_escalations WHERE fault_id = ?',
      [faultId],
    );
    return r
      ? { level: r.level, stepAt: r.step_at, reminders: r.reminders }
      : { level: -1, stepAt: null, reminders: 0 };
  }

  async setEscalation(q: Queries, faultId: number, s: EscalationState): Promise<void> {
    await q.run(
      `INSERT INTO fault_escalations (fault_id, level, step_at, reminders) VALUES (?, ?, ?, ?)
       ON CONFLICT (fault_id) DO UPDATE SET level = excluded.level, step_at = excluded.step_at, reminders = excluded.reminders`,
      [faultId, s.level, s.stepAt, s.reminders],
    );
  }

  /** Unacknowledged faults: the only ones the escalation engine looks at. */
  async unacknowledged(): Promise<FaultRow[]> {
    return (await this.db.all<RawFault>("SELECT * FROM faults WHERE state = 'open' ORDER BY id")).map(
      toFault,
    );
  }

  async openCounts(): Promise<Array<{ kind: string; severity: string; n: number }>> {
    return this.db.all(
      'SELECT kind, severity, COUNT(*) AS n FROM faults WHERE closed_at IS NULL GROUP BY kind, severity',
    );
  }
}

function toFault(r: RawFault): FaultRow {
  return {
    id: r.id,
    deviceId: r.device_id,
    kind: r.kind,
    severity: r.severity,
    state: r.state,
    summary: r.summary,
    evidence: JSON.parse(r.evidence_json) as Record<string, unknown>,
    openedAt: r.opened_at,
    updatedAt: r.updated_at,
    closedAt: r.closed_at,
  };
}
