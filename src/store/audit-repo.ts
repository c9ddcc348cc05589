import type { Database } from './db.js';

interface AuditEntry {
  at: number;
  actor: string;
  role: string;
  action: string;
  target: string;
  remoteAddr: string;
  detail: Record<string, unknown>;
}

interface AuditRow extends AuditEntry {
  id: number;
}

/** The append-only audit log: who did what, when, from where. The table refuses UPDATE and DELETE. */
export class AuditRepo {
  constructor(private readonly db: Database) {}

  async append(e: AuditEntry): Promise<number> {
    const r = await this.db.run(
      'INSERT INTO audit_log (at, actor, role, action, target, remote_addr, detail_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [e.at, e.actor, e.role, e.action, e.target, e.remoteAddr, JSON.stringify(e.detail)],
    );
    return r.lastId;
  }

  async list(filter: { from?: number; to?: number; limit?: number } = {}): Promise<AuditRow[]> {
    const rows = await this.db.all<{
      id: number;
      at: number;
      actor: string;
      role: string;
      action: string;
      target: string;
      remote_addr: string;
      detail_json: string;
    }>('SELECT * FROM audit_log WHERE at >= ? AND at < ? ORDER BY id DESC LIMIT ?', [
      filter.from ?? 0,
      filter.to ?? Number.MAX_SAFE_INTEGER,
      filter.limit ?? 500,
    ]);
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      role: r.role,
      action: r.action,
      target: r.target,
      remoteAddr: r.remote_addr,
      detail: JSON.parse(r.detail_json) as Record<string, unknown>,
    }));
  }
}
