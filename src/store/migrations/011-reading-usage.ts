import type { Migration } from './migration.js';

export const m011: Migration = {
  version: 11,
  name: 'reading-usage',
  sql: `
    -- PCs' and kiosks' processor load (SNMP hrProcessorLoad), at most every 5 minutes per device, kept
    -- with the other readings (400 days): the monthly report estimates hours in use from it.
    CREATE TABLE reading_usage (
      device_id TEXT NOT NULL,
      at INTEGER NOT NULL,
      cpu_percent REAL NOT NULL
    );
    CREATE INDEX reading_usage_device_at ON reading_usage(device_id, at);
  `,
};
