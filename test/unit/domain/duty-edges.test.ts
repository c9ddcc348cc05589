import { describe, expect, it } from 'vitest';
import {
  type DutyFacts,
  type DutyPerson,
  datesBetween,
  datesLeftUncovered,
  dutyChain,
  postsOn,
  rangesOverlap,
} from '../../../src/domain/duty.js';

/** Edges of src/domain/duty.ts. 2026-12-02 is a Wednesday; 2026-12-05/06 a weekend. */
const people: DutyPerson[] = [
  { id: 'a1', name: '李娟', role: 'staff', post: 'A' },
  { id: 'b1', name: '王芳', role: 'staff', post: 'B' },
  { id: 'b2', name: '赵敏', role: 'staff' },
  { id: 'l', name: '张主任', role: 'lead', post: 'A' },
  { id: 't', name: '陈刚', role: 'technician', post: 'B' },
];
const facts = (over: Partial<DutyFacts> = {}): DutyFacts => ({
  people,
  rota: {},
  absences: [],
  swaps: [],
  reachable: () => true,
  ...over,
});
const wed = '2026-12-02';

describe('post holders', () => {
  it('without a rota day, only staff hold their own posts (a lead or technician with a post does not)', () => {
    expect(postsOn(wed, facts())).toEqual({ A: ['a1'], B: ['b1'] });
  });

  it('swaps of one date apply in id order, whatever order they are listed in', () => {
    const swaps = [
      { id: 2, date: wed, post: 'A' as const, personId: 'b2' },
      { id: 1, date: wed, post: 'A' as const, personId: 'l' },
    ];
    expect(postsOn(wed, facts({ swaps })).A).toEqual(['b2']);
  });

  it('a swap of another date is ignored', () => {
    const swaps = [{ id: 1, date: '2026-12-03', post: 'A' as const, personId: 'b2' }];
    expect(postsOn(wed, facts({ swaps }))).toEqual({ A: ['a1'], B: ['b1'] });
  });

  it('an A holder swapped onto B exchanges posts with the B holder', () => {
    const swaps = [{ id: 1, date: wed, post: 'B' as const, personId: 'a1' }];
    expect(postsOn(wed, facts({ swaps }))).toEqual({ A: ['b1'], B: ['a1'] });
  });

  it('in an exchange the other holders of the other post stay on it', () => {
    const rota = { wed: { A: ['a1'], B: ['b1', 'b2'] } };
    const swaps = [{ id: 1, date: wed, post: 'A' as const, personId: 'b1' }];
    expect(postsOn(wed, facts({ rota, swaps }))).toEqual({ A: ['b1'], B: ['b2', 'a1'] });
  });

  it('a newcomer already on the post is not counted among those displaced', () => {
    const rota = { wed: { A: ['a1', 'b2'], B: ['b2'] } };
    const swaps = [{ id: 1, date: wed, post: 'A' as const, personId: 'b2' }];
    expect(postsOn(wed, facts({ rota, swaps }))).toEqual({ A: ['b2'], B: ['a1'] });
  });
});

describe('the chain', () => {
  it('a rota id nobody has is no holder', () => {
    const rota = { wed: { A: ['ghost'], B: ['b1'] } };
    const [a, b] = dutyChain(wed, facts({ rota }));
    expect(a?.holders).toEqual([]);
    expect(a?.present).toEqual([]);
    expect(b?.holders.map((p) => p.id)).toEqual(['b1']);
  });
});

describe('dates between', () => {
  it('from and to both included, across a year end', () => {
    expect(datesBetween('2026-12-30', '2027-01-02')).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
    expect(datesBetween(wed, wed)).toEqual([wed]);
  });

  it('nothing when from is after to; at most max dates', () => {
    expect(datesBetween('2026-12-03', wed)).toEqual([]);
    expect(datesBetween('2026-12-01', '2026-12-31', 3)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
    expect(datesBetween('2026-12-01', '2026-12-31', 0)).toEqual([]);
  });
});

describe('dates left uncovered', () => {
  const weekday = (d: string) => !['2026-12-05', '2026-12-06'].includes(d);
  const b1Away = [{ id: 9, personId: 'b1', from: '2026-12-01', to: '2026-12-31', reason: '年假' }];
  const a1Away = [{ id: 9, personId: 'a1', from: '2026-12-01', to: '2026-12-31', reason: '年假' }];

  it('only working days count', () => {
    const planned = { personId: 'a1', from: '2026-12-04', to: '2026-12-07', reason: '病假' };
    expect(datesLeftUncovered(planned, facts({ absences: b1Away }), weekday)).toEqual([
      '2026-12-04',
      '2026-12-07',
    ]);
  });

  it('a B holder can take the last post away too', () => {
    const planned = { personId: 'b1', from: '2026-12-03', to: '2026-12-04', reason: '事假' };
    expect(datesLeftUncovered(planned, facts({ absences: a1Away }), weekday)).toEqual([
      '2026-12-03',
      '2026-12-04',
    ]);
  });

  it('somebody holding no post leaves nothing uncovered, even when the posts are empty already', () => {
    const absences = [...a1Away, ...b1Away];
    const planned = { personId: 'l', from: '2026-12-03', to: '2026-12-04', reason: '出差' };
    expect(datesLeftUncovered(planned, facts({ absences }), weekday)).toEqual([]);
  });
});

describe('overlapping ranges', () => {
  it('ranges sharing only an end date overlap, in either order', () => {
    const a = { from: '2026-12-01', to: '2026-12-05' };
    const b = { from: '2026-12-05', to: '2026-12-09' };
    expect(rangesOverlap(a, b)).toBe(true);
    expect(rangesOverlap(b, a)).toBe(true);
  });

  it('adjacent ranges do not overlap, in either order', () => {
    const a = { from: '2026-12-01', to: '2026-12-04' };
    const b = { from: '2026-12-05', to: '2026-12-09' };
    expect(rangesOverlap(a, b)).toBe(false);
    expect(rangesOverlap(b, a)).toBe(false);
  });

  it('a range inside another overlaps it', () => {
    const outer = { from: '2026-12-01', to: '2026-12-31' };
    const inner = { from: '2026-12-10', to: '2026-12-12' };
    expect(rangesOverlap(outer, inner)).toBe(true);
    expect(rangesOverlap(inner, outer)).toBe(true);
  });
});
