import type { AbsenceSpan, Post, Swap } from '../domain/duty.js';
import type { Queries } from '../store/db.js';

export interface AbsenceRow extends AbsenceSpan {
  readonly coverConfirmed: boolean;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly revokedAt: number | null;
  readonly revokedBy: string | null;
}

export interface SwapRow extends Swap {
  readonly reason: string;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly revokedAt: number | null;
  readonly revokedBy: string | null;
}

interface RawAbsence {
  id: number;
  person_id: string;
  from_day: string;
  to_day: string;
  reason: string;
  cover_confirmed: number;
  created_by: string;
  created_at: number;
  revoked_at: number | null;
  revoked_by: string | null;
}

interface RawSwap {
  id: number;
  day: string;
  post: Post;
  person_id: string;
  reason: string;
  created_by: string;
  created_at: number;
  revoked_at: number | null;
  revoked_by: string | null;
}

/** Absences (请假) and swaps (调班). Undoing one marks it revoked; nothing is ever deleted. */
export class DutyRepo {
  async addAbsence(q: Queries, a: Omit<AbsenceRow, 'id' | 'revokedAt' | 'revokedBy'>): Promise<AbsenceRow> {
    const r = await q.run(
      `INSERT INTO duty_absences (person_id, from_day, to_day, reason, cover_confirmed, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [a.personId, a.from, a.to, a.reason, a.coverConfirmed ? 1 : 0, a.createdBy, a.createdAt],
    );
    return { ...a, id: r.lastId, revokedAt: null, revokedBy: null };
  }

  async absence(q: Queries, id: number): Promise<AbsenceRow | undefined> {
    const r = await q.get<RawAbsence>('SELECT * FROM duty_absences WHERE id = ?', [id]);
    return r ? toAbsence(r) : undefined;
  }

  /** Active absences sharing a date with from–to. */
  async absencesBetween(q: Queries, from: string, to: string): Promise<AbsenceRow[]> {
    const rows = await q.all<RawAbsence>(
      `SELECT * FROM duty_absences WHERE revoked_at IS NULL AND from_day <= ? AND to_day >= ?
       ORDER BY from_day, id`,
      [to, from],
    );
    return rows.map(toAbsence);
  }

  async addSwap(q: Queries, s: Omit<SwapRow, 'id' | 'revokedAt' | 'revokedBy'>): Promise<SwapRow> {
    const r = await q.run(
      `INSERT INTO duty_swaps (day, post, person_id, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      [s.date, s.post, s.personId, s.reason, s.createdBy, s.createdAt],
    );
    return { ...s, id: r.lastId, revokedAt: null, revokedBy: null };
  }

  async swap(q: Queries, id: number): Promise<SwapRow | undefined> {
    const r = await q.get<RawSwap>('SELECT * FROM duty_swaps WHERE id = ?', [id]);
    return r ? toSwap(r) : undefined;
  }

  async swapsBetween(q: Queries, from: string, to: string): Promise<SwapRow[]> {
    const rows = await q.all<RawSwap>(
      'SELECT * FROM duty_swaps WHERE revoked_at IS NULL AND day >= ? AND day <= ? ORDER BY day, id',
      [from, to],
    );
    return rows.map(toSwap);
  }

  /** Marks an absence or a swap undone; false when there is no such active one. */
  async revoke(q: Queries, what: 'absence' | 'swap', id: number, by: string, at: number): Promise<boolean> {
    const table = what === 'absence' ? 'duty_absences' : 'duty_swaps';
    const r = await q.run(
      `UPDATE ${table} SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL`,
      [at, by, id],
    );
    return r.changes > 0;
  }
}

function toAbsence(r: RawAbsence): AbsenceRow {
  return {
    id: r.id,
    personId: r.person_id,
    from: r.from_day,
    to: r.to_day,
    reason: r.reason,
    coverConfirmed: r.cover_confirmed === 1,
    createdBy: r.created_by,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    revokedBy: r.revoked_by,
  };
}

function toSwap(r: RawSwap): SwapRow {
  return {
    id: r.id,
    date: r.day,
    post: r.post,
    personId: r.person_id,
    reason: r.reason,
    createdBy: r.created_by,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    revokedBy: r.revoked_by,
  };
}
