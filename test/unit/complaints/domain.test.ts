import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ComplaintState,
  caseNumber,
  complaintTransition,
  faultPlanFor,
  notAcceptedGrounds,
} from '../../../src/domain/complaint.js';
import { maskPhone, maskPhonesIn, parsePhone } from '../../../src/domain/complaint-contact.js';
import { dueNotices, workingDeadline } from '../../../src/domain/complaint-deadlines.js';
import { complaintFigures } from '../../../src/domain/complaint-figures.js';
import { noticeRecipients } from '../../../src/domain/complaint-routing.js';
import { complaintWords } from '../../../src/domain/complaint-texts.js';
import { zonedEpoch } from '../../../src/domain/local-time.js';
import { parsePublicReport, parseSatisfaction } from '../../../src/domain/public-input.js';
import { windowLimit } from '../../../src/domain/rate-window.js';
import { testSchedule } from '../../helpers/schedule.js';

const tz = 'Asia/Shanghai';
const at = (iso: string) => Date.parse(iso);

describe('the complainant’s phone', () => {
  // China's plan as libphonenumber's resources/PhoneNumberMetadata.xml (territory CN) records it:
  // country code 86, trunk prefix 0, mobiles of 11 digits beginning 1, area codes 10/2x with 8-digit
  // local numbers and 3-digit area codes with 7 or 8, local numbers beginning 2–9 (exampleNumber
  // 13123456789 for mobile, 1012345678 for fixed line).
  it('accepts mobiles and landlines as people write them, normalised', () => {
    const cases: Array<[string, string]> = [
      ['13123456789', '13123456789'],
      ['138 1234 5678', '13812345678'],
      ['138-1234-5678', '13812345678'],
      ['+86 138 1234 5678', '13812345678'],
      ['0086 13812345678', '13812345678'],
      ['8613812345678', '13812345678'],
      ['010-12345678', '010-12345678'],
      ['01012345678', '010-12345678'],
      ['023-71234567', '023-71234567'],
      ['(023)71234567', '023-71234567'],
      ['（023）7123 4567', '023-71234567'],
      ['0854-8123456', '0854-8123456'],
      ['71234567', '71234567'],
      ['7123456', '7123456'],
    ];
    for (const [input, normalized] of cases) expect(parsePhone(input)?.normalized, input).toBe(normalized);
    expect(parsePhone('13812345678')?.kind).toBe('mobile');
    expect(parsePhone('023-71234567')?.kind).toBe('landline');
  });

  it('refuses what is not a Chinese phone number', () => {
    for (const bad of [
      '',
      '12345',
      '1381234567',
      '123812345678',
      '12812345678',
      '010-1234567',
      '023-0123456',
      '+1 415 555 0100',
      '138--12345678',
      'call me',
      '13812345678<b>',
      '１３８１２３４５６７８',
      '0123456',
      '0854-812345',
    ])
      expect(parsePhone(bad), bad).toBeNull();
  });

  it('is masked to the prefix and the last four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('023-71234567')).toBe('023-****4567');
    expect(maskPhone('7123456')).toBe('****3456');
  });

  it('is masked inside free text too, but case numbers and dates are left alone', () => {
    expect(maskPhonesIn('打印机卡纸了，请打我电话13812345678或 023-71234567 谢谢')).toBe(
      '打印机卡纸了，请打我电话138****5678或 023-****4567 谢谢',
    );
    expect(maskPhonesIn('+86 138 1234 5678')).toBe('138****5678');
    expect(maskPhonesIn('编号 ZS-20261202-003，2026-12-02 10:00')).toBe(
      '编号 ZS-20261202-003，2026-12-02 10:00',
    );
  });
});

describe('the complaint lifecycle', () => {
  it('received → accepted or not → answered → closed; closing early only when nobody can be answered', () => {
    const t = (
      from: Parameters<typeof complaintTransition>[0],
      a: Parameters<typeof complaintTransition>[1],
      owed = true,
    ) => {
      const r = complaintTransition(from, a, owed);
      return r.ok ? r.value : 'refused';
    };
    expect(t('received', 'accept')).toBe('accepted');
    expect(t('received', 'not-accept')).toBe('not-accepted');
    expect(t('accepted', 'accept')).toBe('refused');
    expect(t('received', 'answer')).toBe('refused');
    expect(t('accepted', 'answer')).toBe('answered');
    expect(t('not-accepted', 'answer')).toBe('answered');
    expect(t('answered', 'answer')).toBe('refused');
    expect(t('accepted', 'close')).toBe('refused');
    expect(t('accepted', 'close', false)).toBe('closed');
    expect(t('not-accepted', 'close', false)).toBe('closed');
    expect(t('received', 'close', false)).toBe('refused');
    expect(t('answered', 'close')).toBe('closed');
    expect(t('closed', 'close')).toBe('refused');
    expect(t('answered', 'link')).toBe('answered');
    expect(t('closed', 'link')).toBe('refused');
  });

  it('lists the five grounds of attachment 5 for not accepting, in words', () => {
    const W = complaintWords('zh-CN');
    expect(notAcceptedGrounds.map((g) => W.grounds[g])).toEqual([
      '投诉人不是当事人',
      '属于诉讼、仲裁、行政复议、信访等途径处理的事项',
      '投诉内容不具体、没有明确对象',
      '明显违法或无理的要求',
      '未留联系方式或不能及时提供必要证据',
    ]);
  });

  it('acts on a jam through a jam fault, on supplies and "does not work" through what is already open', () => {
    expect(faultPlanFor('jam', true)).toEqual({ join: ['jam'], open: 'jam' });
    expect(faultPlanFor('supplies', true)?.join.slice(0, 2)).toEqual(['paper-out', 'toner-out']);
    expect(faultPlanFor('device-broken', true)?.join[0]).toBe('unreachable');
    expect(faultPlanFor('device-broken', true)?.open).toBe('public-report');
    expect(faultPlanFor('service', true)).toBeNull();
    expect(faultPlanFor('suggestion', true)).toBeNull();
    expect(faultPlanFor('jam', false)).toBeNull();
  });

  it('numbers cases by the day of receipt', () => {
    expect(caseNumber('ZS', '2026-12-02', 3)).toBe('ZS-20261202-003');
    expect(caseNumber('GK', '2026-12-02', 1234)).toBe('GK-20261202-1234');
  });
});

describe('deadlines on the working calendar', () => {
  // Winter hours of a Chinese town office: 09:00–12:00 and 14:00–17:30, Monday to Friday.
  const days = {
    closingMinutes: (date: string) =>
      [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay()) ? null : 1050,
  };

  it('does not count the day of receipt and ends at closing time (民法典 201, 203)', () => {
    // Tuesday 10:00 → Wednesday 17:30; Friday evening → Monday 17:30; five working days from a Tuesday.
    expect(workingDeadline(at('2026-12-01T10:00:00+08:00'), 1, days, tz)).toBe(
      at('2026-12-02T17:30:00+08:00'),
    );
    expect(workingDeadline(at('2026-12-04T19:00:00+08:00'), 1, days, tz)).toBe(
      at('2026-12-07T17:30:00+08:00'),
    );
    expect(workingDeadline(at('2026-12-05T11:00:00+08:00'), 1, days, tz)).toBe(
      at('2026-12-07T17:30:00+08:00'),
    );
    expect(workingDeadline(at('2026-12-01T10:00:00+08:00'), 5, days, tz)).toBe(
      at('2026-12-08T17:30:00+08:00'),
    );
  });

  it('skips the National Day holiday and counts its make-up Saturday (chinese-days, 2025)', () => {
    // 2025: 1–8 October off; Sunday 28 September and Saturday 11 October are working days (State Council notice).
    const schedule = testSchedule({
      hours: {
        weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
        seasons: [
          {
            name: '全年',
            from: '01-01',
            periods: [
              { from: 540, to: 720 },
              { from: 840, to: 1050 },
            ],
            byWeekday: {},
          },
        ],
      },
    });
    expect(schedule.deadline(at('2025-09-30T10:00:00+08:00'), 1)).toBe(at('2025-10-09T17:30:00+08:00'));
    expect(schedule.deadline(at('2025-10-10T10:00:00+08:00'), 1)).toBe(at('2025-10-11T17:30:00+08:00'));
    expect(schedule.deadline(at('2025-09-26T16:00:00+08:00'), 1)).toBe(at('2025-09-28T17:30:00+08:00'));
  });

  it('reminds before each deadline and escalates once it is missed, each once', () => {
    const acceptDueAt = at('2026-12-02T17:30:00+08:00');
    const answerDueAt = at('2026-12-08T17:30:00+08:00');
    const base: {
      state: ComplaintState;
      acceptDueAt: number;
      answerDueAt: number;
      answerOwed: boolean;
      hasFault: boolean;
    } = { state: 'received', acceptDueAt, answerDueAt, answerOwed: true, hasFault: false };
    const policy = { remindBeforeMs: 120 * 60_000 };
    const due = (now: string, sent: string[] = [], over: Partial<typeof base> = {}, working = true) =>
      dueNotices({ ...base, ...over, sent: new Set(sent as never[]) }, at(now), policy, working);
    expect(due('2026-12-01T10:00:00+08:00')).toEqual(['received']);
    expect(due('2026-12-01T19:00:00+08:00', [], {}, false)).toEqual([]);
    expect(due('2026-12-01T10:00:00+08:00', [], { hasFault: true })).toEqual([]);
    expect(due('2026-12-02T15:30:00+08:00', ['received'])).toEqual(['accept-remind']);
    expect(due('2026-12-02T15:31:00+08:00', ['received', 'accept-remind'])).toEqual([]);
    expect(due('2026-12-02T17:30:00+08:00', ['received', 'accept-remind'])).toEqual(['accept-overdue']);
    // Missed the reminder window entirely (the daemon was down): only the escalation.
    expect(due('2026-12-03T09:00:00+08:00', ['received'])).toEqual(['accept-overdue']);
    const accepted = { state: 'accepted' as const };
    expect(due('2026-12-08T15:30:00+08:00', ['received', 'accept-remind'], accepted)).toEqual([
      'answer-remind',
    ]);
    expect(due('2026-12-08T17:30:00+08:00', ['answer-remind'], accepted)).toEqual(['answer-overdue']);
    // No contact: no answer owed, so no answer notices; an answered complaint has none.
    expect(due('2026-12-08T17:30:00+08:00', [], { ...accepted, answerOwed: false })).toEqual([]);
    expect(due('2026-12-09T09:00:00+08:00', [], { state: 'answered' })).toEqual([]);
  });

  it('reminds the on-duty post and the lead; a missed deadline goes along the whole chain to the technician', () => {
    const p = (id: string, role: 'staff' | 'technician' | 'lead' | 'admin') => ({ id, role });
    const a = p('a', 'staff');
    const b = p('b', 'staff');
    const lead = p('lead', 'lead');
    const tech = p('tech', 'technician');
    const people = [a, b, lead, tech, p('admin', 'admin')];
    const chain = [[a], [b], [lead]];
    const ids = (list: Array<{ id: string }>) => list.map((x) => x.id);
    expect(ids(noticeRecipients('received', chain, people, null))).toEqual(['a']);
    expect(ids(noticeRecipients('accept-remind', chain, people, null))).toEqual(['a', 'lead']);
    expect(ids(noticeRecipients('answer-overdue', chain, people, 'b'))).toEqual(['a', 'b', 'lead', 'tech']);
    // A absent: the chain starts at B.
    expect(ids(noticeRecipients('answer-remind', [[b], [lead]], people, null))).toEqual(['b', 'lead']);
    expect(ids(noticeRecipients('received', [], [p('admin', 'admin')], null))).toEqual(['admin']);
  });
});

describe('what a citizen sends', () => {
  it('names each wrong field in Chinese and never repeats the phone number', () => {
    const r = parsePublicReport(
      { device: '', problem: 'jam', description: 'x'.repeat(501), contact: '1381234' },
      'zh-CN',
    );
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.error;
    expect(errors.map((e) => e.field)).toEqual(['device', 'description', 'contact']);
    expect(errors[1]?.message).toBe('内容太长了（501 字），请不超过 500 字。');
    expect(errors.map((e) => e.message).join('')).not.toContain('1590000');
  });

  it('takes a jam without words, but a service complaint needs them', () => {
    expect(parsePublicReport({ device: 'copier-01', problem: 'jam' }, 'zh-CN')).toEqual({
      ok: true,
      value: { problem: 'jam', deviceId: 'copier-01', description: '', contact: null },
    });
    const service = parsePublicReport({ device: 'none', problem: 'service', description: ' ' }, 'zh-CN');
    expect(service.ok ? [] : service.error.map((e) => e.field)).toEqual(['description']);
  });

  it('refuses markup, control characters, wrong types and unknown API fields; never throws', () => {
    const fields = (b: Record<string, unknown>, api = false) => {
      const r = parsePublicReport(
        b,
        'zh-CN',
        api ? { deviceField: 'deviceId', allowed: ['deviceId', 'problem', 'description', 'contact'] } : {},
      );
      return r.ok ? [] : r.error.map((e) => e.field);
    };
    expect(fields({ device: 'pc-01', problem: 'other', description: '<script>alert(1)</script>' })).toEqual([
      'description',
    ]);
    expect(fields({ device: 'pc-01', problem: 'other', description: 'a\u0007b' })).toEqual(['description']);
    expect(fields({ device: 'pc-01', problem: 'other', description: 'a\u202eb' })).toEqual(['description']);
    expect(fields({ deviceId: 7, problem: ['jam'], description: {}, contact: 13812345678 }, true)).toEqual([
      'problem',
      'deviceId',
      'description',
      'contact',
    ]);
    expect(fields({ deviceId: 'pc-01', description: '坏了', extra: 1 }, true)).toEqual(['extra']);
    // The older API body {deviceId, description} still means "the device does not work".
    const old = parsePublicReport({ deviceId: 'pc-01', description: '坏了' }, 'zh-CN', {
      deviceField: 'deviceId',
      allowed: ['deviceId', 'description'],
    });
    expect(old.ok && old.value.problem).toBe('device-broken');
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.anything()), (body) => {
        const r = parsePublicReport(body, 'zh-CN', {
          deviceField: 'deviceId',
          allowed: ['deviceId', 'problem', 'description', 'contact'],
        });
        if (!r.ok) expect(r.error.length).toBeGreaterThan(0);
        const s = parseSatisfaction(body, 'en');
        if (!s.ok) expect(s.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('rate limits over stored times', () => {
  it('counts per visitor and for the zone within the window, and says how long to wait', () => {
    const now = 10 * 60_000;
    const hour = 60 * 60_000;
    expect(windowLimit([1, 2], [1, 2], now, hour, 3, 100)).toEqual({ ok: true });
    expect(windowLimit([60_000, 120_000, 180_000], [60_000, 120_000, 180_000], now, hour, 3, 100)).toEqual({
      ok: false,
      retryAfterMs: 60_000 + hour - now,
      zoneWide: false,
    });
    const all = Array.from({ length: 100 }, (_, i) => i * 1000);
    expect(windowLimit([], all, now, hour, 3, 100)).toMatchObject({ ok: false, zoneWide: true });
    // Older than the window: forgotten.
    expect(windowLimit([1, 2, 3], all, now + hour, hour, 3, 100)).toEqual({ ok: true });
  });
});

describe('the monthly figures', () => {
  const span = { from: at('2026-12-01T00:00:00+08:00'), to: at('2027-01-01T00:00:00+08:00') };
  const day = (d: number, h = 10) => zonedEpoch(`2026-12-${String(d).padStart(2, '0')}`, h * 60, tz);
  const c = (o: Partial<Parameters<typeof complaintFigures>[0][number]>) => ({
    type: 'complaint' as const,
    receivedAt: day(2),
    decidedAt: null,
    accepted: null,
    ground: null,
    acceptDueAt: day(3, 17.5),
    answerDueAt: day(9, 17.5),
    answeredAt: null,
    closedAt: null,
    answerOwed: true,
    ...o,
  });

  it('counts received, decided, answered on time or late, open; grounds; satisfaction and its rate', () => {
    const list = [
      // Accepted on time, answered on time, closed.
      c({ decidedAt: day(2, 11), accepted: true, answeredAt: day(4), closedAt: day(4) }),
      // Not accepted (no contact), closed at once: nobody to answer.
      c({
        decidedAt: day(3),
        accepted: false,
        ground: 'no-contact-or-evidence',
        answerOwed: false,
        closedAt: day(3),
      }),
      // Accepted late, answered late, still open.
      c({ decidedAt: day(4), accepted: true, answeredAt: day(10) }),
      // Never decided; the answer deadline has passed by the month's end.
      c({}),
      // A suggestion, accepted, not yet answered, not yet due.
      c({
        type: 'suggestion',
        receivedAt: day(30),
        decidedAt: day(30, 11),
        accepted: true,
        acceptDueAt: day(31, 17.5),
        answerDueAt: day(31, 23) + 6 * 86_400_000,
      }),
      // Last month: not counted.
      c({ receivedAt: at('2026-11-30T10:00:00+08:00') }),
    ];
    const ratings = [
      { at: day(4), rating: 'satisfied' as const },
      { at: day(5), rating: 'basically-satisfied' as const },
      { at: day(6), rating: 'dissatisfied' as const },
      { at: day(7), rating: 'satisfied' as const },
    ];
    const f = complaintFigures(list, ratings, span, span.to);
    expect(f.byType.complaint).toEqual({
      received: 4,
      accepted: 2,
      notAccepted: 1,
      undecided: 1,
      decidedLate: 1,
      answeredOnTime: 1,
      answeredLate: 1,
      unansweredOverdue: 1,
      noContact: 1,
      open: 2,
    });
    expect(f.byType.suggestion).toMatchObject({
      received: 1,
      accepted: 1,
      answeredOnTime: 0,
      open: 1,
      unansweredOverdue: 0,
    });
    expect(f.total.received).toBe(5);
    expect(f.notAcceptedByGround['no-contact-or-evidence']).toBe(1);
    expect(f.satisfaction.counts).toEqual({ satisfied: 2, 'basically-satisfied': 1, dissatisfied: 1 });
    // (2 + 1) ÷ 4
    expect(f.satisfaction.rate).toBe(0.75);
    // As of 3 December only what was known then counts.
    const early = complaintFigures(list, ratings, span, day(3, 12));
    expect(early.total).toMatchObject({
      received: 4,
      accepted: 1,
      notAccepted: 1,
      answeredOnTime: 0,
      open: 3,
    });
    expect(early.satisfaction.total).toBe(0);
  });
});
