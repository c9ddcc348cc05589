import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { freePort } from '../helpers/net.js';
import { waitUntil } from '../helpers/proc.js';
import { capture } from './helpers/capture.js';
import { type Daemon, spawnDaemon, waitHealthy, writeZoneConfig, zoneConfig } from './helpers/daemon.js';
import { call, looksLikeCrash } from './helpers/http.js';
import { Tally } from './helpers/summary.js';

/**
 * The SQLite file's disk fills up under the running daemon: a real 4 MiB tmpfs mounted for the test
 * (we run as root; `mount -t tmpfs`), filled with a filler file, then freed again.
 */
const tally = new Tally('disk-full');
const mnt = mkdtempSync(join(tmpdir(), 'zoneops-rel-tmpfs-'));
let mounted = false;
let daemon: Daemon | undefined;

afterAll(async () => {
  if (daemon) capture('disk-full', daemon.output());
  await daemon?.stop();
  if (mounted) execFileSync('umount', [mnt]);
  rmSync(mnt, { recursive: true, force: true });
  tally.save();
});

describe('the database disk full', () => {
  it('refuses writes with a clear error, keeps the file intact, and recovers when space returns', async () => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m,mode=0700', 'tmpfs', mnt]);
    mounted = true;
    const dbPath = join(mnt, 'zoneops.db');
    const port = await freePort();
    const cfgDir = mkdtempSync(join(tmpdir(), 'zoneops-rel-disk-'));
    const config = writeZoneConfig(zoneConfig({ port, dbPath }), cfgDir);
    daemon = spawnDaemon(config, port);
    await waitHealthy(daemon);
    const acked: number[] = [];
    const record = () =>
      call(daemon?.base ?? '', 'POST', '/api/v1/hygiene/records', {
        role: 'staff',
        body: { target: 'reading-area', task: 'clean', by: '甲', note: '满'.repeat(1900) },
      });
    const first = await record();
    expect(first.status).toBe(201);
    acked.push(...(JSON.parse(first.body) as { records: Array<{ id: number }> }).records.map((r) => r.id));
    // Leave ~256 KiB free.
    const free = Number(
      execFileSync('df', ['--output=avail', '-B1', mnt], { encoding: 'utf8' }).split('\n')[1],
    );
    writeFileSync(join(mnt, 'filler'), Buffer.alloc(Math.max(0, free - 256 * 1024)));
    const running = daemon;
    // The fault is survived when everything below holds; counted either way, then the failure rethrown.
    const err = await (async () => {
      let refused: Awaited<ReturnType<typeof record>> | undefined;
      for (let i = 0; i < 400 && !refused; i++) {
        const r = await record();
        if (r.status === 201)
          acked.push(...(JSON.parse(r.body) as { records: Array<{ id: number }> }).records.map((x) => x.id));
        else refused = r;
      }
      expect(refused, 'a write was refused once the disk was full').toBeDefined();
      if (!refused) return;
      // A problem answer, no stack trace; the daemon lives on.
      expect(refused.contentType).toContain('application/problem+json');
      expect(refused.status).toBe(503);
      expect(refused.body).toContain('the database disk is full');
      expect(looksLikeCrash({ ...refused, status: 200 })).toBe(false);
      expect(daemon.child.exitCode).toBeNull();
      // The technician's log names the cause (written asynchronously: wait for it on the pipe).
      await waitUntil(
        () => running.output().includes('database or disk is full'),
        5000,
        'the disk-full log line',
      );
      tally.note(
        `disk full (tmpfs 4 MiB): write refused with HTTP ${refused.status}: ${refused.body.slice(0, 160)}`,
      );
      // Space returns: writes work again without a restart.
      rmSync(join(mnt, 'filler'));
      let back = false;
      for (let i = 0; i < 20 && !back; i++) {
        const r = await record();
        if (r.status === 201) {
          acked.push(...(JSON.parse(r.body) as { records: Array<{ id: number }> }).records.map((x) => x.id));
          back = true;
        } else await new Promise((res) => setTimeout(res, 250));
      }
      expect(back, 'writes work again once space is back').toBe(true);
      expect((await fetch(`${running.base}/healthz`)).status).toBe(200);
      await running.stop();
      const store = await openStore(dbPath, Date.now());
      try {
        expect(
          (await store.db.get<{ integrity_check: string }>('PRAGMA integrity_check'))?.integrity_check,
        ).toBe('ok');
        const ids = new Set(
          (await store.db.all<{ id: number }>('SELECT id FROM hygiene_records')).map((r) => r.id),
        );
        expect(tally.records('hygiene record on a full disk', acked, (id) => ids.has(id as number))).toBe(0);
      } finally {
        await store.close();
      }
    })().then(
      () => undefined,
      (e: unknown) => e ?? new Error('failed'),
    );
    tally.fault(
      'database disk full (tmpfs 4 MiB), then space freed',
      err === undefined,
      String(err ?? '').slice(0, 300),
    );
    if (err !== undefined) throw err;
  }, 90_000);
});
