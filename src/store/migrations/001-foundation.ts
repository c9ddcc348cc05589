import type { Migration } from './migration.js';

export const m001: Migration = {
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
};
