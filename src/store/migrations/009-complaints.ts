import type { Migration } from './migration.js';

export const m009: Migration = {
  version: 9,
  name: 'complaints',
  sql: `
    -- Every citizen's report, complaint or suggestion (attachment 5): its own record, separate from the
    -- device fault it may open or join. The contact is the complainant's phone (shown only on the
    -- complaint page to the people who handle it); the client is kept only as a salted hash (rate limits).
    CREATE TABLE complaints (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      case_no TEXT NOT NULL UNIQUE,
      case_day TEXT NOT NULL,
      type TEXT NOT NULL CHECK (type IN ('complaint', 'suggestion')),
      problem TEXT NOT NULL,
      device_id TEXT REFERENCES devices(id),
      description TEXT NOT NULL,
      contact TEXT,
      source TEXT NOT NULL,
      client_key TEXT NOT NULL,
      submission_key TEXT UNIQUE,
      state TEXT NOT NULL CHECK (state IN ('received', 'accepted', 'not-accepted', 'answered', 'closed')),
      received_at INTEGER NOT NULL,
      accept_due_at INTEGER NOT NULL,
      answer_due_at INTEGER NOT NULL,
      assigned_to TEXT,
      decided_at INTEGER,
      decided_by TEXT,
      ground TEXT,
      decision_note TEXT,
      answered_at INTEGER,
      answered_by TEXT,
      answer_method TEXT,
      answer_text TEXT,
      closed_at INTEGER,
      closed_by TEXT,
      satisfaction TEXT,
      satisfaction_at INTEGER,
      rate_token TEXT UNIQUE,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX complaints_received ON complaints(received_at);
    CREATE INDEX complaints_state ON complaints(state);
    CREATE INDEX complaints_client ON complaints(client_key, received_at);

    -- The timeline: received, accepted, linked, answered, reminded, escalated, closed, rated.
    CREATE TABLE complaint_events (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      complaint_id INTEGER NOT NULL REFERENCES complaints(id),
      at INTEGER NOT NULL,
      type TEXT NOT NULL,
      actor TEXT NOT NULL,
      data_json TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX complaint_events_complaint ON complaint_events(complaint_id, id);

    -- The faults that act on a complaint.
    CREATE TABLE complaint_faults (
      complaint_id INTEGER NOT NULL REFERENCES complaints(id),
      fault_id INTEGER NOT NULL REFERENCES faults(id),
      linked_at INTEGER NOT NULL,
      linked_by TEXT NOT NULL,
      PRIMARY KEY (complaint_id, fault_id)
    );
    CREATE INDEX complaint_faults_fault ON complaint_faults(fault_id);

    -- Each deadline notice once (written in the same transaction as its outbox rows).
    CREATE TABLE complaint_notices (
      complaint_id INTEGER NOT NULL REFERENCES complaints(id),
      notice TEXT NOT NULL,
      at INTEGER NOT NULL,
      PRIMARY KEY (complaint_id, notice)
    );

    -- The satisfaction evaluation form (attachment 4): for the zone, a device, or one complaint's answer.
    CREATE TABLE satisfaction (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at INTEGER NOT NULL,
      rating TEXT NOT NULL CHECK (rating IN ('satisfied', 'basically-satisfied', 'dissatisfied')),
      device_id TEXT REFERENCES devices(id),
      complaint_id INTEGER REFERENCES complaints(id),
      comment TEXT NOT NULL DEFAULT '',
      client_key TEXT NOT NULL
    );
    CREATE INDEX satisfaction_at ON satisfaction(at);
    CREATE INDEX satisfaction_client ON satisfaction(client_key, at);

    -- Reports taken before complaints had a record of their own: kept, as closed records, linked to
    -- their fault, with the case number R-<old reference>, so nothing a citizen sent is lost.
    INSERT INTO complaints (case_no, case_day, type, problem, device_id, description, contact, source,
      client_key, state, received_at, accept_due_at, answer_due_at, closed_at, closed_by, updated_at)
    SELECT 'R-' || id, '', 'complaint', 'device-broken', device_id, description, contact, 'web',
      client_hash, 'closed', at, at, at, at, 'zoneops', at
    FROM public_reports ORDER BY id;
    INSERT INTO complaint_faults (complaint_id, fault_id, linked_at, linked_by)
    SELECT c.id, p.fault_id, p.at, 'zoneops' FROM public_reports p JOIN complaints c ON c.case_no = 'R-' || p.id
    WHERE p.fault_id IS NOT NULL;
    INSERT INTO complaint_events (complaint_id, at, type, actor, data_json)
    SELECT id, received_at, 'imported', 'zoneops', '{}' FROM complaints WHERE case_no LIKE 'R-%';
  `,
};
