import type {
  AnswerMethod,
  ComplaintState,
  ComplaintType,
  NotAcceptedGround,
  ProblemKind,
  SatisfactionRating,
} from './complaint.js';
import type { ComplaintNotice } from './complaint-deadlines.js';
import type { Language } from './messages.js';

/**
 * The words of complaint handling (pure), shared by the pages, the register export, the messages and the
 * monthly report, in zh-CN (default) and en. Notices never carry the complainant's contact or words: the
 * case number, what it is about, the deadline and a link are enough to act on.
 */
const zh = {
  problems: {
    'device-broken': '设备无法使用',
    supplies: '缺纸缺墨',
    jam: '卡纸',
    service: '服务态度',
    other: '其他',
    suggestion: '意见建议',
  } satisfies Record<ProblemKind, string>,
  types: { complaint: '投诉', suggestion: '意见建议' } satisfies Record<ComplaintType, string>,
  states: {
    received: '待受理',
    accepted: '已受理',
    'not-accepted': '不予受理',
    answered: '已答复',
    closed: '已办结',
  } satisfies Record<ComplaintState, string>,
  grounds: {
    'not-concerned': '投诉人不是当事人',
    'other-procedure': '属于诉讼、仲裁、行政复议、信访等途径处理的事项',
    'not-specific': '投诉内容不具体、没有明确对象',
    unreasonable: '明显违法或无理的要求',
    'no-contact-or-evidence': '未留联系方式或不能及时提供必要证据',
  } satisfies Record<NotAcceptedGround, string>,
  methods: { phone: '电话', sms: '短信', 'in-person': '当面', wecom: '企业微信' } satisfies Record<
    AnswerMethod,
    string
  >,
  ratings: { satisfied: '满意', 'basically-satisfied': '基本满意', dissatisfied: '不满意' } satisfies Record<
    SatisfactionRating,
    string
  >,
  notice: {
    received: (c: string, what: string, due: string) =>
      `收到群众${what}（编号 ${c}），请在 ${due} 前受理，请值班人员处理。`,
    'accept-remind': (c: string, what: string, due: string) =>
      `【提醒】群众${what}（编号 ${c}）尚未受理，受理期限 ${due}，请值班人员及时处理。`,
    'accept-overdue': (c: string, what: string, due: string) =>
      `【超期】群众${what}（编号 ${c}）已超过受理期限（${due}）仍未受理，请专区负责人督办。`,
    'answer-remind': (c: string, what: string, due: string) =>
      `【提醒】群众${what}（编号 ${c}）尚未答复，答复期限 ${due}，请及时回复群众。`,
    'answer-overdue': (c: string, what: string, due: string) =>
      `【超期】群众${what}（编号 ${c}）已超过答复期限（${due}）仍未答复，请专区负责人督办。`,
  } satisfies Record<ComplaintNotice, (caseNo: string, what: string, due: string) => string>,
  about: (device: string | null, problem: string) => (device ? `${device}${problem}` : problem),
  /** The detail a citizen's report adds to a device fault (its words with phone numbers masked). */
  reportDetail: (caseNo: string, problem: string, words: string) =>
    `群众报告 ${caseNo}：${problem}${words ? `，${words}` : ''}`,
  details: '详情',
  colon: '：',
  /** What the citizen reads after submitting. */
  nextStepsDays: (accept: number) =>
    `工作人员将在 ${accept} 个工作日内处理；留了电话的，我们会回电告知结果。`,
};

type ComplaintWords = typeof zh;

const en: ComplaintWords = {
  problems: {
    'device-broken': 'Device not working',
    supplies: 'Out of paper or ink',
    jam: 'Paper jam',
    service: 'Service attitude',
    other: 'Other',
    suggestion: 'Suggestion',
  },
  types: { complaint: 'complaint', suggestion: 'suggestion' },
  states: {
    received: 'received',
    accepted: 'accepted',
    'not-accepted': 'not accepted',
    answered: 'answered',
    closed: 'closed',
  },
  grounds: {
    'not-concerned': 'the complainant is not the person concerned',
    'other-procedure': 'a matter for litigation, arbitration, administrative review or petitions',
    'not-specific': 'not specific, or no clear object',
    unreasonable: 'clearly unlawful or unreasonable',
    'no-contact-or-evidence': 'no contact left, or the evidence needed was not provided in time',
  },
  methods: { phone: 'phone', sms: 'SMS', 'in-person': 'in person', wecom: 'WeCom' },
  ratings: {
    satisfied: 'satisfied',
    'basically-satisfied': 'basically satisfied',
    dissatisfied: 'dissatisfied',
  },
  notice: {
    received: (c, what, due) => `New public ${what} (case ${c}): please accept it or not by ${due}.`,
    'accept-remind': (c, what, due) =>
      `[reminder] Public ${what} (case ${c}) is not yet accepted; due ${due}.`,
    'accept-overdue': (c, what, due) =>
      `[overdue] Public ${what} (case ${c}) was not accepted by ${due}; zone lead, please follow up.`,
    'answer-remind': (c, what, due) =>
      `[reminder] Public ${what} (case ${c}) is not yet answered; due ${due}. Please call the citizen back.`,
    'answer-overdue': (c, what, due) =>
      `[overdue] Public ${what} (case ${c}) was not answered by ${due}; zone lead, please follow up.`,
  },
  about: (device, problem) => (device ? `${device}: ${problem}` : problem),
  reportDetail: (caseNo, problem, words) =>
    `public report ${caseNo}: ${problem}${words ? ` — ${words}` : ''}`,
  details: 'Details',
  colon: ': ',
  nextStepsDays: (accept) =>
    `Staff will deal with it within ${accept} working day${accept === 1 ? '' : 's'}; if you left a phone number, we will call you back.`,
};

export const complaintWords = (lang: Language): ComplaintWords => (lang === 'en' ? en : zh);

/** A deadline or complaint notice for the outbox: one line, the same text on every channel. */
export function renderComplaintNotice(
  notice: ComplaintNotice,
  c: {
    readonly id: number;
    readonly caseNo: string;
    readonly type: ComplaintType;
    readonly problem: ProblemKind;
  },
  deviceName: string | null,
  due: string,
  ctx: { readonly siteName: string; readonly language: Language; readonly publicUrl?: string },
): { title: string; text: string; markdown: string; link?: string } {
  const W = complaintWords(ctx.language);
  const what =
    c.type === 'suggestion'
      ? W.types.suggestion
      : `${W.types.complaint}${ctx.language === 'en' ? ' about ' : '：'}${W.about(deviceName, W.problems[c.problem])}`;
  const first = `【${ctx.siteName}】${W.notice[notice](c.caseNo, what, due)}`;
  const link = ctx.publicUrl ? `${ctx.publicUrl.replace(/\/+$/, '')}/complaints/${c.id}` : undefined;
  return {
    title: first,
    text: link ? `${first}\n${W.details}${W.colon}${link}` : first,
    markdown: link ? `**${first}**\n[${W.details}](${link})` : `**${first}**`,
    ...(link ? { link } : {}),
  };
}
