import type { Migration } from './migration.js';

export const m004: Migration = {
  version: 4,
  name: 'power-overrides',
  sql: `
    -- Staff keep a zone/device on until a time today; technicians force a device on/off (power schedule).
    CREATE TABLE power_overrides (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL CHECK (kind IN ('keep-on', 'force-on', 'force-off')),
      device_id TEXT REFERENCES devices(id),
      from_at INTEGER NOT NULL,
      until_at INTEGER NOT NULL,
      created_by TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      note TEXT,
      cancelled_at INTEGER
    );
    CREATE INDEX power_overrides_until ON power_overrides(until_at);
  `,
};
