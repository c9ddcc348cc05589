import { describe, expect, it } from 'vitest';
import { runCalendar } from '../../../src/cli/calendar.js';

const now = Date.parse('2026-12-30T02:00:00Z'); // 10:00 on 30 Dec 2026 in Shanghai
const base = { config: 'config/zoneops.example.yaml', calendar: 'config/calendar.yaml' };

describe('zoneops calendar', () => {
  it('prints each date with its reason, source and planned power in Chinese, and flags a fallback year', () => {
    const out = runCalendar({ ...base, from: '2026-12-31', days: '3' }, now);
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toBe('警告：2027 年无节假日数据，按周一至周五推定（来源：推定）。');
    expect(lines[1]).toContain('2027 年的节假日安排尚未录入');
    expect(lines[2]).toBe('已知年份：2004–2026');
    // Only the device types the example zone has (pc, kiosk, printer; its plug has no schedule).
    expect(lines.slice(4)).toEqual([
      '2026-12-31 周四 上班（工作日，国务院安排）  开放 09:00-12:00、14:00-17:30  开关机 查阅电脑 08:45→17:45；自助机 08:45→17:45；打印机 08:40→18:00',
      '2027-01-01 周五 上班（工作日，推定）  开放 09:00-12:00、14:00-17:30  开关机 查阅电脑 08:45→17:45；自助机 08:45→17:45；打印机 08:40→18:00',
      '2027-01-02 周六 休息（周末，推定）  开放 —',
    ]);
  });

  it('prints English with --lang en', () => {
    const out = runCalendar({ ...base, from: '2026-12-31', days: '3', lang: 'en' }, now);
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toBe('WARNING: no holiday data for 2027: Mon–Fri assumed (source: fallback).');
    expect(lines.slice(4)).toEqual([
      '2026-12-31 Thu open working day [package]  hours 09:00-12:00, 14:00-17:30  power pc 08:45→17:45; kiosk 08:45→17:45; printer 08:40→18:00',
      '2027-01-01 Fri open working day [fallback]  hours 09:00-12:00, 14:00-17:30  power pc 08:45→17:45; kiosk 08:45→17:45; printer 08:40→18:00',
      '2027-01-02 Sat closed weekend [fallback]  hours —',
    ]);
  });

  it('--json gives date, workday, reason, source, open and per-type power times', () => {
    const out = runCalendar({ ...base, from: '2026-10-01', days: '1', json: true }, now);
    const view = JSON.parse(out.stdout) as { days: unknown[]; fallbackYears: number[] };
    expect(view.fallbackYears).toEqual([]);
    expect(view.days[0]).toMatchObject({
      date: '2026-10-01',
      workday: false,
      reason: '国庆节',
      source: 'package',
      open: [],
      power: { pc: [], printer: [] },
    });
  });

  it('bad input exits 2 with a message naming the option', () => {
    expect(runCalendar({ ...base, from: '2026-13-01', days: '3' }, now)).toMatchObject({
      code: 2,
      stderr: '--from：应为日期 YYYY-MM-DD，实际是 2026-13-01\n',
    });
    expect(runCalendar({ ...base, from: '2026-13-01', days: '3', lang: 'en' }, now)).toMatchObject({
      code: 2,
      stderr: '--from: expected a date YYYY-MM-DD, got 2026-13-01\n',
    });
    expect(runCalendar({ ...base, days: '0' }, now)).toMatchObject({ code: 2 });
    expect(runCalendar({ ...base, calendar: 'no/such.yaml', days: '1' }, now)).toMatchObject({
      code: 2,
      stderr: 'no/such.yaml：找不到这个文件\n',
    });
  });
});
