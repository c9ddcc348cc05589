import { describe, expect, it } from 'vitest';
import { hasWorkingChannel, type PlanNotifier, planDeliveries } from '../../../src/domain/delivery-plan.js';

/** Outbox rows and working channels (src/domain/delivery-plan.ts). */
const notifiers: PlanNotifier[] = [
  { id: 'robot', type: 'wecom' },
  { id: 'mail', type: 'email' },
  { id: 'hook', type: 'webhook' },
];
const payload = { type: 'initial' as const, title: 'T', text: 'x', markdown: 'x' };

describe('planned deliveries', () => {
  it('names a recipient with exactly the contact fields the person has', () => {
    const full = {
      id: 'a',
      name: '李娟',
      phone: '13800000000',
      wecomUserId: 'lijuan',
      email: 'a@example.cn',
      notify: ['robot'],
    };
    const bare = { id: 'b', name: '王芳', notify: ['robot'] };
    const out = planDeliveries('e1', [full, bare], notifiers, payload);
    expect(out).toHaveLength(1);
    expect(out[0]?.recipient).toBe('group');
    expect(out[0]?.payload.to).toStrictEqual([
      { id: 'a', name: '李娟', phone: '13800000000', wecomUserId: 'lijuan', email: 'a@example.cn' },
      { id: 'b', name: '王芳' },
    ]);
  });

  it('leaves out contact fields given as undefined', () => {
    const p = {
      id: 'c',
      name: '赵敏',
      phone: undefined,
      wecomUserId: undefined,
      email: undefined,
      notify: ['hook'],
    };
    const out = planDeliveries('e1', [p], notifiers, payload);
    expect(out[0]?.payload.to).toStrictEqual([{ id: 'c', name: '赵敏' }]);
    expect(Object.keys(out[0]?.payload.to[0] ?? {})).toEqual(['id', 'name']);
  });

  it('a person listing a shared channel twice is named once on it', () => {
    const out = planDeliveries(
      'e1',
      [{ id: 'a', name: '李娟', notify: ['robot', 'robot'] }],
      notifiers,
      payload,
    );
    expect(out).toHaveLength(1);
    expect(out[0]?.payload.to).toStrictEqual([{ id: 'a', name: '李娟' }]);
  });

  it('skips unknown notifier ids and excluded channels', () => {
    const p = { id: 'a', name: '李娟', email: 'a@example.cn', notify: ['gone', 'robot', 'mail'] };
    expect(planDeliveries('e1', [p], notifiers, payload).map((d) => d.channel)).toEqual(['mail', 'robot']);
    const out = planDeliveries('e1', [p], notifiers, payload, new Set(['robot']));
    expect(out.map((d) => [d.channel, d.recipient])).toEqual([['mail', 'a']]);
  });
});

describe('a working channel', () => {
  it('a shared channel works without any address', () => {
    expect(hasWorkingChannel({ notify: ['robot'] }, notifiers)).toBe(true);
  });

  it('e-mail works only with an address', () => {
    expect(hasWorkingChannel({ notify: ['mail'] }, notifiers)).toBe(false);
    expect(hasWorkingChannel({ notify: ['mail'], email: 'a@example.cn' }, notifiers)).toBe(true);
  });

  it('an unknown notifier or none at all is no channel', () => {
    expect(hasWorkingChannel({ notify: ['gone'] }, notifiers)).toBe(false);
    expect(hasWorkingChannel({ notify: [] }, notifiers)).toBe(false);
    expect(hasWorkingChannel({ notify: ['robot'] }, [])).toBe(false);
  });

  it('a held channel does not count, whatever its type', () => {
    expect(hasWorkingChannel({ notify: ['robot'] }, notifiers, new Set(['robot']))).toBe(false);
    expect(hasWorkingChannel({ notify: ['mail'], email: 'a@example.cn' }, notifiers, new Set(['mail']))).toBe(
      false,
    );
    expect(hasWorkingChannel({ notify: ['robot'] }, notifiers, new Set(['hook']))).toBe(true);
  });

  it('one working channel among broken ones is enough', () => {
    expect(hasWorkingChannel({ notify: ['gone', 'mail', 'hook'] }, notifiers)).toBe(true);
    expect(hasWorkingChannel({ notify: ['gone', 'robot'] }, notifiers, new Set(['robot']))).toBe(false);
  });
});
