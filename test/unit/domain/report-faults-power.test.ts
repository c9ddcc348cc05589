import { describe, expect, it } from 'vitest';
import type { ReportDay } from '../../../src/domain/report-calendar.js';
import { faultsByKind, incidents, vendorSummary } from '../../../src/domain/report-faults.js';
import { powerAdherence } from '../../../src/domain/report-power.js';
import type { ActionFact, FaultFact, ReportDevice } from '../../../src/domain/report-types.js';

/** The monthly report's fault and power figures (src/domain/report-faults.ts, report-power.ts), by hand. */
const s = 1000;
const min = 60 * s;
const fault = (f: Partial<FaultFact>): FaultFact => ({
  id: 1,
  deviceId: 'printer-01',
  kind: 'jam',
  state: 'open',
  detail: '卡纸',
  openedAt: 0,
  closedAt: null,
  events: [],
  ...f,
});
const ev = (type: string, at: number, data: Record<string, unknown> = {}) => ({ type, at, data });

describe('faults of the month', () => {
  it('acknowledged is the first action of a person: acknowledge, vendor call or resolve; a notification is not', () => {
    const mtta = (events: ReturnType<typeof ev>[]) => faultsByKind([fault({ events })]).totals.mttaSeconds;
    expect(mtta([ev('notified', 5 * s), ev('acknowledged', 60 * s)])).toBe(60);
    expect(mtta([ev('vendor-contacted', 30 * s), ev('acknowledged', 60 * s)])).toBe(30);
    expect(mtta([ev('resolved', 90 * s)])).toBe(90);
    expect(mtta([ev('notified', 5 * s), ev('escalated', 6 * s)])).toBeNull();
    expect(faultsByKind([fault({ events: [ev('notified', 5 * s)] })]).totals.acknowledged).toBe(0);
  });

  it('counts per kind and in total: opened, acknowledged, resolved, cleared, still open, MTTA and MTTR in seconds', () => {
    const faults = [
      fault({
        id: 1,
        kind: 'jam',
        openedAt: 0,
        events: [ev('acknowledged', 60 * s)],
        state: 'resolved',
        closedAt: 600 * s,
      }),
      fault({ id: 2, kind: 'jam', openedAt: 100 * s, events: [ev('acknowledged', 220 * s)] }),
      fault({ id: 3, kind: 'paper-out', openedAt: 0, state: 'cleared', closedAt: 300 * s }),
    ];
    const r = faultsByKind(faults);
    expect(r.byKind).toEqual([
      {
        kind: 'jam',
        opened: 2,
        acknowledged: 2,
        closed: 1,
        resolved: 1,
        cleared: 0,
        stillOpen: 1,
        mttaSeconds: 90,
        mttrSeconds: 600,
      },
      {
        kind: 'paper-out',
        opened: 1,
        acknowledged: 0,
        closed: 1,
        resolved: 0,
        cleared: 1,
        stillOpen: 0,
        mttaSeconds: null,
        mttrSeconds: 300,
      },
    ]);
    expect(r.totals).toMatchObject({
      kind: '*',
      opened: 3,
      acknowledged: 2,
      closed: 2,
      stillOpen: 1,
      mttrSeconds: 450,
    });
  });

  it('rounds MTTA to a tenth of a second', () => {
    const r = faultsByKind([
      fault({ events: [ev('acknowledged', 1234)] }),
      fault({ events: [ev('acknowledged', 1300)] }),
    ]);
    expect(r.totals.mttaSeconds).toBe(1.3);
    expect(faultsByKind([]).totals).toMatchObject({ opened: 0, mttaSeconds: null, mttrSeconds: null });
  });

  it('vendor calls: response from the call to the close, promises kept and missed', () => {
    const faults = [
      // Closed before the promise: kept, responded in 100 s.
      fault({ id: 1, closedAt: 150 * s, events: [ev('vendor-contacted', 50 * s, { promisedAt: 200 * s })] }),
      // Closed after the promise: missed, responded in 300 s.
      fault({ id: 2, closedAt: 400 * s, events: [ev('vendor-contacted', 100 * s, { promisedAt: 200 * s })] }),
      // Closed exactly at the promise: kept.
      fault({ id: 3, closedAt: 200 * s, events: [ev('vendor-contacted', 100 * s, { promisedAt: 200 * s })] }),
      // Still open, promise passed: missed; still open, promise ahead: neither.
      fault({ id: 4, events: [ev('vendor-contacted', 100 * s, { promisedAt: 200 * s })] }),
      fault({ id: 5, events: [ev('vendor-contacted', 100 * s, { promisedAt: 900 * s })] }),
      // No promise; and a fault never called about.
      fault({ id: 6, closedAt: 300 * s, events: [ev('vendor-contacted', 200 * s)] }),
      fault({ id: 7, closedAt: 300 * s }),
    ];
    expect(vendorSummary(faults, 500 * s)).toEqual({
      contacted: 6,
      closed: 4,
      meanResponseSeconds: (100 + 300 + 100 + 100) / 4,
      promisesKept: 2,
      promisesMissed: 2,
    });
    expect(vendorSummary([], 0)).toEqual({
      contacted: 0,
      closed: 0,
      meanResponseSeconds: null,
      promisesKept: 0,
      promisesMissed: 0,
    });
  });

  it('incidents of one kind, oldest first', () => {
    const faults = [
      fault({ id: 2, kind: 'forbidden-software', deviceId: 'pc-02', openedAt: 20, detail: 'b' }),
      fault({
        id: 1,
        kind: 'forbidden-software',
        deviceId: 'pc-01',
        openedAt: 10,
        detail: 'a',
        state: 'resolved',
      }),
      fault({ id: 3, kind: 'jam', openedAt: 5 }),
    ];
    expect(incidents(faults, 'forbidden-software')).toEqual([
      { faultId: 1, deviceId: 'pc-01', openedAt: 10, state: 'resolved', detail: 'a' },
      { faultId: 2, deviceId: 'pc-02', openedAt: 20, state: 'open', detail: 'b' },
    ]);
  });
});

describe('power schedule adherence', () => {
  // The reconciler staggers and retries within minutes: a command up to an hour after the planned minute
  // is matched (src/domain/report-power.ts).
  const matchToleranceMs = 60 * min;
  const pc: ReportDevice = {
    id: 'pc-01',
    name: 'PC',
    type: 'pc',
    location: '查阅区',
    powerMethod: 'wol',
    plug: null,
    vendor: 'V',
  };
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

  it('plans an on and an off per window, up to the counted end; none for monitor-only devices and plugs', () => {
    const days = [day([[100 * min, 200 * min]])];
    const planned = (d: ReportDevice, to: number) => powerAdherence([d], days, [], 0, to).planned;
    expect(planned(pc, Number.POSITIVE_INFINITY)).toBe(2);
    expect(planned(pc, 200 * min)).toBe(1);
    expect(planned(pc, 100 * min)).toBe(0);
    expect(planned({ ...pc, powerMethod: 'none' }, Number.POSITIVE_INFINITY)).toBe(0);
    expect(planned({ ...pc, type: 'plug' }, Number.POSITIVE_INFINITY)).toBe(0);
  });

  it('done when a verified command in that direction came within the tolerance; failed; no action', () => {
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
        act({ action: 'on', requestedAt: 100 * min - 60 * s }), // a minute early still counts
        act({ action: 'soft-off', requestedAt: 200 * min + 5 * min, result: 'failed' }),
        act({ action: 'on', requestedAt: 300 * min + matchToleranceMs }), // too late: unplanned
        act({ action: 'cut', requestedAt: 400 * min + 2 * min }),
      ],
      0,
      Number.POSITIVE_INFINITY,
    );
    expect(r).toEqual({ planned: 4, done: 2, failed: 1, noAction: 1, adherence: 0.5, unplannedActions: 1 });
  });

  it('a command more than a minute early is not matched; the tolerance is one hour', () => {
    const days = [day([[100 * min, 200 * min]])];
    const early = powerAdherence([pc], days, [act({ requestedAt: 100 * min - 60 * s - 1 })], 0, 150 * min);
    expect(early).toMatchObject({ planned: 1, done: 0, noAction: 1, unplannedActions: 1 });
    const late = powerAdherence(
      [pc],
      days,
      [act({ requestedAt: 100 * min + matchToleranceMs - 1 })],
      0,
      200 * min,
    );
    expect(late).toMatchObject({ done: 1, unplannedActions: 0 });
  });

  it('unplanned commands are counted only inside the month; no plan means no adherence figure', () => {
    const r = powerAdherence(
      [pc],
      [],
      [act({ requestedAt: 5 }), act({ requestedAt: 10 }), act({ requestedAt: 20 })],
      10,
      20,
    );
    expect(r).toEqual({ planned: 0, done: 0, failed: 0, noAction: 0, adherence: null, unplannedActions: 1 });
  });

  it('another device’s commands do not count for this one', () => {
    const days = [day([[100 * min, 200 * min]])];
    const r = powerAdherence([pc], days, [act({ deviceId: 'pc-02', requestedAt: 100 * min })], 0, 150 * min);
    expect(r).toMatchObject({ planned: 1, done: 0, noAction: 1 });
  });
});
