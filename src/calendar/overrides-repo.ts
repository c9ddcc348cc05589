import type { OverrideKind, PowerOverride } from '../domain/desired-power.js';
import type { Database } from '../store/db.js';

interface Raw {
  id: number;
  kind: OverrideKind;
  device_id: string | null;
  from_at: number;
  until_at: number;
  created_by: string;
  note: string | null;
}

const toOverride = (r: Raw): PowerOverride => ({
  id: r.id,
  kind: r.kind,
  deviceId: r.device_id,
  from: r.from_at,
  until: r.until_at,
  createdBy: r.created_by,
  note: r.note,
});

/** The `power_overrides` table (migration 4). Overrides expire by time; none is ever deleted. */
export class PowerOverridesRepo {
  constructor(private readonly db: Database) {}

  async add(o: Omit<PowerOverride, 'id'>, createdAt: number): Promise<PowerOverride> {
    const r = await this.db.run(
      `INSERT INTO power_overrides (kind, device_id, from_at, until_at, created_by, created_at, note)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [o.kind, o.deviceId, o.from, o.until, o.createdBy, createdAt, o.note],
    );
    return { id: r.lastId, ...o };
  }

  /** Overrides not yet expired or cancelled at `now` (including ones that start later today). */
  async active(now: number): Promise<PowerOverride[]> {
    const rows = await this.db.all<Raw>(
      'SELECT * FROM power_overrides WHERE until_at > ? AND cancelled_at IS NULL ORDER BY id',
      [now],
    );
    return rows.map(toOverride);
  }

  async cancel(id: number, at: number): Promise<boolean> {
    const r = await this.db.run(
      'UPDATE power_overrides SET cancelled_at = ? WHERE id = ? AND cancelled_at IS NULL',
      [at, id],
    );
    return r.changes > 0;
  }
}
