import { describe, expect, it } from 'vitest';
import type { ComplaintState } from '../../../src/domain/complaint.js';
import { maskPhone, maskPhonesIn, parsePhone } from '../../../src/domain/complaint-contact.js';
import {
  type ComplaintNotice,
  deadlineState,
  dueNotices,
  workingDeadline,
} from '../../../src/domain/complaint-deadlines.js';

/**
 * Complaint deadlines and the complainant's phone at their edges (src/domain/complaint-deadlines.ts,
 * src/domain/complaint-contact.ts), beyond what test/unit/complaints already pins.
 */
const tz = 'Asia/Shanghai';
/** Shanghai wall-clock time (UTC+8). */
const cst = (y: number, m: number, d: number, h: number, mi = 0) => Date.UTC(y, m - 1, d, h - 8, mi);

describe('workingDeadline: closing time and a broken calendar', () => {
  it('the period ends at that day’s own closing time', () => {
    // A calendar open every day; Friday 4 December 2026 closes at 16:00, the other days at 17:30.
    const days = { closingMinutes: (date: string) => (date === '2026-12-04' ? 16 * 60 : 17 * 60 + 30) };
    expect(workingDeadline(cst(2026, 12, 3, 10), 1, days, tz)).toBe(cst(2026, 12, 4, 16, 0));
    expect(workingDeadline(cst(2026, 12, 3, 10), 2, days, tz)).toBe(cst(2026, 12, 5, 17, 30));
  });
  it('a working day 366 days later is still found', () => {
    // 2025 has 365 days: 1 January 2025 + 366 days is 2 January 2026.
    const days = { closingMinutes: (date: string) => (date === '2026-01-02' ? 17 * 60 + 30 : null) };
    expect(workingDeadline(cst(2025, 1, 1, 10), 1, days, tz)).toBe(cst(2026, 1, 2, 17, 30));
  });
  it('none within 366 days: the plain count of days', () => {
    const days = { closingMinutes: (date: string) => (date === '2026-01-03' ? 17 * 60 + 30 : null) };
    expect(workingDeadline(cst(2025, 1, 1, 10), 1, days, tz)).toBe(cst(2025, 1, 2, 10));
  });
});

describe('dueNotices: which notice, when, and only once', () => {
  // Received Wednesday 2 December 2026; accept by Thursday 17:30, answer by the next Wednesday 17:30.
  const acceptDueAt = cst(2026, 12, 3, 17, 30);
  const answerDueAt = cst(2026, 12, 9, 17, 30);
  const policy = { remindBeforeMs: 2 * 3_600_000 };
  const due = (
    state: ComplaintState,
    now: number,
    sent: ComplaintNotice[] = [],
    o: { answerOwed?: boolean; hasFault?: boolean; working?: boolean } = {},
  ) =>
    dueNotices(
      {
        state,
        acceptDueAt,
        answerDueAt,
        answerOwed: o.answerOwed ?? true,
        hasFault: o.hasFault ?? false,
        sent: new Set(sent),
      },
      now,
      policy,
      o.working ?? true,
    );

  it('the first notice and the reminder together, first notice first', () => {
    expect(due('received', cst(2026, 12, 3, 16))).toEqual(['received', 'accept-remind']);
  });
  it('the first notice is sent once', () => {
    expect(due('received', cst(2026, 12, 2, 10), ['received'])).toEqual([]);
  });
  it('the first notice waits for working time, the reminder does not', () => {
    expect(due('received', cst(2026, 12, 3, 16), [], { working: false })).toEqual(['accept-remind']);
  });
  it('a report a fault already announced still gets its reminders', () => {
    expect(due('received', cst(2026, 12, 3, 16), [], { hasFault: true })).toEqual(['accept-remind']);
  });
  it('an accepted complaint gets no first notice and no accept notices', () => {
    expect(due('accepted', cst(2026, 12, 3, 17, 30))).toEqual([]);
    expect(due('accepted', cst(2026, 12, 4, 9))).toEqual([]);
  });
  it('an escalation already sent is not sent again', () => {
    expect(due('received', acceptDueAt, ['received', 'accept-overdue'])).toEqual([]);
    expect(due('accepted', answerDueAt, ['answer-overdue'])).toEqual([]);
  });
  it('still received when the answer is due: both escalations', () => {
    expect(due('received', answerDueAt, ['received'])).toEqual(['accept-overdue', 'answer-overdue']);
    expect(due('received', cst(2026, 12, 9, 16), ['received', 'accept-overdue'])).toEqual(['answer-remind']);
  });
  it('not accepted, with a contact: the answer is still owed, reminded from two hours before', () => {
    expect(due('not-accepted', cst(2026, 12, 9, 15, 30) - 1)).toEqual([]);
    expect(due('not-accepted', cst(2026, 12, 9, 15, 30))).toEqual(['answer-remind']);
    expect(due('not-accepted', answerDueAt - 1, ['answer-remind'])).toEqual([]);
    expect(due('not-accepted', answerDueAt, ['answer-remind'])).toEqual(['answer-overdue']);
  });
  it('without a contact nothing is owed: no answer notices even while received', () => {
    expect(due('received', answerDueAt, ['received', 'accept-overdue'], { answerOwed: false })).toEqual([]);
  });
  it('a closed complaint has no notices', () => {
    expect(due('closed', answerDueAt)).toEqual([]);
  });
});

describe('deadlineState at the edges', () => {
  const c = { acceptDueAt: cst(2026, 12, 3, 17, 30), answerDueAt: cst(2026, 12, 9, 17, 30) };
  it('a received complaint is on its accept deadline, whether or not an answer is owed', () => {
    expect(deadlineState({ ...c, state: 'received' }, false, cst(2026, 12, 3, 17, 29))).toEqual({
      stage: 'accept',
      dueAt: c.acceptDueAt,
      overdue: false,
    });
    expect(deadlineState({ ...c, state: 'received' }, true, cst(2026, 12, 10, 9))).toEqual({
      stage: 'accept',
      dueAt: c.acceptDueAt,
      overdue: true,
    });
  });
});

describe('phone numbers: more edges', () => {
  it('spaces do not count towards the 24 characters', () => {
    expect(parsePhone(`138${' '.repeat(30)}12345678`)).toEqual({ kind: 'mobile', normalized: '13812345678' });
  });
  it('a bracketed area code of two or three digits', () => {
    expect(parsePhone('(010)12345678')).toEqual({ kind: 'landline', normalized: '010-12345678' });
    expect(parsePhone('（0854）1234567')).toEqual({ kind: 'landline', normalized: '0854-1234567' });
    expect(parsePhone('(23)12345678')).toBeNull();
    expect(parsePhone('(010)1234567')).toBeNull();
  });
  it('a landline written internationally drops its trunk 0, which comes back', () => {
    expect(parsePhone('+86 10 12345678')).toEqual({ kind: 'landline', normalized: '010-12345678' });
    expect(parsePhone('+86 23 71234567')).toEqual({ kind: 'landline', normalized: '023-71234567' });
    expect(parsePhone('0086 755 1234567')).toEqual({ kind: 'landline', normalized: '0755-1234567' });
    expect(parsePhone('+86 0 23 71234567')).toEqual({ kind: 'landline', normalized: '023-71234567' });
    // +86 with no area code is not a number anyone can dial back.
    expect(parsePhone('+86 71234567')).toBeNull();
  });
  it('mobiles from 13x to 19x, nothing below', () => {
    expect(parsePhone('13012345678')).toEqual({ kind: 'mobile', normalized: '13012345678' });
    expect(parsePhone('19912345678')).toEqual({ kind: 'mobile', normalized: '19912345678' });
    expect(parsePhone('10012345678')).toBeNull();
    expect(parsePhone('11012345678')).toBeNull();
  });
  it('a 02x area code needs eight digits; an 0[3-9]xx one seven or eight', () => {
    expect(parsePhone('020-1234567')).toBeNull();
    expect(parsePhone('020-82345678')).toEqual({ kind: 'landline', normalized: '020-82345678' });
    expect(parsePhone('0311-7654321')).toEqual({ kind: 'landline', normalized: '0311-7654321' });
    expect(parsePhone('0311-765432')).toBeNull();
  });
  it('masks keep the prefix and the last four digits only', () => {
    expect(maskPhone('19912345678')).toBe('199****5678');
    expect(maskPhone('010-12345678')).toBe('010-****5678');
    expect(maskPhone('0854-1234567')).toBe('0854-****4567');
    expect(maskPhone('61234567')).toBe('****4567');
  });
  it('longer digit runs (an order number, an ID card number) are not phone numbers', () => {
    expect(maskPhonesIn('订单号913812345678')).toBe('订单号913812345678');
    expect(maskPhonesIn('编号138123456789')).toBe('编号138123456789');
    expect(maskPhonesIn('身份证 500101199001011234')).toBe('身份证 500101199001011234');
  });
  it('a phone number right after words or punctuation is masked', () => {
    expect(maskPhonesIn('电话:13812345678。')).toBe('电话:138****5678。');
    expect(maskPhonesIn('(13812345678)')).toBe('(138****5678)');
    expect(maskPhonesIn('甲13812345678乙19912345678')).toBe('甲138****5678乙199****5678');
  });
});
