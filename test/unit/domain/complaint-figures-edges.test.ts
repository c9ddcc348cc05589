import { describe, expect, it } from 'vitest';
import {
  type ComplaintFact,
  complaintFigures,
  type SatisfactionFact,
} from '../../../src/domain/complaint-figures.js';

/** Boundaries of src/domain/complaint-figures.ts. December 2026 in Asia/Shanghai: [from, to). */
const from = Date.UTC(2026, 10, 30, 16, 0); // 2026-12-01 00:00 CST
const to = Date.UTC(2026, 11, 31, 16, 0); // 2027-01-01 00:00 CST
const span = { from, to };
const at = (day: number, hour = 10) => Date.UTC(2026, 11, day, hour - 8, 0);
const hour = 3_600_000;

const fact = (over: Partial<ComplaintFact> = {}): ComplaintFact => ({
  type: 'complaint',
  receivedAt: at(2),
  decidedAt: null,
  accepted: null,
  ground: null,
  acceptDueAt: at(4),
  answerDueAt: at(10),
  answeredAt: null,
  closedAt: null,
  answerOwed: true,
  ...over,
});
const noGrounds = {
  'not-concerned': 0,
  'other-procedure': 0,
  'not-specific': 0,
  unreasonable: 0,
  'no-contact-or-evidence': 0,
};

describe('which complaints belong to the month', () => {
  it('received at the first instant counts; at the next month’s first instant or just before the month does not', () => {
    const f = complaintFigures(
      [
        fact({ receivedAt: from }),
        fact({ receivedAt: to }),
        fact({ receivedAt: from - 1 }),
        fact({ receivedAt: to - 1 }),
      ],
      [],
      span,
      to,
    );
    expect(f.total.received).toBe(2);
  });

  it('received exactly at asOf counts; one after asOf does not', () => {
    const asOf = at(15);
    const f = complaintFigures([fact({ receivedAt: asOf }), fact({ receivedAt: asOf + 1 })], [], span, asOf);
    expect(f.total.received).toBe(1);
    expect(f.byType.complaint.received).toBe(1);
    expect(f.byType.suggestion.received).toBe(0);
  });
});

describe('decisions', () => {
  it('a decision exactly at asOf is known; one after it is not yet', () => {
    const asOf = at(3);
    const f = complaintFigures(
      [fact({ decidedAt: asOf, accepted: true }), fact({ decidedAt: asOf + 1, accepted: true })],
      [],
      span,
      asOf,
    );
    expect(f.total.accepted).toBe(1);
    expect(f.total.undecided).toBe(1);
  });

  it('decided exactly at the accepting deadline is on time; a millisecond later is late', () => {
    const f = complaintFigures(
      [fact({ decidedAt: at(4), accepted: true }), fact({ decidedAt: at(4) + 1, accepted: true })],
      [],
      span,
      to,
    );
    expect(f.total.decidedLate).toBe(1);
  });
});

describe('grounds for not accepting', () => {
  it('counts a not-accepted complaint by its ground once its decision is known', () => {
    const f = complaintFigures(
      [fact({ decidedAt: at(3), accepted: false, ground: 'unreasonable' })],
      [],
      span,
      to,
    );
    expect(f.notAcceptedByGround).toEqual({ ...noGrounds, unreasonable: 1 });
  });

  it('an accepted complaint, a ground missing, or a decision after asOf counts under no ground', () => {
    const asOf = at(20);
    const f = complaintFigures(
      [
        fact({ decidedAt: at(3), accepted: true, ground: 'not-specific' }),
        fact({ decidedAt: at(3), accepted: true }),
        fact({ decidedAt: at(3), accepted: false }),
        fact({ decidedAt: at(21), accepted: false, ground: 'not-concerned' }),
      ],
      [],
      span,
      asOf,
    );
    expect(f.notAcceptedByGround).toStrictEqual(noGrounds);
  });
});

describe('answers', () => {
  it('answered before or exactly at the deadline is on time; a millisecond later is late', () => {
    const f = complaintFigures(
      [fact({ answeredAt: at(10) - hour }), fact({ answeredAt: at(10) }), fact({ answeredAt: at(10) + 1 })],
      [],
      span,
      to,
    );
    expect(f.total.answeredOnTime).toBe(2);
    expect(f.total.answeredLate).toBe(1);
  });

  it('an answer still owed is overdue from its deadline on, not before', () => {
    const owed = [fact()];
    expect(complaintFigures(owed, [], span, at(10) - 1).total.unansweredOverdue).toBe(0);
    expect(complaintFigures(owed, [], span, at(10)).total.unansweredOverdue).toBe(1);
  });
});

describe('satisfaction', () => {
  const r = (a: number, rating: SatisfactionFact['rating']): SatisfactionFact => ({ at: a, rating });

  it('no rate when nobody rated', () => {
    const f = complaintFigures([], [], span, to);
    expect(f.satisfaction.total).toBe(0);
    expect(f.satisfaction.rate).toBeNull();
  });

  it('ratings from the first instant up to asOf count; before the month, at its end or after asOf do not', () => {
    const asOf = at(20);
    const f = complaintFigures(
      [],
      [
        r(from, 'satisfied'),
        r(asOf, 'dissatisfied'),
        r(from - 1, 'satisfied'),
        r(asOf + 1, 'satisfied'),
        r(to, 'satisfied'),
      ],
      span,
      asOf,
    );
    expect(f.satisfaction.counts).toEqual({ satisfied: 1, 'basically-satisfied': 0, dissatisfied: 1 });
    expect(f.satisfaction.total).toBe(2);
    expect(f.satisfaction.rate).toBe(0.5);
  });

  it('a rating at the last millisecond of the month counts when asOf is the month’s end', () => {
    const f = complaintFigures([], [r(to - 1, 'basically-satisfied'), r(to, 'dissatisfied')], span, to);
    expect(f.satisfaction.total).toBe(1);
    expect(f.satisfaction.rate).toBe(1);
  });
});
