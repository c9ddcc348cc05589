import type { SatisfactionRating } from '../domain/complaint.js';
import type { ComplaintFact, SatisfactionFact } from '../domain/complaint-figures.js';
import type { Database, Queries } from '../store/db.js';

/** The satisfaction evaluations (attachment 4) and the facts the monthly report counts. */
export class SatisfactionRepo {
  constructor(readonly db: Database) {}

  async add(
    tx: Queries,
    s: {
      at: number;
      rating: SatisfactionRating;
      deviceId: string | null;
      complaintId: number | null;
      comment: string;
      clientKey: string;
    },
  ): Promise<number> {
    const r = await tx.run(
      'INSERT INTO satisfaction (at, rating, device_id, complaint_id, comment, client_key) VALUES (?, ?, ?, ?, ?, ?)',
      [s.at, s.rating, s.deviceId, s.complaintId, s.comment, s.clientKey],
    );
    return r.lastId;
  }

  async takenSince(clientKey: string, since: number): Promise<{ mine: number[]; all: number[] }> {
    const [mine, all] = await Promise.all([
      this.db.all<{ at: number }>('SELECT at FROM satisfaction WHERE client_key = ? AND at > ? ORDER BY at', [
        clientKey,
        since,
      ]),
      this.db.all<{ at: number }>('SELECT at FROM satisfaction WHERE at > ? ORDER BY at', [since]),
    ]);
    return { mine: mine.map((r) => r.at), all: all.map((r) => r.at) };
  }

  async facts(from: number, to: number): Promise<SatisfactionFact[]> {
    return this.db.all<SatisfactionFact>(
      'SELECT at, rating FROM satisfaction WHERE at >= ? AND at < ? ORDER BY at',
      [from, to],
    );
  }

  /** Complaints received between `from` and `to`, as the report counts them. */
  async complaintFacts(from: number, to: number): Promise<ComplaintFact[]> {
    const rows = await this.db.all<{
      type: ComplaintFact['type'];
      received_at: number;
      decided_at: number | null;
      state: string;
      ground: ComplaintFact['ground'];
      accept_due_at: number;
      answer_due_at: number;
      answered_at: number | null;
      closed_at: number | null;
      contact: string | null;
    }>(
      `SELECT type, received_at, decided_at, state, ground, accept_due_at, answer_due_at, answered_at, closed_at, contact
       FROM complaints WHERE received_at >= ? AND received_at < ? AND case_no NOT LIKE 'R-%' ORDER BY id`,
      [from, to],
    );
    return rows.map((r) => ({
      type: r.type,
      receivedAt: r.received_at,
      decidedAt: r.decided_at,
      accepted: r.decided_at === null ? null : r.ground === null,
      ground: r.ground,
      acceptDueAt: r.accept_due_at,
      answerDueAt: r.answer_due_at,
      answeredAt: r.answered_at,
      closedAt: r.closed_at,
      answerOwed: r.contact !== null,
    }));
  }
}
