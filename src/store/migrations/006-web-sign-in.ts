import type { Migration } from './migration.js';

export const m006: Migration = {
  version: 6,
  name: 'web-sign-in',
  sql: `
    -- Staff sessions of the web pages. Only the SHA-256 of the cookie value is stored.
    CREATE TABLE web_sessions (
      id_hash TEXT PRIMARY KEY,
      person_id TEXT NOT NULL,
      role TEXT NOT NULL,
      csrf TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    );
    CREATE INDEX web_sessions_expires ON web_sessions(expires_at);

    -- Sign-in attempts, for the lockout after repeated failures (kept a day, then pruned).
    CREATE TABLE web_login_attempts (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      person_id TEXT NOT NULL,
      at INTEGER NOT NULL,
      ok INTEGER NOT NULL,
      client_hash TEXT NOT NULL
    );
    CREATE INDEX web_login_attempts_person ON web_login_attempts(person_id, at);
  `,
};
