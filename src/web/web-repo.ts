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

/** Staff sessions and sign-in attempts (migration 6). Only this class touches those tables. */
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

  async recordAttempt(personId: string, at: number, ok: boolean, clientHash: string): Promise<void> {
    await this.db.run('INSERT INTO web_login_attempts (person_id, at, ok, client_hash) VALUES (?, ?, ?, ?)', [
      personId,
      at,
      ok ? 1 : 0,
      clientHash,
    ]);
  }

  async attempts(personId: string, since: number): Promise<Attempt[]> {
    const rows = await this.db.all<{ at: number; ok: number }>(
      'SELECT at, ok FROM web_login_attempts WHERE person_id = ? AND at >= ? ORDER BY at',
      [personId, since],
    );
    return rows.map((r) => ({ at: r.at, ok: r.ok === 1 }));
  }

  /** Forgets expired sessions and attempts older than a day. */
  async prune(now: number): Promise<void> {
    await this.db.run('DELETE FROM web_sessions WHERE expires_at <= ?', [now]);
    await this.db.run('DELETE FROM web_login_attempts WHERE at < ?', [now - 86_400_000]);
  }
}
