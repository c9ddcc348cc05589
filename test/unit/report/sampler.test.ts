import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultKindSeverity, type FaultKind } from '../../../src/domain/fault-kinds.js';
import { renderFaultMessage } from '../../../src/domain/messages.js';
import type { Observation, Supply } from '../../../src/domain/observation.js';
import { defaultRoutes } from '../../../src/domain/routing.js';
import { createForecastMetrics } from '../../../src/readings/metrics.js';
import { ReadingsRepo } from '../../../src/readings/repo.js';
import { createReadingsSampler } from '../../../src/readings/sampler.js';
import { openStore, type Store } from '../../../src/store/store.js';
import { FakeClock } from '../../helpers/fake-clock.js';

const MIN = 60_000;
const DAY = 86_400_000;
const t0 = Date.parse('2026-10-12T09:00:00+08:00');

function toner(percent: number | null): Supply {
  return {
    index: 1,
    description: 'Black Toner Cartridge',
    type: 'toner',
    color: 'black',
    level: percent ?? -3,
    max: percent === null ? null : 100,
    percent,
    state: percent === null ? 'some-remaining' : 'ok',
  };
}

function printerObs(at: number, pages: number, percent: number | null): Observation {
  return {
    deviceId: 'prn-01',
    source: 'snmp',
    at,
    reachable: true,
    conditions: [],
    printer: {
      status: 'idle',
      queuedJobs: 0,
      supplies: [toner(percent)],
      trays: [],
      alerts: [],
      pageCount: pages,
    },
  };
}

function plugObs(at: number, kwh: number): Observation {
  return {
    deviceId: 'plug-01',
    source: 'mqtt',
    at,
    reachable: true,
    conditions: [],
    power: { online: true, relay: 'on', watts: 40, energyKWh: kwh, deviceOn: true, lastSeen: at },
  };
}

interface Call {
  op: 'raise' | 'clear';
  deviceId: string;
  kind: FaultKind;
  detail?: string | undefined;
}

let dir: string;
let store: Store;
let calls: Call[];
let registry: Registry;
const clock = new FakeClock(t0);

function sampler(leadTimeDays = 14) {
  // A fresh registry per sampler, like a restarted daemon (a metric registers once per registry).
  registry = new Registry();
  return createReadingsSampler({
    repo: new ReadingsRepo(store.db),
    clock,
    logger: pino({ level: 'silent' }),
    faults: {
      raise: async (e) => calls.push({ op: 'raise', deviceId: e.deviceId, kind: e.kind, detail: e.detail }),
      clear: async (e) => calls.push({ op: 'clear', deviceId: e.deviceId, kind: e.kind }),
    },
    leadTimeDays,
    language: 'zh-CN',
    metrics: createForecastMetrics(registry),
  });
}

async function daysLeftSeries(): Promise<number | undefined> {
  const m = await registry.getSingleMetric('zoneops_printer_supply_days_left')?.get();
  return m?.values.find((v) => v.labels.device === 'prn-01' && v.labels.supply === '1')?.value;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zoneops-readings-'));
  store = await openStore(join(dir, 'zoneops.db'), t0);
  calls = [];
  registry = new Registry();
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('readings sampler', () => {
  it('stores a PC’s processor load at most every 5 minutes (for the estimated hours in use)', async () => {
    const s = sampler();
    // A poll every minute for 12 minutes (HOST-RESOURCES-MIB hrProcessorLoad averaged by the SNMP decoder).
    for (let i = 0; i < 12; i++) {
      const host = {
        uptimeSeconds: 100,
        cpuLoadPercent: 20 + i,
        storage: [],
        processes: [],
        installed: [],
        hardware: [],
      };
      await s.sink({
        deviceId: 'pc-01',
        source: 'snmp',
        at: t0 + i * MIN,
        reachable: true,
        conditions: [],
        host,
      });
    }
    await s.idle();
    const usage = await new ReadingsRepo(store.db).usage(t0, t0 + DAY);
    expect(usage.map((u) => [(u.at - t0) / MIN, u.cpuPercent])).toEqual([
      [0, 20],
      [5, 25],
      [10, 30],
    ]);
  });

  it('stores the page counter and energy at most once an hour, supply levels also on change', async () => {
    const s = sampler();
    // Every 10 minutes for 3 hours (18 observations); the toner drops 80 → 79 at minute 25.
    for (let i = 0; i < 18; i++) {
      const at = t0 + i * 10 * MIN;
      await s.sink(printerObs(at, 1000 + i * 5, i * 10 < 25 ? 80 : 79));
      await s.sink(plugObs(at, 12.5 + i * 0.01));
    }
    await s.idle();
    const repo = new ReadingsRepo(store.db);
    const end = t0 + 4 * 60 * MIN;
    // Hourly: minutes 0, 60, 120 → counters 1000, 1030, 1060 (1000 + 5 per 10 min).
    expect((await repo.pages(t0, end)).map((r) => [r.at - t0, r.value])).toEqual([
      [0, 1000],
      [60 * MIN, 1030],
      [120 * MIN, 1060],
    ]);
    expect((await repo.energy(t0, end)).map((r) => r.at - t0)).toEqual([0, 60 * MIN, 120 * MIN]);
    // Supply: minute 0 (80), minute 30 (first reading of 79: a change), then hourly from there: 90, 150.
    expect(
      (await repo.supplyHistory('prn-01', 1, t0, end)).map((r) => [(r.at - t0) / MIN, r.percent]),
    ).toEqual([
      [0, 80],
      [30, 79],
      [90, 79],
      [150, 79],
    ]);
  });

  it('keeps the hourly pace across a restart (a new sampler reads the last stored times)', async () => {
    await sampler().sink(printerObs(t0, 1000, 80));
    const again = sampler();
    await again.sink(printerObs(t0 + 30 * MIN, 1010, 80));
    await again.sink(printerObs(t0 + 61 * MIN, 1020, 80));
    const rows = await new ReadingsRepo(store.db).pages(t0, t0 + DAY);
    expect(rows.map((r) => r.value)).toEqual([1000, 1020]);
  });

  it('never stores unknown levels or readings of an unreachable device', async () => {
    const s = sampler();
    await s.sink(printerObs(t0, 1000, null));
    await s.sink({
      deviceId: 'prn-01',
      source: 'snmp',
      at: t0 + 2 * 3_600_000,
      reachable: false,
      conditions: [],
    });
    const repo = new ReadingsRepo(store.db);
    expect(await repo.supplyHistory('prn-01', 1, t0, t0 + DAY)).toEqual([]);
    expect((await repo.pages(t0, t0 + DAY)).length).toBe(1);
  });

  it('prunes samples older than 400 days', async () => {
    const repo = new ReadingsRepo(store.db);
    await repo.addPages('prn-01', t0 - 401 * DAY, 1);
    await repo.addPages('prn-01', t0 - 399 * DAY, 2);
    await sampler().sink(printerObs(t0, 1000, 80));
    expect((await repo.pages(0, t0 + DAY)).map((r) => r.value)).toEqual([2, 1000]);
  });

  it('raises supply-order-due when days left fall below the lead time and clears it after a refill', async () => {
    const s = sampler(14);
    // Daily readings falling 2 points a day from 80: on day d the level is 80 − 2d, days left (80 − 2d)/2.
    for (let d = 0; d <= 26; d++) await s.sink(printerObs(t0 + d * DAY, 1000 + d, 80 - 2 * d));
    // Day 26: 28 % → 14 days left, not below 14: nothing raised; only the initial clear (no fault known yet).
    expect(calls.filter((c) => c.op === 'raise')).toEqual([]);
    expect(await daysLeftSeries()).toBe(14);
    // Day 27: 26 % → 13 days left < 14.
    await s.sink(printerObs(t0 + 27 * DAY, 1027, 26));
    expect(calls.at(-1)).toEqual({
      op: 'raise',
      deviceId: 'prn-01',
      kind: 'supply-order-due',
      detail: '黑色墨粉盒 预计 13 天后用完（采购周期 14 天）',
    });
    expect(await daysLeftSeries()).toBe(13);
    // Refilled on day 28: too little history since the refill → no forecast, the fault clears.
    await s.sink(printerObs(t0 + 28 * DAY, 1028, 100));
    expect(calls.at(-1)).toEqual({ op: 'clear', deviceId: 'prn-01', kind: 'supply-order-due' });
    expect(await daysLeftSeries()).toBeUndefined();
    expect(calls.filter((c) => c.op === 'raise').length).toBe(1);
  });

  it('exports no days-left series while the history is too short (absent, not 0)', async () => {
    const s = sampler();
    for (let d = 0; d < 3; d++) await s.sink(printerObs(t0 + d * DAY, 1000, 80 - d));
    expect(await daysLeftSeries()).toBeUndefined();
  });

  it('the technician’s message names the supply and the vendor', () => {
    const detail = '黑色墨粉盒 预计 13 天后用完（采购周期 14 天）';
    const msg = renderFaultMessage(
      'initial',
      { id: 7, kind: 'supply-order-due', severity: defaultKindSeverity['supply-order-due'], detail },
      {
        id: 'prn-01',
        name: '打印机 P-01',
        location: '一楼查阅区',
        assetNo: 'A-100',
        vendor: { name: '某某办公设备公司', phone: '023-0000000' },
        serviceProvider: { name: '某某技术服务部' },
        warrantyUntil: null,
      },
      defaultRoutes['supply-order-due'],
      { siteName: '测试专区', language: 'zh-CN', today: '2026-11-08' },
    );
    expect(defaultRoutes['supply-order-due']).toEqual(['technician']);
    expect(msg.text).toContain('黑色墨粉盒');
    expect(msg.text).toContain('厂家：某某办公设备公司');
    expect(msg.title).toContain('耗材需要提前采购');
  });
});
