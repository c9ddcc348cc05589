import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PowerOverridesRepo } from '../../../src/calendar/overrides-repo.js';
import { loadScheduleContext } from '../../../src/calendar/schedule.js';
import { createScheduleService } from '../../../src/calendar/schedule-service.js';
import type { MonthlyReport } from '../../../src/domain/report-types.js';
import { loadMonthlyReport } from '../../../src/report/load.js';
import { renderReport } from '../../../src/report/render.js';
import { openStore } from '../../../src/store/store.js';
import { bj, reportTime, type Seeded, seedMonth } from './seed.js';

// Every expected figure below is worked out by hand from the rows written in ./seed.ts.
let seeded: Seeded;
let report: MonthlyReport;
let later: MonthlyReport;

async function load(now: number, month = '2026-10'): Promise<MonthlyReport> {
  const ctx = loadScheduleContext(seeded.config);
  if (!ctx.ok) throw new Error(ctx.error.join('\n'));
  const store = await openStore(seeded.dbPath, now);
  try {
    const schedule = createScheduleService({
      context: ctx.value,
      devices: new Map(seeded.config.devices.map((d) => [d.id, d.type])),
      overrides: new PowerOverridesRepo(store.db),
    });
    return (await loadMonthlyReport({ db: store.db, config: seeded.config, schedule }, month, now)).report;
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  seeded = await seedMonth();
  report = await load(reportTime);
  later = await load(bj('12-20 15:30').valueOf());
});

afterAll(() => rmSync(seeded.dir, { recursive: true, force: true }));

const device = (id: string) => report.devices.find((d) => d.id === id);

describe('monthly report over a synthetic October 2026', () => {
  it('counts 18 open days of 390 minutes; the National Day week and weekends are closed; 10 Oct is a make-up day', () => {
    // 17 weekdays outside 1–7 Oct + the make-up Saturday 10 Oct = 18; 18 × 390 = 7020 min.
    expect(report.period).toMatchObject({ openDays: 18, openMinutes: 7020, complete: true, daysCounted: 31 });
    expect(report.period.closedDays.map((d) => d.date.slice(8))).toEqual([
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
      '11',
      '17',
      '18',
      '24',
      '25',
      '31',
    ]);
    expect(report.period.makeUpDays.map((d) => d.date)).toEqual(['2026-10-10']);
    expect(report.period.countedTo).toBe(bj('11-01 00:00'));
  });

  it('equipment only: the plug is not a row of 可用率', () => {
    expect(report.devices.map((d) => d.id)).toEqual(['pc-01', 'pc-02', 'prn-01']);
  });

  it('availability per device over monitored opening time, a holiday counting nothing', () => {
    // pc-01 down 7 Oct 16:00 (holiday) → 8 Oct 10:00: only 8 Oct 09:00–10:00 = 60 min;
    // 9 Oct 11:30–15:00: 30 + 60 = 90 min (lunch 12–14 is not opening time); 10 Oct 17:00–17:30 = 30 min.
    expect(device('pc-01')).toMatchObject({ expectedMinutes: 7020, monitoredMinutes: 7020, upMinutes: 6840 });
    expect(device('pc-01')?.availability).toBeCloseTo(6840 / 7020, 12);
    // The printer: unknown on 8 Oct 09:00–12:00 (180 min not monitored), up the rest.
    expect(device('prn-01')).toMatchObject({ monitoredMinutes: 6840, upMinutes: 6840, availability: 1 });
    expect(device('prn-01')?.coverage).toBeCloseTo(6840 / 7020, 12);
    // pc-02 down 20 Oct 08:48–15:00: 09:00–12:00 + 14:00–15:00 = 240 min.
    expect(device('pc-02')).toMatchObject({ monitoredMinutes: 7020, upMinutes: 6780, downMinutes: 240 });
  });

  it('the zone total is Σ up ÷ Σ monitored over the same rows (not the mean of the rows)', () => {
    const up = report.devices.reduce((n, d) => n + d.upMinutes, 0);
    const monitored = report.devices.reduce((n, d) => n + d.monitoredMinutes, 0);
    expect([up, monitored]).toEqual([6840 + 6780 + 6840, 7020 + 7020 + 6840]);
    expect(report.availability.availability).toBe(up / monitored); // 20460 / 20880 = 97.99 %
    expect(report.availability.coverage).toBe(20_880 / 21_060); // 99.15 %
  });

  it('设备完好率: all repaired at the month end; time-weighted over monitored opening minutes', () => {
    // Open equipment faults during monitored opening time: pc-01 8 Oct 09:00–10:00 (60) and its plug's
    // overload 27 Oct 10:00–10:20 (20); prn-01 service-requested 20 Oct 09:00 → 21 Oct 09:30:
    // 180 + 210 + 30 = 420; pc-02 20 Oct 08:48–15:00: 180 + 60 = 240. Intact: 6940 + 6420 + 6780 = 20140.
    expect(report.integrity).toMatchObject({ monitored: 3, intactAtEnd: 3, ratioAtEnd: 1, broken: [] });
    expect(report.integrity.timeWeighted).toBe(20_140 / 20_880);
  });

  it('faults by cause: one incident for the PC that would not start, each cause on its own line', () => {
    const cause = Object.fromEntries(report.faults.byCause.map((c) => [c.cause, c]));
    // Equipment: pc-01 unreachable 8 Oct, prn-01 service-requested, pc-02 (power-on-failed + unreachable),
    // pc-01's plug overload. Responses 10, 30 (the vendor call), 22 (08:48 → 09:10), 6 min → 17.0;
    // repairs 60, 1470, 372, 20 min → 1922 / 4 = 480.5 min.
    expect(cause.equipment).toEqual({
      cause: 'equipment',
      incidents: 4,
      acknowledged: 4,
      closed: 4,
      stillOpen: 0,
      mttaMinutes: 17,
      mttrMinutes: 480.5,
    });
    expect(report.faults.folded).toBe(1);
    const pc02 = report.faults.incidents.filter((i) => i.deviceId === 'pc-02');
    expect(pc02.map((i) => i.kinds)).toEqual([['power-on-failed', 'unreachable']]);
    // Consumables: two paper-outs (one acked after 20 min; closed after 30 and 40) and the open order.
    expect(cause.consumables).toMatchObject({
      incidents: 3,
      acknowledged: 1,
      closed: 2,
      mttaMinutes: 20,
      mttrMinutes: 35,
    });
    // Hygiene: the missed cleaning of 12 Oct, cleared 23.5 h later by the next record.
    expect(cause.hygiene).toMatchObject({
      incidents: 1,
      acknowledged: 0,
      mttaMinutes: null,
      mttrMinutes: 1410,
    });
    // Citizens: 30 and 5 min to the first action, 30 and 30 to the end.
    expect(cause.citizens).toMatchObject({ incidents: 2, mttaMinutes: 17.5, mttrMinutes: 30 });
    expect(cause.management).toMatchObject({
      incidents: 1,
      stillOpen: 1,
      mttaMinutes: 30,
      mttrMinutes: null,
    });
    expect(report.faults.total.incidents).toBe(4 + 3 + 1 + 2 + 1);
    // The report about the printer came at 10:10, while it was out of paper (10:00–10:30).
    expect(report.faults.citizensSameAsFault).toBe(1);
    expect(report.service).toMatchObject({ citizensReports: 2, citizensSameAsFault: 1 });
    // The plug's fault is pc-01's; the September fault is not counted.
    expect(device('pc-01')?.faults).toBe(2);
    expect(device('prn-01')?.faults).toBe(1);
    expect(device('pc-02')?.faults).toBe(1);
  });

  it('vendors and service providers by unit', () => {
    const unit = (name: string) => report.vendors.find((v) => v.name === name);
    // 厂家 (pc-01's vendor): called 09:30 about 8 Oct, repaired 10:00 (30 min), before the promised 12:00.
    expect(unit('厂家')).toMatchObject({
      role: 'vendor',
      incidents: 2,
      contacted: 1,
      repaired: 1,
      meanRepairMinutes: 30,
      promisesKept: 1,
    });
    // 服务商 (all three): prn-01 09:30 → 21 Oct 09:30 = 1440 min, pc-02 09:20 → 15:00 = 340 min; both late.
    expect(unit('服务商')).toMatchObject({
      role: 'service-provider',
      devices: ['pc-01', 'pc-02', 'prn-01'],
      incidents: 4,
      contacted: 2,
      repaired: 2,
      meanRepairMinutes: 890,
      promisesKept: 0,
      promisesMissed: 2,
    });
    expect(unit('打印机厂家')).toMatchObject({ incidents: 1, contacted: 0, meanRepairMinutes: null });
  });

  it('power schedule adherence over the switches that were needed', () => {
    // pc-01: 36 planned; 9 Oct: two failed switch-ons (failed) and no switch-off while up (missed).
    // pc-02: 36 planned; 20 Oct switch-on failed; 29 Oct no switch-off while up (missed); 30 Oct it was
    // still on, so the switch-on was not needed. Needed 71, done 67; Sunday 11 Oct = 1 unplanned.
    expect(report.power).toEqual({
      planned: 72,
      notNeeded: 1,
      unmonitored: 0,
      needed: 71,
      done: 67,
      failed: 2,
      missed: 2,
      adherence: 67 / 71,
      unplannedActions: 1,
    });
  });

  it('pages per device and per day (counter reset handled), energy from the plug', () => {
    // 10000 (30 Sep) → 10100 → 10250 → 40 (reset: +40) → 120: 100 + 150 + 40 + 80 = 370; 1 Nov excluded.
    expect(device('prn-01')?.pages).toBe(370);
    expect(report.service.pagesTotal).toBe(370);
    // Each increase in the day of the reading before it (the first, from September's reading, on 5 Oct).
    const days = Object.fromEntries(
      report.service.pagesByDay.filter((d) => d.pages > 0).map((d) => [d.date, d.pages]),
    );
    expect(days).toEqual({ '2026-10-05': 250, '2026-10-15': 40, '2026-10-20': 80 });
    expect(report.service.byHour.find((h) => h.hour === 10)?.pages).toBe(370);
    expect(device('pc-01')).toMatchObject({ energyKWh: 60.25, energyFrom: 'plug-01' });
    expect(report.energyKWh).toBe(60.25);
  });

  it('PC hours on (measured) and in use (estimated from processor load)', () => {
    const pc01 = report.service.usage.find((u) => u.deviceId === 'pc-01');
    // Up: 8 Oct 10:00–18:00 (8 h), 9 Oct 08:45–11:30 + 15:00–18:00 (5.75 h), 10 Oct 08:45–17:00 (8.25 h),
    // then 08:45–17:45 on the 15 open days from 12 Oct (135 h) = 157 h.
    expect(pc01?.onHours).toBe(157);
    // Twelve 5-minute samples at 30 % on 12 Oct 09:00–10:00: 1 h in use; the 3 % samples are idle.
    expect(pc01?.inUseHours).toBe(1);
    expect(pc01?.days.find((d) => d.date === '2026-10-12')?.inUseHours).toBe(1);
    expect(report.service.byHour.find((h) => h.hour === 9)?.inUseHours).toBe(1);
    expect(report.service.usage.find((u) => u.deviceId === 'pc-02')?.inUseHours).toBeNull();
  });

  it('supplies: used, refilled, and when the waste box will be full', () => {
    const toner = report.supplies.find((s) => s.index === 1);
    // 50 → 40 → 30 → 100 (refill) → 95: used 10 + 10 + 5 = 25 points, one refill; too little history since.
    expect(toner).toMatchObject({
      type: 'toner',
      color: 'black',
      usedPercent: 25,
      refills: 1,
      lastPercent: 95,
      daysLeft: null,
    });
    // One point a day to 90 % at 31 Oct 10:00: 10 points left, less the 14 h to 1 Nov 00:00 → 9.4 days;
    // full on 10 Nov, inside the 14-day procurement lead time.
    expect(report.supplies.find((s) => s.index === 2)).toMatchObject({
      receptacle: true,
      usedPercent: 30,
      daysLeft: 9.4,
      runsOutOn: '2026-11-10',
      orderDue: true,
    });
  });

  it('hygiene compliance over monitored working days: no slot on the holiday', () => {
    // 18 cleaning slots (one per open day): 15 on time, 9 and 10 Oct late, 12 Oct missed.
    expect(report.hygiene?.totals).toMatchObject({ 'on-time': 15, late: 2, missed: 1, overdue: 0, due: 0 });
    expect(report.hygiene?.ratio).toBe(15 / 18);
    expect(report.hygiene?.unmonitoredDays).toEqual([]);
  });

  it('two runs over the same stored history give the same figures', () => {
    const strip = (r: MonthlyReport) => ({ ...r, generatedAt: 0, frame: { ...r.frame, submittedOn: '' } });
    expect(strip(later)).toEqual(strip(report));
  });
});

describe('a running month', () => {
  it('counts the days before today, the same at 09:00 and at 17:00', async () => {
    const morning = await load(bj('10-21 09:00'));
    const evening = await load(bj('10-21 17:00'));
    expect(morning.period).toMatchObject({ complete: false, countedTo: bj('10-21 00:00'), daysCounted: 20 });
    // Open days 8, 9, 10, 12–16, 19, 20 = 10 days × 390 min.
    expect(morning.period.openMinutes).toBe(3900);
    const strip = (r: MonthlyReport) => ({ ...r, generatedAt: 0 });
    expect(strip(evening)).toEqual(strip(morning));
    // prn-01's service request (20 Oct 09:00) was not repaired by 21 Oct 00:00: open at that end.
    expect(morning.integrity.broken).toEqual([{ deviceId: 'prn-01', kinds: ['service-requested'] }]);
  });
});

describe('服务情况 from the complaint register', () => {
  it('the two citizens’ reports are two complaints received, closed, with no contact left; nobody rated', () => {
    // seed.ts: prn-01 on 12 Oct 10:10 and pc-01 on 22 Oct 15:00, both recorded closed, contact null.
    expect(report.complaints?.total).toMatchObject({ received: 2, open: 0, noContact: 2, answeredLate: 0 });
    expect(report.complaints?.satisfaction).toMatchObject({ total: 0, rate: null });
  });
});

describe('the charts carry the same numbers as the tables', () => {
  let page: string;
  beforeAll(async () => {
    page = (await renderReport(report, 'html', 'zh-CN')).body.toString('utf8');
  });
  /** The text drawn in one chart's SVG (ECharts' SSR writes every label as a <text> element). */
  const drawn = (id: string): string[] => {
    const figure = page.match(new RegExp(`<figure id="zo-chart-${id}"[\\s\\S]*?</figure>`))?.[0] ?? '';
    expect(figure, id).toContain('<svg');
    return [...figure.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => (m[1] ?? '').trim());
  };
  /** The cells of the table with this caption, row by row. */
  const cells = (caption: string): string[][] => {
    const table = page.match(new RegExp(`<caption>${caption}</caption>[\\s\\S]*?</table>`))?.[0] ?? '';
    const rows = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
      [...(r[1] ?? '').matchAll(/<t[dh][^>]*>([^<]*)<\/t[dh]>/g)].map((c) => c[1] ?? ''),
    );
    expect(rows.length, caption).toBeGreaterThan(1);
    return rows;
  };

  it('availability: 6840/7020 = 97.44 %, 6780/7020 = 96.58 %, the printer 100.00 %, in the chart and the table', () => {
    const text = drawn('availability');
    for (const label of ['97.44%', '96.58%', '100.00%']) expect(text).toContain(label);
    const table = cells('各设备可用率（开放时间内，分钟）').map((r) => r.join(' '));
    expect(table.find((r) => r.startsWith('电脑 1 '))).toContain('97.44%');
    expect(table.find((r) => r.startsWith('电脑 2 '))).toContain('96.58%');
    expect(table.find((r) => r.startsWith('打印机 1 '))).toContain('100.00%');
  });

  it('faults by cause: 4 equipment, 3 consumables, 1 hygiene, 2 citizens, 1 management', () => {
    const text = drawn('faults-by-cause');
    const byCause = cells('按原因统计');
    // The count is the second column; the chart labels its bars with the same strings.
    expect(byCause.slice(1, 6).map((r) => r[1])).toEqual(['4', '3', '1', '2', '1']);
    for (const n of ['4', '3', '1', '2']) expect(text).toContain(n);
  });

  it('pages per day: 250 on 5 Oct, 40 on 15 Oct, 80 on 20 Oct', () => {
    const text = drawn('pages-per-day');
    for (const [day, pages] of [
      ['10月5日', '250'],
      ['10月15日', '40'],
      ['10月20日', '80'],
    ]) {
      expect(text).toContain(pages);
      expect(cells('每日打印复印页数').find((r) => r[0] === day)?.[1]).toBe(pages);
    }
  });
});
