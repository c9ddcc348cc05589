import { describe, expect, it } from 'vitest';
import {
  alertFor,
  effectiveRecords,
  evaluateSlot,
  monthlyCompliance,
  overdueCleared,
  type RecordFact,
} from '../../../src/domain/hygiene-compliance.js';
import { slotsDueOn } from '../../../src/domain/hygiene-plan.js';
import { bj, fakeDays, testPlan } from '../../fixtures/hygiene/fake-calendar.js';

const tz = 'Asia/Shanghai';
let nextId = 1;
const rec = (
  target: string,
  task: 'clean' | 'disinfect',
  done: string,
  recorded = done,
  extra: Partial<RecordFact> = {},
): RecordFact => ({
  id: nextId++,
  target,
  task,
  doneAt: bj(done),
  firstRecordedAt: bj(recorded),
  backdated: false,
  correctsId: null,
  ...extra,
});
const slot = (date: string, target: string, task: 'clean' | 'disinfect') => {
  const s = slotsDueOn(date, testPlan, fakeDays).find((x) => x.target === target && x.task === task);
  if (!s) throw new Error(`no slot ${date} ${target} ${task}`);
  return s;
};

describe('slot verdicts', () => {
  const s = slot('2025-10-09', 'reading-area', 'clean');

  it('on time when recorded by the deadline, late after it, overdue then missed without a record', () => {
    expect(
      evaluateSlot(s, [rec('reading-area', 'clean', '2025-10-09 08:59')], tz, bj('2025-10-09 12:00')).status,
    ).toBe('on-time');
    expect(
      evaluateSlot(s, [rec('reading-area', 'clean', '2025-10-09 09:01')], tz, bj('2025-10-09 12:00')).status,
    ).toBe('late');
    expect(evaluateSlot(s, [], tz, bj('2025-10-09 08:59')).status).toBe('due');
    expect(evaluateSlot(s, [], tz, bj('2025-10-09 09:00')).status).toBe('overdue');
    expect(evaluateSlot(s, [], tz, bj('2025-10-10 00:00')).status).toBe('missed');
  });

  it('a back-dated record is late even though it claims a time before the deadline', () => {
    const r = rec('reading-area', 'clean', '2025-10-09 08:30', '2025-10-09 10:00', { backdated: true });
    expect(evaluateSlot(s, [r], tz, bj('2025-10-09 12:00')).status).toBe('late');
  });

  it('ignores records of other targets, tasks and days', () => {
    const others = [
      rec('waiting-area', 'clean', '2025-10-09 08:00'),
      rec('reading-area', 'disinfect', '2025-10-09 08:00'),
      rec('reading-area', 'clean', '2025-10-08 18:00'),
    ];
    expect(evaluateSlot(s, others, tz, bj('2025-10-10 00:00')).status).toBe('missed');
  });

  it('a corrected record no longer counts; its correction does', () => {
    const old = rec('waiting-area', 'clean', '2025-10-09 08:00');
    const fix = rec('reading-area', 'clean', '2025-10-09 08:00', '2025-10-09 08:00', { correctsId: old.id });
    expect(effectiveRecords([old, fix]).map((r) => r.id)).toEqual([fix.id]);
    expect(evaluateSlot(s, effectiveRecords([old, fix]), tz, bj('2025-10-09 12:00')).status).toBe('on-time');
  });

  it('reminds in the last 30 minutes only, and says overdue from the deadline on', () => {
    const at = (t: string) => alertFor(evaluateSlot(s, [], tz, bj(t)), bj(t), 30);
    expect(at('2025-10-09 08:29')).toBeNull();
    expect(at('2025-10-09 08:30')).toBe('reminder');
    expect(at('2025-10-09 08:59')).toBe('reminder');
    expect(at('2025-10-09 09:00')).toBe('overdue');
  });
});

describe('monthly compliance', () => {
  it('counts on-time, late and missed per target over October with its holiday week', () => {
    const records: RecordFact[] = [];
    // waiting-area: every working day on time except the 13th (late) and the 14th (missed).
    for (const d of [
      '09',
      '10',
      '11',
      '15',
      '16',
      '17',
      '20',
      '21',
      '22',
      '23',
      '24',
      '27',
      '28',
      '29',
      '30',
      '31',
    ]) {
      records.push(rec('waiting-area', 'clean', `2025-10-${d} 08:15`));
    }
    records.push(rec('waiting-area', 'clean', '2025-10-13 10:05'));
    // Cleaning during the holiday is kept but nothing was due.
    records.push(rec('waiting-area', 'clean', '2025-10-04 10:00'));
    const summary = monthlyCompliance('2025-10', testPlan, fakeDays, records, tz, bj('2025-11-03 12:00'));
    const waiting = summary.rows.find((r) => r.target === 'waiting-area');
    expect(waiting?.counts).toEqual({ 'on-time': 16, late: 1, missed: 1, due: 0, overdue: 0 });
    expect(waiting?.ratio).toBeCloseTo(16 / 18, 10);
    const dis = summary.rows.find((r) => r.target === 'reading-area' && r.task === 'disinfect');
    // Due 9, 13, 20, 27 October; nothing recorded.
    expect(dis?.counts).toEqual({ 'on-time': 0, late: 0, missed: 4, due: 0, overdue: 0 });
    expect(summary.totals.missed).toBe(1 + 18 + 4);
  });
});

describe('slot verdicts at their edges (daily cleaning of 9 October: cycle 00:00–24:00, deadline opening 09:00)', () => {
  const s = slot('2025-10-09', 'reading-area', 'clean');
  const status = (records: RecordFact[], now: string) => evaluateSlot(s, records, tz, bj(now)).status;
  it('done at 00:00 counts for the day, at 24:00 for the next; 23:59 the day before does not', () => {
    expect(status([rec('reading-area', 'clean', '2025-10-09 00:00')], '2025-10-09 12:00')).toBe('on-time');
    expect(status([rec('reading-area', 'clean', '2025-10-08 23:59')], '2025-10-09 12:00')).toBe('overdue');
    expect(
      status([rec('reading-area', 'clean', '2025-10-10 00:00', '2025-10-09 08:00')], '2025-10-09 12:00'),
    ).toBe('overdue');
  });
  it('recorded exactly at the deadline is on time', () => {
    expect(status([rec('reading-area', 'clean', '2025-10-09 09:00')], '2025-10-09 12:00')).toBe('on-time');
  });
  it('a record made after "now" does not count yet; one made exactly now does', () => {
    expect(status([rec('reading-area', 'clean', '2025-10-09 08:30')], '2025-10-09 08:29')).toBe('due');
    expect(status([rec('reading-area', 'clean', '2025-10-09 08:30')], '2025-10-09 08:30')).toBe('on-time');
  });
  it('the satisfying record is the first recorded; on a tie the lower id', () => {
    const a = rec('reading-area', 'clean', '2025-10-09 11:00');
    const b = rec('reading-area', 'clean', '2025-10-09 10:00');
    expect(evaluateSlot(s, [a, b], tz, bj('2025-10-09 12:00'))).toMatchObject({
      status: 'late',
      recordId: b.id,
    });
    const c = rec('reading-area', 'clean', '2025-10-09 10:00');
    const d = rec('reading-area', 'clean', '2025-10-09 10:00');
    expect(evaluateSlot(s, [d, c], tz, bj('2025-10-09 12:00')).recordId).toBe(c.id);
    // An on-time record wins over an earlier-listed late one.
    const onTime = rec('reading-area', 'clean', '2025-10-09 08:00');
    expect(evaluateSlot(s, [a, onTime], tz, bj('2025-10-09 12:00'))).toMatchObject({
      status: 'on-time',
      recordId: onTime.id,
      deadlineAt: bj('2025-10-09 09:00'),
    });
  });
});

describe('an overdue task clears', () => {
  const start = bj('2025-10-09 00:00');
  it('with a record of that target and task done at or after the cycle began', () => {
    expect(
      overdueCleared('reading-area', 'clean', start, [rec('reading-area', 'clean', '2025-10-09 00:00')]),
    ).toBe(true);
    expect(
      overdueCleared('reading-area', 'clean', start, [rec('reading-area', 'clean', '2025-10-08 23:59')]),
    ).toBe(false);
    expect(
      overdueCleared('reading-area', 'clean', start, [rec('waiting-area', 'clean', '2025-10-09 10:00')]),
    ).toBe(false);
    expect(
      overdueCleared('reading-area', 'clean', start, [rec('reading-area', 'disinfect', '2025-10-09 10:00')]),
    ).toBe(false);
    expect(overdueCleared('reading-area', 'clean', start, [])).toBe(false);
  });
  it('not with a record a later one corrected away', () => {
    const old = rec('reading-area', 'clean', '2025-10-09 10:00');
    const fix = rec('waiting-area', 'clean', '2025-10-09 10:00', '2025-10-09 10:00', { correctsId: old.id });
    expect(overdueCleared('reading-area', 'clean', start, [old, fix])).toBe(false);
    expect(overdueCleared('reading-area', 'clean', start, [old])).toBe(true);
  });
});

describe('the compliance ratio counts overdue slots and is null while nothing has passed', () => {
  it('on 9 October at 10:00: one on time, one overdue → 50 %; the disinfection due at 17:00 has no ratio yet', () => {
    const summary = monthlyCompliance(
      '2025-10',
      testPlan,
      fakeDays,
      [rec('reading-area', 'clean', '2025-10-09 08:00')],
      tz,
      bj('2025-10-09 10:00'),
    );
    expect(summary.totals).toMatchObject({ 'on-time': 1, late: 0, missed: 0, overdue: 1 });
    expect(summary.ratio).toBe(0.5);
    const dis = summary.rows.find((r) => r.target === 'reading-area' && r.task === 'disinfect');
    expect(dis?.ratio).toBeNull();
    expect(summary.rows.find((r) => r.target === 'waiting-area')?.ratio).toBe(0);
    expect(summary.rows.map((r) => `${r.targetName}/${r.task}`)).toEqual([
      '查阅区/clean',
      '查阅区/disinfect',
      '等候区/clean',
    ]);
  });
});
