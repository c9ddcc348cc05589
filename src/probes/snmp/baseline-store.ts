import type { Database } from '../../store/db.js';
import type { Baseline } from './software-policy.js';

/** Where the installed-software/hardware baseline of each PC lives. */
export interface BaselineStore {
  get(deviceId: string): Promise<Baseline | null>;
  put(deviceId: string, baseline: Baseline, acceptedBy: string): Promise<void>;
}

/** Baselines live in the `snmp_baselines` table (migration 2 in src/store/migrations.ts). */
export class SqliteBaselineStore implements BaselineStore {
  constructor(private readonly db: Database) {}

  async get(deviceId: string): Promise<Baseline | null> {
    const row = await this.db.get<{ installed_json: string; hardware_json: string; taken_at: number }>(
      'SELECT installed_json, hardware_json, taken_at FROM snmp_baselines WHERE device_id = ?',
      [deviceId],
    );
    if (!row) return null;
    return {
      installed: JSON.parse(row.installed_json) as string[],
      hardware: JSON.parse(row.hardware_json) as string[],
      takenAt: row.taken_at,
    };
  }

  async put(deviceId: string, baseline: Baseline, acceptedBy: string): Promise<void> {
    await this.db.run(
      `INSERT INTO snmp_baselines (device_id, installed_json, hardware_json, taken_at, accepted_by)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(device_id) DO UPDATE SET installed_json = excluded.installed_json,
         hardware_json = excluded.hardware_json, taken_at = excluded.taken_at, accepted_by = excluded.accepted_by`,
      [
        deviceId,
        JSON.stringify(baseline.installed),
        JSON.stringify(baseline.hardware),
        baseline.takenAt,
        acceptedBy,
      ],
    );
  }
}

/** For tests and for running without a store. */
export class MemoryBaselineStore implements BaselineStore {
  readonly #map = new Map<string, Baseline>();
  async get(deviceId: string): Promise<Baseline | null> {
    return this.#map.get(deviceId) ?? null;
  }
  async put(deviceId: string, baseline: Baseline): Promise<void> {
    this.#map.set(deviceId, baseline);
  }
}
