import type { Migration } from './migration.js';

export const m005: Migration = {
  version: 5,
  name: 'hygiene-photos-and-reminders',
  sql: `
    -- Where a record came from (api, cli, button) and, for a correction, when the corrected record was
    -- first entered: a correction never makes a late record on time. NULL on old rows = recorded_at.
    ALTER TABLE hygiene_records ADD COLUMN source TEXT NOT NULL DEFAULT 'api';
    ALTER TABLE hygiene_records ADD COLUMN first_recorded_at INTEGER;
    -- A record is corrected at most once (a later correction corrects the correction).
    CREATE UNIQUE INDEX hygiene_records_one_correction ON hygiene_records(corrects_id) WHERE corrects_id IS NOT NULL;
    CREATE INDEX hygiene_records_done ON hygiene_records(done_at);

    -- Photos stored under the data folder by their SHA-256 (never by the client's file name).
    CREATE TABLE hygiene_photos (
      sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
      mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
      bytes INTEGER NOT NULL,
      uploaded_by TEXT NOT NULL,
      uploaded_at INTEGER NOT NULL
    );

    -- Reminders and overdue alerts already sent, so a restart never sends one twice.
    CREATE TABLE hygiene_alerts (
      target TEXT NOT NULL,
      task TEXT NOT NULL,
      day TEXT NOT NULL,
      type TEXT NOT NULL CHECK (type IN ('reminder', 'overdue', 'cleared')),
      at INTEGER NOT NULL,
      PRIMARY KEY (target, task, day, type)
    );
  `,
};
