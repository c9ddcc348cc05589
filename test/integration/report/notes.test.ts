import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReport } from '../../../src/cli/report.js';
import { reportTime, type Seeded, seedMonth } from './seed.js';

// The technician amends the month's report with a notes file (src/report/notes.ts) before filing it:
// who reviewed it, the day it is filed, a section's paragraph in their own words.
let seeded: Seeded;
let dir: string;

beforeAll(async () => {
  seeded = await seedMonth();
  dir = mkdtempSync(join(tmpdir(), 'zoneops-notes-'));
});

afterAll(() => {
  rmSync(seeded.dir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

const notes = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const report = (file: string) =>
  runReport({ config: seeded.configFile, month: '2026-10', format: 'md', notes: file }, reportTime);

describe('the month’s notes file', () => {
  it('names the reviewer and the filing date, and replaces a section’s generated paragraph', async () => {
    const file = notes(
      '2026-10.yaml',
      [
        'reviewedBy: 张伟',
        'submittedOn: 2026-11-06',
        'narrative:',
        '  faults: |',
        '    本月设备故障均已处理，厂家响应及时。',
        '',
        '    打印机 1 的搓纸轮已老化，下月申请更换。',
        '',
      ].join('\n'),
    );
    const out = await report(file);
    expect(out.code, out.stderr).toBe(0);
    const md = out.stdout.toString('utf8');
    // 填报人 from the config (report.preparedBy), 审核人 from the notes.
    expect(md).toContain('填报人：陈刚');
    expect(md).toContain('审核人：张伟');
    expect(md).toContain('报送日期：2026年11月6日');
    // Two paragraphs (a blank line between them), and the generated one is gone.
    expect(md).toContain('本月设备故障均已处理，厂家响应及时。');
    expect(md).toContain('打印机 1 的搓纸轮已老化，下月申请更换。');
    expect(md).not.toContain('本月共发生设备故障 4 起');
    // The other sections keep their generated paragraphs.
    expect(md).toContain('本月应开放 18 天');
  });

  it('a wrong file is refused with the file, the field and what may be written; nothing is printed', async () => {
    const typo = notes('typo.yaml', 'narative:\n  faults: 正常\n');
    const a = await report(typo);
    expect(a.code).toBe(2);
    expect(a.stdout.length).toBe(0);
    expect(a.stderr).toContain(typo);
    expect(a.stderr).toContain('narative');
    expect(a.stderr).toContain('未知字段');
    const date = notes('date.yaml', 'submittedOn: 2026-13-01\n');
    const b = await report(date);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('submittedOn');
    const missing = await report(join(dir, 'absent.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('无法读取');
  });
});

describe('language: en', () => {
  it('frames the report in English words and punctuation; names stay as configured', async () => {
    const out = await runReport(
      { config: seeded.configFile, month: '2026-10', format: 'md', lang: 'en' },
      reportTime,
    );
    expect(out.code, out.stderr).toBe(0);
    const md = out.stdout.toString('utf8');
    // siteName 测试专区 is a name and stays as configured; the words around it are English.
    expect(md.split('\n')[0]).toBe('# 测试专区: monthly equipment report (October 2026)');
    expect(md).toContain('Period: 1 Oct – 31 Oct 2026');
    expect(md).toContain('Prepared by: 陈刚');
    expect(md).not.toMatch(/Filed by：|Period：|；/);
  });
});
