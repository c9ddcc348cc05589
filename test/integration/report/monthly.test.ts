import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PowerOverridesRepo } from '../../../src/calendar/overrides-repo.js';
import { loadScheduleContext } from '../../../src/calendar/schedule.js';
import { createScheduleService } from '../../../src/calendar/schedule-service.js';
import { runReport } from '../../../src/cli/report.js';
import type { MonthlyReport } from '../../../src/domain/report-types.js';
import { loadMonthlyReport } from '../../../src/report/load.js';
import { openStore } from '../../../src/store/store.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { bj, reportTime, type Seeded, seedMonth } from './seed.js';

// Every expected figure below is worked out by hand from the rows written in ./seed.ts.
let seeded: Seeded;
let report: MonthlyReport;
const clock = new FakeClock(reportTime);

beforeAll(async () => {
  seeded = await seedMonth();
  const ctx = loadScheduleContext(seeded.config);
  if (!ctx.ok) throw new Error(ctx.error.join('\n'));
  const store = await openStore(seeded.dbPath, clock.now());
  try {
    const schedule = createScheduleService({
      context: ctx.value,
      devices: new Map(seeded.config.devices.map((d) => [d.id, d.type])),
      overrides: new PowerOverridesRepo(store.db),
    });
    report = await loadMonthlyReport(
      { db: store.db, config: seeded.config, schedule },
      '2026-10',
      clock.now(),
    );
  } finally {
    await store.close();
  }
});

afterAll(() => rmSync(seeded.dir, { recursive: true, force: true }));

const device = (id: string) => report.devices.find((d) => d.id === id);

describe('monthly report over a synthetic October 2026', () => {
  it('counts 18 open days of 390 minutes; the National Day week and weekends are closed', () => {
    // 17 weekdays outside 1–7 Oct + the make-up Saturday 10 Oct = 18; 18 × 390 = 7020 min.
    expect(report.period.openDays).toBe(18);
    expect(report.period.openMinutes).toBe(7020);
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
    expect(report.period.from).toBe(bj('10-01 00:00'));
    expect(report.period.countedTo).toBe(bj('11-01 00:00'));
  });

  it('availability counts down minutes during opening hours only (a holiday counts none)', () => {
    // pc-01 down 7 Oct 16:00 (holiday) → 8 Oct 10:00: only 8 Oct 09:00–10:00 = 60 min;
    // 9 Oct 11:30–15:00: 11:30–12:00 + 14:00–15:00 = 30 + 60 = 90 min (lunch 12–14 is not opening time);
    // 10 Oct 17:00–17:45: until closing at 17:30 = 30 min. 60 + 90 + 30 = 180 of 7020 min.
    expect(device('pc-01')).toMatchObject({ expectedMinutes: 7020, downMinutes: 180, unknownMinutes: 0 });
    expect(device('pc-01')?.availability).toBeCloseTo(1 - 180 / 7020, 10); // 0.974359
    // off-scheduled: 1 Oct 00:00→7 Oct 16:00 = 160 h; 8 Oct 18:00→9 Oct 08:45 = 14.75 h;
    // 9 Oct 18:00→10 Oct 08:45 = 14.75 h; 10 Oct 17:45→1 Nov 00:00 = 6.25 + 21 × 24 = 510.25 h → 699.75 h.
    expect(device('pc-01')?.offScheduledHours).toBe(699.75);
    // The printer is up all month; the plug never had a status: unmonitored, so no availability at all.
    expect(device('prn-01')).toMatchObject({ downMinutes: 0, unknownMinutes: 0, availability: 1 });
    expect(device('plug-01')).toMatchObject({ downMinutes: 0, unknownMinutes: 7020, availability: null });
    // Zone: 180 down of the monitored 2 × 7020 (the plug's 7020 unmonitored minutes do not count).
    expect(report.totals.downMinutes).toBe(180);
    expect(report.totals.availability).toBeCloseTo(1 - 180 / 14_040, 10);
  });

  it('faults by kind with MTTA and MTTR (the September fault is not counted)', () => {
    const kinds = Object.fromEntries(report.faultsByKind.map((k) => [k.kind, k]));
    // unreachable: ack 09:10 − 09:00 = 600 s; resolved 10:00 → 3600 s.
    expect(kinds.unreachable).toMatchObject({
      opened: 1,
      acknowledged: 1,
      resolved: 1,
      mttaSeconds: 600,
      mttrSeconds: 3600,
    });
    // paper-out: one acked after 1200 s; cleared after 1800 s and 2400 s → MTTR 2100 s.
    expect(kinds['paper-out']).toMatchObject({
      opened: 2,
      acknowledged: 1,
      cleared: 2,
      mttaSeconds: 1200,
      mttrSeconds: 2100,
    });
    // service-requested: first person action = vendor call at 09:30 → 1800 s; resolved next day 09:30 → 88 200 s.
    expect(kinds['service-requested']).toMatchObject({ mttaSeconds: 1800, mttrSeconds: 88_200 });
    expect(kinds['forbidden-software']).toMatchObject({
      opened: 1,
      stillOpen: 1,
      mttaSeconds: 1800,
      mttrSeconds: null,
    });
    // All: 6 opened; acks 600, 1200, 1800, 1800 → 1350 s; closes 3600, 1800, 2400, 88 200 → 24 000 s.
    expect(report.faultTotals).toMatchObject({
      opened: 6,
      acknowledged: 4,
      closed: 4,
      resolved: 2,
      cleared: 2,
      stillOpen: 2,
      mttaSeconds: 1350,
      mttrSeconds: 24_000,
    });
    expect(device('pc-01')?.faults).toBe(2);
    expect(device('prn-01')?.faults).toBe(4);
  });

  it('vendor response: call → closed, and promises kept or missed', () => {
    // 8 Oct 09:30 → 10:00 = 1800 s (promised 12:00: kept); 20 Oct 09:30 → 21 Oct 09:30 = 86 400 s (promised 12:00: missed).
    expect(report.vendor).toEqual({
      contacted: 2,
      closed: 2,
      meanResponseSeconds: (1800 + 86_400) / 2,
      promisesKept: 1,
      promisesMissed: 1,
    });
  });

  it('power schedule adherence against the plan', () => {
    // pc-01 (plug): one on (08:45) and one off (17:45) per open day = 36; 17 days both ok = 34 done;
    // 9 Oct: two failed switch-ons = 1 failed, no switch-off = 1 no action; Sunday 11 Oct = 1 unplanned.
    expect(report.power).toEqual({
      planned: 36,
      done: 34,
      failed: 1,
      noAction: 1,
      adherence: 34 / 36,
      unplannedActions: 1,
    });
  });

  it('pages from the counter history (reset handled) and energy from the plug', () => {
    // 10000 (30 Sep) → 10100 → 10250 → 40 (reset: +40) → 120: 100 + 150 + 40 + 80 = 370; 1 Nov excluded.
    expect(device('prn-01')?.pages).toBe(370);
    expect(report.totals.pages).toBe(370);
    // 100 (30 Sep) → 130.5 → 160.25 = 60.25 kWh, shown on the plug and on the PC it feeds, counted once.
    expect(device('pc-01')).toMatchObject({ energyKWh: 60.25, energyFrom: 'plug-01' });
    expect(device('plug-01')).toMatchObject({ energyKWh: 60.25, energyFrom: 'plug-01' });
    expect(report.totals.energyKWh).toBe(60.25);
    expect(report.totals.offScheduledHours).toBe(699.75);
  });

  it('supplies used, forecast orders and forbidden-software incidents', () => {
    // 50 → 40 → 30 → 100 (refill) → 95: used 10 + 10 + 5 = 25 points, one refill; too little history since.
    expect(report.supplies).toEqual([
      {
        deviceId: 'prn-01',
        index: 1,
        name: 'Black Toner',
        type: 'toner',
        color: 'black',
        usedPercent: 25,
        refills: 1,
        lastPercent: 95,
        daysLeft: null,
        orderDue: false,
      },
    ]);
    expect(report.supplyOrders.map((o) => [o.deviceId, o.openedAt])).toEqual([['prn-01', bj('10-25 10:00')]]);
    expect(report.forbiddenSoftware.map((o) => [o.deviceId, o.detail])).toEqual([
      ['pc-01', '<script>alert(1)</script> 游戏.exe'],
    ]);
  });

  it('hygiene compliance reuses the hygiene rules: no slot on the holiday', () => {
    // 18 cleaning slots (one per open day, none on 1–7 Oct): 15 on time, 9 and 10 Oct late, 12 Oct missed.
    expect(report.hygiene?.totals).toMatchObject({ 'on-time': 15, late: 2, missed: 1, overdue: 0, due: 0 });
    expect(report.hygiene?.ratio).toBeCloseTo(15 / 18, 10);
  });
});

describe('zoneops report (formats)', () => {
  const run = (format: 'md' | 'csv' | 'json' | 'html', lang?: 'en') =>
    runReport({ config: seeded.configFile, month: '2026-10', format, ...(lang ? { lang } : {}) }, reportTime);

  it('prints Markdown in Chinese by default', async () => {
    const out = await run('md');
    expect(out.code).toBe(0);
    const text = out.stdout.toString('utf8');
    expect(text).toContain('# 测试专区政务公开专区设备运行月报（2026-10）');
    // pc-01: 1 − 180/7020 = 97.44 %.
    expect(text).toContain('| 电脑 1 | pc-01 | 查阅区 | 7020 | 180 | 0 | 97.44% |');
    expect(text).toContain('\\<script\\>');
  });

  it('prints CSV as UTF-8 with a BOM', async () => {
    const out = await run('csv');
    expect(out.code).toBe(0);
    expect([...out.stdout.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(out.stdout.toString('utf8')).toContain('电脑 1,pc-01,查阅区,7020,180,0,97.44%,2,—,60.25,699.8');
  });

  it('prints JSON equal to the computed report', async () => {
    const out = await run('json');
    const parsed = JSON.parse(out.stdout.toString('utf8')) as MonthlyReport;
    expect(parsed.totals).toEqual(report.totals);
    expect(parsed.power.done).toBe(34);
  });

  it('prints printable HTML with every value escaped, and English on request', async () => {
    const html = (await run('html')).stdout.toString('utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; 游戏.exe');
    expect(html).not.toContain('<script>');
    expect(html).toContain('@media print');
    const en = (await run('html', 'en')).stdout.toString('utf8');
    expect(en).toContain('Availability');
    expect(en).toContain('<html lang="en">');
  });

  it('exits 2 on a bad month', async () => {
    for (const month of ['2026-13', '2026-1', 'october', '2026-10-01']) {
      const out = await runReport({ config: seeded.configFile, month, format: 'md' }, reportTime);
      expect(out.code).toBe(2);
      expect(out.stderr).toContain('--month');
    }
  });
});
