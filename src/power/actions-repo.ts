import type { Database } from '../store/db.js';

/** What the reconciler did: 'on' (WoL or plug/agent on), 'soft-off' (agent shutdown), 'cut' (plug off). */
export type PowerActionKind = 'on' | 'soft-off' | 'cut';
/** pending: sent, awaiting verification; ok: verified; failed: not sent or not verified. */
type PowerActionResult = 'pending' | 'ok' | 'failed';

export interface PowerActionRow {
  readonly id: number;
  readonly deviceId: string;
  readonly action: PowerActionKind;
  readonly reason: string;
  readonly requestedAt: number;
  readonly result: PowerActionResult;
  readonly finishedAt: number | null;
  readonly detail: string | null;
}

interface Raw {
  id: number;
  device_id: string;
  action: PowerActionKind;
  reason: string;
  requested_at: number;
  result: PowerActionResult;
  finished_at: number | null;
  detail: string | null;
}

const toRow = (r: Raw): PowerActionRow => ({
  id: r.id,
  deviceId: r.device_id,
  action: r.action,
  reason: r.reason,
  requestedAt: r.requested_at,
  result: r.result,
  finishedAt: r.finished_at,
  detail: r.detail,
});

/** The `power_actions` table (migration 1): one row per power command, updated when it is verified. */
export class PowerActionsRepo {
  constructor(private readonly db: Database) {}

  async record(a: { deviceId: string; action: PowerActionKind; reason: string; requestedAt: number }) {
    const r = await this.db.run(
      'INSERT INTO power_actions (device_id, action, reason, requested_at) VALUES (?, ?, ?, ?)',
      [a.deviceId, a.action, a.reason, a.requestedAt],
    );
    return r.lastId;
  }

  /** Sets the outcome; `finished` false keeps it pending (sent, verification still to come). */
  async update(
    id: number,
    result: PowerActionResult,
    at: number | null,
    detail: string | null,
  ): Promise<void> {
    await this.db.run('UPDATE power_actions SET result = ?, finished_at = ?, detail = ? WHERE id = ?', [
      result,
      at,
      detail === null ? null : detail.slice(0, 500),
      id,
    ]);
  }

  async get(id: number): Promise<PowerActionRow | undefined> {
    const r = await this.db.get<Raw>('SELECT * FROM power_actions WHERE id = ?', [id]);
    return r ? toRow(r) : undefined;
  }

  async last(deviceId: string): Promise<PowerActionRow | undefined> {
    const r = await this.db.get<Raw>(
      'SELECT * FROM power_actions WHERE device_id = ? ORDER BY requested_at DESC, id DESC LIMIT 1',
      [deviceId],
    );
    return r ? toRow(r) : undefined;
  }

  /** A device's latest commands, newest first (the device page). */
  async recent(deviceId: string, limit = 10): Promise<PowerActionRow[]> {
    const rows = await this.db.all<Raw>(
      'SELECT * FROM power_actions WHERE device_id = ? ORDER BY requested_at DESC, id DESC LIMIT ?',
      [deviceId, limit],
    );
    return rows.map(toRow);
  }

  async list(filter: { deviceId?: string; from?: number; limit?: number } = {}): Promise<PowerActionRow[]> {
    const rows = await this.db.all<Raw>(
      `SELECT * FROM power_actions WHERE (? IS NULL OR device_id = ?) AND requested_at >= ?
       ORDER BY requested_at, id LIMIT ?`,
      [filter.deviceId ?? null, filter.deviceId ?? null, filter.from ?? 0, filter.limit ?? 1000],
    );
    return rows.map(toRow);
  }
}
