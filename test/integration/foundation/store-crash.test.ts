import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Database } from '../../../src/store/db.js';
import { migrations } from '../../../src/store/migrations.js';
import { openStore } from '../../../src/store/store.js';
import { repoRoot } from '../../helpers/cli.js';
import { cutPower, powerCutEnv } from '../../helpers/power-cut.js';

const writer = join(repoRoot, 'test/fixtures/foundation/burst-writer.ts');

/** Runs the writer until it has committed at least `atLeast` rows, then kill -9; returns the ids it reported. */
function burstThenKill(
  db: string,
  atLeast: number,
  opts: { env?: NodeJS.ProcessEnv; synchronous?: string; delayMs?: number } = {},
): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', writer, db, ...(opts.synchronous ? [opts.synchronous] : [])],
      { cwd: repoRoot, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const ids: number[] = [];
    let killing = false;
    let buf = '';
    let err = '';
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString();
    });
    child.stdout.on('data', (b: Buffer) => {
      buf += b.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^committed (\d+)$/.exec(line);
        if (m) ids.push(Number(m[1]));
      }
      if (ids.length >= atLeast && !killing) {
        killing = true;
        // A few milliseconds later, so the kill also lands inside a commit (between its WAL writes and
        // their fsync) rather than always just after one.
        setTimeout(() => child.kill('SIGKILL'), opts.delayMs ?? 0);
      }
    });
    child.once('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(ids);
      else reject(new Error(`writer exited on its own (${String(_code)}): ${err}`));
    });
  });
}

describe('store', () => {
  it('migrates an empty database to the latest version, and again is a no-op', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'zoneops-store-')), 'z.db');
    const store = await openStore(path, 1000);
    const versions = await store.db.all<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(versions.map((v) => v.version)).toEqual(migrations.map((m) => m.version).sort((a, b) => a - b));
    const tables = await store.db.all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name",
    );
    for (const t of [
      'devices',
      'status_transitions',
      'faults',
      'notifications',
      'hygiene_records',
      'power_actions',
      'audit_log',
    ]) {
      expect(tables.map((x) => x.name)).toContain(t);
    }
    // The durability the README states: WAL, and every commit fsynced (synchronous=FULL is 2).
    // https://www.sqlite.org/pragma.html#pragma_synchronous
    const mode = await store.db.get<{ journal_mode: string }>('PRAGMA journal_mode');
    expect(mode?.journal_mode).toBe('wal');
    const sync = await store.db.get<{ synchronous: number }>('PRAGMA synchronous');
    expect(sync?.synchronous).toBe(2);
    await store.close();
    const again = await openStore(path, 2000);
    const applied = await again.db.all<{ applied_at: number }>('SELECT applied_at FROM schema_migrations');
    expect(applied.every((a) => a.applied_at === 1000)).toBe(true);
    await again.close();
  });

  it('refuses a database written by a newer zoneops, naming the versions', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'zoneops-store-')), 'z.db');
    const db = await Database.open(path);
    await db.exec(
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
    );
    await db.run('INSERT INTO schema_migrations VALUES (999, ?, 0)', ['future']);
    await db.close();
    await expect(openStore(path, 0)).rejects.toThrow(/schema version 999 is newer than this zoneops/);
  });

  it('keeps the audit log append-only', async () => {
    const store = await openStore(join(mkdtempSync(join(tmpdir(), 'zoneops-store-')), 'z.db'), 0);
    await store.audit.append({
      at: 1,
      actor: 'a',
      role: 'admin',
      action: 'x',
      target: 't',
      remoteAddr: '',
      detail: {},
    });
    await expect(store.db.run('UPDATE audit_log SET actor = ?', ['b'])).rejects.toThrow(/append-only/);
    await expect(store.db.run('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await store.close();
  });

  it('loses no committed row when killed with SIGKILL during a write burst, five times in a row', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'zoneops-crash-')), 'z.db');
    const committed: number[] = [];
    for (let round = 0; round < 5; round++) {
      committed.push(...(await burstThenKill(path, 40 + round * 10)));
    }
    const store = await openStore(path, Date.now());
    const integrity = await store.db.get<{ integrity_check: string }>('PRAGMA integrity_check');
    expect(integrity?.integrity_check).toBe('ok');
    const rows = await store.db.all<{ id: number }>("SELECT id FROM audit_log WHERE action = 'test.write'");
    const present = new Set(rows.map((r) => r.id));
    const lost = committed.filter((id) => !present.has(id));
    expect(lost).toEqual([]);
    expect(committed.length).toBeGreaterThanOrEqual(40 + 50 + 60 + 70 + 80);
    await store.close();
  });

  it('loses no committed row in a simulated power cut (writes after the last fsync undone), four cuts in a row', async () => {
    // The database under test/fixtures/foundation/powercut.c: what was written but not fsynced when the
    // writer is killed is undone, as a disk would lose it when the power goes (a kill -9 alone keeps it).
    const dir = mkdtempSync(join(tmpdir(), 'zoneops-powercut-'));
    const path = join(dir, 'z.db');
    const log = join(mkdtempSync(join(tmpdir(), 'zoneops-powercut-log-')), 'undo.log');
    const committed: number[] = [];
    for (let round = 0; round < 4; round++) {
      const ids = await burstThenKill(path, 40, { env: powerCutEnv(dir, log), delayMs: 3 + round * 4 });
      committed.push(...ids);
      // Rounds 0 and 2 lose every unsynced write; rounds 1 and 3 keep a prefix of them (a disk that had
      // written back part of its cache), a different one per file.
      const cut = cutPower(log, (file, n) => (round % 2 === 0 ? 0 : (file.length * 7 + round) % (n + 1)));
      // synchronous=FULL in WAL mode: the WAL is fsynced at every commit, so at least once per row reported.
      expect(cut.syncs.get(`${path}-wal`) ?? 0, `round ${round}: WAL fsyncs`).toBeGreaterThanOrEqual(
        ids.length,
      );
    }
    const store = await openStore(path, Date.now());
    const integrity = await store.db.get<{ integrity_check: string }>('PRAGMA integrity_check');
    expect(integrity?.integrity_check).toBe('ok');
    const rows = await store.db.all<{ id: number }>("SELECT id FROM audit_log WHERE action = 'test.write'");
    const present = new Set(rows.map((r) => r.id));
    expect(committed.filter((id) => !present.has(id))).toEqual([]);
    expect(committed.length).toBeGreaterThanOrEqual(160);
    await store.close();
  });

  it('the same power cut loses committed rows with synchronous=NORMAL (the control: the cut is real)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zoneops-powercut-'));
    const path = join(dir, 'z.db');
    const log = join(mkdtempSync(join(tmpdir(), 'zoneops-powercut-log-')), 'undo.log');
    const committed = await burstThenKill(path, 40, { env: powerCutEnv(dir, log), synchronous: 'NORMAL' });
    const cut = cutPower(log);
    expect(cut.undone).toBeGreaterThan(0);
    const store = await openStore(path, Date.now());
    const rows = await store.db.all<{ id: number }>("SELECT id FROM audit_log WHERE action = 'test.write'");
    const present = new Set(rows.map((r) => r.id));
    expect(committed.filter((id) => !present.has(id)).length).toBeGreaterThan(0);
    await store.close();
  });
});
