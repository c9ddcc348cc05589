import { rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../../src/app.js';
import { createLogger } from '../../../src/log.js';
import { runCli } from '../../helpers/cli.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { reportTime, type Seeded, seedMonth } from './seed.js';

// The staff token whose SHA-256 test/fixtures/foundation/minimal.yaml configures.
const staffToken = 'demo-staff-token';

let seeded: Seeded;
let app: App;
let base: string;

beforeAll(async () => {
  seeded = await seedMonth();
  const quiet = new Writable({ write: (_c, _e, cb) => cb() });
  // The real daemon (API only), on an ephemeral loopback port, over the seeded database.
  app = createApp({
    config: seeded.config,
    clock: new FakeClock(reportTime),
    logger: createLogger('silent', quiet),
    listen: { host: '127.0.0.1', port: 0 },
    dbPath: seeded.dbPath,
    withoutFeatures: true,
  });
  await app.start();
  base = `http://127.0.0.1:${app.address?.port}`;
});

afterAll(async () => {
  await app?.stop();
  rmSync(seeded.dir, { recursive: true, force: true });
});

const get = (q: string, token?: string) =>
  fetch(`${base}/api/v1/reports/monthly${q}`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});

describe('GET /api/v1/reports/monthly', () => {
  it('401 without a token', async () => {
    expect((await get('?month=2026-10')).status).toBe(401);
  });

  it('200 with a staff token: JSON by default, with the hand-computed figures', async () => {
    const res = await get('?month=2026-10', staffToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = (await res.json()) as { month: string; totals: { pages: number; downMinutes: number } };
    // Pages 370 and 180 down minutes: see monthly.test.ts for the arithmetic.
    expect(body.month).toBe('2026-10');
    expect(body.totals).toMatchObject({ pages: 370, downMinutes: 180 });
  });

  it('CSV with a BOM, Markdown, and printable HTML', async () => {
    const csv = await get('?month=2026-10&format=csv', staffToken);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect([...new Uint8Array(await csv.arrayBuffer()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const md = await (await get('?month=2026-10&format=md', staffToken)).text();
    expect(md).toContain('| 电脑 1 | pc-01 | 查阅区 | 7020 | 180 | 0 | 97.44% |');
    const html = await get('?month=2026-10&format=html&lang=en', staffToken);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('Availability and use per device');
  });

  it('400 on a bad month or format', async () => {
    for (const q of ['?month=2026-13', '?month=10-2026', '', '?month=2026-10&format=pdf']) {
      const res = await get(q, staffToken);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});

describe('zoneops report (the built command)', () => {
  it('prints the report and exits 0', () => {
    const r = runCli(['report', '--month', '2026-10', '--format', 'md', '-c', seeded.configFile]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('设备运行月报（2026-10）');
  });

  it('exits 2 on a bad month or format', () => {
    const bad = runCli(['report', '--month', '2026-13', '-c', seeded.configFile]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--month');
    expect(runCli(['report', '--month', '2026-10', '--format', 'pdf', '-c', seeded.configFile]).code).toBe(2);
  });
});
