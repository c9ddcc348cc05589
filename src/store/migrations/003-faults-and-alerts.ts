import type { Migration } from './migration.js';

export const m003: Migration = {
  version: 3,
  name: 'faults-and-alerts',
  sql: `
    -- Where each unacknowledged fault stands in its escalation (A post → B post → lead), so that a
    -- restart continues the escalation on time instead of starting over or repeating a message.
    CREATE TABLE fault_escalations (
      fault_id INTEGER PRIMARY KEY REFERENCES faults(id),
      level INTEGER NOT NULL DEFAULT -1,
      step_at INTEGER,
      reminders INTEGER NOT NULL DEFAULT 0
    );

    -- Silences / maintenance windows: per device, per kind, or both.
    CREATE TABLE silences (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      device_id TEXT REFERENCES devices(id),
      kind TEXT,
      starts_at INTEGER NOT NULL,
      ends_at INTEGER NOT NULL,
      reason TEXT NOT NULL,
      created_by TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      CHECK (device_id IS NOT NULL OR kind IS NOT NULL),
      CHECK (ends_at > starts_at)
    );
    CREATE INDEX silences_ends ON silences(ends_at);

    -- Attendants marked absent for a day (the B post takes over at once).
    CREATE TABLE absences (
      person_id TEXT NOT NULL,
      day TEXT NOT NULL,
      recorded_by TEXT NOT NULL,
      recorded_at INTEGER NOT NULL,
      PRIMARY KEY (person_id, day)
    );

    -- Reports from members of the public. The client address is kept only as a salted hash.
    CREATE TABLE public_reports (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at INTEGER NOT NULL,
      device_id TEXT NOT NULL REFERENCES devices(id),
      description TEXT NOT NULL,
      contact TEXT,
      client_hash TEXT NOT NULL,
      fault_id INTEGER REFERENCES faults(id)
    );
    CREATE INDEX public_reports_at ON public_reports(at);
  `,
};
