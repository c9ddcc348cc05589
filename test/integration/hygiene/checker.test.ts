import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMinuteTicker, type MinuteTicker } from '../../../src/core/minute-ticker.js';
import {
  createHygieneChecker,
  type HygieneAlert,
  type HygieneChecker,
} from '../../../src/hygiene/checker.js';
import { loadCompliance } from '../../../src/hygiene/compliance.js';
import { hygieneMetricsSource, registerHygieneMetrics } from '../../../src/hygiene/metrics.js';
import { PhotoStore } from '../../../src/hygiene/photos.js';
import { HygieneRepo } from '../../../src/hygiene/repo.js';
import { createHygieneService, type HygieneService } from '../../../src/hygiene/service.js';
import { createLogger } from '../../../src/log.js';
import { openStore, type Store } from '../../../src/store/store.js';
import { bj, fakeDays, testPlan } from '../../fixtures/hygiene/fake-calendar.js';
import { FakeClock } from '../../helpers/fake-clock.js';

const tz = 'Asia/Shanghai';
const logger = createLogger('silent');
let dir: string;
let store: Store;
let repo: HygieneRepo;
let service: HygieneService;
const clock = new FakeClock(bj('2025-09-30 07:00'));
const events: string[] = [];
const alerts: HygieneAlert[] = [];
let checker: HygieneChecker | undefined;

/** "HH:MM type target/task" in Beijing time, from the alert's own check time. */
const show = (a: HygieneAlert) => {
  const t = new Date(a.at + 8 * 3600_000).toISOString();
  return `${t.slice(5, 10)} ${t.slice(11, 16)} ${a.type} ${a.target}/${a.task}`;
};

const collect = (a: HygieneAlert) => {
  events.push(show(a));
  alerts.push(a);
};

let ticker: MinuteTicker | undefined;

const newChecker = () => {
  // The daemon's minute ticker on the fake clock, as hygiene/feature.ts wires it.
  ticker = createMinuteTicker({ clock, logger });
  return createHygieneChecker({
    repo,
    plan: testPlan,
    days: fakeDays,
    clock,
    tz,
    language: 'zh-CN',
    logger,
    onReminder: collect,
    onOverdue: collect,
    onCleared: collect,
    ticker,
  });
};

/** Starts a checker (a daemon start) at `from` and runs it minute by minute until `to`. */
async function run(from: string, to: string, during?: Record<string, () => Promise<unknown>>): Promise<void> {
  clock.set(bj(from));
  checker = newChecker();
  await checker.start();
  await ticker?.start();
  for (const [at, action] of Object.entries(during ?? {}).sort()) {
    await clock.advance(bj(at) - clock.now());
    await checker.idle();
    await action();
    await checker.idle();
  }
  await clock.advance(bj(to) - clock.now());
  await checker.idle();
  await ticker?.stop();
  await checker.stop();
  checker = undefined;
}

const record = (
  target: string,
  task: 'clean' | 'disinfect',
  extra: { doneAt?: number; correctsId?: number } = {},
) =>
  service.record(
    { targets: [target], task, by: '李娟', source: 'api', ...extra },
    { name: 't', role: 'staff', remoteAddr: '127.0.0.1', via: 'api' },
  );

const take = () => events.splice(0, events.length);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zoneops-hygiene-'));
  store = await openStore(join(dir, 'zoneops.db'), clock.now());
  repo = new HygieneRepo(store.db);
  service = createHygieneService({
    repo,
    audit: store.audit,
    clock,
    plan: testPlan,
    photos: new PhotoStore(join(dir, 'photos')),
    photoMaxBytes: 10_000,
    backdateToleranceMinutes: 10,
    onRecorded: () => void checker?.checkNow(),
  });
});

afterAll(async () => {
  await checker?.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('hygiene checker over October 2025 (holiday 1–8 October)', () => {
  it('30 Sep: everything done on time: no reminder, no overdue', async () => {
    await run('2025-09-30 07:00', '2025-09-30 18:00', {
      '2025-09-30 08:00': () => record('reading-area', 'clean'),
      '2025-09-30 08:05': () => record('waiting-area', 'clean'),
    });
    expect(take()).toEqual([]);
  });

  it('says nothing on any day of the holiday week, even with nothing recorded', async () => {
    // Run continuously from the evening of 30 September to the morning of the 9th: 1–8 October are days off.
    await run('2025-09-30 18:00', '2025-10-09 07:00');
    expect(take()).toEqual([]);
  });

  it('9 Oct: reminds 30 min before the deadline, raises overdue at it, clears once recorded', async () => {
    await run('2025-10-09 07:00', '2025-10-09 18:00', {
      '2025-10-09 08:10': () => record('reading-area', 'clean'),
      '2025-10-09 09:20': () => record('waiting-area', 'clean'),
    });
    expect(take()).toEqual([
      '10-09 08:30 reminder waiting-area/clean',
      '10-09 09:00 overdue waiting-area/clean',
      '10-09 09:20 cleared waiting-area/clean',
      '10-09 16:30 reminder reading-area/disinfect',
      '10-09 17:00 overdue reading-area/disinfect',
    ]);
    const overdue = alerts.find((a) => a.type === 'overdue' && a.task === 'disinfect');
    expect(overdue).toMatchObject({
      kind: 'disinfection-overdue',
      post: 'B',
      deadlineAt: bj('2025-10-09 17:00'),
    });
    expect(overdue?.message).toBe('【消毒超时】查阅区今日消毒未在 17:00 前登记，请尽快完成（B岗）。');
    expect(alerts.find((a) => a.type === 'overdue' && a.task === 'clean')?.kind).toBe('cleaning-overdue');
  });

  it('10 Oct: a disinfection later in the same week clears the overdue; restarts never repeat an alert', async () => {
    await run('2025-10-10 07:00', '2025-10-10 08:45', {
      '2025-10-10 08:00': () => record('reading-area', 'disinfect'),
    });
    expect(take()).toEqual([
      '10-10 08:00 cleared reading-area/disinfect',
      '10-10 08:30 reminder reading-area/clean',
      '10-10 08:30 reminder waiting-area/clean',
    ]);
    // Restart at 08:45: no second reminder; the overdue comes once at 09:00.
    await run('2025-10-10 08:45', '2025-10-10 09:30');
    expect(take()).toEqual([
      '10-10 09:00 overdue reading-area/clean',
      '10-10 09:00 overdue waiting-area/clean',
    ]);
    // Restart again: nothing repeated.
    await run('2025-10-10 09:30', '2025-10-10 10:00');
    expect(take()).toEqual([]);
  });

  it('11 Oct (make-up Saturday) is a working day; a daemon started after the deadline says overdue at once', async () => {
    // The 10 October overdue clears as soon as the next cleaning is recorded.
    await run('2025-10-11 10:00', '2025-10-11 10:30', {
      '2025-10-11 10:10': () => record('waiting-area', 'clean'),
    });
    expect(take()).toEqual([
      '10-11 10:00 overdue reading-area/clean',
      '10-11 10:00 overdue waiting-area/clean',
      '10-11 10:10 cleared waiting-area/clean',
    ]);
    // Sunday 12 October is a day off: nothing, although reading-area is still not cleaned.
    await run('2025-10-12 07:00', '2025-10-12 18:00');
    expect(take()).toEqual([]);
  });

  it('13 Oct: a back-dated record does not prevent the overdue and counts as late', async () => {
    await run('2025-10-13 07:00', '2025-10-13 18:00', {
      '2025-10-13 08:00': () => record('reading-area', 'clean'),
      '2025-10-13 08:01': () => record('reading-area', 'disinfect'),
      '2025-10-13 10:00': () => record('waiting-area', 'clean', { doneAt: bj('2025-10-13 08:30') }),
    });
    expect(take()).toEqual([
      '10-13 08:00 cleared reading-area/clean',
      '10-13 08:30 reminder waiting-area/clean',
      '10-13 09:00 overdue waiting-area/clean',
      '10-13 10:00 cleared waiting-area/clean',
    ]);
    const [r] = await repo.list({ from: bj('2025-10-13 08:30'), to: bj('2025-10-13 08:31') });
    expect(r).toMatchObject({
      backdated: true,
      doneAt: bj('2025-10-13 08:30'),
      recordedAt: bj('2025-10-13 10:00'),
    });
  });

  it('14 Oct: a correction keeps the first entry time, so it cannot turn a late record on time', async () => {
    let wrongId = 0;
    await run('2025-10-14 07:00', '2025-10-14 12:00', {
      // Recorded on time but for the wrong area, corrected at 11:00.
      '2025-10-14 08:20': async () => {
        wrongId = (await record('reading-area', 'clean'))[0]?.id ?? 0;
      },
      '2025-10-14 08:25': () => record('reading-area', 'clean'),
      '2025-10-14 11:00': () => record('waiting-area', 'clean', { correctsId: wrongId }),
    });
    const both = await repo.list({ from: bj('2025-10-14 00:00'), to: bj('2025-10-15 00:00') });
    expect(
      both.map((r) => [
        r.target,
        r.correctsId === null ? null : 'fix',
        r.correctedBy === null ? null : 'fixed',
      ]),
    ).toEqual([
      ['reading-area', null, 'fixed'],
      ['reading-area', null, null],
      ['waiting-area', 'fix', null],
    ]);
  });

  it('metrics: last done per target/task, overdue flags, compliance ratio this month', async () => {
    clock.set(bj('2025-10-14 12:00'));
    const snapshot = hygieneMetricsSource({ repo, plan: testPlan, days: fakeDays, clock, tz });
    const s = await snapshot();
    expect(s.lastDone).toContainEqual({
      target: 'reading-area',
      task: 'clean',
      seconds: bj('2025-10-14 08:25') / 1000,
    });
    expect(s.overdue).toEqual([
      { target: 'reading-area', task: 'clean', value: 0 },
      { target: 'reading-area', task: 'disinfect', value: 0 },
      { target: 'waiting-area', task: 'clean', value: 0 },
    ]);
    // waiting-area so far: 9th late, 10th missed, 11th late, 13th late, 14th on time → 1 of 5.
    expect(s.compliance).toContainEqual({ target: 'waiting-area', task: 'clean', ratio: 0.2 });
    const registry = new Registry();
    registerHygieneMetrics(registry, snapshot);
    const text = await registry.metrics();
    expect(text).toContain('zoneops_hygiene_overdue{target="waiting-area",task="clean"} 0');
    expect(text).toContain('zoneops_hygiene_compliance_ratio{target="waiting-area",task="clean"} 0.2');
    expect(text).toContain(
      `zoneops_hygiene_last_done_timestamp_seconds{target="reading-area",task="clean"} ${bj('2025-10-14 08:25') / 1000}`,
    );
  });

  it('monthly compliance: on time, late, missed; the holiday week has nothing due', async () => {
    const s = await loadCompliance(repo, testPlan, fakeDays, tz, '2025-10', bj('2025-11-01 09:00'));
    const row = (t: string, task: string) => s.rows.find((r) => r.target === t && r.task === task);
    // waiting-area/clean: 9th late (09:20), 10th missed, 11th late (10:10), 13th late (back-dated),
    // 14th on time (corrected record entered 08:20), then 15–31 Oct missed (13 working days).
    expect(row('waiting-area', 'clean')?.counts).toEqual({
      'on-time': 1,
      late: 3,
      missed: 14,
      due: 0,
      overdue: 0,
    });
    // reading-area/clean: 9th on time, 10th/11th missed, 13th and 14th on time, 15–31 missed.
    expect(row('reading-area', 'clean')?.counts).toEqual({
      'on-time': 3,
      late: 0,
      missed: 15,
      due: 0,
      overdue: 0,
    });
    // Disinfection due 9th (done late on the 10th), 13th (on time), 20th missed; the week of the 27th
    // runs until 2 November, so on 1 November it is overdue, not yet missed.
    expect(row('reading-area', 'disinfect')?.counts).toEqual({
      'on-time': 1,
      late: 1,
      missed: 1,
      due: 0,
      overdue: 1,
    });
    expect(row('waiting-area', 'clean')?.ratio).toBeCloseTo(1 / 18, 10);
  });
});
