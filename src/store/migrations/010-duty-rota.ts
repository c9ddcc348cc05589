import type { Migration } from './migration.js';

export const m010: Migration = {
  version: 10,
  name: 'duty-rota',
  sql: `
    -- Absences (请假) over date ranges, from–to inclusive (local dates YYYY-MM-DD), with a reason.
    -- Undone, never deleted: revoked_at/revoked_by say when and by whom (the audit log has both too).
    CREATE TABLE duty_absences (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      person_id TEXT NOT NULL,
      from_day TEXT NOT NULL,
      to_day TEXT NOT NULL,
      reason TEXT NOT NULL,
      -- The person confirmed the lead or the technician covers while no post is left.
      cover_confirmed INTEGER NOT NULL DEFAULT 0,
      created_by TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      revoked_at INTEGER,
      revoked_by TEXT,
      CHECK (from_day <= to_day)
    );
    CREATE INDEX duty_absences_days ON duty_absences(to_day, from_day);

    -- Swaps (调班): on one date, one post is held by another attendant (an exchange when that attendant
    -- held the other post). Undone like absences.
    CREATE TABLE duty_swaps (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      day TEXT NOT NULL,
      post TEXT NOT NULL CHECK (post IN ('A', 'B')),
      person_id TEXT NOT NULL,
      reason TEXT NOT NULL,
      created_by TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      revoked_at INTEGER,
      revoked_by TEXT
    );
    CREATE INDEX duty_swaps_day ON duty_swaps(day);

    -- The weekly rota as edited on the /duty page (值班表): one row per change of one weekday, the
    -- posts' holders as JSON arrays of person ids. The newest active row of a weekday replaces the
    -- config's duty.rota for that weekday; undoing one falls back to the one before (or the config).
    CREATE TABLE duty_rota (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      weekday TEXT NOT NULL CHECK (weekday IN ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')),
      a_ids TEXT NOT NULL,
      b_ids TEXT NOT NULL,
      reason TEXT NOT NULL,
      created_by TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      revoked_at INTEGER,
      revoked_by TEXT
    );
    CREATE INDEX duty_rota_weekday ON duty_rota(weekday, id);

    -- The one-day absences recorded before (POST /api/v1/absences {personId, date}) become ranges.
    INSERT INTO duty_absences (person_id, from_day, to_day, reason, created_by, created_at)
      SELECT person_id, day, day, '', recorded_by, recorded_at FROM absences ORDER BY recorded_at;
    DROP TABLE absences;
  `,
};
