import type { Database } from './db.js';
import { m001 } from './migrations/001-foundation.js';
import { m002 } from './migrations/002-snmp-baselines.js';
import { m003 } from './migrations/003-faults-and-alerts.js';
import { m004 } from './migrations/004-power-overrides.js';
import { m005 } from './migrations/005-hygiene-photos-and-reminders.js';
import { m006 } from './migrations/006-web-sign-in.js';
import { m007 } from './migrations/007-readings-history.js';
import { m008 } from './migrations/008-notify-outcomes.js';
import { m009 } from './migrations/009-complaints.js';
import { m010 } from './migrations/010-duty-rota.js';
import { m011 } from './migrations/011-reading-usage.js';
import type { Migration } from './migrations/migration.js';

/**
 * Numbered, forward-only migrations. Never edit one that has shipped: add the next number.
 * Times are stored as integer milliseconds since the epoch (UTC); JSON columns hold structured detail.
 */
export const migrations: readonly Migration[] = [
  m001,
  m002,
  m003,
  m004,
  m005,
  m006,
  m007,
  m008,
  m009,
  m010,
  m011,
];

class MigrationError extends Error {}

/** Applies every migration newer than the database, each in its own transaction. Returns the new version. */
export async function migrate(
  db: Database,
  now: number,
  list: readonly Migration[] = migrations,
): Promise<number> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const applied = new Set(
    (await db.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
  );
  const current = Math.max(0, ...applied);
  const ordered = [...list].sort((a, b) => a.version - b.version);
  const latest = ordered.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new MigrationError(
      `database schema version ${current} is newer than this zoneops (knows up to ${latest}); upgrade zoneops`,
    );
  }
  // Every migration not yet applied runs, in order — also one numbered below the newest applied.
  for (const m of ordered) {
    if (applied.has(m.version)) continue;
    await db.transaction(async (tx) => {
      await tx.exec(m.sql);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        m.version,
        m.name,
        now,
      ]);
    });
  }
  return latest;
}
