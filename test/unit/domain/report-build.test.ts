import { describe, expect, it } from 'vitest';
import { chineseDaysPackage } from '../../../src/calendar/package.js';
import { noOverrides } from '../../../src/domain/calendar.js';
import type { OfficeHours } from '../../../src/domain/office-hours.js';
import { buildMonthlyReport } from '../../../src/domain/report-build.js';
import type { ReportInput } from '../../../src/domain/report-types.js';

/**
 * The monthly report put together (src/domain/report-build.ts) for November 2026, a month with no public
 * holiday: 21 weekdays open 09:00-12:00 and 14:00-17:30 (6.5 h), 9 weekend days closed. Counted on
 * Wednesday 4 November at 00:00 Beijing time, so two open days (2 and 3 November) have passed.
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
  devices: [
    {
      id: 'pc-01',
      name: '电脑 1',
      type: 'pc',
      location: '查阅区',
      powerMethod: 'plug',
      plug: 'plug-01',
      vendor: 'V',
    },
    {
      id: 'printer-01',
      name: '打印机',
      type: 'printer',
      location: '查阅区',
      powerMethod: 'none',
      plug: null,
      vendor: 'V',
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
      detail: '',
      openedAt: bj('2026-11-03T10:00'),
      closedAt: bj('2026-11-03T11:00'),
      events: [],
    },
    {
      id: 2,
      deviceId: 'pc-01',
      kind: 'jam',
      state: 'open',
      detail: '',
      openedAt: bj('2026-10-31T10:00'),
      closedAt: null,
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
  hygiene: null,
  leadTimeDays: 14,
  ...o,
});
const calendar = { sources: { pkg: chineseDaysPackage(), overrides: noOverrides }, hours };

describe('the monthly report', () => {
  it('spans the month in Beijing time, counted up to now; 21 open days, the weekends closed', () => {
    const r = buildMonthlyReport(input(), calendar);
    expect(r).toMatchObject({ month: '2026-11', site: 'demo', siteName: '演示专区', tz: 'Asia/Shanghai' });
    expect(r.period).toMatchObject({
      from: bj('2026-11-01T00:00'),
      to: bj('2026-12-01T00:00'),
      countedTo: bj('2026-11-04T00:00'),
      openDays: 21,
      openMinutes: 21 * 390,
    });
    expect(r.period.closedDays.map((d) => d.date)).toEqual([
      '2026-11-01',
      '2026-11-07',
      '2026-11-08',
      '2026-11-14',
      '2026-11-15',
      '2026-11-21',
      '2026-11-22',
      '2026-11-28',
      '2026-11-29',
    ]);
  });

  it('per device: opening minutes so far, an hour down, pages and the plug’s kWh; faults opened in the month only', () => {
    const r = buildMonthlyReport(input(), calendar);
    const pc = r.devices.find((d) => d.id === 'pc-01');
    expect(pc).toMatchObject({
      name: '电脑 1',
      type: 'pc',
      location: '查阅区',
      expectedMinutes: 2 * 390,
      downMinutes: 60,
      unknownMinutes: 0,
      faults: 1,
      pages: null,
      energyKWh: 0.457,
      energyFrom: 'plug-01',
    });
    expect(pc?.availability).toBeCloseTo(1 - 60 / 780, 10);
    const printer = r.devices.find((d) => d.id === 'printer-01');
    // Never seen: all its opening minutes unknown, no availability figure.
    expect(printer).toMatchObject({
      expectedMinutes: 780,
      unknownMinutes: 780,
      availability: null,
      pages: 120,
      energyKWh: null,
    });
    expect(r.faultTotals).toMatchObject({ opened: 1 });
    expect(r.faultsByKind.map((k) => k.kind)).toEqual(['unreachable']);
  });

  it('totals count each counter once and the availability over monitored time', () => {
    const t = buildMonthlyReport(input(), calendar).totals;
    expect(t).toMatchObject({ pages: 120, energyKWh: 0.457, downMinutes: 60 });
    expect(t.availability).toBeCloseTo(1 - 60 / 780, 10);
  });

  it('a month in the future has nothing to count; with nobody monitored there is no availability', () => {
    const r = buildMonthlyReport(
      input({ now: bj('2026-10-15T00:00'), transitions: [], pages: [], energy: [] }),
      calendar,
    );
    expect(r.period.countedTo).toBe(bj('2026-11-01T00:00'));
    expect(r.devices.every((d) => d.expectedMinutes === 0)).toBe(true);
    expect(r.totals).toMatchObject({ pages: 0, energyKWh: 0, downMinutes: 0, availability: null });
  });
});
