import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src/store/store.js';
import { repoRoot, zoneopsBin } from '../../helpers/cli.js';
import { minimalConfigData, writeConfig } from '../../helpers/config.js';
import { freePort } from '../../helpers/net.js';
import { waitUntil } from '../../helpers/proc.js';

async function startDaemon(dbPath: string, port: number) {
  const data = minimalConfigData();
  data.http = { listen: `127.0.0.1:${port}` };
  data.store = { path: dbPath };
  const config = writeConfig(data);
  const child = spawn(process.execPath, [zoneopsBin, 'run', '--config', config], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => {
    out += b.toString();
  });
  child.stderr.on('data', (b: Buffer) => {
    out += b.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  await waitUntil(
    async () => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
      } catch {
        return false;
      }
    },
    15_000,
    `zoneops /healthz on port ${port}`,
  );
  return { child, exited, output: () => out };
}

describe('daemon lifecycle', () => {
  it('stops on SIGTERM with exit 0 within 5 s and leaves the database closed cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zoneops-life-'));
    const db = join(dir, 'z.db');
    const d = await startDaemon(db, await freePort());
    const t0 = Date.now();
    d.child.kill('SIGTERM');
    const { code } = await d.exited;
    expect(code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(d.output()).toContain('"msg":"zoneops stopped"');
    // A cleanly closed WAL database has no -wal file left behind.
    expect(existsSync(`${db}-wal`)).toBe(false);
    const store = await openStore(db, Date.now());
    expect((await store.devices.list()).map((x) => x.id)).toEqual(['pc-01', 'plug-01']);
    await store.close();
  });

  it('stops on SIGINT (Ctrl-C) the same way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zoneops-life-'));
    const d = await startDaemon(join(dir, 'z.db'), await freePort());
    d.child.kill('SIGINT');
    expect((await d.exited).code).toBe(0);
  });

  it('starts again after being killed with SIGKILL, on the same database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zoneops-life-'));
    const db = join(dir, 'z.db');
    const port = await freePort();
    const first = await startDaemon(db, port);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const second = await startDaemon(db, port);
    const r = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await r.json()).toMatchObject({ status: 'ok', db: 'ok' });
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });

  it('refuses to start on an invalid config with exit 2 and the problem on stderr', async () => {
    const data = minimalConfigData();
    data.site = 'Not An Id';
    const config = writeConfig(data);
    const child = spawn(process.execPath, [zoneopsBin, 'run', '--config', config], { cwd: repoRoot });
    let err = '';
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    // Chinese by default (no `language:` in the file), with the line and column of the value.
    expect(err).toBe(
      `${config} 第 1 行第 7 列：site：编号只能用小写英文字母、数字、"-" 和 "_"（例如 "pc-01"），实际是 "Not An Id"\n`,
    );
  });
});
