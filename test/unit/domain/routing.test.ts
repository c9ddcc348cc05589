import { describe, expect, it } from 'vitest';
import { faultKinds } from '../../../src/domain/fault-kinds.js';
import {
  defaultRoutes,
  type EscalationState,
  escalationLevels,
  escalationStep,
  mayNotify,
  routingPlan,
} from '../../../src/domain/routing.js';

interface RoutedPerson {
  readonly id: string;
  readonly role: 'staff' | 'technician' | 'lead' | 'admin';
  readonly post?: 'A' | 'B' | undefined;
}

/** Who is told, and when (src/domain/routing.ts): the zone's seed rules written out by hand. */
const a: RoutedPerson = { id: 'a', role: 'staff', post: 'A' };
const a2: RoutedPerson = { id: 'a2', role: 'staff', post: 'A' };
const b: RoutedPerson = { id: 'b', role: 'staff', post: 'B' };
const tech: RoutedPerson = { id: 't', role: 'technician' };
const lead: RoutedPerson = { id: 'l', role: 'lead' };
const admin: RoutedPerson = { id: 'x', role: 'admin' };
const ids = (levels: RoutedPerson[][]) => levels.map((l) => l.map((p) => p.id));
const policy = { escalationMs: 15 * 60_000, reminderMs: 60 * 60_000, maxReminders: 2 };
const st = (level: number, stepAt: number | null, reminders = 0): EscalationState => ({
  level,
  stepAt,
  reminders,
});

describe('routes', () => {
  it('consumables and attendant tasks to the on-duty post; device faults to the technician; changes to technician and lead', () => {
    const byAudience: Record<string, string[]> = {};
    for (const k of faultKinds) {
      const key = defaultRoutes[k].join('+');
      byAudience[key] = [...(byAudience[key] ?? []), k];
    }
    expect(byAudience['on-duty']?.sort()).toEqual(
      [
        'paper-low',
        'paper-out',
        'toner-low',
        'toner-out',
        'jam',
        'door-open',
        'still-on-after-hours',
        'cleaning-overdue',
        'disinfection-overdue',
        'public-report',
      ].sort(),
    );
    expect(byAudience.technician?.sort()).toEqual(
      [
        'unreachable',
        'power-on-failed',
        'offline',
        'service-requested',
        'disk-full',
        'supply-order-due',
        'printer-stopped',
        'spool-area-full',
      ].sort(),
    );
    // A plug that cut the power for an overload: the attendant on site and the technician.
    expect(byAudience['on-duty+technician']).toEqual(['plug-overload']);
    expect(byAudience['technician+lead']?.sort()).toEqual([
      'forbidden-software',
      'hardware-changed',
      'software-changed',
    ]);
  });
});

describe('escalation levels', () => {
  const people = [lead, b, tech, a, a2, admin];
  it('on duty: A post, then B post, then the lead, then the technician (the last resort)', () => {
    expect(ids(escalationLevels(['on-duty'], people))).toEqual([['a', 'a2'], ['b'], ['l'], ['t']]);
  });
  it('technician: the technician, then the lead; lead alone: the lead', () => {
    expect(ids(escalationLevels(['technician'], people))).toEqual([['t'], ['l']]);
    expect(ids(escalationLevels(['lead'], people))).toEqual([['l']]);
  });
  it('technician and lead together: both at once, nobody twice (the lead level stays, empty)', () => {
    expect(ids(escalationLevels(['technician', 'lead'], people))).toEqual([['t', 'l'], []]);
  });
  it('an empty level is kept, so a level number is the same post all day', () => {
    expect(ids(escalationLevels(['on-duty'], [a, lead]))).toEqual([['a'], [], ['l'], []]);
    expect(ids(escalationLevels(['technician'], [a]))).toEqual([[], []]);
  });
  it('the routing plan: the absent and the unreachable skipped; nobody at all: the admins', () => {
    const plan = routingPlan(['on-duty'], people, undefined, (p) =>
      p.id === 'a' ? 'absent' : p.id === 'b' ? 'no-channel' : undefined,
    );
    expect(plan.levels.map((l) => l.present.map((p) => p.id))).toEqual([['a2'], [], ['l'], ['t']]);
    expect(plan.levels[1]?.skipped).toEqual([{ person: b, why: 'no-channel' }]);
    expect(plan.lastResort).toBe(false);
    const none = routingPlan(['technician'], [a, admin], undefined, () => undefined);
    expect(none.lastResort).toBe(true);
    expect(none.levels.map((l) => l.present.map((p) => p.id))).toEqual([[], [], ['x']]);
    // Not even an admin: the plan says so (check-config reports such a route as a problem).
    expect(routingPlan(['technician'], [a], undefined, () => undefined).levels.at(-1)?.present).toEqual([]);
  });
});

describe('may notify now', () => {
  it('critical always; non-critical in working time, or with the policy "always", or when it is an after-hours kind', () => {
    expect(mayNotify('critical', false, 'office-hours')).toBe(true);
    expect(mayNotify('warning', false, 'office-hours')).toBe(false);
    expect(mayNotify('warning', true, 'office-hours')).toBe(true);
    expect(mayNotify('info', false, 'always')).toBe(true);
    expect(mayNotify('warning', false, 'office-hours', 'still-on-after-hours')).toBe(true);
    expect(mayNotify('warning', false, 'office-hours', 'paper-low')).toBe(false);
  });
});

describe('escalation steps (15 min to escalate, reminders hourly, at most 2)', () => {
  const all = [true, true, true];
  it('first notice to the first level present, when allowed', () => {
    expect(escalationStep(st(-1, null), all, 0, true, policy)).toEqual({
      action: 'notify',
      type: 'initial',
      level: 0,
    });
    expect(escalationStep(st(-1, null), [false, true, true], 0, true, policy)).toEqual({
      action: 'notify',
      type: 'initial',
      level: 1,
    });
    expect(escalationStep(st(-1, null), all, 0, false, policy)).toEqual({ action: 'wait', until: null });
    expect(escalationStep(st(-1, null), [false, false], 0, true, policy)).toEqual({
      action: 'wait',
      until: null,
    });
    // Told level but no time stamped counts as not yet told.
    expect(escalationStep(st(0, null), all, 0, true, policy)).toMatchObject({ type: 'initial' });
  });

  it('escalates after exactly escalationMs, not a millisecond before; waits while not allowed', () => {
    const min = 60_000;
    expect(escalationStep(st(0, 0), all, 15 * min - 1, true, policy)).toEqual({
      action: 'wait',
      until: 15 * min,
    });
    expect(escalationStep(st(0, 0), all, 15 * min, true, policy)).toEqual({
      action: 'notify',
      type: 'escalate',
      level: 1,
    });
    expect(escalationStep(st(0, 0), all, 20 * min, false, policy)).toEqual({
      action: 'wait',
      until: 15 * min,
    });
  });

  it('skips an absent level; a told level marked absent afterwards escalates at once', () => {
    expect(escalationStep(st(0, 0), [true, false, true], 15 * 60_000, true, policy)).toMatchObject({
      level: 2,
    });
    expect(escalationStep(st(0, 1000), [false, true, true], 1000, true, policy)).toEqual({
      action: 'notify',
      type: 'escalate',
      level: 1,
    });
  });

  it('a step stamped in the future (clock went back) waits escalationMs from now at most', () => {
    expect(escalationStep(st(0, 10 * 3_600_000), all, 60_000, true, policy)).toEqual({
      action: 'wait',
      until: 60_000 + 15 * 60_000,
    });
  });

  it('at the last level: reminders every reminderMs, at most maxReminders', () => {
    const h = 3_600_000;
    expect(escalationStep(st(2, 0), all, h - 1, true, policy)).toEqual({ action: 'wait', until: h });
    expect(escalationStep(st(2, 0), all, h, true, policy)).toEqual({
      action: 'notify',
      type: 'remind',
      level: 2,
    });
    expect(escalationStep(st(2, 0, 1), all, h, true, policy)).toMatchObject({ type: 'remind' });
    expect(escalationStep(st(2, 0, 2), all, 10 * h, true, policy)).toEqual({ action: 'wait', until: null });
    expect(escalationStep(st(2, 0), all, h, false, policy)).toEqual({ action: 'wait', until: h });
    // A level beyond the list (people removed from the config) is the last one.
    expect(escalationStep(st(5, 0), all, h, true, policy)).toEqual({
      action: 'notify',
      type: 'remind',
      level: 2,
    });
  });
});
