import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runReport } from '../../../src/cli/report.js';
import { repoRoot } from '../../helpers/cli.js';
import { bj, reportTime, type Seeded, seedMonth } from './seed.js';

// The PDF as a person reads it: poppler's pdftotext (Debian poppler-utils) extracts its text, pdfinfo
// its page size, pdffonts whether the Chinese font is embedded.
let seeded: Seeded;
let dir: string;
let pdfText: string;
let pdfFile: string;

const tool = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

beforeAll(async () => {
  seeded = await seedMonth();
  dir = mkdtempSync(join(tmpdir(), 'zoneops-pdf-'));
  const out = await runReport({ config: seeded.configFile, month: '2026-10', format: 'pdf' }, reportTime);
  expect(out.stderr).toBe('');
  pdfFile = join(dir, 'report.pdf');
  writeFileSync(pdfFile, out.stdout);
  pdfText = tool('pdftotext', [pdfFile, '-']);
});

afterAll(() => {
  rmSync(seeded.dir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

describe('the PDF a town office files', () => {
  it('is A4 with the Chinese font embedded', () => {
    expect(tool('pdfinfo', [pdfFile])).toMatch(/Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)/);
    // Embedded ("yes") and subset: the CID font made from the bundled Noto Sans CJK SC.
    expect(tool('pdffonts', [pdfFile])).toMatch(
      /NotoSansCJKsc-Regular\s+CID Type 0C\s+Identity-H\s+yes yes yes/,
    );
  });

  it('has the title (专区 not doubled), the period in Chinese, the frame and page numbers', () => {
    expect(pdfText).toContain('测试专区设备运行情况月报（2026年10月）');
    expect(pdfText).not.toContain('专区政务公开专区');
    expect(pdfText).toContain('2026年10月1日至10月31日');
    expect(pdfText).toContain('填报单位：测试镇人民政府党政办公室');
    expect(pdfText).toContain('填报人：陈刚');
    expect(pdfText).toContain('审核人：');
    expect(pdfText).toMatch(/第 1 页 共 \d+ 页/);
    for (const h of [
      '一、基本情况',
      '二、设备运行',
      '三、故障及处理',
      '四、清洁消毒',
      '五、耗材与采购',
      '六、服务情况',
      '七、存在问题和下步打算',
    ])
      expect(pdfText).toContain(h);
  });

  it('shows 设备完好率, the narrative and the hand-computed figures', () => {
    expect(pdfText).toContain('设备完好率');
    // monthly.test.ts: 4 equipment incidents, all repaired, mean response 17 min, mean repair 480.5 min.
    expect(pdfText).toContain(
      '本月共发生设备故障 4 起，均已修复，平均响应时间 17.0 分钟，平均修复时间 8.0 小时。',
    );
    expect(pdfText).toContain('97.99%'); // Σ up 20460 ÷ Σ monitored 20880
  });

  it('names supplies in Chinese, never the devices’ English descriptions or type codes', () => {
    expect(pdfText).toContain('黑色墨粉');
    expect(pdfText).toContain('废粉盒');
    for (const english of ['Black Toner', 'Waste Toner', 'toner', 'wasteToner', 'opc'])
      expect(pdfText).not.toContain(english);
  });
});

describe('zoneops report on the shipped example config (a zone with no history yet)', () => {
  it('writes a PDF that says 无数据 instead of 100 %', async () => {
    const config = parse(readFileSync(join(repoRoot, 'config/zoneops.example.yaml'), 'utf8')) as Record<
      string,
      unknown
    >;
    config.store = { path: join(dir, 'example.db') };
    const file = join(dir, 'example.yaml');
    writeFileSync(file, stringify(config));
    // 15 Dec 2026: the running month, counted to the start of the 15th; the store is new and empty.
    const out = await runReport({ config: file, month: '2026-12', format: 'pdf' }, bj('12-15 10:00'));
    expect(out.code, out.stderr).toBe(0);
    writeFileSync(join(dir, 'example.pdf'), out.stdout);
    const text = tool('pdftotext', [join(dir, 'example.pdf'), '-']);
    expect(text).toContain('濯水镇政务公开专区设备运行情况月报（2026年12月）');
    expect(text).toContain('设备完好率');
    // report.unit of the example config.
    expect(text).toContain('填报单位：濯水镇人民政府党政办公室');
    expect(text).toMatch(/第 1 页 共 \d+ 页/);
    expect(text).toContain('本统计期内系统尚未监测到设备运行情况，各项指标均为无数据。');
    expect(text).not.toMatch(/可用率\s+100\.00%/);
  });
});
