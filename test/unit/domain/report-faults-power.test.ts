import { describe, expect, it } from 'vitest';
import type { ReportDay } from '../../../src/domain/report-calendar.js';
import { faultFigures } from '../../../src/domain/report-faults.js';
import type { ActionFact, FaultFact, ReportDevice } from '../../../src/domain/report-input.js';
import { powerAdherence } from '../../../src/domain/report-power.js';
import { vendorLines } from '../../../src/domain/report-vendors.js';
import type { DeviceStatus } from '../../../src/domain/status.js';

/**
 * The monthly report's fault, vendor and power figures (src/domain/report-faults.ts, report-vendors.ts,
 * report-power.ts), on hand-made facts; every expectation is worked out in the comment beside it.
 */
const s = 1000;
const min = 60 * s;
const device = (o: Partial<ReportDevice>): ReportDevice => ({
  id: 'printer-01',
  name: '打印机',
  type: 'printer',
  location: '查阅区',
  assetNo: 'A-1',
  powerMethod: 'none',
  plug: null,
  vendor: '打印机厂家',
  serviceProvider: '服务商',
  ...o,
});
const printer = device({});
const pc = device({ id: 'pc-01', name: '电脑', type: 'pc', powerMethod: 'wol', plug: 'plug-01' });
const plug = device({ id: 'plug-01', name: '插座', type: 'plug', powerMethod: 'none' });
const devices = [printer, pc, plug];
const fault = (f: Partial<FaultFact>): FaultFact => ({
  id: 1,
  deviceId: 'printer-01',
  kind: 'jam',
  state: 'open',
  openedAt: 0,
  closedAt: null,
  events: [],
  ...f,
});
const ev = (type: string, at: number, data: Record<string, unknown> = {}) => ({ type, at, data });
const figures = (faults: FaultFact[], countedTo = 1000 * min) =>
  faultFigures(faults, devices, 0, countedTo, 0);

describe('faults of the month', () => {
  it('acknowledged is the first action of a person: acknowledge, vendor call or resolve; a notification is not', () => {
    const mtta = (events: ReturnType<typeof ev>[]) => figures([fault({ events })]).total.mttaMinutes;
    expect(mtta([ev('notified', 5 * min), ev('acknowledged', 60 * min)])).toBe(60);
    expect(mtta([ev('vendor-contacted', 30 * min), ev('acknowledged', 60 * min)])).toBe(30);
    expect(mtta([ev('resolved', 90 * min)])).toBe(90);
    expect(mtta([ev('notified', 5 * min), ev('escalated', 6 * min)])).toBeNull();
    expect(figures([fault({ events: [ev('notified', 5 * min)] })]).total.acknowledged).toBe(0);
  });

  it('counts per cause and in total: incidents, acknowledged, closed, still open, MTTA and MTTR in minutes', () => {
    const r = figures([
      // equipment: acknowledged after 1 min, repaired after 10 min.
      fault({
        id: 1,
        kind: 'jam',
        events: [ev('acknowledged', 1 * min)],
        state: 'resolved',
        closedAt: 10 * min,
      }),
      // equipment: opened at 2 min, acknowledged at 4 min (2 min), still open.
      fault({ id: 2, kind: 'jam', openedAt: 2 * min, events: [ev('acknowledged', 4 * min)] }),
      // consumables: cleared by itself after 5 min, nobody acknowledged.
      fault({ id: 3, kind: 'paper-out', state: 'cleared', closedAt: 5 * min }),
      // hygiene and a citizens' report, each on its own line, never in equipment.
      fault({ id: 4, kind: 'cleaning-overdue', deviceId: 'area-desk' }),
      fault({ id: 5, kind: 'public-report' }),
    ]);
    const line = (c: string) => r.byCause.find((l) => l.cause === c);
    // MTTA (1 + 2) / 2 = 1.5; MTTR 10.
    expect(line('equipment')).toEqual({
      cause: 'equipment',
      incidents: 2,
      acknowledged: 2,
      closed: 1,
      stillOpen: 1,
      mttaMinutes: 1.5,
      mttrMinutes: 10,
    });
    expect(line('consumables')).toMatchObject({
      incidents: 1,
      acknowledged: 0,
      closed: 1,
      mttaMinutes: null,
      mttrMinutes: 5,
    });
    expect(line('hygiene')).toMatchObject({ incidents: 1, closed: 0, stillOpen: 1 });
    expect(line('citizens')).toMatchObject({ incidents: 1 });
    expect(line('management')).toMatchObject({ incidents: 0, mttaMinutes: null });
    // Total: 5 incidents, 2 acknowledged (1.5 min mean), closed 1 and 3: MTTR (10 + 5) / 2 = 7.5.
    expect(r.total).toMatchObject({
      incidents: 5,
      acknowledged: 2,
      closed: 2,
      stillOpen: 3,
      mttaMinutes: 1.5,
      mttrMinutes: 7.5,
    });
  });

  it('rounds to a tenth of a minute', () => {
    // Acknowledged after 63 s and 66 s: mean 64.5 s = 1.075 min → 1.1.
    const r = figures([
      fault({ id: 1, events: [ev('acknowledged', 63 * s)] }),
      fault({ id: 2, events: [ev('acknowledged', 66 * s)] }),
    ]);
    expect(r.total.mttaMinutes).toBe(1.1);
    expect(figures([]).total).toMatchObject({ incidents: 0, mttaMinutes: null, mttrMinutes: null });
  });

  it('incidents oldest first with their cause; a plug’s fault counts on the PC it feeds', () => {
    const r = figures([
      fault({ id: 2, kind: 'forbidden-software', deviceId: 'pc-01', openedAt: 20 * min }),
      fault({ id: 3, kind: 'unreachable', deviceId: 'plug-01', openedAt: 10 * min }),
      fault({ id: 1, kind: 'jam', openedAt: 5 * min }),
    ]);
    expect(r.incidents.map((i) => [i.deviceId, i.cause, i.kinds, i.faultIds, i.openedAt])).toEqual([
      ['printer-01', 'equipment', ['jam'], [1], 5 * min],
      ['pc-01', 'equipment', ['unreachable'], [3], 10 * min],
      ['pc-01', 'management', ['forbidden-software'], [2], 20 * min],
    ]);
  });
});

describe('vendors and service providers, by unit', () => {
  it('response from the call to the repair, promises kept and missed, by whom was called', () => {
    const call = (at: number, promisedAt?: number, party?: string) =>
      ev('vendor-contacted', at, {
        ...(promisedAt === undefined ? {} : { promisedAt }),
        ...(party ? { party } : {}),
      });
    const countedTo = 500 * min;
    const faults = [
      // Closed before the promise: kept, repaired 100 min after the call.
      fault({ id: 1, closedAt: 150 * min, events: [call(50 * min, 200 * min)] }),
      // Closed after the promise: missed, 300 min.
      fault({ id: 2, closedAt: 400 * min, events: [call(100 * min, 200 * min)] }),
      // Closed exactly at the promise: kept, 100 min.
      fault({ id: 3, closedAt: 200 * min, events: [call(100 * min, 200 * min)] }),
      // Still open, promise passed: missed; still open, promise ahead: neither.
      fault({ id: 4, events: [call(100 * min, 200 * min)] }),
      fault({ id: 5, events: [call(100 * min, 900 * min)] }),
      // No promise (100 min); never called about.
      fault({ id: 6, closedAt: 300 * min, events: [call(200 * min)] }),
      fault({ id: 7, closedAt: 300 * min }),
      // The service provider: called at 60, promised 250, repaired at 260 (200 min): missed.
      fault({ id: 8, closedAt: 260 * min, events: [call(60 * min, 250 * min, 'service-provider')] }),
    ];
    const { month } = faultFigures(faults, devices, 0, countedTo, 0);
    const lines = vendorLines([printer], month, countedTo);
    expect(lines).toEqual([
      {
        role: 'vendor',
        name: '打印机厂家',
        devices: ['printer-01'],
        incidents: 8,
        contacted: 6,
        repaired: 4,
        // (100 + 300 + 100 + 100) / 4 = 150.
        meanRepairMinutes: 150,
        promisesKept: 2,
        promisesMissed: 2,
      },
      {
        role: 'service-provider',
        name: '服务商',
        devices: ['printer-01'],
        incidents: 8,
        contacted: 1,
        repaired: 1,
        meanRepairMinutes: 200,
        promisesKept: 0,
        promisesMissed: 1,
      },
    ]);
    expect(vendorLines([printer], [], 0)[0]).toMatchObject({
      incidents: 0,
      contacted: 0,
      meanRepairMinutes: null,
    });
  });
});

describe('power schedule adherence over the switches that were needed', () => {
  // The reconciler staggers and retries within minutes: a command up to an hour after the planned minute
  // is matched, one up to a minute before it too (src/domain/report-power.ts).
  const matchToleranceMs = 60 * min;
  const day = (windows: Array<[number, number]>): ReportDay =>
    ({
      date: '2026-10-08',
      open: true,
      reason: '工作日',
      kind: 'weekday',
      opening: [],
      power: { pc: windows.map(([from, to]) => ({ from, to })) },
    }) as unknown as ReportDay;
  const act = (a: Partial<ActionFact>): ActionFact => ({
    deviceId: 'pc-01',
    action: 'on',
    result: 'ok',
    requestedAt: 0,
    ...a,
  });
  /** pc-01's status the whole time. */
  const always = (status: DeviceStatus) =>
    new Map([['pc-01', [{ from: 0, to: Number.POSITIVE_INFINITY, status }]]]);
  const off = always('off-scheduled');

  it('plans an on and an off per window, up to the counted end; none for monitor-only devices and plugs', () => {
    const days = [day([[100 * min, 200 * min]])];
    const planned = (d: ReportDevice, to: number) => powerAdherence([d], days, [], off, 0, to).planned;
    expect(planned(pc, Number.POSITIVE_INFINITY)).toBe(2);
    expect(planned(pc, 200 * min)).toBe(1);
    expect(planned(pc, 100 * min)).toBe(0);
    expect(planned({ ...pc, powerMethod: 'none' }, Number.POSITIVE_INFINITY)).toBe(0);
    expect(planned({ ...pc, type: 'plug' }, Number.POSITIVE_INFINITY)).toBe(0);
  });

  it('done when a verified command in that direction came within the tolerance; failed; missed', () => {
    const days = [
      day([
        [100 * min, 200 * min],
        [300 * min, 400 * min],
      ]),
    ];
    const r = powerAdherence(
      [pc],
      days,
      [
        act({ action: 'on', requestedAt: 100 * min - 60 * s }), // a minute early still counts: done
        act({ action: 'soft-off', requestedAt: 200 * min + 5 * min, result: 'failed' }), // failed
        act({ action: 'on', requestedAt: 300 * min + matchToleranceMs }), // too late: unplanned; 300 missed
        act({ action: 'cut', requestedAt: 400 * min + 2 * min }), // done
      ],
      off,
      0,
      Number.POSITIVE_INFINITY,
    );
    // 4 planned, all needed (the PC was off before each on; commands were sent for the offs): 2 / 4.
    expect(r).toEqual({
      planned: 4,
      notNeeded: 0,
      unmonitored: 0,
      needed: 4,
      done: 2,
      failed: 1,
      missed: 1,
      adherence: 0.5,
      unplannedActions: 1,
    });
  });

  it('already as planned is not needed; unknown is unmonitored; nothing needed is null (无需执行), not 0 %', () => {
    const days = [day([[100 * min, 200 * min]])];
    // Up all day: the switch-on was not needed, the switch-off (no command) was missed.
    expect(powerAdherence([pc], days, [], always('up'), 0, Number.POSITIVE_INFINITY)).toMatchObject({
      planned: 2,
      notNeeded: 1,
      missed: 1,
      needed: 1,
      adherence: 0,
    });
    // Never seen: both unmonitored, nothing needed.
    expect(powerAdherence([pc], days, [], new Map(), 0, Number.POSITIVE_INFINITY)).toMatchObject({
      planned: 2,
      unmonitored: 2,
      needed: 0,
      adherence: null,
    });
  });

  it('a command more than a minute early is not matched; the tolerance is one hour', () => {
    const days = [day([[100 * min, 200 * min]])];
    const early = powerAdherence(
      [pc],
      days,
      [act({ requestedAt: 100 * min - 60 * s - 1 })],
      off,
      0,
      150 * min,
    );
    expect(early).toMatchObject({ planned: 1, done: 0, missed: 1, unplannedActions: 1 });
    const late = powerAdherence(
      [pc],
      days,
      [act({ requestedAt: 100 * min + matchToleranceMs - 1 })],
      off,
      0,
      200 * min,
    );
    expect(late).toMatchObject({ planned: 1, done: 1, unplannedActions: 0 });
  });

  it('unplanned commands are counted only inside the month; no plan means no adherence figure', () => {
    const r = powerAdherence(
      [pc],
      [],
      [act({ requestedAt: 5 }), act({ requestedAt: 10 }), act({ requestedAt: 20 })],
      off,
      10,
      20,
    );
    // Only the one at 10 is in [10, 20).
    expect(r).toMatchObject({ planned: 0, needed: 0, adherence: null, unplannedActions: 1 });
  });

  it('another device’s commands do not count for this one', () => {
    const days = [day([[100 * min, 200 * min]])];
    const r = powerAdherence(
      [pc],
      days,
      [act({ deviceId: 'pc-02', requestedAt: 100 * min })],
      off,
      0,
      150 * min,
    );
    expect(r).toMatchObject({ planned: 1, done: 0, missed: 1 });
  });
});
