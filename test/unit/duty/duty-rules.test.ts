import { describe, expect, it } from 'vitest';
import {
  absenceOn,
  type DutyFacts,
  datesLeftUncovered,
  dutyChain,
  dutyDay,
  postsOn,
} from '../../../src/domain/duty.js';
import { suppression } from '../../../src/domain/inhibition.js';
import { routingPlan } from '../../../src/domain/routing.js';

// The rules of domain/duty.ts and domain/inhibition.ts on our own small zone. 2025-05-12 is a Monday.
const people = [
  { id: 'a', name: '李娟', role: 'staff' as const, post: 'A' as const },
  { id: 'b', name: '王芳', role: 'staff' as const, post: 'B' as const },
  { id: 'c', name: '赵敏', role: 'staff' as const, post: 'B' as const },
  { id: 'l', name: '张主任', role: 'lead' as const },
  { id: 't', name: '陈刚', role: 'technician' as const },
];
const facts = (over: Partial<DutyFacts> = {}): DutyFacts => ({
  people,
  rota: { mon: { A: ['a'], B: ['b'] }, sat: { A: ['b'], B: [] } },
  absences: [],
  swaps: [],
  reachable: () => true,
  ...over,
});
const ids = (l: { present: readonly { id: string }[] }) => l.present.map((p) => p.id);

describe('who holds the posts', () => {
  it('takes the rota weekday, or the people’s own posts on a day the rota does not list', () => {
    expect(postsOn('2025-05-12', facts())).toEqual({ A: ['a'], B: ['b'] });
    // Saturday is listed: the part-time attendant holds A.
    expect(postsOn('2025-05-17', facts())).toEqual({ A: ['b'], B: [] });
    // Tuesday is not: everyone's own post (two attendants on B).
    expect(postsOn('2025-05-13', facts())).toEqual({ A: ['a'], B: ['b', 'c'] });
  });

  it('a swap gives the post to another attendant; if they held the other post, the two exchange', () => {
    const exchange = facts({ swaps: [{ id: 1, date: '2025-05-12', post: 'A', personId: 'b' }] });
    expect(postsOn('2025-05-12', exchange)).toEqual({ A: ['b'], B: ['a'] });
    const stand = facts({ swaps: [{ id: 2, date: '2025-05-12', post: 'B', personId: 'c' }] });
    expect(postsOn('2025-05-12', stand)).toEqual({ A: ['a'], B: ['c'] });
    // Only on its own date.
    expect(postsOn('2025-05-19', exchange)).toEqual({ A: ['a'], B: ['b'] });
  });

  it('an absence covers whole dates from–to inclusive', () => {
    const leave = [{ id: 1, personId: 'a', from: '2025-05-13', to: '2025-05-15', reason: '年假' }];
    expect(absenceOn('a', '2025-05-12', leave)).toBeUndefined();
    expect(absenceOn('a', '2025-05-13', leave)?.reason).toBe('年假');
    expect(absenceOn('a', '2025-05-15', leave)).toBeDefined();
    expect(absenceOn('a', '2025-05-16', leave)).toBeUndefined();
  });
});

describe('the on-duty chain', () => {
  it('is A → B → lead → technician, skipping the absent and those without a working channel', () => {
    const f = facts({
      absences: [{ id: 1, personId: 'a', from: '2025-05-12', to: '2025-05-12', reason: '病假' }],
      reachable: (id) => id !== 'b',
    });
    const chain = dutyChain('2025-05-12', f);
    expect(chain.map((l) => l.slot)).toEqual(['A', 'B', 'lead', 'technician']);
    expect(chain.map(ids)).toEqual([[], [], ['l'], ['t']]);
    expect(chain[0]?.skipped).toEqual([{ person: people[0], why: 'absent' }]);
    expect(chain[1]?.skipped).toEqual([{ person: people[1], why: 'no-channel' }]);
    const day = dutyDay('2025-05-12', f);
    expect(day.covers?.slot).toBe('lead');
    expect(day.postsEmpty).toBe(true);
  });

  it('the routing plan of a consumables fault follows the chain; of a device fault, technician → lead', () => {
    const f = facts({
      absences: [{ id: 1, personId: 'a', from: '2025-05-12', to: '2025-05-12', reason: '' }],
    });
    const onDuty = dutyChain('2025-05-12', f).map((l) => l.holders);
    const skip = (p: { id: string }) =>
      absenceOn(p.id, '2025-05-12', f.absences) ? ('absent' as const) : undefined;
    const paper = routingPlan(['on-duty'], people, onDuty, skip);
    expect(paper.levels.map(ids)).toEqual([[], ['b'], ['l'], ['t']]);
    expect(paper.lastResort).toBe(false);
    expect(routingPlan(['technician'], people, onDuty, skip).levels.map(ids)).toEqual([['t'], ['l']]);
  });

  it('when nobody at all can be told, the admins are the last level (never silently nobody)', () => {
    const admin = { id: 'x', name: '管理员', role: 'admin' as const };
    const plan = routingPlan(
      ['lead'],
      [people[0] as (typeof people)[number], admin],
      undefined,
      () => undefined,
    );
    expect(plan.lastResort).toBe(true);
    expect(plan.levels.at(-1)?.present.map((p) => p.id)).toEqual(['x']);
  });

  it('an absence that would leave no post on a working day is named by its dates', () => {
    // Wednesday's B posts (王芳, 赵敏: the people's own posts) are both away.
    const f = facts({
      absences: [
        { id: 1, personId: 'b', from: '2025-05-14', to: '2025-05-14', reason: '' },
        { id: 2, personId: 'c', from: '2025-05-13', to: '2025-05-14', reason: '' },
      ],
    });
    const working = (d: string) => !['2025-05-17', '2025-05-18'].includes(d);
    expect(
      datesLeftUncovered({ personId: 'a', from: '2025-05-12', to: '2025-05-16', reason: '' }, f, working),
    ).toEqual(['2025-05-14']);
    // Someone who holds no post that day takes nothing away.
    expect(
      datesLeftUncovered({ personId: 'c', from: '2025-05-12', to: '2025-05-12', reason: '' }, f, working),
    ).toEqual([]);
  });
});

describe('one fault per cause', () => {
  it('power-on-failed suppresses unreachable; unreachable suppresses paper and toner; a pending power-on holds', () => {
    const open = [
      { id: 1, kind: 'unreachable' as const },
      { id: 2, kind: 'power-on-failed' as const },
    ];
    expect(suppression(open[0] as (typeof open)[number], open, false)).toEqual({
      by: 'fault',
      faultId: 2,
      kind: 'power-on-failed',
    });
    expect(suppression(open[1] as (typeof open)[number], open, false)).toBeUndefined();
    const printer = [
      { id: 3, kind: 'paper-out' as const },
      { id: 4, kind: 'unreachable' as const },
    ];
    expect(suppression(printer[0] as (typeof printer)[number], printer, false)).toMatchObject({ faultId: 4 });
    expect(suppression({ id: 5, kind: 'unreachable' }, [], true)).toEqual({ by: 'power-on-pending' });
    expect(suppression({ id: 5, kind: 'unreachable' }, [], false)).toBeUndefined();
  });
});
