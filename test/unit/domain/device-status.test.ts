import { describe, expect, it } from 'vitest';
import { condition } from '../../../src/domain/conditions.js';
import { initialStatus, nextStatus, type StatusState } from '../../../src/domain/device-status.js';
import type { Observation } from '../../../src/domain/observation.js';

/**
 * The rule in src/domain/device-status.ts, at its edges: down after the third failed poll, flapping at
 * the fourth status change within one hour (the defaults), not before, and not when the changes are
 * spread over more than an hour.
 */
const min = 60_000;
const obs = (o: Partial<Observation>): Observation => ({
  deviceId: 'p',
  source: 'snmp',
  at: 0,
  reachable: true,
  conditions: [],
  ...o,
});
const fail = (at: number) =>
  obs({ at, reachable: false, problem: { reason: 'timeout', message: 'timed out' } });
const offline = (at: number) =>
  obs({
    at,
    source: 'mqtt',
    power: { online: false, relay: null, watts: null, energyKWh: null, deviceOn: null, lastSeen: 0 },
  });

/** Status changes at the given minutes, alternating up / down (an MQTT plug offline is down at once). */
function changesAt(minutes: number[]): StatusState[] {
  let s = initialStatus(0);
  const states: StatusState[] = [];
  minutes.forEach((m, i) => {
    const r = nextStatus(s, i % 2 === 0 ? obs({ at: m * min, source: 'mqtt' }) : offline(m * min), true);
    expect(r.change, `a change at minute ${m}`).not.toBeNull();
    s = r.state;
    states.push(s);
  });
  return states;
}

describe('flapping (defaults: 4 changes within 1 hour)', () => {
  it('three changes within the hour are not flapping; the fourth is', () => {
    const states = changesAt([0, 5, 10, 15]);
    expect(states.map((s) => s.flapping)).toEqual([false, false, false, true]);
    expect(states[3]?.changes).toEqual([0, 5 * min, 10 * min, 15 * min]);
  });

  it('four changes spread over more than an hour are not flapping: the first has left the window', () => {
    // 0, 20, 40, 61 minutes: at 61 the change at 0 is more than an hour old.
    const states = changesAt([0, 20, 40, 61]);
    expect(states.map((s) => s.flapping)).toEqual([false, false, false, false]);
    expect(states[3]?.changes).toEqual([20 * min, 40 * min, 61 * min]);
  });

  it('a change exactly one hour old has left the window', () => {
    expect(changesAt([0, 20, 40, 60])[3]?.flapping).toBe(false);
    expect(changesAt([0, 20, 40, 59])[3]?.flapping).toBe(true);
  });

  it('the same status again is no change: the flap count and the since time stay', () => {
    const [first] = changesAt([0]);
    const again = nextStatus(first as StatusState, obs({ at: 3 * min, source: 'mqtt' }), true);
    expect(again.change).toBeNull();
    expect(again.state.changes).toEqual([0]);
    expect(again.state.since).toBe(0);
  });
});

describe('down only after 3 consecutive failed polls (default)', () => {
  it('first and second failures keep the status and say so; the third is down with the reason', () => {
    let s = nextStatus(initialStatus(0), obs({ at: 1 }), true).state;
    const one = nextStatus(s, fail(2), true);
    expect(one.change).toBeNull();
    expect(one.state).toMatchObject({ status: 'up', failStreak: 1 });
    s = one.state;
    const two = nextStatus(s, fail(3), true);
    expect(two.state).toMatchObject({ status: 'up', failStreak: 2 });
    const three = nextStatus(two.state, fail(4), true);
    expect(three.state).toMatchObject({ status: 'down', failStreak: 3, since: 4 });
    expect(three.change).toEqual({ from: 'up', to: 'down', at: 4, reason: '3 failed polls: timeout' });
    const back = nextStatus(three.state, obs({ at: 5 }), true);
    expect(back.change).toEqual({ from: 'down', to: 'up', at: 5, reason: 'reachable' });
    expect(back.state.failStreak).toBe(0);
  });

  it('a failure without a problem says only how many polls failed', () => {
    let s = initialStatus(0);
    let last = null as ReturnType<typeof nextStatus>['change'];
    for (let i = 1; i <= 3; i++) {
      const r = nextStatus(s, obs({ at: i, reachable: false }), true);
      s = r.state;
      last = r.change ?? last;
    }
    expect(last?.reason).toBe('3 failed polls');
  });

  it('before the third failure, a device never seen stays unknown', () => {
    const r = nextStatus(initialStatus(0), fail(1), true);
    expect(r.state.status).toBe('unknown');
    expect(r.change).toBeNull();
  });
});

describe('what the status says', () => {
  it('warnings make it degraded, named in the reason; info conditions do not', () => {
    const up = nextStatus(initialStatus(0), obs({ at: 1 }), true).state;
    const warn = nextStatus(
      up,
      obs({ at: 2, conditions: [condition('paper-low'), condition('toner-low')] }),
      true,
    );
    expect(warn.change).toMatchObject({ to: 'degraded', reason: 'paper-low,toner-low' });
    const info = nextStatus(up, obs({ at: 3, conditions: [condition('maintenance-due')] }), true);
    expect(info.change).toBeNull();
    expect(info.state.status).toBe('up');
  });

  it('off by schedule: off-scheduled at the first failure; back on schedule, a failure is unknown, not down', () => {
    const up = nextStatus(initialStatus(0), obs({ at: 1 }), true).state;
    const off = nextStatus(up, fail(2), false);
    expect(off.change).toEqual({ from: 'up', to: 'off-scheduled', at: 2, reason: 'off by schedule' });
    const waking = nextStatus(off.state, fail(3), true);
    expect(waking.change).toMatchObject({ to: 'unknown', reason: 'failed poll 2/3' });
  });

  it('an MQTT plug offline is down at once, with that reason', () => {
    const r = nextStatus(
      nextStatus(initialStatus(0), obs({ at: 1, source: 'mqtt' }), true).state,
      offline(2),
      true,
    );
    expect(r.change).toEqual({ from: 'up', to: 'down', at: 2, reason: 'mqtt offline' });
  });
});
