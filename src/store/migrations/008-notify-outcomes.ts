import type { Migration } from './migration.js';

export const m008: Migration = {
  version: 8,
  name: 'notify-outcomes',
  sql: `
    -- Where an attempt was when the process died: 'connecting' (nothing written to the socket yet,
    -- safe to resend) or 'writing' (the request may have reached the platform). NULL between attempts.
    ALTER TABLE notifications ADD COLUMN phase TEXT;
    -- Set on messages held while their channel was misconfigured: sent with a note that they are late.
    ALTER TABLE notifications ADD COLUMN late INTEGER NOT NULL DEFAULT 0;
    -- For state 'digested': the outbox row of the digest message that carried this one.
    ALTER TABLE notifications ADD COLUMN digest_id INTEGER;
    -- One row per notifier: its config fingerprint (salted SHA-256, never the secret itself), whether
    -- it is held after a permanent error, and until when the platform asked us to wait.
    CREATE TABLE notify_channels (
      channel TEXT PRIMARY KEY,
      fingerprint TEXT NOT NULL,
      held_since INTEGER,
      held_error TEXT,
      blocked_until INTEGER,
      updated_at INTEGER NOT NULL
    );
  `,
};
