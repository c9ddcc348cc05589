import type { Migration } from './migration.js';

export const m012: Migration = {
  version: 12,
  name: 'web-lockout-per-address',
  sql: `
    -- Sign-in attempts are also counted per client address (its SHA-256, never the address itself).
    CREATE INDEX web_login_attempts_client ON web_login_attempts(client_hash, at);
    -- A technician lifting an account's lockout: its failures before this no longer count.
    CREATE TABLE web_lockout_lifts (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      person_id TEXT NOT NULL,
      at INTEGER NOT NULL,
      lifted_by TEXT NOT NULL
    );
    CREATE INDEX web_lockout_lifts_person ON web_lockout_lifts(person_id, at);
  `,
};
