import type { Database } from '../store/db.js';
import type { Attempt } from './lockout.js';

interface SessionRow {
  idHash: string;
  personId: string;
  role: string;
  csrf: string;
  createdAt: number;
  expiresAt: number;
}

/** The person id an attempt for a name that is no account is recorded under (it still counts for its address). */
export const unknownPerson = '?';

/** Staff sessions, sign-in attempts and lockout lifts (migrations 6 and 9). Only this class touches those tables. */
export class WebRepo {
  constructor(private readonly db: Database) {}

  async createSession(s: SessionRow): Promise<void> {
    await this.db.run(
      'INSERT INTO web_sessions (id_hash, person_id, role, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      [s.idHash, s.personId, s.role, s.csrf, s.createdAt, s.expiresAt],
    );
  }

  async session(idHash: string, now: number): Promise<SessionRow | undefined> {
    const r = await this.db.get<{
      id_hash: string;
      person_id: string;
      role: string;
      csrf: string;
      created_at: number;
      expires_at: number;
    }>('SELECT * FROM web_sessions WHERE id_hash = ? AND expires_at > ?', [idHash, now]);
    return r
      ? {
          idHash: r.id_hash,
          personId: r.person_id,
          role: r.role,
          csrf: r.csrf,
          createdAt: r.created_at,
          expiresAt: r.expires_at,
        }
      : undefined;
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.run('DELETE FROM web_sessions WHERE id_hash = ?', [idHash]);
  }

  /** Records an attempt as failed before its PIN is checked (so a parallel one counts it); returns its id. */
  async reserveAttempt(personId: string, at: number, clientHash: string): Promise<number> {
    const r = await this.db.run(
      'INSERT INTO web_login_attempts (person_id, at, ok, client_hash) VALUES (?, ?, 0, ?)',
      [personId, at, clientHash],
    );
    return r.lastId;
  }

  async markSucceeded(id: number): Promise<void> {
    await this.db.run('UPDATE web_login_attempts SET ok = 1 WHERE id = ?', [id]);
  }

  /** An attempt whose PIN was never checked (the hashing pool was full) does not count. */
  async forgetAttempt(id: number): Promise<void> {
    await this.db.run('DELETE FROM web_login_attempts WHERE id = ?', [id]);
  }

  /** Every attempt since `since` (loaded once at start into the in-memory log, attempt-log.ts). */
  async recentAttempts(since: number): Promise<Attempt[]> {
    const rows = await this.db.all<{ at: number; ok: number; person_id: string; client_hash: string }>(
      'SELECT at, ok, person_id, client_hash FROM web_login_attempts WHERE at >= ? ORDER BY at, id',
      [since],
    );
    return rows.map((r) => ({ at: r.at, ok: r.ok === 1, personId: r.person_id, client: r.client_hash }));
  }

  /** The last lift of each account. */
  async lifts(): Promise<Map<string, number>> {
    const rows = await this.db.all<{ person_id: string; at: number }>(
      'SELECT person_id, MAX(at) AS at FROM web_lockout_lifts GROUP BY person_id',
    );
    return new Map(rows.map((r) => [r.person_id, r.at]));
  }

  async liftLockout(personId: string, at: number, by: string): Promise<void> {
    await this.db.run('INSERT INTO web_lockout_lifts (person_id, at, lifted_by) VALUES (?, ?, ?)', [
      personId,
      at,
      by,
    ]);
  }

  /** Forgets expired sessions and attempts older than a day. */
  async prune(now: number): Promise<void> {
    await this.db.run('DELETE FROM web_sessions WHERE expires_at <= ?', [now]);
    await this.db.run('DELETE FROM web_login_attempts WHERE at < ?', [now - 86_400_000]);
  }
}
