import type { Delivery, NotificationPayload } from '../domain/delivery-plan.js';
import type { Database, Queries } from '../store/db.js';
import type { OutgoingMessage } from './types.js';

/**
 * `sent`; `failed` (given up, or refused for good); `uncertain` (a crash came after the request may
 * have reached a robot that cannot deduplicate: not resent); `digested` (carried by a digest message).
 */
export type OutboxState = 'pending' | 'sent' | 'failed' | 'uncertain' | 'digested';

export interface OutboxRow extends OutgoingMessage {
  readonly state: OutboxState;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly lastError: string | null;
  readonly createdAt: number;
  readonly sentAt: number | null;
  /** Where an attempt was when the process stopped: `connecting` or `writing`; null between attempts. */
  readonly phase: 'connecting' | 'writing' | null;
  readonly late: boolean;
  readonly digestId: number | null;
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
  phase: 'connecting' | 'writing' | null;
  late: number;
  digest_id: number | null;
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

  /** Every pending row in queue order (oldest first): each channel sends its own in this order. */
  async pending(limit = 2000): Promise<OutboxRow[]> {
    const rows = await this.db.all<Raw>(
      `SELECT * FROM notifications WHERE state = 'pending' ORDER BY id LIMIT ?`,
      [limit],
    );
    return rows.map(toRow);
  }

  /** Rows whose last attempt was cut off by a stop (kill -9, power cut): phase still set. */
  async inFlight(): Promise<OutboxRow[]> {
    return (
      await this.db.all<Raw>("SELECT * FROM notifications WHERE state = 'pending' AND phase IS NOT NULL")
    ).map(toRow);
  }

  /** Durable before the attempt goes on (synchronous=FULL): a crash after it still knows the phase. */
  async setPhase(id: number, phase: 'connecting' | 'writing' | null): Promise<void> {
    await this.db.run('UPDATE notifications SET phase = ? WHERE id = ?', [phase, id]);
  }

  async markSent(id: number, now: number): Promise<void> {
    // `AND state = 'pending'`: marked sent once, whatever happens around it.
    await this.db.run(
      `UPDATE notifications SET state = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL, phase = NULL
       WHERE id = ? AND state = 'pending'`,
      [now, id],
    );
  }

  /** A failed attempt (transient or permanent): counted, tried again at `nextAt`. */
  async markRetry(id: number, nextAt: number, error: string): Promise<void> {
    await this.db.run(
      'UPDATE notifications SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, phase = NULL WHERE id = ?',
      [nextAt, error.slice(0, 500), id],
    );
  }

  /** Not a failure: the channel's rate limit or the platform said "later". Not counted as an attempt. */
  async postpone(id: number, nextAt: number, note?: string): Promise<void> {
    await this.db.run(
      'UPDATE notifications SET next_attempt_at = ?, last_error = COALESCE(?, last_error), phase = NULL WHERE id = ?',
      [nextAt, note?.slice(0, 500) ?? null, id],
    );
  }

  async markDead(id: number, error: string): Promise<void> {
    await this.db.run(
      "UPDATE notifications SET state = 'failed', attempts = attempts + 1, last_error = ?, phase = NULL WHERE id = ?",
      [error.slice(0, 500), id],
    );
  }

  async markUncertain(id: number, note: string): Promise<void> {
    await this.db.run(
      "UPDATE notifications SET state = 'uncertain', last_error = ?, phase = NULL WHERE id = ? AND state = 'pending'",
      [note.slice(0, 500), id],
    );
  }

  /** Rows held while their channel was misconfigured: they go out with a late note. */
  async markLate(channel: string): Promise<number> {
    const r = await this.db.run(
      "UPDATE notifications SET late = 1, next_attempt_at = 0 WHERE channel = ? AND state = 'pending'",
      [channel],
    );
    return r.changes;
  }

  /**
   * Collapses `ids` into one digest message, queued right after them, in one transaction: either the
   * digest exists and they are `digested`, or nothing changed.
   */
  async digest(ids: readonly number[], digest: Delivery, now: number): Promise<number> {
    return this.db.transaction(async (tx) => {
      await this.enqueue(tx, [digest], now);
      const row = await tx.get<{ id: number }>(
        'SELECT id FROM notifications WHERE event_key = ? AND channel = ? AND recipient = ?',
        [digest.eventKey, digest.channel, digest.recipient],
      );
      const digestId = row?.id ?? 0;
      for (const id of ids)
        await tx.run(
          "UPDATE notifications SET state = 'digested', digest_id = ?, phase = NULL WHERE id = ? AND state = 'pending'",
          [digestId, id],
        );
      return digestId;
    });
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
    phase: r.phase,
    late: r.late === 1,
    digestId: r.digest_id,
  };
}
