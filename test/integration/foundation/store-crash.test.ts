import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Database } from '../../../src/store/db.js';
import { migrations } from '../../../src/store/migrations.js';
import { openStore } from '../../../src/store/store.js';
import { repoRoot } from '../../helpers/cli.js';

const writer = join(repoRoot, 'test/fixtures/foundation/burst-writer.ts');

/** Runs the writer until it has committed at least `atLeast` rows, then kill -9; returns the ids it reported. */
function burstThenKill(db: string, atLeast: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, db], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const ids: number[] = [];
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
      if (ids.length >= atLeast && child.exitCode === null && !child.killed) child.kill('SIGKILL');
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
    const mode = await store.db.get<{ journal_mode: string }>('PRAGMA journal_mode');
    expect(mode?.journal_mode).toBe('wal');
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
});
