import type { Database } from './db.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Numbered, forward-only migrations. Never edit one that has shipped: add the next number.
 * Times are stored as integer milliseconds since the epoch (UTC); JSON columns hold structured detail.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'foundation',
    sql: `
      CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        location TEXT NOT NULL,
        asset_no TEXT NOT NULL,
        vendor_json TEXT NOT NULL,
        service_provider_json TEXT NOT NULL,
        purchased_on TEXT,
        warranty_until TEXT,
        responsible TEXT NOT NULL,
        protocols TEXT NOT NULL,
        power_method TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      -- The last known state of each device (one row per device).
      CREATE TABLE device_status (
        device_id TEXT PRIMARY KEY REFERENCES devices(id),
        status TEXT NOT NULL,
        since INTEGER NOT NULL,
        last_observed_at INTEGER,
        conditions_json TEXT NOT NULL DEFAULT '[]',
        detail_json TEXT NOT NULL DEFAULT '{}'
      );

      CREATE TABLE status_transitions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        device_id TEXT NOT NULL REFERENCES devices(id),
        from_status TEXT NOT NULL,
        to_status TEXT NOT NULL,
        at INTEGER NOT NULL,
        reason TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX status_transitions_device_at ON status_transitions(device_id, at);

      CREATE TABLE faults (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        device_id TEXT NOT NULL REFERENCES devices(id),
        kind TEXT NOT NULL,
        severity TEXT NOT NULL,
        state TEXT NOT NULL,
        summary TEXT NOT NULL,
        evidence_json TEXT NOT NULL DEFAULT '{}',
        opened_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        closed_at INTEGER
      );
      -- At most one open fault per (device, kind).
      CREATE UNIQUE INDEX faults_one_open ON faults(device_id, kind) WHERE closed_at IS NULL;

      CREATE TABLE fault_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        fault_id INTEGER NOT NULL REFERENCES faults(id),
        at INTEGER NOT NULL,
        type TEXT NOT NULL,
        actor TEXT NOT NULL,
        data_json TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX fault_events_fault ON fault_events(fault_id, at);

      -- The notification outbox: written before sending, marked sent once.
      CREATE TABLE notifications (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        event_key TEXT NOT NULL,
        channel TEXT NOT NULL,
        recipient TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        sent_at INTEGER,
        UNIQUE (event_key, channel, recipient)
      );
      CREATE INDEX notifications_due ON notifications(state, next_attempt_at);

      -- Cleaning and disinfection records: append-only; a correction references the record it corrects.
      CREATE TABLE hygiene_records (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        target TEXT NOT NULL,
        task TEXT NOT NULL,
        actor TEXT NOT NULL,
        recorded_at INTEGER NOT NULL,
        done_at INTEGER NOT NULL,
        method TEXT,
        agent TEXT,
        note TEXT,
        photo TEXT,
        corrects_id INTEGER REFERENCES hygiene_records(id),
        late INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX hygiene_records_target ON hygiene_records(target, task, done_at);
      CREATE TRIGGER hygiene_records_no_update BEFORE UPDATE ON hygiene_records
        BEGIN SELECT RAISE(ABORT, 'hygiene records are append-only'); END;
      CREATE TRIGGER hygiene_records_no_delete BEFORE DELETE ON hygiene_records
        BEGIN SELECT RAISE(ABORT, 'hygiene records are append-only'); END;

      CREATE TABLE power_actions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        device_id TEXT NOT NULL REFERENCES devices(id),
        action TEXT NOT NULL,
        reason TEXT NOT NULL,
        requested_at INTEGER NOT NULL,
        result TEXT NOT NULL DEFAULT 'pending',
        finished_at INTEGER,
        detail TEXT
      );
      CREATE INDEX power_actions_device ON power_actions(device_id, requested_at);

      -- Maintenance and repair history of each state asset (维修保养记录).
      CREATE TABLE maintenance_records (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        device_id TEXT NOT NULL REFERENCES devices(id),
        kind TEXT NOT NULL,
        note TEXT NOT NULL,
        performed_by TEXT NOT NULL,
        performed_on TEXT NOT NULL,
        recorded_by TEXT NOT NULL,
        recorded_at INTEGER NOT NULL
      );
      CREATE INDEX maintenance_records_device ON maintenance_records(device_id, recorded_at);

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        role TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        remote_addr TEXT NOT NULL,
        detail_json TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_log_at ON audit_log(at);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `,
  },
  {
    version: 2,
    name: 'snmp-baselines',
    sql: `
      -- The accepted installed software and hardware of each PC/kiosk (first poll or "baseline accept").
      CREATE TABLE snmp_baselines (
        device_id TEXT PRIMARY KEY REFERENCES devices(id),
        installed_json TEXT NOT NULL,
        hardware_json TEXT NOT NULL,
        taken_at INTEGER NOT NULL,
        accepted_by TEXT NOT NULL
      );
    `,
  },
  {
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
  },
  {
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
  },
  {
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
  },
  {
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
  },
  {
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
  },
  {
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
  },
];

export class MigrationError extends Error {}

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
