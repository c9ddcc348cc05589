import { describe, expect, it } from 'vitest';
import {
  answerMethods,
  caseNumber,
  complaintStates,
  complaintTypes,
  faultPlanFor,
  notAcceptedGrounds,
  problemKinds,
  satisfactionRatings,
} from '../../../src/domain/complaint.js';
import { complaintNotices } from '../../../src/domain/complaint-deadlines.js';
import { complaintWords, renderComplaintNotice } from '../../../src/domain/complaint-texts.js';

/**
 * The words of complaint handling (src/domain/complaint-texts.ts, src/domain/complaint.ts) that the
 * existing catalogue tests leave open: the English an English-speaking zone reads, every notice in full,
 * the link, and the lists the forms and the register offer.
 */

describe('the lists the form and the register offer, in order', () => {
  it('states, problems, types', () => {
    expect(complaintStates).toEqual(['received', 'accepted', 'not-accepted', 'answered', 'closed']);
    expect(problemKinds).toEqual(['device-broken', 'supplies', 'jam', 'service', 'other', 'suggestion']);
    expect(complaintTypes).toEqual(['complaint', 'suggestion']);
  });
  it('grounds for not accepting, ways of answering, ratings', () => {
    expect(notAcceptedGrounds).toEqual([
      'not-concerned',
      'other-procedure',
      'not-specific',
      'unreasonable',
      'no-contact-or-evidence',
    ]);
    expect(answerMethods).toEqual(['phone', 'sms', 'in-person', 'wecom']);
    expect(satisfactionRatings).toEqual(['satisfied', 'basically-satisfied', 'dissatisfied']);
    expect(complaintNotices).toEqual([
      'received',
      'accept-remind',
      'accept-overdue',
      'answer-remind',
      'answer-overdue',
    ]);
  });
  it('case numbers keep three digits at least, zero-padded', () => {
    expect(caseNumber('ZS', '2026-12-02', 0)).toBe('ZS-20261202-000');
    expect(caseNumber('ZS', '2026-12-02', 12)).toBe('ZS-20261202-012');
    expect(caseNumber('GK', '2027-01-09', 999)).toBe('GK-20270109-999');
  });
  it('without a device nothing is repaired, whatever the problem', () => {
    for (const p of problemKinds) expect(faultPlanFor(p, false), p).toBeNull();
  });
});

describe('the Chinese words', () => {
  const W = complaintWords('zh-CN');
  it('problems and ways of answering', () => {
    expect(W.problems).toEqual({
      'device-broken': '设备无法使用',
      supplies: '缺纸缺墨',
      jam: '卡纸',
      service: '服务态度',
      other: '其他',
      suggestion: '意见建议',
    });
    expect(W.methods).toEqual({ phone: '电话', sms: '短信', 'in-person': '当面', wecom: '企业微信' });
  });
  it('what it is about; the link label', () => {
    expect(W.about('复印机 C-01', '缺纸缺墨')).toBe('复印机 C-01缺纸缺墨');
    expect(W.about(null, '服务态度')).toBe('服务态度');
    expect(W.details).toBe('详情');
    expect(W.colon).toBe('：');
  });
  it('what the citizen reads after submitting, for one working day', () => {
    expect(W.nextStepsDays(1)).toBe('工作人员将在 1 个工作日内处理；留了电话的，我们会回电告知结果。');
  });
});

describe('the English words', () => {
  const W = complaintWords('en');
  it('problems, types, states', () => {
    expect(W.problems).toEqual({
      'device-broken': 'Device not working',
      supplies: 'Out of paper or ink',
      jam: 'Paper jam',
      service: 'Service attitude',
      other: 'Other',
      suggestion: 'Suggestion',
    });
    expect(W.types).toEqual({ complaint: 'complaint', suggestion: 'suggestion' });
    expect(W.states).toEqual({
      received: 'received',
      accepted: 'accepted',
      'not-accepted': 'not accepted',
      answered: 'answered',
      closed: 'closed',
    });
  });
  it('grounds, ways of answering, ratings', () => {
    expect(W.grounds).toEqual({
      'not-concerned': 'the complainant is not the person concerned',
      'other-procedure': 'a matter for litigation, arbitration, administrative review or petitions',
      'not-specific': 'not specific, or no clear object',
      unreasonable: 'clearly unlawful or unreasonable',
      'no-contact-or-evidence': 'no contact left, or the evidence needed was not provided in time',
    });
    expect(W.methods).toEqual({ phone: 'phone', sms: 'SMS', 'in-person': 'in person', wecom: 'WeCom' });
    expect(W.ratings).toEqual({
      satisfied: 'satisfied',
      'basically-satisfied': 'basically satisfied',
      dissatisfied: 'dissatisfied',
    });
  });
  it('what it is about; the link label', () => {
    expect(W.about('P-01', 'Paper jam')).toBe('P-01: Paper jam');
    expect(W.about(null, 'Other')).toBe('Other');
    expect(W.details).toBe('Details');
    expect(W.colon).toBe(': ');
  });
  it('what the citizen reads after submitting: one working day, several working days', () => {
    expect(W.nextStepsDays(1)).toBe(
      'Staff will deal with it within 1 working day; if you left a phone number, we will call you back.',
    );
    expect(W.nextStepsDays(3)).toBe(
      'Staff will deal with it within 3 working days; if you left a phone number, we will call you back.',
    );
  });
});

const complaint = { id: 7, caseNo: 'ZS-20250506-001', type: 'complaint' as const, problem: 'jam' as const };
const zhCtx = { siteName: '濯水镇政务公开专区', language: 'zh-CN' as const };
const enCtx = { siteName: 'Zone', language: 'en' as const };

describe('every notice in full, in Chinese', () => {
  const text = (n: (typeof complaintNotices)[number]) =>
    renderComplaintNotice(n, { ...complaint, problem: 'supplies' }, '复印机 C-01', '5月8日 17:30', zhCtx)
      .text;
  it.each([
    [
      'received',
      '【濯水镇政务公开专区】收到群众投诉：复印机 C-01缺纸缺墨（编号 ZS-20250506-001），请在 5月8日 17:30 前受理，请值班人员处理。',
    ],
    [
      'accept-remind',
      '【濯水镇政务公开专区】【提醒】群众投诉：复印机 C-01缺纸缺墨（编号 ZS-20250506-001）尚未受理，受理期限 5月8日 17:30，请值班人员及时处理。',
    ],
    [
      'accept-overdue',
      '【濯水镇政务公开专区】【超期】群众投诉：复印机 C-01缺纸缺墨（编号 ZS-20250506-001）已超过受理期限（5月8日 17:30）仍未受理，请专区负责人督办。',
    ],
    [
      'answer-remind',
      '【濯水镇政务公开专区】【提醒】群众投诉：复印机 C-01缺纸缺墨（编号 ZS-20250506-001）尚未答复，答复期限 5月8日 17:30，请及时回复群众。',
    ],
    [
      'answer-overdue',
      '【濯水镇政务公开专区】【超期】群众投诉：复印机 C-01缺纸缺墨（编号 ZS-20250506-001）已超过答复期限（5月8日 17:30）仍未答复，请专区负责人督办。',
    ],
  ] as const)('%s', (notice, expected) => {
    expect(text(notice)).toBe(expected);
  });
});

describe('every notice in full, in English', () => {
  const text = (n: (typeof complaintNotices)[number]) =>
    renderComplaintNotice(n, complaint, 'P-01', '8 May 17:30', enCtx).text;
  it.each([
    [
      'received',
      '【Zone】New public complaint about P-01: Paper jam (case ZS-20250506-001): please accept it or not by 8 May 17:30.',
    ],
    [
      'accept-remind',
      '【Zone】[reminder] Public complaint about P-01: Paper jam (case ZS-20250506-001) is not yet accepted; due 8 May 17:30.',
    ],
    [
      'accept-overdue',
      '【Zone】[overdue] Public complaint about P-01: Paper jam (case ZS-20250506-001) was not accepted by 8 May 17:30; zone lead, please follow up.',
    ],
    [
      'answer-remind',
      '【Zone】[reminder] Public complaint about P-01: Paper jam (case ZS-20250506-001) is not yet answered; due 8 May 17:30. Please call the citizen back.',
    ],
    [
      'answer-overdue',
      '【Zone】[overdue] Public complaint about P-01: Paper jam (case ZS-20250506-001) was not answered by 8 May 17:30; zone lead, please follow up.',
    ],
  ] as const)('%s', (notice, expected) => {
    expect(text(notice)).toBe(expected);
  });
  it('a suggestion is named as one, without a problem', () => {
    expect(
      renderComplaintNotice(
        'accept-remind',
        { id: 9, caseNo: 'ZS-1', type: 'suggestion', problem: 'suggestion' },
        null,
        'D',
        enCtx,
      ).text,
    ).toBe('【Zone】[reminder] Public suggestion (case ZS-1) is not yet accepted; due D.');
  });
});

describe('the link to the complaint', () => {
  it('trailing slashes of the public address are dropped, however many', () => {
    const r = renderComplaintNotice('received', complaint, 'P-01', 'D', {
      ...enCtx,
      publicUrl: 'http://127.0.0.1:8080//',
    });
    const first =
      '【Zone】New public complaint about P-01: Paper jam (case ZS-20250506-001): please accept it or not by D.';
    expect(r).toStrictEqual({
      title: first,
      text: `${first}\nDetails: http://127.0.0.1:8080/complaints/7`,
      markdown: `**${first}**\n[Details](http://127.0.0.1:8080/complaints/7)`,
      link: 'http://127.0.0.1:8080/complaints/7',
    });
  });
  it('an address under a path keeps its path', () => {
    const r = renderComplaintNotice('received', complaint, null, 'D', {
      ...zhCtx,
      publicUrl: 'https://zone.example.gov.cn/ops',
    });
    expect(r.link).toBe('https://zone.example.gov.cn/ops/complaints/7');
    expect(r.text.endsWith('\n详情：https://zone.example.gov.cn/ops/complaints/7')).toBe(true);
  });
  it('no public address (or an empty one): no link at all', () => {
    for (const ctx of [zhCtx, { ...zhCtx, publicUrl: '' }]) {
      const r = renderComplaintNotice('received', complaint, null, 'D', ctx);
      const first =
        '【濯水镇政务公开专区】收到群众投诉：卡纸（编号 ZS-20250506-001），请在 D 前受理，请值班人员处理。';
      expect(r).toStrictEqual({ title: first, text: first, markdown: `**${first}**` });
    }
  });
});
