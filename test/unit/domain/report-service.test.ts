import { describe, expect, it } from 'vitest';
import type { DeviceType } from '../../../src/domain/device.js';
import type { ReportDevice } from '../../../src/domain/report-input.js';
import { type ServiceInput, serviceFigures } from '../../../src/domain/report-service.js';
import type { DeviceStatus } from '../../../src/domain/status.js';

/**
 * 服务情况 (src/domain/report-service.ts) for November 2026 in Beijing time, counted to Wednesday
 * 4 November 00:00: three days so far (1, 2 and 3 November). Every expectation is worked out by hand in
 * the comment beside it.
 */
const bj = (s: string) => Date.parse(`${s}+08:00`);
const tz = 'Asia/Shanghai';
const from = bj('2026-11-01T00:00');
const countedTo = bj('2026-11-04T00:00');
const days = ['2026-11-01', '2026-11-02', '2026-11-03'];

const device = (id: string, type: DeviceType): ReportDevice => ({
  id,
  name: id,
  type,
  location: '查阅区',
  assetNo: `A-${id}`,
  powerMethod: 'none',
  plug: null,
  vendor: 'V',
  serviceProvider: 'S',
});
const page = (deviceId: string, at: string, value: number) => ({ deviceId, at: bj(at), value });
const cpu = (deviceId: string, at: string, cpuPercent: number) => ({ deviceId, at: bj(at), cpuPercent });
const to = (deviceId: string, status: DeviceStatus, at: string) => ({ deviceId, to: status, at: bj(at) });
const input = (o: Partial<ServiceInput> = {}): ServiceInput => ({
  devices: [],
  pages: [],
  usage: [],
  transitions: [],
  citizensReports: 0,
  citizensSameAsFault: 0,
  ...o,
});
const run = (i: ServiceInput, upTo = countedTo) => serviceFigures(i, '2026-11', tz, from, upTo);
/** The 24 hours of the day, zero but where given. */
const hours = (pages: Record<number, number>, inUse: Record<number, number> = {}) =>
  Array.from({ length: 24 }, (_, hour) => ({ hour, pages: pages[hour] ?? 0, inUseHours: inUse[hour] ?? 0 }));

describe('the days counted', () => {
  it('are the days of the month before counting stopped', () => {
    expect(run(input()).days).toEqual(days);
  });

  it('are the whole month once it is over', () => {
    const r = run(input(), bj('2026-12-01T00:00'));
    expect(r.days).toHaveLength(30);
    expect(r.days[0]).toBe('2026-11-01');
    expect(r.days[29]).toBe('2026-11-30');
  });
});

describe('pages printed and copied', () => {
  // printer-01 (given out of order): 31 Oct 12:00 1000 (last month's reading), 2 Nov 10:05 1030,
  // 2 Nov 11:05 1050, 2 Nov 12:05 1050 (no print), 3 Nov 09:05 5 (counter reset), 3 Nov 15:05 45,
  // 4 Nov 09:00 100 (after counting stopped: not seen).
  //   +30 from last month's reading → the hour of the first reading of the month, 2 Nov 10 h;
  //   +20 → 2 Nov 10 h; +0 → 2 Nov 11 h; reset: +5 → 2 Nov 12 h; +40 → 3 Nov 9 h. Total 95.
  // other-01 (type other, but it has a page counter): 1 Nov 00:00 200, 1 Nov 09:30 210 → +10 in 1 Nov 0 h.
  // copier-01: only last month's reading → nothing counted. mfp-01: only a reading at the very instant
  // counting stopped (not seen).
  const printing = input({
    devices: [
      device('printer-01', 'printer'),
      device('other-01', 'other'),
      device('copier-01', 'copier'),
      device('mfp-01', 'mfp'),
      device('pc-01', 'pc'),
    ],
    pages: [
      page('printer-01', '2026-11-03T09:05', 5),
      page('printer-01', '2026-11-02T10:05', 1030),
      page('printer-01', '2026-11-04T09:00', 100),
      page('printer-01', '2026-10-31T12:00', 1000),
      page('printer-01', '2026-11-03T15:05', 45),
      page('printer-01', '2026-11-02T11:05', 1050),
      page('printer-01', '2026-11-02T12:05', 1050),
      page('other-01', '2026-11-01T00:00', 200),
      page('other-01', '2026-11-01T09:30', 210),
      page('copier-01', '2026-10-31T17:00', 7000),
      page('mfp-01', '2026-11-04T00:00', 300),
    ],
  });

  it('adds each device’s counter growth, a reset counting its new value, nothing after counting stopped', () => {
    expect(run(printing).pagesByDevice).toEqual([
      { deviceId: 'printer-01', pages: 95, byDay: [0, 55, 40] },
      { deviceId: 'other-01', pages: 10, byDay: [10, 0, 0] },
    ]);
  });

  it('totals the pages of the zone, per day and for the month', () => {
    const r = run(printing);
    expect(r.pagesByDay).toEqual([
      { date: '2026-11-01', pages: 10 },
      { date: '2026-11-02', pages: 55 },
      { date: '2026-11-03', pages: 40 },
    ]);
    expect(r.pagesTotal).toBe(105);
  });

  it('puts each increase in the hour of the reading before it', () => {
    expect(run(printing).byHour).toEqual(hours({ 0: 10, 9: 40, 10: 50, 12: 5 }));
  });

  it('counts a first reading made exactly at midnight on the 1st as in the month', () => {
    // Last month's reading 31 Oct 23:00 500, then 1 Nov 00:00 510: +10 in the hour of the 1 Nov reading, 0 h.
    const r = run(
      input({
        devices: [device('copier-01', 'copier')],
        pages: [page('copier-01', '2026-10-31T23:00', 500), page('copier-01', '2026-11-01T00:00', 510)],
      }),
    );
    expect(r.pagesByDevice).toEqual([{ deviceId: 'copier-01', pages: 10, byDay: [10, 0, 0] }]);
    expect(r.byHour[0]).toEqual({ hour: 0, pages: 10, inUseHours: 0 });
  });

  it('has no page figure at all when no device gave a reading in the month', () => {
    const r = run(
      input({
        devices: [device('printer-01', 'printer')],
        pages: [page('printer-01', '2026-10-31T12:00', 1000)],
      }),
    );
    expect(r.pagesByDevice).toEqual([]);
    expect(r.pagesTotal).toBeNull();
    expect(r.pagesByDay).toEqual(days.map((date) => ({ date, pages: 0 })));
  });
});

describe('PC and kiosk hours on and in use', () => {
  // pc-01 status: off-scheduled since 31 Oct 20:00; up 1 Nov 23:00; off-scheduled 2 Nov 01:00; up 08:30;
  // degraded 12:00; down 13:00; up 14:00; off-scheduled 18:20; up 3 Nov 22:00; down 4 Nov 08:00 (not seen).
  //   1 Nov: 23:00–24:00 = 1 h. 2 Nov: 00:00–01:00 + 08:30–13:00 (degraded counts) + 14:00–18:20
  //   = 1 + 4.5 + 4.333 = 9.833 → 9.8 h. 3 Nov: 22:00–24:00 = 2 h. Month: 12.833 → 12.8 h.
  // pc-01 load: 31 Oct 23:00 90 % (before the month); 2 Nov 09:00 50 % → 5 min to the next sample;
  //   09:05 10 % (at the threshold) → 10 min (the longest interval); 09:30 9 % → not in use; 09:40 80 % →
  //   10 min; 3 Nov 23:55 90 % → 5 min to counting stop; 4 Nov 00:30 90 % (not seen).
  //   2 Nov: 25 min = 0.417 → 0.4 h; 3 Nov: 5 min = 0.083 → 0.1 h; month: 30 min = 0.5 h.
  // kiosk-01: up since before the month, never changed → 24 h a day, 72 h; load 1 Nov 00:00 (the first
  //   instant of the month) 50 % → 10 min, 09:50 50 % and no next one → 10 min; 20 min = 0.333 → 0.3 h.
  // pc-02: never seen, one load sample of 5 % → 0 h on, 0 h in use (measured: none). pc-03: only a sample
  //   at the instant counting stopped (not seen) → no estimate. printer-01 is up, but printers have no hours on.
  const usage = input({
    devices: [
      device('pc-01', 'pc'),
      device('printer-01', 'printer'),
      device('kiosk-01', 'kiosk'),
      device('pc-02', 'pc'),
      device('pc-03', 'pc'),
    ],
    transitions: [
      to('pc-01', 'up', '2026-11-03T22:00'),
      to('pc-01', 'off-scheduled', '2026-10-31T20:00'),
      to('pc-01', 'up', '2026-11-01T23:00'),
      to('pc-01', 'off-scheduled', '2026-11-02T01:00'),
      to('pc-01', 'up', '2026-11-02T08:30'),
      to('pc-01', 'degraded', '2026-11-02T12:00'),
      to('pc-01', 'down', '2026-11-02T13:00'),
      to('pc-01', 'up', '2026-11-02T14:00'),
      to('pc-01', 'off-scheduled', '2026-11-02T18:20'),
      to('pc-01', 'down', '2026-11-04T08:00'),
      to('kiosk-01', 'up', '2026-10-20T09:00'),
      to('printer-01', 'up', '2026-10-20T09:00'),
    ],
    usage: [
      cpu('pc-01', '2026-11-02T09:40', 80),
      cpu('pc-01', '2026-10-31T23:00', 90),
      cpu('pc-01', '2026-11-02T09:00', 50),
      cpu('pc-01', '2026-11-02T09:05', 10),
      cpu('pc-01', '2026-11-02T09:30', 9),
      cpu('pc-01', '2026-11-03T23:55', 90),
      cpu('pc-01', '2026-11-04T00:30', 90),
      cpu('kiosk-01', '2026-11-01T09:50', 50),
      cpu('kiosk-01', '2026-11-01T00:00', 50),
      cpu('pc-03', '2026-11-04T00:00', 90),
      cpu('pc-02', '2026-11-02T10:00', 5),
    ],
  });

  it('measures hours on per day and for the month, and estimates hours in use from the load', () => {
    const [pc1, kiosk, pc2, pc3] = run(usage).usage;
    expect(pc1).toEqual({
      deviceId: 'pc-01',
      type: 'pc',
      onHours: 12.8,
      inUseHours: 0.5,
      days: [
        { date: '2026-11-01', onHours: 1, inUseHours: 0 },
        { date: '2026-11-02', onHours: 9.8, inUseHours: 0.4 },
        { date: '2026-11-03', onHours: 2, inUseHours: 0.1 },
      ],
    });
    expect(kiosk).toEqual({
      deviceId: 'kiosk-01',
      type: 'kiosk',
      onHours: 72,
      inUseHours: 0.3,
      days: [
        { date: '2026-11-01', onHours: 24, inUseHours: 0.3 },
        { date: '2026-11-02', onHours: 24, inUseHours: 0 },
        { date: '2026-11-03', onHours: 24, inUseHours: 0 },
      ],
    });
    expect(pc2).toEqual({
      deviceId: 'pc-02',
      type: 'pc',
      onHours: 0,
      inUseHours: 0,
      days: days.map((date) => ({ date, onHours: 0, inUseHours: 0 })),
    });
    expect(pc3).toEqual({
      deviceId: 'pc-03',
      type: 'pc',
      onHours: 0,
      inUseHours: null,
      days: days.map((date) => ({ date, onHours: 0, inUseHours: null })),
    });
  });

  it('lists only PCs and kiosks, in the register’s order', () => {
    expect(run(usage).usage.map((u) => u.deviceId)).toEqual(['pc-01', 'kiosk-01', 'pc-02', 'pc-03']);
  });

  it('puts the hours in use of all PCs and kiosks in the hour each sample was taken', () => {
    // 0 h: kiosk-01 10 min = 0.167 → 0.2 h; 9 h: pc-01 25 min + kiosk-01 10 min = 35 min = 0.583 → 0.6 h;
    // 23 h: pc-01 5 min → 0.1 h.
    expect(run(usage).byHour).toEqual(hours({}, { 0: 0.2, 9: 0.6, 23: 0.1 }));
  });
});

describe('citizens’ reports', () => {
  it('are passed on as counted: all reports, and those about a fault already known', () => {
    const r = run(input({ citizensReports: 5, citizensSameAsFault: 2 }));
    expect(r.citizensReports).toBe(5);
    expect(r.citizensSameAsFault).toBe(2);
  });
});
