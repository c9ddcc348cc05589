import { describe, expect, it } from 'vitest';
import { condition } from '../../../src/domain/conditions.js';
import { initialStatus, type StatusState } from '../../../src/domain/device-status.js';
import { faultSignals, judges, stillReported } from '../../../src/domain/fault-rules.js';
import type { Observation } from '../../../src/domain/observation.js';

/** Edges of src/domain/fault-rules.ts: details, judging and "still reported". */
const obs = (o: Partial<Observation>): Observation => ({
  deviceId: 'p',
  source: 'snmp',
  at: 0,
  reachable: true,
  conditions: [],
  ...o,
});
const state = (status: StatusState['status']): StatusState => ({ ...initialStatus(0), status });

describe('signal details', () => {
  it('a condition without detail of its own kind has an empty detail', () => {
    const s = faultSignals(obs({ conditions: [condition('jam')] }), state('up'));
    expect(s.get('jam')).toEqual({ kind: 'jam', severity: 'critical', detail: '' });
    const r = faultSignals(obs({ conditions: [condition('service-requested')] }), state('up'));
    expect(r.get('service-requested')?.detail).toBe('');
  });

  it('an empty first detail is not joined with a separator', () => {
    const s = faultSignals(
      obs({ conditions: [condition('service-requested'), condition('waste-full')] }),
      state('up'),
    );
    expect(s.get('service-requested')?.detail).toBe('waste-full');
  });

  it('two details of one kind are joined with "; "', () => {
    const s = faultSignals(
      obs({ conditions: [condition('waste-full'), condition('output-full')] }),
      state('up'),
    );
    expect(s.get('service-requested')?.detail).toBe('waste-full; output-full');
  });
});

describe('judging', () => {
  it('a condition kind is not judged by a down device that does not answer', () => {
    expect(judges('jam', obs({ reachable: false }), state('down'))).toBe(false);
    expect(judges('unreachable', obs({ reachable: false }), state('down'))).toBe(true);
    expect(judges('power-on-failed', obs({ reachable: false }), state('down'))).toBe(false);
  });
});

describe('still reported', () => {
  it('unreachable and power-on-failed are still reported while the device is down', () => {
    expect(stillReported('unreachable', 'down', [])).toBe(true);
    expect(stillReported('unreachable', 'up', [])).toBe(false);
    expect(stillReported('power-on-failed', 'down', [])).toBe(true);
    expect(stillReported('power-on-failed', 'up', [])).toBe(false);
    expect(stillReported('power-on-failed', 'off-scheduled', [])).toBe(false);
  });

  it('a condition kind is still reported when one of the shown conditions opens it', () => {
    expect(stillReported('jam', 'up', ['jam'])).toBe(true);
    expect(stillReported('jam', 'up', ['paper-low', 'jam'])).toBe(true);
    expect(stillReported('jam', 'up', ['paper-low'])).toBe(false);
    expect(stillReported('jam', 'down', [])).toBe(false);
    expect(stillReported('service-requested', 'degraded', ['waste-full'])).toBe(true);
  });

  it('kinds nothing re-checks are never still reported', () => {
    expect(stillReported('cleaning-overdue', 'up', [])).toBe(false);
    expect(stillReported('public-report', 'down', ['jam'])).toBe(false);
  });
});
