import type { Delivery, NotificationPayload } from '../domain/delivery-plan.js';
import type { Database, Queries } from '../store/db.js';
import type { OutgoingMessage } from './types.js';

type OutboxState = 'pending' | 'sent' | 'failed';

export interface OutboxRow extends OutgoingMessage {
  readonly state: OutboxState;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly lastError: string | null;
  readonly createdAt: number;
  readonly sentAt: number | null;
}

interface Raw {
  id: number;
  event_key: string;
  channel: string;
  recipient: string;
  payload_json: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

/**
 * The notification outbox. A message is written here (in the same transaction as the fault change
 * that caused it) before anyone tries to send it; (event_key, channel, recipient) is unique, so the
 * same event can never be queued — and therefore sent — twice.
 */
export class OutboxRepo {
  constructor(private readonly db: Database) {}

  /** Queues deliveries; rows already queued for the same event are ignored. Returns how many are new. */
  async enqueue(q: Queries, deliveries: readonly Delivery[], now: number): Promise<number> {
    let added = 0;
    for (const d of deliveries) {
      const r = await q.run(
        `INSERT OR IGNORE INTO notifications (event_key, channel, recipient, payload_json, state, attempts, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)`,
        [d.eventKey, d.channel, d.recipient, JSON.stringify(d.payload), now, now],
      );
      added += r.changes;
    }
    return added;
  }

  async due(now: number, limit = 100): Promise<OutboxRow[]> {
    const rows = await this.db.all<Raw>(
      `SELECT * FROM notifications WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
      [now, limit],
    );
    return rows.map(toRow);
  }

  async markSent(id: number, now: number): Promise<void> {
    // `AND state = 'pending'`: marked sent once, whatever happens around it.
    await this.db.run(
      `UPDATE notifications SET state = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL
       WHERE id = ? AND state = 'pending'`,
      [now, id],
    );
  }

  async markRetry(id: number, nextAt: number, error: string): Promise<void> {
    await this.db.run(
      'UPDATE notifications SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?',
      [nextAt, error.slice(0, 500), id],
    );
  }

  async markDead(id: number, error: string): Promise<void> {
    await this.db.run(
      "UPDATE notifications SET state = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?",
      [error.slice(0, 500), id],
    );
  }

  /** Not a failure: the channel's rate limit says "later". */
  async postpone(id: number, nextAt: number): Promise<void> {
    await this.db.run('UPDATE notifications SET next_attempt_at = ? WHERE id = ?', [nextAt, id]);
  }

  async depth(): Promise<number> {
    return (
      (await this.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM notifications WHERE state = 'pending'"))
        ?.n ?? 0
    );
  }

  async sentTimes(channel: string, since: number): Promise<number[]> {
    const rows = await this.db.all<{ sent_at: number }>(
      "SELECT sent_at FROM notifications WHERE channel = ? AND state = 'sent' AND sent_at > ? ORDER BY sent_at",
      [channel, since],
    );
    return rows.map((r) => r.sent_at);
  }

  /** Rows whose event key starts with `prefix` (e.g. `fault:12:`), for a fault's timeline. */
  async byEventPrefix(prefix: string): Promise<OutboxRow[]> {
    const rows = await this.db.all<Raw>(
      'SELECT * FROM notifications WHERE substr(event_key, 1, length(?)) = ? ORDER BY id',
      [prefix, prefix],
    );
    return rows.map(toRow);
  }

  async all(): Promise<OutboxRow[]> {
    return (await this.db.all<Raw>('SELECT * FROM notifications ORDER BY id')).map(toRow);
  }
}

function toRow(r: Raw): OutboxRow {
  return {
    id: r.id,
    eventKey: r.event_key,
    channel: r.channel,
    recipient: r.recipient,
    payload: JSON.parse(r.payload_json) as NotificationPayload,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}
