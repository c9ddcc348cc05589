import type { PostHolders, Rota } from '../domain/duty.js';
import type { WeekdayKey } from '../domain/local-time.js';
import type { Queries } from '../store/db.js';

/** One change of the weekly rota made on the page or the API (a weekday's new post holders). */
export interface RotaChangeRow {
  readonly id: number;
  readonly weekday: WeekdayKey;
  readonly posts: PostHolders;
  readonly reason: string;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly revokedAt: number | null;
  readonly revokedBy: string | null;
}

interface RawRota {
  id: number;
  weekday: WeekdayKey;
  a_ids: string;
  b_ids: string;
  reason: string;
  created_by: string;
  created_at: number;
  revoked_at: number | null;
  revoked_by: string | null;
}

const ids = (json: string): string[] => {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};

function toRow(r: RawRota): RotaChangeRow {
  return {
    id: r.id,
    weekday: r.weekday,
    posts: { A: ids(r.a_ids), B: ids(r.b_ids) },
    reason: r.reason,
    createdBy: r.created_by,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    revokedBy: r.revoked_by,
  };
}

/** The weekly rota's changes (migration 10's duty_rota). Undoing one marks it revoked; nothing is deleted. */
export class RotaRepo {
  async add(q: Queries, c: Omit<RotaChangeRow, 'id' | 'revokedAt' | 'revokedBy'>): Promise<RotaChangeRow> {
    const r = await q.run(
      'INSERT INTO duty_rota (weekday, a_ids, b_ids, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      [c.weekday, JSON.stringify(c.posts.A), JSON.stringify(c.posts.B), c.reason, c.createdBy, c.createdAt],
    );
    return { ...c, id: r.lastId, revokedAt: null, revokedBy: null };
  }

  async get(q: Queries, id: number): Promise<RotaChangeRow | undefined> {
    const r = await q.get<RawRota>('SELECT * FROM duty_rota WHERE id = ?', [id]);
    return r ? toRow(r) : undefined;
  }

  /** The newest active change of each weekday. */
  async current(q: Queries): Promise<Partial<Record<WeekdayKey, RotaChangeRow>>> {
    const rows = await q.all<RawRota>('SELECT * FROM duty_rota WHERE revoked_at IS NULL ORDER BY id');
    const out: Partial<Record<WeekdayKey, RotaChangeRow>> = {};
    for (const r of rows) out[r.weekday] = toRow(r);
    return out;
  }

  async revoke(q: Queries, id: number, by: string, at: number): Promise<boolean> {
    const r = await q.run(
      'UPDATE duty_rota SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL',
      [at, by, id],
    );
    return r.changes > 0;
  }
}

/** The config's rota with the page's changes over it, weekday by weekday. */
export function effectiveRota(config: Rota, changes: Partial<Record<WeekdayKey, RotaChangeRow>>): Rota {
  const out: Partial<Record<WeekdayKey, PostHolders>> = { ...config };
  for (const [day, c] of Object.entries(changes) as Array<[WeekdayKey, RotaChangeRow]>) out[day] = c.posts;
  return out;
}
