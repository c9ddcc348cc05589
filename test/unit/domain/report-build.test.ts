import { describe, expect, it } from 'vitest';
import { chineseDaysPackage } from '../../../src/calendar/package.js';
import { noOverrides } from '../../../src/domain/calendar.js';
import type { OfficeHours } from '../../../src/domain/office-hours.js';
import { buildMonthlyReport } from '../../../src/domain/report-build.js';
import type { ReportInput } from '../../../src/domain/report-input.js';

/**
 * The monthly report put together (src/domain/report-build.ts) for November 2026, a month with no public
 * holiday: weekdays open 09:00-12:00 and 14:00-17:30 (6.5 h = 390 min), weekends closed. Made on
 * Wednesday 4 November at 00:00 Beijing time, so counting stops there: 1 (Sun, closed), 2 and 3 November
 * (Mon, Tue, open) have passed — 2 open days, 2 × 390 = 780 opening minutes, month to date.
 */
const bj = (s: string) => Date.parse(`${s}+08:00`);
const hours: OfficeHours = {
  weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  seasons: [
    {
      name: '全年',
      from: '01-01',
      periods: [
        { from: 540, to: 720 },
        { from: 840, to: 1050 },
      ],
      byWeekday: {},
    },
  ],
  lunchBreak: 'off',
  leadLag: {},
};
const input = (o: Partial<ReportInput> = {}): ReportInput => ({
  month: '2026-11',
  tz: 'Asia/Shanghai',
  site: 'demo',
  siteName: '演示专区',
  now: bj('2026-11-04T00:00'),
  frame: { unit: null, preparedBy: null, reviewedBy: null, submittedOn: null },
  devices: [
    {
      id: 'pc-01',
      name: '电脑 1',
      type: 'pc',
      location: '查阅区',
      powerMethod: 'plug',
      plug: 'plug-01',
      assetNo: 'A-1',
      vendor: 'V',
      serviceProvider: 'S',
    },
    {
      id: 'printer-01',
      name: '打印机',
      type: 'printer',
      location: '查阅区',
      powerMethod: 'none',
      plug: null,
      assetNo: 'A-2',
      vendor: 'V',
      serviceProvider: 'S',
    },
  ],
  transitions: [
    { deviceId: 'pc-01', to: 'up', at: bj('2026-10-30T09:00') },
    { deviceId: 'pc-01', to: 'down', at: bj('2026-11-03T10:00') },
    { deviceId: 'pc-01', to: 'up', at: bj('2026-11-03T11:00') },
  ],
  faults: [
    {
      id: 1,
      deviceId: 'pc-01',
      kind: 'unreachable',
      state: 'cleared',
      openedAt: bj('2026-11-03T10:00'),
      closedAt: bj('2026-11-03T11:00'),
      events: [],
    },
    {
      id: 2,
      deviceId: 'pc-01',
      kind: 'jam',
      state: 'resolved',
      openedAt: bj('2026-10-31T10:00'),
      closedAt: bj('2026-11-02T12:00'),
      events: [],
    },
  ],
  actions: [],
  pages: [
    { deviceId: 'printer-01', at: bj('2026-10-31T12:00'), value: 1000 },
    { deviceId: 'printer-01', at: bj('2026-11-03T12:00'), value: 1120 },
  ],
  energy: [
    { deviceId: 'plug-01', at: bj('2026-10-31T12:00'), value: 10 },
    { deviceId: 'plug-01', at: bj('2026-11-03T12:00'), value: 10.4567 },
  ],
  supplies: [],
  usage: [],
  citizenReports: [],
  hygiene: null,
  complaints: null,
  leadTimeDays: 14,
  ...o,
});
const calendar = { sources: { pkg: chineseDaysPackage(), overrides: noOverrides }, hours };

describe('the monthly report', () => {
  it('spans the month in Beijing time, counted to the start of today: 2 open days so far', () => {
    const r = buildMonthlyReport(input(), calendar);
    expect(r).toMatchObject({ month: '2026-11', site: 'demo', siteName: '演示专区', tz: 'Asia/Shanghai' });
    expect(r.period).toMatchObject({
      from: bj('2026-11-01T00:00'),
      to: bj('2026-12-01T00:00'),
      countedTo: bj('2026-11-04T00:00'),
      complete: false,
      daysInMonth: 30,
      daysCounted: 3,
      openDays: 2,
      openMinutes: 2 * 390,
    });
    expect(r.period.closedDays.map((d) => d.date)).toEqual(['2026-11-01']);
    // 报送日期 defaults to the day the report is made.
    expect(r.frame.submittedOn).toBe('2026-11-04');
  });

  it('per device: opening minutes so far, an hour down, pages and the plug’s kWh; faults opened in the month only', () => {
    const r = buildMonthlyReport(input(), calendar);
    const pc = r.devices.find((d) => d.id === 'pc-01');
    // pc-01 is up from 30 Oct, down 10:00-11:00 on 3 Nov: 780 monitored, 60 down, 720 up.
    // kWh: 10.4567 − 10 = 0.4567 → 0.457. The jam opened on 31 Oct is not a fault of November.
    expect(pc).toMatchObject({
      name: '电脑 1',
      assetNo: 'A-1',
      type: 'pc',
      location: '查阅区',
      expectedMinutes: 780,
      monitoredMinutes: 780,
      upMinutes: 720,
      unavailableMinutes: 60,
      downMinutes: 60,
      coverage: 1,
      faults: 1,
      pages: null,
      energyKWh: 0.457,
      energyFrom: 'plug-01',
    });
    expect(pc?.availability).toBeCloseTo(720 / 780, 10);
    const printer = r.devices.find((d) => d.id === 'printer-01');
    // Never seen: no monitored minute, no availability figure (无数据, not 100 %); pages 1120 − 1000.
    expect(printer).toMatchObject({
      expectedMinutes: 780,
      monitoredMinutes: 0,
      coverage: 0,
      availability: null,
      intactAtEnd: null,
      pages: 120,
      energyKWh: null,
    });
    expect(r.faults.total).toMatchObject({ incidents: 1, closed: 1, stillOpen: 0, mttrMinutes: 60 });
    expect(r.faults.incidents.map((i) => i.kinds)).toEqual([['unreachable']]);
  });

  it('设备完好率: the jam open from 31 Oct to 2 Nov 12:00 costs 180 opening minutes, the hour down 60', () => {
    const r = buildMonthlyReport(input(), calendar);
    // Lost: 2 Nov 09:00-12:00 (180) + 3 Nov 10:00-11:00 (60) = 240 of 780 monitored → 540 / 780.
    // At the end both faults are closed: 1 of the 1 monitored device intact. The printer was never seen.
    expect(r.integrity).toMatchObject({ monitored: 1, intactAtEnd: 1, ratioAtEnd: 1, broken: [] });
    expect(r.integrity.timeWeighted).toBeCloseTo(540 / 780, 10);
    expect(r.devices.find((d) => d.id === 'pc-01')?.intactRatio).toBeCloseTo(540 / 780, 10);
  });

  it('totals count each counter once and the availability over monitored time', () => {
    const r = buildMonthlyReport(input(), calendar);
    // Σ over pc-01 and the printer: expected 780 + 780, monitored 780 + 0, up 720 + 0.
    expect(r.availability).toMatchObject({
      devices: 2,
      expectedMinutes: 1560,
      monitoredMinutes: 780,
      upMinutes: 720,
      downMinutes: 60,
    });
    expect(r.availability.availability).toBeCloseTo(720 / 780, 10);
    expect(r.availability.coverage).toBeCloseTo(780 / 1560, 10);
    expect(r.energyKWh).toBe(0.457);
    expect(r.service.pagesTotal).toBe(120);
  });

  it('a month in the future has nothing to count; with nobody monitored there is no availability', () => {
    const r = buildMonthlyReport(
      input({ now: bj('2026-10-15T00:00'), transitions: [], pages: [], energy: [], faults: [] }),
      calendar,
    );
    expect(r.period.countedTo).toBe(bj('2026-11-01T00:00'));
    expect(r.devices.every((d) => d.expectedMinutes === 0)).toBe(true);
    expect(r.availability).toMatchObject({ monitoredMinutes: 0, downMinutes: 0, availability: null });
    expect(r.energyKWh).toBeNull();
    expect(r.hasData).toBe(false);
  });
});
