import { describe, expect, it } from 'vitest';
import { condition } from '../../../src/domain/conditions.js';
import { mergeReadings } from '../../../src/domain/merge-readings.js';
import type { Observation, PrinterReading, Supply } from '../../../src/domain/observation.js';

const t0 = Date.parse('2026-03-02T09:00:00+08:00');
const supply = (description: string, percent: number): Supply => ({
  index: 1,
  description,
  type: 'toner',
  color: 'black',
  level: percent,
  max: 100,
  percent,
  state: 'ok',
});
const printer = (over: Partial<PrinterReading>): PrinterReading => ({
  status: 'idle',
  queuedJobs: null,
  supplies: [],
  trays: [],
  alerts: [],
  pageCount: null,
  ...over,
});
const snmp = (at: number, over: Partial<Observation> = {}): Observation => ({
  deviceId: 'mfp-01',
  source: 'snmp',
  at,
  reachable: true,
  conditions: [],
  ...over,
});
const ipp = (at: number, over: Partial<Observation> = {}): Observation => ({
  ...snmp(at),
  source: 'ipp',
  ...over,
});

describe('mergeReadings', () => {
  it('takes each field from the source that has it, the more recent winning', () => {
    const view = mergeReadings(
      'mfp-01',
      [
        snmp(t0, {
          printer: printer({ status: 'printing', pageCount: 5000, supplies: [supply('SNMP toner', 40)] }),
        }),
        ipp(t0 + 1000, {
          printer: printer({
            status: 'unknown',
            queuedJobs: 2,
            acceptingJobs: true,
            makeAndModel: 'MFP',
            supplies: [supply('IPP toner', 38)],
          }),
        }),
      ],
      t0 + 2000,
      120_000,
    );
    expect(view?.reachable).toBe(true);
    expect(view?.at).toBe(t0 + 1000);
    expect(view?.printer).toEqual({
      status: 'printing', // IPP's 'unknown' does not count as having it
      acceptingJobs: true,
      queuedJobs: 2,
      supplies: [supply('IPP toner', 38)], // the newer source's whole list, never mixed
      trays: [],
      alerts: [],
      pageCount: 5000, // only SNMP has it
      makeAndModel: 'MFP',
    });
  });

  it('conditions are the union of fresh sources, the more severe winning', () => {
    const view = mergeReadings(
      'mfp-01',
      [
        snmp(t0, { conditions: [condition('toner-low', 'SNMP'), { name: 'jam', severity: 'warning' }] }),
        ipp(t0 + 10, { conditions: [condition('jam', 'media-jam-report'), condition('door-open')] }),
      ],
      t0 + 20,
      60_000,
    );
    expect(view?.conditions).toEqual([
      { name: 'jam', severity: 'critical', detail: 'media-jam-report' },
      { name: 'door-open', severity: 'critical' },
      { name: 'toner-low', severity: 'warning', detail: 'SNMP' },
    ]);
  });

  it('drops a stale source’s conditions and values', () => {
    const view = mergeReadings(
      'mfp-01',
      [
        snmp(t0, { conditions: [condition('paper-out')], printer: printer({ pageCount: 1 }) }),
        ipp(t0 + 120_000),
      ],
      t0 + 150_000,
      60_000,
    );
    expect(view?.conditions).toEqual([]);
    expect(view?.printer).toBeUndefined();
    expect(view?.sources).toEqual([
      { source: 'ipp', at: t0 + 120_000, fresh: true },
      { source: 'snmp', at: t0, fresh: false },
    ]);
  });

  it('reachable when one source reaches the device; the other’s problem is listed', () => {
    const problem = { reason: 'timeout' as const, message: 'no answer from 127.0.0.1:631 within 5000 ms' };
    const view = mergeReadings(
      'mfp-01',
      [snmp(t0), ipp(t0 + 5, { reachable: false, problem })],
      t0 + 10,
      60_000,
    );
    expect(view?.reachable).toBe(true);
    expect(view?.problems).toEqual([{ source: 'ipp', problem }]);
    const down = mergeReadings(
      'mfp-01',
      [
        snmp(t0, { reachable: false, problem: { reason: 'timeout', message: 'snmp' } }),
        ipp(t0 + 5, { reachable: false, problem }),
      ],
      t0 + 10,
      60_000,
    );
    expect(down).toMatchObject({ reachable: false, problem, conditions: [] });
  });

  it('shows the newest reading when nothing is fresh, and null for an unknown device', () => {
    const view = mergeReadings(
      'mfp-01',
      [snmp(t0, { conditions: [condition('jam')] })],
      t0 + 3_600_000,
      60_000,
    );
    expect(view?.reachable).toBe(true);
    expect(view?.conditions).toEqual([condition('jam')]);
    expect(view?.sources).toEqual([{ source: 'snmp', at: t0, fresh: false }]);
    expect(mergeReadings('pc-01', [snmp(t0)], t0, 60_000)).toBeNull();
  });
});

/** The rule of merge-readings.ts at its edges: freshness at exactly maxAge, unreachable views, empty values. */
describe('mergeReadings at the edges', () => {
  const maxAge = 120_000;
  const timeout = { reason: 'timeout' as const, message: '设备没有应答' };
  it('a reading exactly maxAge old is still fresh; 1 ms older is stale', () => {
    const obs = [
      snmp(t0, { conditions: [condition('jam')] }),
      ipp(t0 - 1000, { conditions: [condition('paper-low')] }),
    ];
    const atEdge = mergeReadings('mfp-01', obs, t0 + maxAge, maxAge);
    expect(atEdge?.conditions.map((c) => c.name)).toEqual(['jam']);
    expect(atEdge?.sources).toEqual([
      { source: 'snmp', at: t0, fresh: true },
      { source: 'ipp', at: t0 - 1000, fresh: false },
    ]);
    const stale = mergeReadings(
      'mfp-01',
      [snmp(t0, { conditions: [condition('jam')] })],
      t0 + maxAge + 1,
      maxAge,
    );
    expect(stale?.sources).toEqual([{ source: 'snmp', at: t0, fresh: false }]);
    // Nothing fresh: the newest is shown as it is.
    expect(stale?.conditions.map((c) => c.name)).toEqual(['jam']);
  });
  it('not reachable at all: the newest source’s problem, asleep, the newest last-known conditions, none current', () => {
    const view = mergeReadings(
      'mfp-01',
      [
        snmp(t0, {
          reachable: false,
          problem: timeout,
          asleep: true,
          lastKnown: { at: t0 - 5000, conditions: [condition('jam')] },
        }),
        ipp(t0 - 1000, {
          reachable: false,
          lastKnown: { at: t0 - 2000, conditions: [condition('toner-low')] },
        }),
      ],
      t0 + 1000,
      maxAge,
    );
    expect(view).toEqual({
      deviceId: 'mfp-01',
      at: t0,
      reachable: false,
      problem: timeout,
      problems: [],
      conditions: [],
      asleep: true,
      lastKnown: { at: t0 - 2000, conditions: [condition('toner-low')] },
      sources: [
        { source: 'snmp', at: t0, fresh: true },
        { source: 'ipp', at: t0 - 1000, fresh: true },
      ],
    });
  });
  it('not reachable, not asleep, no problem, nothing known: only the bare facts', () => {
    const view = mergeReadings('mfp-01', [snmp(t0, { reachable: false })], t0, maxAge);
    expect(view).toEqual({
      deviceId: 'mfp-01',
      at: t0,
      reachable: false,
      problems: [],
      conditions: [],
      sources: [{ source: 'snmp', at: t0, fresh: true }],
    });
  });
  it('a failed source without a problem is not listed; its conditions do not count', () => {
    const view = mergeReadings(
      'mfp-01',
      [
        snmp(t0, { conditions: [condition('paper-low')] }),
        ipp(t0 + 1, { reachable: false, conditions: [condition('jam')] }),
      ],
      t0 + 2,
      maxAge,
    );
    expect(view?.reachable).toBe(true);
    expect(view?.at).toBe(t0);
    expect(view?.problems).toEqual([]);
    expect(view?.conditions.map((c) => c.name)).toEqual(['paper-low']);
  });
  it('an empty message or an empty list does not hide another source’s', () => {
    const view = mergeReadings(
      'mfp-01',
      [
        snmp(t0, {
          printer: printer({
            message: 'Ready',
            trays: [
              { index: 1, description: 'Tray 1', media: null, level: 50, max: 100, percent: 50, state: 'ok' },
            ],
            alerts: [{ severity: 'warning', group: 'input', code: 'x', description: 'low' }],
          }),
        }),
        ipp(t0 + 1, { printer: printer({ message: '  ', status: 'printing' }) }),
      ],
      t0 + 2,
      maxAge,
    );
    expect(view?.printer?.message).toBe('Ready');
    expect(view?.printer?.status).toBe('printing');
    expect(view?.printer?.trays.map((t) => t.description)).toEqual(['Tray 1']);
    expect(view?.printer?.alerts.map((a) => a.description)).toEqual(['low']);
  });
  it('values nobody has stay absent or null', () => {
    const view = mergeReadings('mfp-01', [snmp(t0, { printer: printer({ status: 'unknown' }) })], t0, maxAge);
    expect(view?.printer).toEqual({
      status: 'unknown',
      queuedJobs: null,
      supplies: [],
      trays: [],
      alerts: [],
      pageCount: null,
    });
    expect(view && 'host' in view).toBe(false);
    expect(view && 'power' in view).toBe(false);
  });
  it('equal severities keep the more recent source’s detail; a worse older one wins', () => {
    const view = mergeReadings(
      'mfp-01',
      [
        snmp(t0, {
          conditions: [
            condition('jam', 'SNMP tray 1'),
            { name: 'paper-low', severity: 'critical', detail: 'old' },
          ],
        }),
        ipp(t0 + 1, { conditions: [condition('jam', 'IPP jam'), condition('paper-low', 'new')] }),
      ],
      t0 + 2,
      maxAge,
    );
    expect(view?.conditions).toEqual([
      { name: 'jam', severity: 'critical', detail: 'IPP jam' },
      { name: 'paper-low', severity: 'critical', detail: 'old' },
    ]);
  });
});
