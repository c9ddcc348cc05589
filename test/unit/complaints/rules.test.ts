import { describe, expect, it } from 'vitest';
import {
  answerOwed,
  caseNumber,
  caseNumberPattern,
  complaintStates,
  complaintTransition,
  deviceProblems,
  faultPlanFor,
  isDecided,
  typeOfProblem,
} from '../../../src/domain/complaint.js';
import { maskPhonesIn, parsePhone } from '../../../src/domain/complaint-contact.js';
import { deadlineState, dueNotices, workingDeadline } from '../../../src/domain/complaint-deadlines.js';
import {
  commentMax,
  descriptionMax,
  parsePublicReport,
  parseSatisfaction,
  publicTexts,
} from '../../../src/domain/public-input.js';
import { windowLimit } from '../../../src/domain/rate-window.js';

/** Boundaries of what a citizen sends and of the complaint rules, with the Chinese the citizen reads. */
const messages = (r: { ok: boolean; error?: readonly { field: string; message: string }[] }) =>
  r.ok ? [] : (r.error ?? []).map((e) => [e.field, e.message]);

describe('a report’s description: at most 500 characters, counted as characters not bytes', () => {
  it('the limits are 500 and 300', () => {
    expect(descriptionMax).toBe(500);
    expect(commentMax).toBe(300);
  });
  it('500 Chinese characters pass, 501 do not', () => {
    const ok = parsePublicReport(
      { device: 'pc-01', problem: 'other', description: '坏'.repeat(500) },
      'zh-CN',
    );
    expect(ok.ok).toBe(true);
    const long = parsePublicReport(
      { device: 'pc-01', problem: 'other', description: '坏'.repeat(501) },
      'zh-CN',
    );
    expect(messages(long)).toEqual([['description', '内容太长了（501 字），请不超过 500 字。']]);
  });
  it('an emoji is one character; spaces round it are trimmed, line breaks normalised', () => {
    const r = parsePublicReport(
      { device: 'pc-01', problem: 'other', description: `  ${'😀'.repeat(500)}  ` },
      'zh-CN',
    );
    expect(r.ok).toBe(true);
    const lines = parsePublicReport(
      { device: 'pc-01', problem: 'other', description: ' 第一行\r\n第二行\r第三行 ' },
      'zh-CN',
    );
    expect(lines.ok && lines.value.description).toBe('第一行\n第二行\n第三行');
  });
  it('tabs and line breaks are text; other control characters and markup are not (with the reason in Chinese)', () => {
    expect(
      parsePublicReport({ device: 'pc-01', problem: 'other', description: '甲\t乙\n丙' }, 'zh-CN').ok,
    ).toBe(true);
    expect(
      messages(parsePublicReport({ device: 'pc-01', problem: 'other', description: '甲\u0000乙' }, 'zh-CN')),
    ).toEqual([['description', '内容中有无法识别的字符，请删掉后再提交。']]);
    expect(
      messages(parsePublicReport({ device: 'pc-01', problem: 'other', description: '< b>粗</b>' }, 'zh-CN')),
    ).toEqual([['description', '请用文字描述，不要输入网页代码（尖括号 < > 括起来的标签）。']]);
    // A lone "<" in prose is not markup.
    expect(
      parsePublicReport({ device: 'pc-01', problem: 'other', description: '温度 < 5 度' }, 'zh-CN').ok,
    ).toBe(true);
  });
  it('the English texts when the zone speaks English', () => {
    expect(
      messages(parsePublicReport({ device: 'pc-01', problem: 'other', description: 'x'.repeat(501) }, 'en')),
    ).toEqual([['description', 'That is too long (501 characters); at most 500, please.']]);
  });
});

describe('a report’s problem and device', () => {
  it('no problem kind: 请选择问题类型', () => {
    expect(messages(parsePublicReport({ device: 'pc-01', description: '坏了' }, 'zh-CN'))).toEqual([
      ['problem', '请选择问题类型。'],
    ]);
    expect(
      messages(parsePublicReport({ device: 'pc-01', problem: 'broken', description: '坏了' }, 'zh-CN')),
    ).toEqual([['problem', '请选择问题类型。']]);
  });
  it('a device problem needs a device; "none" is not about a device', () => {
    for (const problem of deviceProblems) {
      expect(messages(parsePublicReport({ device: 'none', problem }, 'zh-CN'))).toEqual([
        ['device', '请选择是哪台设备（与设备无关的，请选“不涉及具体设备”）。'],
      ]);
    }
    const general = parsePublicReport(
      { device: 'none', problem: 'suggestion', description: '多放几支笔' },
      'zh-CN',
    );
    expect(general).toEqual({
      ok: true,
      value: { problem: 'suggestion', deviceId: null, description: '多放几支笔', contact: null },
    });
  });
  it('a device id: lower-case letters, digits, - and _, up to 63 characters', () => {
    const dev = (device: string) => parsePublicReport({ device, problem: 'jam' }, 'zh-CN');
    expect(dev(`a${'b'.repeat(62)}`).ok).toBe(true);
    expect(messages(dev(`a${'b'.repeat(63)}`))).toEqual([['device', '没有找到这台设备，请从列表中选择。']]);
    expect(messages(dev('PC-01'))).toEqual([['device', '没有找到这台设备，请从列表中选择。']]);
    expect(messages(dev('-pc'))).toEqual([['device', '没有找到这台设备，请从列表中选择。']]);
    expect(dev('0_pc-1').ok).toBe(true);
  });
  it('only the strict API body may leave out the problem of a device report', () => {
    // The form has no `allowed` list: a missing problem is an error, not "does not work".
    expect(messages(parsePublicReport({ device: 'pc-01' }, 'zh-CN'))).toEqual([
      ['problem', '请选择问题类型。'],
    ]);
    const api = parsePublicReport({ deviceId: '', description: '坏了' }, 'zh-CN', {
      deviceField: 'deviceId',
      allowed: ['deviceId', 'description'],
    });
    expect(messages(api)).toEqual([['problem', '请选择问题类型。']]);
  });
  it('an unknown API field is named, cut to 40 characters', () => {
    const long = 'k'.repeat(50);
    const r = parsePublicReport({ deviceId: 'pc-01', problem: 'jam', [long]: 1 }, 'zh-CN', {
      deviceField: 'deviceId',
      allowed: ['deviceId', 'problem'],
    });
    expect(messages(r)).toEqual([['k'.repeat(40), `不认识的内容“${'k'.repeat(40)}”。`]]);
  });
});

describe('the contact: a Chinese phone number or nothing', () => {
  const contact = (c: unknown) => parsePublicReport({ device: 'pc-01', problem: 'jam', contact: c }, 'zh-CN');
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['008613812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['19912345678', '19912345678'],
    ['023-61234567', '023-61234567'],
    ['(023)61234567', '023-61234567'],
    ['（023）61234567', '023-61234567'],
    ['010-12345678', '010-12345678'],
    ['0854-1234567', '0854-1234567'],
    ['61234567', '61234567'],
    ['2345678', '2345678'],
  ])('%s → %s', (input, normalized) => {
    const r = contact(input);
    expect(r.ok && r.value.contact).toBe(normalized);
  });
  it.each([
    '12812345678', // no 12x mobiles
    '1381234567', // 10 digits
    '138123456789', // 12 digits
    '+1 415 555 0100', // not China
    '023--61234567',
    '010-1234567', // 2-digit area codes have 8-digit numbers
    '0854-123456',
    '1234567', // a local number does not begin with 1
    '6123-4567', // a local number has no hyphen
    'abc',
    '1'.repeat(25),
  ])('%s is refused with the format explained, the number not repeated', (input) => {
    const m = messages(contact(input));
    expect(m).toEqual([
      [
        'contact',
        '联系电话格式不对：请填写 11 位手机号，或“区号-号码”形式的座机号（如 023-6xxxxxxx）；不想留可以空着。',
      ],
    ]);
  });
  it('empty, null or missing is no contact; a number sent as a number is refused', () => {
    for (const c of ['', null, undefined]) {
      const r = contact(c);
      expect(r.ok && r.value.contact).toBe(null);
    }
    expect(messages(contact(13812345678)).map(([f]) => f)).toEqual(['contact']);
    expect(parsePhone('  ')).toBeNull();
    expect(parsePhone('13812345678')).toEqual({ kind: 'mobile', normalized: '13812345678' });
    expect(parsePhone('023 6123 4567')).toEqual({ kind: 'landline', normalized: '023-61234567' });
  });
});

describe('a satisfaction evaluation', () => {
  it('one of the three ratings, with 请选择…', () => {
    expect(parseSatisfaction({ rating: 'basically-satisfied' }, 'zh-CN')).toEqual({
      ok: true,
      value: { rating: 'basically-satisfied', deviceId: null, comment: '' },
    });
    expect(messages(parseSatisfaction({ rating: 'great' }, 'zh-CN'))).toEqual([
      ['rating', '请选择“满意”“基本满意”或“不满意”。'],
    ]);
    expect(messages(parseSatisfaction({}, 'zh-CN'))).toEqual([
      ['rating', '请选择“满意”“基本满意”或“不满意”。'],
    ]);
  });
  it('a comment of 300 characters passes, 301 does not; a device is checked like a report’s', () => {
    expect(
      parseSatisfaction({ rating: 'satisfied', comment: '好'.repeat(300), device: 'pc-01' }, 'zh-CN'),
    ).toEqual({
      ok: true,
      value: { rating: 'satisfied', deviceId: 'pc-01', comment: '好'.repeat(300) },
    });
    expect(messages(parseSatisfaction({ rating: 'satisfied', comment: '好'.repeat(301) }, 'zh-CN'))).toEqual([
      ['comment', '内容太长了（301 字），请不超过 300 字。'],
    ]);
    expect(messages(parseSatisfaction({ rating: 'satisfied', device: 'PC 1' }, 'zh-CN'))).toEqual([
      ['device', '没有找到这台设备，请从列表中选择。'],
    ]);
    expect(messages(parseSatisfaction({ rating: 'satisfied', device: 5 }, 'zh-CN'))).toEqual([
      ['device', '应为文字。'],
    ]);
    expect(parseSatisfaction({ rating: 'dissatisfied', device: 'none' }, 'zh-CN').ok).toBe(true);
    const api = parseSatisfaction({ rating: 'satisfied', deviceId: 'pc-01', x: 1 }, 'en', {
      deviceField: 'deviceId',
      allowed: ['rating', 'deviceId', 'comment'],
    });
    expect(messages(api)).toEqual([['x', 'unknown field "x".']]);
  });
  it('every public text is there in both languages, Chinese in Chinese', () => {
    const zh = publicTexts('zh-CN');
    const en = publicTexts('en');
    for (const k of Object.keys(zh) as (keyof typeof zh)[]) {
      const z =
        typeof zh[k] === 'function'
          ? (zh[k] as (a: unknown, b: unknown) => string)('f', 1)
          : (zh[k] as string);
      const e =
        typeof en[k] === 'function'
          ? (en[k] as (a: unknown, b: unknown) => string)('f', 1)
          : (en[k] as string);
      expect(z, k).toMatch(/[\u4e00-\u9fff]/);
      expect(e, k).not.toMatch(/[\u4e00-\u9fff]/);
      expect(e.trim(), k).not.toBe('');
    }
    expect(zh.body).toBe('提交的内容格式不对，请刷新页面后重试。');
  });
});

describe('the complaint lifecycle, every state × action', () => {
  type S = (typeof complaintStates)[number];
  const table: [S, Parameters<typeof complaintTransition>[1], boolean, S | string][] = [
    ['received', 'accept', true, 'accepted'],
    ['received', 'not-accept', true, 'not-accepted'],
    [
      'accepted',
      'accept',
      true,
      'complaint is accepted; only a received complaint is accepted or not accepted',
    ],
    [
      'closed',
      'not-accept',
      true,
      'complaint is closed; only a received complaint is accepted or not accepted',
    ],
    ['received', 'link', true, 'received'],
    ['answered', 'link', true, 'answered'],
    ['closed', 'link', true, 'complaint is closed'],
    ['accepted', 'answer', true, 'answered'],
    ['not-accepted', 'answer', true, 'answered'],
    ['received', 'answer', true, 'complaint is received; accept it or not first'],
    ['answered', 'answer', true, 'complaint is answered; it has been answered already'],
    ['closed', 'answer', true, 'complaint is closed; it has been answered already'],
    ['answered', 'close', true, 'closed'],
    ['accepted', 'close', false, 'closed'],
    ['not-accepted', 'close', false, 'closed'],
    ['accepted', 'close', true, 'complaint is accepted; the complainant must be answered before it closes'],
    [
      'not-accepted',
      'close',
      true,
      'complaint is not-accepted; the complainant must be answered before it closes',
    ],
    ['received', 'close', false, 'complaint is received; the complainant must be answered before it closes'],
    ['closed', 'close', false, 'complaint is closed already'],
  ];
  it.each(table)('%s + %s (owed %s) → %s', (from, action, owed, expected) => {
    const r = complaintTransition(from, action, owed);
    if (complaintStates.includes(expected as S)) expect(r).toEqual({ ok: true, value: expected });
    else expect(r).toEqual({ ok: false, error: expected });
  });
  it('decided is anything but received; an answer is owed only with a contact', () => {
    expect(complaintStates.filter((s) => !isDecided(s))).toEqual(['received']);
    expect(answerOwed({ contact: '13812345678' })).toBe(true);
    expect(answerOwed({ contact: null })).toBe(false);
  });
  it('a suggestion is a suggestion, everything else a complaint', () => {
    expect(typeOfProblem('suggestion')).toBe('suggestion');
    for (const p of ['device-broken', 'supplies', 'jam', 'service', 'other'] as const)
      expect(typeOfProblem(p)).toBe('complaint');
    expect([...deviceProblems].sort()).toEqual(['device-broken', 'jam', 'supplies']);
  });
  it('which fault a report acts through', () => {
    expect(faultPlanFor('jam', false)).toBeNull();
    expect(faultPlanFor('service', true)).toBeNull();
    expect(faultPlanFor('suggestion', true)).toBeNull();
    expect(faultPlanFor('other', true)).toEqual({ join: ['public-report'], open: 'public-report' });
    expect(faultPlanFor('supplies', true)).toEqual({
      join: ['paper-out', 'toner-out', 'paper-low', 'toner-low', 'public-report'],
      open: 'public-report',
    });
    expect(faultPlanFor('device-broken', true)?.join).toEqual([
      'unreachable',
      'power-on-failed',
      'offline',
      'printer-stopped',
      'spool-area-full',
      'service-requested',
      'plug-overload',
      'door-open',
      'public-report',
    ]);
  });
  it('case numbers: ZS-YYYYMMDD-NNN, the pattern anchored at both ends', () => {
    expect(caseNumber('ZS', '2026-12-02', 3)).toBe('ZS-20261202-003');
    expect(caseNumber('ZS', '2026-12-02', 1234)).toBe('ZS-20261202-1234');
    expect(caseNumberPattern.test('ZS-20261202-003')).toBe(true);
    expect(caseNumberPattern.test('ABCDEF-20261202-123456')).toBe(true);
    for (const bad of [
      'x ZS-20261202-003',
      'ZS-20261202-003 x',
      'ABCDEFG-20261202-003',
      'zs-20261202-003',
      'ZS-2026120-003',
      'ZS-20261202-03',
      'ZS-20261202-1234567',
      'ZS-2026120a-003',
      'ZS-20261202-00a',
      '1S-20261202-003',
    ])
      expect(caseNumberPattern.test(bad), bad).toBe(false);
  });
});

/** A calendar for the tests: weekdays open until 17:30, a holiday Mon 2025-06-02 (端午), make-up Sat 2025-06-07. */
const calendar = {
  closingMinutes(date: string): number | null {
    if (date === '2025-06-02') return null;
    if (date === '2025-06-07') return 17 * 60 + 30;
    const day = new Date(`${date}T00:00:00Z`).getUTCDay();
    return day === 0 || day === 6 ? null : 17 * 60 + 30;
  },
};
const tz = 'Asia/Shanghai';
// Asia/Shanghai is UTC+8: 17:30 local is 09:30 UTC.
const cst = (y: number, m: number, d: number, h: number, min = 0) => Date.UTC(y, m - 1, d, h - 8, min);

describe('working-day deadlines', () => {
  it('a Tuesday report with one working day is due Wednesday at closing time', () => {
    expect(workingDeadline(cst(2025, 5, 27, 10), 1, calendar, tz)).toBe(cst(2025, 5, 28, 17, 30));
  });
  it('a Friday evening report is due Monday; three days run to Wednesday', () => {
    expect(workingDeadline(cst(2025, 5, 23, 19), 1, calendar, tz)).toBe(cst(2025, 5, 26, 17, 30));
    expect(workingDeadline(cst(2025, 5, 23, 19), 3, calendar, tz)).toBe(cst(2025, 5, 28, 17, 30));
  });
  it('over the weekend and the holiday Monday: Friday 30 May + 1 → Tuesday 3 June', () => {
    expect(workingDeadline(cst(2025, 5, 30, 9), 1, calendar, tz)).toBe(cst(2025, 6, 3, 17, 30));
  });
  it('a make-up Saturday counts: Friday 6 June + 1 → Saturday 7 June', () => {
    expect(workingDeadline(cst(2025, 6, 6, 9), 1, calendar, tz)).toBe(cst(2025, 6, 7, 17, 30));
  });
  it('a report made on a Sunday counts from Monday', () => {
    expect(workingDeadline(cst(2025, 5, 25, 12), 1, calendar, tz)).toBe(cst(2025, 5, 26, 17, 30));
  });
  it('a calendar with no working day at all falls back to plain days', () => {
    const from = cst(2025, 5, 27, 10);
    expect(workingDeadline(from, 2, { closingMinutes: () => null }, tz)).toBe(from + 2 * 86_400_000);
  });
});

describe('deadline state and notices', () => {
  const c = { acceptDueAt: 1000, answerDueAt: 5000 };
  it('received: the accept stage, overdue from the due instant on', () => {
    expect(deadlineState({ ...c, state: 'received' }, true, 999)).toEqual({
      stage: 'accept',
      dueAt: 1000,
      overdue: false,
    });
    expect(deadlineState({ ...c, state: 'received' }, true, 1000)).toEqual({
      stage: 'accept',
      dueAt: 1000,
      overdue: true,
    });
  });
  it('accepted or not accepted with an answer owed: the answer stage', () => {
    for (const state of ['accepted', 'not-accepted'] as const) {
      expect(deadlineState({ ...c, state }, true, 4999)).toEqual({
        stage: 'answer',
        dueAt: 5000,
        overdue: false,
      });
      expect(deadlineState({ ...c, state }, true, 5000)).toEqual({
        stage: 'answer',
        dueAt: 5000,
        overdue: true,
      });
      expect(deadlineState({ ...c, state }, false, 9000)).toEqual({
        stage: 'done',
        dueAt: null,
        overdue: false,
      });
    }
  });
  it('answered and closed are done', () => {
    expect(deadlineState({ ...c, state: 'answered' }, true, 9000)).toEqual({
      stage: 'done',
      dueAt: null,
      overdue: false,
    });
    expect(deadlineState({ ...c, state: 'closed' }, true, 9000)).toEqual({
      stage: 'done',
      dueAt: null,
      overdue: false,
    });
  });
  const facts = {
    state: 'received' as const,
    acceptDueAt: 1000,
    answerDueAt: 5000,
    answerOwed: true,
    hasFault: false,
    sent: new Set<never>(),
  };
  const policy = { remindBeforeMs: 100 };
  it('the first notice only in working time and only without a fault', () => {
    expect(dueNotices(facts, 0, policy, true)).toEqual(['received']);
    expect(dueNotices(facts, 0, policy, false)).toEqual([]);
    expect(dueNotices({ ...facts, hasFault: true }, 0, policy, true)).toEqual([]);
  });
  it('a reminder from 100 ms before the deadline, the escalation at it', () => {
    const sent = new Set(['received'] as const);
    expect(dueNotices({ ...facts, sent }, 899, policy, true)).toEqual([]);
    expect(dueNotices({ ...facts, sent }, 900, policy, true)).toEqual(['accept-remind']);
    expect(dueNotices({ ...facts, sent }, 1000, policy, true)).toEqual(['accept-overdue']);
    const accepted = { ...facts, state: 'accepted' as const, sent };
    expect(dueNotices(accepted, 4900, policy, true)).toEqual(['answer-remind']);
    expect(dueNotices(accepted, 5000, policy, true)).toEqual(['answer-overdue']);
    expect(dueNotices({ ...accepted, answerOwed: false }, 5000, policy, true)).toEqual([]);
    expect(dueNotices({ ...accepted, state: 'answered' }, 5000, policy, true)).toEqual([]);
  });
});

describe('phone numbers at their edges (China’s plan as libphonenumber records it, territory CN)', () => {
  it('full-width spaces are separators; 24 characters at most', () => {
    expect(parsePhone('138\u30001234\u30005678')).toEqual({ kind: 'mobile', normalized: '13812345678' });
    expect(parsePhone(` ${'13812345678'} `)).toEqual({ kind: 'mobile', normalized: '13812345678' });
    // 24 characters with hyphens still pass; 25 do not.
    expect('86-1-3-8-1-2-3-4-5-6-7-8').toHaveLength(24);
    expect(parsePhone('86-1-3-8-1-2-3-4-5-6-7-8')).toEqual({ kind: 'mobile', normalized: '13812345678' });
    expect(parsePhone('+86-1-3-8-1-2-3-4-5-6-7-8')).toBeNull(); // 25 characters
    expect(parsePhone('0086-138-1234-5678')).toEqual({ kind: 'mobile', normalized: '13812345678' });
    expect(parsePhone(`${' '.repeat(3)}+86-138-1234-5678`)).toEqual({
      kind: 'mobile',
      normalized: '13812345678',
    });
  });
  it('a bracketed area code must be the whole number', () => {
    expect(parsePhone('x(023)61234567')).toBeNull();
    expect(parsePhone('(023)61234567x')).toBeNull();
    expect(parsePhone('(023)-61234567')).toEqual({ kind: 'landline', normalized: '023-61234567' });
  });
  it('anything round the digits is refused', () => {
    expect(parsePhone('a13812345678')).toBeNull();
    expect(parsePhone('13812345678a')).toBeNull();
    expect(parsePhone('138123456789')).toBeNull();
    expect(parsePhone('1381234567+')).toBeNull();
    expect(parsePhone('+4413812345678')).toBeNull();
    expect(parsePhone('8613812345678')).toEqual({ kind: 'mobile', normalized: '13812345678' });
    expect(parsePhone('8612812345678')).toBeNull();
    expect(parsePhone('86138123456789')).toBeNull();
    expect(parsePhone('0231234567890')).toBeNull();
    expect(parsePhone('x023-61234567')).toBeNull();
    expect(parsePhone('0854-12345678')).toEqual({ kind: 'landline', normalized: '0854-12345678' });
    expect(parsePhone('08541234567')).toEqual({ kind: 'landline', normalized: '0854-1234567' });
    expect(parsePhone('612345678')).toBeNull();
  });
});

describe('phone numbers inside a citizen’s words are masked', () => {
  it.each([
    ['电话86 138 1234 5678', '电话138****5678'],
    ['电话86-13812345678', '电话138****5678'],
    ['电话+8613812345678', '电话138****5678'],
    ['座机02361234567找我', '座机023-****4567找我'],
    ['座机023 61234567找我', '座机023-****4567找我'],
    ['座机023-61234567找我', '座机023-****4567找我'],
    // Looks like a number but is none of China's: masked all the same.
    ['号码0123 4567890', '号码****'],
  ])('%s → %s', (text, masked) => {
    expect(maskPhonesIn(text)).toBe(masked);
  });
});

describe('rate limits at their edges', () => {
  const min = 60_000;
  const hour = 60 * min;
  const now = 10 * hour;
  it('a time exactly one window old no longer counts', () => {
    expect(windowLimit([now - hour, now - 2000, now - 1000], [], now, hour, 3, 100)).toEqual({ ok: true });
    expect(windowLimit([], [now - hour, now - 1000], now, hour, 3, 2)).toEqual({ ok: true });
  });
  it('the wait is until the oldest counted time leaves the window, whatever order the times come in', () => {
    expect(windowLimit([now - min, now - 30 * min, now - 2 * min], [], now, hour, 3, 100)).toEqual({
      ok: false,
      retryAfterMs: 30 * min,
      zoneWide: false,
    });
    // Two allowed, three counted: the second oldest must leave.
    expect(windowLimit([now - 10 * min, now - 50 * min, now - 40 * min], [], now, hour, 2, 100)).toEqual({
      ok: false,
      retryAfterMs: 20 * min,
      zoneWide: false,
    });
  });
  it('the zone-wide limit, and never less than a second', () => {
    expect(windowLimit([], [now - 5 * min, now - 45 * min], now, hour, 3, 2)).toEqual({
      ok: false,
      retryAfterMs: 15 * min,
      zoneWide: true,
    });
    expect(windowLimit([], [now - hour + 10], now, hour, 3, 1)).toEqual({
      ok: false,
      retryAfterMs: 1000,
      zoneWide: true,
    });
  });
});
