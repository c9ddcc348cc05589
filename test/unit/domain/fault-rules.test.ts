import { describe, expect, it } from 'vitest';
import { condition, worseSeverity } from '../../../src/domain/conditions.js';
import { initialStatus, type StatusState } from '../../../src/domain/device-status.js';
import type { FaultKind } from '../../../src/domain/fault-kinds.js';
import { isObservedKind } from '../../../src/domain/fault-kinds.js';
import { type FaultSignal, faultSignals, judges, reconcile } from '../../../src/domain/fault-rules.js';
import { suppression } from '../../../src/domain/inhibition.js';
import type { Observation } from '../../../src/domain/observation.js';

/** Which faults one observation raises and clears (src/domain/fault-rules.ts), case by case. */
const obs = (o: Partial<Observation>): Observation => ({
  deviceId: 'p',
  source: 'snmp',
  at: 0,
  reachable: true,
  conditions: [],
  ...o,
});
const state = (status: StatusState['status']): StatusState => ({ ...initialStatus(0), status });
const up = state('up');

describe('fault signals', () => {
  it('a down device signals unreachable only, with the probe’s problem, MQTT offline, or "no answer"', () => {
    const problem = { reason: 'timeout' as const, message: 'no answer within 5000 ms' };
    expect([
      ...faultSignals(obs({ reachable: false, problem, conditions: [condition('jam')] }), state('down')),
    ]).toEqual([
      ['unreachable', { kind: 'unreachable', severity: 'critical', detail: 'no answer within 5000 ms' }],
    ]);
    const offline = obs({
      source: 'mqtt',
      power: { online: false, relay: null, watts: null, energyKWh: null, deviceOn: null, lastSeen: 0 },
    });
    expect(faultSignals(offline, state('down')).get('unreachable')?.detail).toBe('MQTT offline');
    expect(faultSignals(obs({ reachable: false }), state('down')).get('unreachable')?.detail).toBe(
      'no answer',
    );
  });

  it('an unreachable device not yet down signals nothing, not even its last conditions', () => {
    expect(faultSignals(obs({ reachable: false, conditions: [condition('jam')] }), up).size).toBe(0);
  });

  it('conditions become fault kinds with their severity and detail; unmapped conditions are none', () => {
    const s = faultSignals(
      obs({ conditions: [condition('paper-out', '纸盒 1'), condition('maintenance-due')] }),
      up,
    );
    expect([...s.keys()]).toEqual(['paper-out']);
    expect(s.get('paper-out')).toEqual({
      kind: 'paper-out',
      severity: condition('paper-out').severity,
      detail: '纸盒 1',
    });
  });

  it('several conditions of one kind: the worst severity, details joined; a service request names its cause', () => {
    const s = faultSignals(
      obs({
        conditions: [
          condition('output-full'),
          condition('waste-full', '废粉盒满'),
          condition('input-tray-missing'),
        ],
      }),
      up,
    );
    const sr = s.get('service-requested') as FaultSignal;
    expect(sr.detail).toBe('output-full; 废粉盒满; input-tray-missing');
    expect(sr.severity).toBe(
      [condition('output-full'), condition('waste-full'), condition('input-tray-missing')]
        .map((c) => c.severity)
        .reduce(worseSeverity),
    );
    expect(
      faultSignals(obs({ conditions: [condition('service-requested')] }), up).get('service-requested')
        ?.detail,
    ).toBe('');
  });

  it('worse severity: critical over warning over info, either way round', () => {
    expect(worseSeverity('info', 'warning')).toBe('warning');
    expect(worseSeverity('warning', 'info')).toBe('warning');
    expect(worseSeverity('critical', 'warning')).toBe('critical');
    expect(worseSeverity('warning', 'critical')).toBe('critical');
    expect(worseSeverity('info', 'info')).toBe('info');
  });
});

describe('what an observation judges', () => {
  it('nothing while off by schedule; unreachable when down or reachable; the rest only when reachable', () => {
    const silent = obs({ reachable: false });
    expect(judges('paper-out', obs({}), state('off-scheduled'))).toBe(false);
    expect(judges('unreachable', silent, state('down'))).toBe(true);
    expect(judges('unreachable', silent, up)).toBe(false);
    expect(judges('unreachable', obs({}), up)).toBe(true);
    expect(judges('power-on-failed', obs({}), up)).toBe(true);
    expect(judges('power-on-failed', silent, up)).toBe(false);
    expect(judges('paper-out', silent, up)).toBe(false);
  });

  it('observed kinds are the probes’ own (they clear by themselves); schedule kinds are not', () => {
    expect(isObservedKind('unreachable')).toBe(true);
    expect(isObservedKind('paper-out')).toBe(true);
    expect(isObservedKind('power-on-failed')).toBe(false);
    expect(isObservedKind('still-on-after-hours')).toBe(false);
  });
});

describe('reconcile', () => {
  const sig = (kind: FaultKind): FaultSignal => ({ kind, severity: 'warning', detail: '' });
  const all = () => true;

  it('raises every signal, unreachable on top of an open power-on-failed too (its message is suppressed: inhibition.ts)', () => {
    const signals = new Map<FaultKind, FaultSignal>([
      ['unreachable', sig('unreachable')],
      ['jam', sig('jam')],
    ]);
    expect(reconcile(signals, new Set(), new Map(), all, 2, all).raise.map((s) => s.kind)).toEqual([
      'unreachable',
      'jam',
    ]);
    expect(
      reconcile(signals, new Set(['power-on-failed']), new Map(), all, 2, all).raise.map((s) => s.kind),
    ).toEqual(['unreachable', 'jam']);
    expect(suppression({ id: 2, kind: 'unreachable' }, [{ id: 1, kind: 'power-on-failed' }], false)).toEqual({
      by: 'fault',
      faultId: 1,
      kind: 'power-on-failed',
    });
  });

  it('clears after clearAfter judged polls without the signal, counting in `absent`', () => {
    const open = new Set<FaultKind>(['jam']);
    const one = reconcile(new Map(), open, new Map(), all, 3, all);
    expect(one).toMatchObject({ clear: [], absent: new Map([['jam', 1]]) });
    const two = reconcile(new Map(), open, one.absent, all, 3, all);
    expect(two).toMatchObject({ clear: [], absent: new Map([['jam', 2]]) });
    const three = reconcile(new Map(), open, two.absent, all, 3, all);
    expect(three.clear).toEqual(['jam']);
    expect(three.absent.size).toBe(0);
  });

  it('a signal present again resets the streak; a kind that cannot clear by itself is left alone', () => {
    const open = new Set<FaultKind>(['jam', 'power-on-failed']);
    const r = reconcile(
      new Map([['jam', sig('jam')]]),
      open,
      new Map([['jam', 1]]),
      all,
      2,
      (k) => k !== 'power-on-failed',
    );
    expect(r.clear).toEqual([]);
    expect(r.absent.size).toBe(0);
  });

  it('an unjudged poll keeps the streak as it was (and starts none)', () => {
    const open = new Set<FaultKind>(['jam', 'paper-out']);
    const r = reconcile(new Map(), open, new Map([['jam', 1]]), () => false, 2, all);
    expect(r.clear).toEqual([]);
    expect([...r.absent]).toEqual([['jam', 1]]);
  });
});
