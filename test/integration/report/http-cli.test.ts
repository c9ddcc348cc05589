import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { runCli } from '../../helpers/cli.js';
import { type Seeded, seedMonth, startReportApp } from './seed.js';

// The staff token whose SHA-256 test/fixtures/foundation/minimal.yaml configures.
const staffToken = 'demo-staff-token';

let seeded: Seeded;
let app: App;
let base: string;

beforeAll(async () => {
  seeded = await seedMonth();
  ({ app, base } = await startReportApp(seeded));
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
    const body = (await res.json()) as {
      month: string;
      service: { pagesTotal: number };
      availability: { downMinutes: number };
    };
    expect(body.month).toBe('2026-10');
    // Pages 370; down minutes 180 (pc-01) + 240 (pc-02): see monthly.test.ts for the arithmetic.
    expect(body.service.pagesTotal).toBe(370);
    expect(body.availability.downMinutes).toBe(420);
  });

  it('CSV with a BOM, Markdown, printable HTML and an A4 PDF', async () => {
    const csv = await get('?month=2026-10&format=csv', staffToken);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect([...new Uint8Array(await csv.arrayBuffer()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const md = await (await get('?month=2026-10&format=md', staffToken)).text();
    // pc-01: 6840 of 7020 monitored minutes up = 97.44 % (monthly.test.ts has the arithmetic).
    expect(md).toContain(
      '| 电脑 1 | T-001 | 查阅区 | 7020 | 7020 | 6840 | 180 | 100.00% | 97.44% | 完好 | 2 |',
    );
    const html = await get('?month=2026-10&format=html&lang=en', staffToken);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('Availability per device');
    const pdf = await get('?month=2026-10&format=pdf', staffToken);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('服务情况 as CSV for the technician', async () => {
    const service = await fetch(`${base}/api/v1/reports/service?month=2026-10&format=csv`, {
      headers: { Authorization: `Bearer ${staffToken}` },
    });
    expect(service.status).toBe(200);
    const text = (await service.text()).replace(/^\uFEFF/, '');
    // The 250 pages put on 5 Oct (seed.ts: the first two increases) and pc-01's hour in use on 12 Oct.
    expect(text).toContain('2026-10-05,打印机 1,T-003,打印机,250,,');
    expect(text).toContain('2026-10-12,电脑 1,T-001,查阅电脑,,9,1');
  });

  it('400 with what to ask instead: malformed, not begun, before the first record, bad format', async () => {
    const cases: Array<[string, string]> = [
      ['?month=2026-13', '月份格式应为 YYYY-MM'],
      ['?month=10-2026', '月份格式应为 YYYY-MM'],
      ['', '缺少参数 month'],
      ['?month=9999-12', '9999年12月尚未开始'],
      ['?month=2026-08', '数据库中最早的记录是 2026-09-01'],
      ['?month=2026-10&format=docx', '参数 format 应为 md、csv、json、html、pdf 之一'],
      ['?month=2026-10&foo=1', '未知参数：foo'],
    ];
    for (const [q, message] of cases) {
      const res = await get(q, staffToken);
      expect(res.status, q).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(((await res.json()) as { detail: string }).detail).toContain(message);
    }
  });
});

describe('zoneops report (the built command)', () => {
  it('prints the report and exits 0', () => {
    const r = runCli(['report', '--month', '2026-10', '--format', 'md', '-c', seeded.configFile]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# 测试专区设备运行情况月报（2026年10月）');
  });

  it('writes the PDF to a file with -o', () => {
    const file = join(seeded.dir, 'report.pdf');
    const r = runCli([
      'report',
      '--month',
      '2026-10',
      '--format',
      'pdf',
      '-o',
      file,
      '-c',
      seeded.configFile,
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`已写入 ${file}`);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('exits 2 on a bad month or format, in Chinese', () => {
    const bad = runCli(['report', '--month', '2026-13', '-c', seeded.configFile]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--month: 月份格式应为 YYYY-MM');
    const future = runCli(['report', '--month', '9999-12', '-c', seeded.configFile]);
    expect(future.code).toBe(2);
    expect(future.stderr).toContain('9999年12月尚未开始');
    expect(runCli(['report', '--month', '2026-10', '--format', 'docx', '-c', seeded.configFile]).code).toBe(
      2,
    );
  });
});
