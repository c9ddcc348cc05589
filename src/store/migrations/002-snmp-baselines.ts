import type { Migration } from './migration.js';

export const m002: Migration = {
  version: 2,
  name: 'snmp-baselines',
  sql: `
    -- The accepted installed software and hardware of each PC/kiosk (first poll or "baseline accept").
    CREATE TABLE snmp_baselines (
      device_id TEXT PRIMARY KEY REFERENCES devices(id),
      installed_json TEXT NOT NULL,
      hardware_json TEXT NOT NULL,
      taken_at INTEGER NOT NULL,
      accepted_by TEXT NOT NULL
    );
  `,
};
