import type { ComplaintNotice } from '../domain/complaint-deadlines.js';
import type { Database, Queries, SqlValue } from '../store/db.js';
import {
  type ComplaintChange,
  type ComplaintEventRow,
  type ComplaintFilter,
  type ComplaintRow,
  columns,
  type Raw,
  toRow,
} from './rows.js';

export type { ComplaintChange, ComplaintEventRow, ComplaintFilter, ComplaintRow } from './rows.js';

/** Complaints, their timeline, linked faults and deadline notices. Only this class touches those tables. */
export class ComplaintRepo {
  constructor(readonly db: Database) {}

  /** The next sequence number of a day's case numbers (in the caller's transaction). */
  async nextSeq(tx: Queries, caseDay: string): Promise<number> {
    const r = await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM complaints WHERE case_day = ?', [
      caseDay,
    ]);
    return (r?.n ?? 0) + 1;
  }

  async insert(
    tx: Queries,
    c: Omit<ComplaintRow, 'id' | 'updatedAt' | 'satisfaction' | 'satisfactionAt'> & {
      caseDay: string;
      clientKey: string;
      submissionKey: string | null;
    },
  ): Promise<number> {
    const row: Record<string, SqlValue> = {
      case_day: c.caseDay,
      client_key: c.clientKey,
      submission_key: c.submissionKey,
    };
    for (const [k, col] of Object.entries(columns)) {
      const v = (c as Record<string, unknown>)[k];
      if (v !== undefined) row[col] = v as SqlValue;
    }
    row.updated_at = c.receivedAt;
    const keys = Object.keys(row);
    const r = await tx.run(
      `INSERT INTO complaints (${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`,
      keys.map((k) => row[k] as SqlValue),
    );
    return r.lastId;
  }

  async get(q: Queries, id: number): Promise<ComplaintRow | undefined> {
    const r = await q.get<Raw>('SELECT * FROM complaints WHERE id = ?', [id]);
    return r ? toRow(r) : undefined;
  }

  async bySubmission(q: Queries, key: string): Promise<ComplaintRow | undefined> {
    const r = await q.get<Raw>('SELECT * FROM complaints WHERE submission_key = ?', [key]);
    return r ? toRow(r) : undefined;
  }

  async byRateToken(q: Queries, token: string): Promise<ComplaintRow | undefined> {
    const r = await q.get<Raw>('SELECT * FROM complaints WHERE rate_token = ?', [token]);
    return r ? toRow(r) : undefined;
  }

  /** The token of the "rate our answer" link (random; it lets one citizen rate this one answer, once). */
  async rateToken(q: Queries, id: number): Promise<string | null> {
    return (
      (await q.get<{ t: string | null }>('SELECT rate_token AS t FROM complaints WHERE id = ?', [id]))?.t ??
      null
    );
  }

  async setRateToken(tx: Queries, id: number, token: string): Promise<void> {
    await tx.run('UPDATE complaints SET rate_token = ? WHERE id = ?', [token, id]);
  }

  async faultExists(q: Queries, faultId: number): Promise<boolean> {
    return (await q.get<{ id: number }>('SELECT id FROM faults WHERE id = ?', [faultId])) !== undefined;
  }

  async list(f: ComplaintFilter = {}): Promise<ComplaintRow[]> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    const add = (sql: string, v: SqlValue) => {
      where.push(sql);
      params.push(v);
    };
    if (f.state === 'active') where.push("state <> 'closed'");
    else if (f.state) add('state = ?', f.state);
    if (f.type) add('type = ?', f.type);
    if (f.deviceId) add('device_id = ?', f.deviceId);
    if (f.caseNo) add('case_no = ?', f.caseNo);
    if (f.from !== undefined) add('received_at >= ?', f.from);
    if (f.to !== undefined) add('received_at < ?', f.to);
    const sql = `SELECT * FROM complaints ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    const rows = await this.db.all<Raw>(sql, [...params, f.limit ?? 500]);
    return rows.map(toRow);
  }

  /** Not yet answered or closed: what the deadline checker looks at. */
  async pending(): Promise<ComplaintRow[]> {
    const rows = await this.db.all<Raw>(
      "SELECT * FROM complaints WHERE state IN ('received', 'accepted', 'not-accepted') ORDER BY id",
    );
    return rows.map(toRow);
  }

  async update(tx: Queries, id: number, change: ComplaintChange): Promise<void> {
    const sets: string[] = [];
    const params: SqlValue[] = [];
    for (const [k, v] of Object.entries(change)) {
      sets.push(`${columns[k as keyof typeof columns]} = ?`);
      params.push(v as SqlValue);
    }
    if (sets.length > 0)
      await tx.run(`UPDATE complaints SET ${sets.join(', ')} WHERE id = ?`, [...params, id]);
  }

  async addEvent(
    tx: Queries,
    id: number,
    at: number,
    type: string,
    actor: string,
    data: Record<string, unknown> = {},
  ): Promise<void> {
    await tx.run(
      'INSERT INTO complaint_events (complaint_id, at, type, actor, data_json) VALUES (?, ?, ?, ?, ?)',
      [id, at, type, actor, JSON.stringify(data)],
    );
  }

  async events(id: number): Promise<ComplaintEventRow[]> {
    const rows = await this.db.all<{
      id: number;
      at: number;
      type: string;
      actor: string;
      data_json: string;
    }>('SELECT id, at, type, actor, data_json FROM complaint_events WHERE complaint_id = ? ORDER BY id', [
      id,
    ]);
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      type: r.type,
      actor: r.actor,
      data: JSON.parse(r.data_json) as Record<string, unknown>,
    }));
  }

  /** Links a fault; false when it was linked already. */
  async link(tx: Queries, id: number, faultId: number, at: number, by: string): Promise<boolean> {
    const r = await tx.run(
      'INSERT OR IGNORE INTO complaint_faults (complaint_id, fault_id, linked_at, linked_by) VALUES (?, ?, ?, ?)',
      [id, faultId, at, by],
    );
    return r.changes > 0;
  }

  async faultIds(q: Queries, id: number): Promise<number[]> {
    const rows = await q.all<{ fault_id: number }>(
      'SELECT fault_id FROM complaint_faults WHERE complaint_id = ? ORDER BY fault_id',
      [id],
    );
    return rows.map((r) => r.fault_id);
  }

  /** Complaints a fault acts on, with whether every fault linked to each is closed now. */
  async forFault(q: Queries, faultId: number): Promise<Array<{ id: number; allFaultsClosed: boolean }>> {
    return (
      await q.all<{ id: number; open: number }>(
        `SELECT c.complaint_id AS id,
           (SELECT COUNT(*) FROM complaint_faults l JOIN faults f ON f.id = l.fault_id
             WHERE l.complaint_id = c.complaint_id AND f.closed_at IS NULL) AS open
         FROM complaint_faults c WHERE c.fault_id = ?`,
        [faultId],
      )
    ).map((r) => ({ id: r.id, allFaultsClosed: r.open === 0 }));
  }

  async openFaultCount(q: Queries, id: number): Promise<number> {
    const r = await q.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM complaint_faults l JOIN faults f ON f.id = l.fault_id
       WHERE l.complaint_id = ? AND f.closed_at IS NULL`,
      [id],
    );
    return r?.n ?? 0;
  }

  async notices(q: Queries, id: number): Promise<Set<ComplaintNotice>> {
    const rows = await q.all<{ notice: ComplaintNotice }>(
      'SELECT notice FROM complaint_notices WHERE complaint_id = ?',
      [id],
    );
    return new Set(rows.map((r) => r.notice));
  }

  /** Marks a notice sent; false when it was sent already (another pass got there first). */
  async markNotice(tx: Queries, id: number, notice: ComplaintNotice, at: number): Promise<boolean> {
    const r = await tx.run(
      'INSERT OR IGNORE INTO complaint_notices (complaint_id, notice, at) VALUES (?, ?, ?)',
      [id, notice, at],
    );
    return r.changes > 0;
  }

  /** Reports taken from the public since `since`: by this client key, and from anybody (the zone's ceiling). */
  async takenSince(clientKey: string, since: number): Promise<{ mine: number[]; all: number[] }> {
    const [mine, all] = await Promise.all([
      this.db.all<{ at: number }>(
        'SELECT received_at AS at FROM complaints WHERE client_key = ? AND received_at > ? ORDER BY received_at',
        [clientKey, since],
      ),
      this.db.all<{ at: number }>(
        "SELECT received_at AS at FROM complaints WHERE received_at > ? AND source IN ('web', 'api') ORDER BY received_at",
        [since],
      ),
    ]);
    return { mine: mine.map((r) => r.at), all: all.map((r) => r.at) };
  }
}
