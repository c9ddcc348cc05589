import { initialStatus, type StatusChange, type StatusState } from '../domain/device-status.js';
import type { DeviceStatus } from '../domain/status.js';
import type { Database } from '../store/db.js';

interface StoredStatus {
  readonly state: StatusState;
  readonly observedAt: number;
  readonly conditions: readonly string[];
  /** null: current conditions; else when the silent device last reported them. */
  readonly conditionsAsOf: number | null;
}

/** The last known status of each device (device_status) and its history (status_transitions). */
export class StatusRepo {
  constructor(private readonly db: Database) {}

  async load(deviceId: string, now: number): Promise<StatusState> {
    const r = await this.db.get<{ status: DeviceStatus; since: number; detail_json: string }>(
      'SELECT status, since, detail_json FROM device_status WHERE device_id = ?',
      [deviceId],
    );
    if (!r) return initialStatus(now);
    const d = JSON.parse(r.detail_json) as { failStreak?: number; changes?: number[]; flapping?: boolean };
    return {
      status: r.status,
      since: r.since,
      failStreak: d.failStreak ?? 0,
      changes: d.changes ?? [],
      flapping: d.flapping ?? false,
    };
  }

  /** Stores the status (and, on a change, its transition) in one transaction. */
  async save(deviceId: string, s: StoredStatus, change: StatusChange | null): Promise<void> {
    await this.db.transaction(async (tx) => {
      const st = s.state;
      const detail = JSON.stringify({
        failStreak: st.failStreak,
        changes: st.changes,
        flapping: st.flapping,
        ...(s.conditionsAsOf !== null ? { conditionsAsOf: s.conditionsAsOf } : {}),
      });
      await tx.run(
        `INSERT INTO device_status (device_id, status, since, last_observed_at, conditions_json, detail_json)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (device_id) DO UPDATE SET status = excluded.status, since = excluded.since,
           last_observed_at = excluded.last_observed_at, conditions_json = excluded.conditions_json,
           detail_json = excluded.detail_json`,
        [deviceId, st.status, st.since, s.observedAt, JSON.stringify(s.conditions), detail],
      );
      if (change) {
        await tx.run(
          'INSERT INTO status_transitions (device_id, from_status, to_status, at, reason) VALUES (?, ?, ?, ?, ?)',
          [deviceId, change.from, change.to, change.at, change.reason.slice(0, 200)],
        );
      }
    });
  }

  async transitions(
    deviceId: string,
    limit = 100,
  ): Promise<Array<{ from: string; to: string; at: number; reason: string }>> {
    return this.db.all(
      `SELECT from_status AS "from", to_status AS "to", at, reason FROM status_transitions
       WHERE device_id = ? ORDER BY id DESC LIMIT ?`,
      [deviceId, limit],
    );
  }
}
