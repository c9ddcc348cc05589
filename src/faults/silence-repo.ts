import type { FaultKind } from '../domain/fault-kinds.js';
import type { Database, Queries } from '../store/db.js';

export interface Silence {
  readonly id: number;
  readonly deviceId: string | null;
  readonly kind: FaultKind | null;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly reason: string;
  readonly createdBy: string;
  readonly createdAt: number;
}

/** Silences (maintenance windows). The attendants' absences are the duty service's (duty/). */
export class SilenceRepo {
  constructor(private readonly db: Database) {}

  async add(s: Omit<Silence, 'id'>): Promise<Silence> {
    const r = await this.db.run(
      `INSERT INTO silences (device_id, kind, starts_at, ends_at, reason, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [s.deviceId, s.kind, s.startsAt, s.endsAt, s.reason, s.createdBy, s.createdAt],
    );
    return { id: r.lastId, ...s };
  }

  /** Whether a silence covers this (device, kind) at `now`. */
  async silenced(q: Queries, deviceId: string, kind: FaultKind, now: number): Promise<boolean> {
    const r = await q.get<{ id: number }>(
      `SELECT id FROM silences WHERE starts_at <= ? AND ends_at > ?
         AND (device_id IS NULL OR device_id = ?) AND (kind IS NULL OR kind = ?) LIMIT 1`,
      [now, now, deviceId, kind],
    );
    return r !== undefined;
  }

  async active(now: number): Promise<Silence[]> {
    const rows = await this.db.all<{
      id: number;
      device_id: string | null;
      kind: FaultKind | null;
      starts_at: number;
      ends_at: number;
      reason: string;
      created_by: string;
      created_at: number;
    }>('SELECT * FROM silences WHERE ends_at > ? ORDER BY starts_at', [now]);
    return rows.map((r) => ({
      id: r.id,
      deviceId: r.device_id,
      kind: r.kind,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      reason: r.reason,
      createdBy: r.created_by,
      createdAt: r.created_at,
    }));
  }
}
