import type { Migration } from './migration.js';

export const m007: Migration = {
  version: 7,
  name: 'readings-history',
  sql: `
    -- Sampled readings (at most hourly per device, and on a supply level change), kept 400 days:
    -- the page counter and plug energy for the monthly report, supply levels for the forecast.
    CREATE TABLE reading_pages (
      device_id TEXT NOT NULL,
      at INTEGER NOT NULL,
      pages INTEGER NOT NULL
    );
    CREATE INDEX reading_pages_device_at ON reading_pages(device_id, at);
    CREATE TABLE reading_supplies (
      device_id TEXT NOT NULL,
      supply_index INTEGER NOT NULL,
      at INTEGER NOT NULL,
      percent REAL NOT NULL,
      type TEXT NOT NULL,
      color TEXT,
      description TEXT NOT NULL,
      receptacle INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX reading_supplies_device_at ON reading_supplies(device_id, supply_index, at);
    CREATE INDEX reading_supplies_at ON reading_supplies(at);
    CREATE TABLE reading_energy (
      device_id TEXT NOT NULL,
      at INTEGER NOT NULL,
      kwh REAL NOT NULL
    );
    CREATE INDEX reading_energy_device_at ON reading_energy(device_id, at);
  `,
};
