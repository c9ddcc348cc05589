import type { RecordFact } from '../domain/hygiene-compliance.js';
import type { HygieneTask } from '../domain/hygiene-plan.js';
import type { Database, Queries } from '../store/db.js';

const recordSources = ['api', 'cli', 'button'] as const;
export type RecordSource = (typeof recordSources)[number];

export interface HygieneRecord {
  id: number;
  target: string;
  task: HygieneTask;
  /** Who did the work, as declared when it was recorded. */
  actor: string;
  /** Who entered the record: the signed-in account, the API token's name, the button (null before migration 13). */
  recordedBy: string | null;
  /** Server time the record was entered. */
  recordedAt: number;
  /** The time the record claims the work was done (= recordedAt unless someone said otherwise). */
  doneAt: number;
  method: string | null;
  agent: string | null;
  note: string | null;
  /** SHA-256 of the photo, if one was attached. */
  photo: string | null;
  correctsId: number | null;
  /** The record that corrects this one, if any (this one then no longer counts). */
  correctedBy: number | null;
  /** Flagged late because the claimed time lies before the server time (the `late` column). */
  backdated: boolean;
  source: RecordSource;
  firstRecordedAt: number;
}

type NewRecord = Omit<HygieneRecord, 'id' | 'correctedBy'>;

interface Row {
  id: number;
  target: string;
  task: HygieneTask;
  actor: string;
  recorded_by: string | null;
  recorded_at: number;
  done_at: number;
  method: string | null;
  agent: string | null;
  note: string | null;
  photo: string | null;
  corrects_id: number | null;
  corrected_by: number | null;
  late: number;
  source: RecordSource;
  first_recorded_at: number | null;
}

const select = `SELECT r.*, (SELECT c.id FROM hygiene_records c WHERE c.corrects_id = r.id) AS corrected_by
  FROM hygiene_records r`;

const toRecord = (r: Row): HygieneRecord => ({
  id: r.id,
  target: r.target,
  task: r.task,
  actor: r.actor,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at,
  doneAt: r.done_at,
  method: r.method,
  agent: r.agent,
  note: r.note,
  photo: r.photo,
  correctsId: r.corrects_id,
  correctedBy: r.corrected_by,
  backdated: r.late === 1,
  source: r.source,
  firstRecordedAt: r.first_recorded_at ?? r.recorded_at,
});

interface PhotoMeta {
  sha256: string;
  mime: 'image/jpeg' | 'image/png';
  bytes: number;
  uploadedBy: string;
  uploadedAt: number;
}

type AlertMark = 'reminder' | 'overdue' | 'cleared';

/** The hygiene tables (records are append-only: the table refuses UPDATE and DELETE). */
export class HygieneRepo {
  constructor(readonly db: Database) {}

  async insert(q: Queries, r: NewRecord): Promise<HygieneRecord> {
    const res = await q.run(
      `INSERT INTO hygiene_records (target, task, actor, recorded_by, recorded_at, done_at, method, agent, note,
         photo, corrects_id, late, source, first_recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        r.target,
        r.task,
        r.actor,
        r.recordedBy,
        r.recordedAt,
        r.doneAt,
        r.method,
        r.agent,
        r.note,
        r.photo,
        r.correctsId,
        r.backdated ? 1 : 0,
        r.source,
        r.firstRecordedAt,
      ],
    );
    return { ...r, id: res.lastId, correctedBy: null };
  }

  async get(q: Queries, id: number): Promise<HygieneRecord | undefined> {
    const row = await q.get<Row>(`${select} WHERE r.id = ?`, [id]);
    return row ? toRecord(row) : undefined;
  }

  /** Records whose claimed time is in [from, to), oldest first. */
  async list(filter: {
    from: number;
    to: number;
    target?: string;
    limit?: number;
  }): Promise<HygieneRecord[]> {
    const params: (string | number)[] = [filter.from, filter.to];
    let where = 'r.done_at >= ? AND r.done_at < ?';
    if (filter.target !== undefined) {
      where += ' AND r.target = ?';
      params.push(filter.target);
    }
    params.push(filter.limit ?? 10_000);
    const rows = await this.db.all<Row>(`${select} WHERE ${where} ORDER BY r.done_at, r.id LIMIT ?`, params);
    return rows.map(toRecord);
  }

  /** What compliance needs: records not corrected by another, claimed time in [from, to). */
  async facts(from: number, to: number): Promise<RecordFact[]> {
    const rows = await this.db.all<Row>(
      `${select} WHERE r.done_at >= ? AND r.done_at < ?
         AND NOT EXISTS (SELECT 1 FROM hygiene_records c WHERE c.corrects_id = r.id)`,
      [from, to],
    );
    return rows.map((row) => {
      const r = toRecord(row);
      return {
        id: r.id,
        target: r.target,
        task: r.task,
        doneAt: r.doneAt,
        firstRecordedAt: r.firstRecordedAt,
        backdated: r.backdated,
        correctsId: r.correctsId,
      };
    });
  }

  /** The latest claimed time each (target, task) was done, over records that count. */
  async lastDone(): Promise<Array<{ target: string; task: HygieneTask; at: number }>> {
    return this.db.all<{ target: string; task: HygieneTask; at: number }>(
      `SELECT r.target, r.task, MAX(r.done_at) AS at FROM hygiene_records r
       WHERE NOT EXISTS (SELECT 1 FROM hygiene_records c WHERE c.corrects_id = r.id)
       GROUP BY r.target, r.task`,
    );
  }

  async addPhoto(p: PhotoMeta): Promise<void> {
    await this.db.run(
      'INSERT OR IGNORE INTO hygiene_photos (sha256, mime, bytes, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?)',
      [p.sha256, p.mime, p.bytes, p.uploadedBy, p.uploadedAt],
    );
  }

  async getPhoto(sha256: string): Promise<PhotoMeta | undefined> {
    const row = await this.db.get<{
      sha256: string;
      mime: PhotoMeta['mime'];
      bytes: number;
      uploaded_by: string;
      uploaded_at: number;
    }>('SELECT * FROM hygiene_photos WHERE sha256 = ?', [sha256]);
    return row
      ? {
          sha256: row.sha256,
          mime: row.mime,
          bytes: row.bytes,
          uploadedBy: row.uploaded_by,
          uploadedAt: row.uploaded_at,
        }
      : undefined;
  }

  /** Marks an alert as sent; true only the first time, so it is announced once even across restarts. */
  async markAlert(
    target: string,
    task: HygieneTask,
    day: string,
    type: AlertMark,
    at: number,
  ): Promise<boolean> {
    const r = await this.db.run(
      'INSERT OR IGNORE INTO hygiene_alerts (target, task, day, type, at) VALUES (?, ?, ?, ?, ?)',
      [target, task, day, type, at],
    );
    return r.changes === 1;
  }

  /** Overdue alerts not yet followed by a 'cleared'. */
  async openOverdue(): Promise<Array<{ target: string; task: HygieneTask; day: string }>> {
    return this.db.all<{ target: string; task: HygieneTask; day: string }>(
      `SELECT o.target, o.task, o.day FROM hygiene_alerts o
       WHERE o.type = 'overdue' AND NOT EXISTS (
         SELECT 1 FROM hygiene_alerts c
         WHERE c.type = 'cleared' AND c.target = o.target AND c.task = o.task AND c.day = o.day)
       ORDER BY o.day`,
    );
  }
}
