import { describe, expect, it } from 'vitest';
import {
  renderChannelDown,
  renderChannelMisconfigured,
  renderDigest,
  renderRecipientRefused,
  withLateNote,
} from '../../../src/domain/channel-messages.js';
import {
  answerMethods,
  complaintStates,
  complaintTypes,
  notAcceptedGrounds,
  problemKinds,
  satisfactionRatings,
} from '../../../src/domain/complaint.js';
import { complaintNotices } from '../../../src/domain/complaint-deadlines.js';
import { complaintWords, renderComplaintNotice } from '../../../src/domain/complaint-texts.js';
import { faultKinds } from '../../../src/domain/fault-kinds.js';
import { reasonList, reasonName } from '../../../src/domain/ipp-reason-names.js';
import { detailText, faultWhat, type PowerMessage, powerText } from '../../../src/domain/messages.js';

/**
 * The text catalogues people read: never empty, Chinese in the Chinese catalogue (no raw keyword or code),
 * no Chinese in the English one, and different words for different things.
 */
const cjk = /[\u4e00-\u9fff]/;
const rawKeyword = /[a-z]+-[a-z]+/; // an IPP/API keyword such as media-jam or not-accepted
function checkCatalogue(entries: readonly { key: string; zh: string; en: string }[], distinct = true) {
  for (const { key, zh, en } of entries) {
    expect(zh.trim(), `zh-CN ${key}`).not.toBe('');
    expect(en.trim(), `en ${key}`).not.toBe('');
    expect(zh, `zh-CN ${key}`).toMatch(cjk);
    expect(zh, `zh-CN ${key} names no keyword`).not.toMatch(rawKeyword);
    expect(zh.includes(key), `zh-CN ${key} names no keyword`).toBe(false);
    expect(en, `en ${key}`).not.toMatch(cjk);
  }
  if (distinct) {
    expect(new Set(entries.map((e) => e.zh)).size).toBe(entries.length);
    expect(new Set(entries.map((e) => e.en)).size).toBe(entries.length);
  }
}

describe('fault kinds (messages.ts)', () => {
  it('every kind has a Chinese and an English text, all different', () => {
    checkCatalogue(faultKinds.map((k) => ({ key: k, zh: faultWhat(k, 'zh-CN'), en: faultWhat(k, 'en') })));
  });
  it('Chinese is the default language', () => {
    expect(faultWhat('paper-out')).toBe('缺纸');
    expect(faultWhat('unreachable')).toBe('无法连接');
  });
  it('the English words, as the English catalogue gives them', () => {
    const en: Record<string, string> = {
      unreachable: 'cannot be reached',
      'paper-out': 'is out of paper',
      'toner-low': 'is low on toner',
      jam: 'has a paper jam',
      offline: 'is offline',
      'plug-overload': 'plug cut the power because of an overload',
    };
    for (const [k, words] of Object.entries(en))
      expect(faultWhat(k as (typeof faultKinds)[number], 'en')).toBe(words);
  });
});

describe('power texts (messages.ts powerText)', () => {
  const all: PowerMessage[] = [
    { key: 'not-up-after-on', graceMinutes: 10 },
    { key: 'on-command-failed' },
    { key: 'switched-on-after-hours' },
    { key: 'still-on-plug-kept' },
    { key: 'still-on' },
    { key: 'off-command-failed' },
    { key: 'no-remote-off' },
    { key: 'off-held-printing', printing: true, queued: 2 },
    { key: 'off-held-unknown' },
  ];
  it('every message in both languages, all different', () => {
    checkCatalogue(all.map((m) => ({ key: m.key, zh: powerText(m, 'zh-CN'), en: powerText(m, 'en') })));
  });
  it('the Chinese an attendant reads', () => {
    expect(powerText({ key: 'not-up-after-on', graceMinutes: 10 }, 'zh-CN')).toBe(
      '设备开机后 10 分钟内仍无法连接，请到现场检查。',
    );
    expect(powerText({ key: 'on-command-failed' }, 'zh-CN')).toBe(
      '开机指令发送失败，请到现场检查设备及其网络/插座。',
    );
    expect(powerText({ key: 'still-on' }, 'zh-CN')).toBe(
      '设备下班关机后仍在运行，可能有人正在使用，请现场确认。',
    );
    expect(powerText({ key: 'still-on-plug-kept' }, 'zh-CN')).toContain('未断开插座电源');
    expect(powerText({ key: 'switched-on-after-hours' }, 'zh-CN')).toContain('下班后又被开启');
    expect(powerText({ key: 'off-command-failed' }, 'zh-CN')).toBe(
      '关机指令发送失败，设备可能仍在运行，请值班人员关机。',
    );
    expect(powerText({ key: 'no-remote-off' }, 'zh-CN')).toContain('无法远程关机');
    expect(powerText({ key: 'off-held-unknown' }, 'zh-CN')).toBe(
      '无法确认打印机是否在打印，已暂缓断电，请值班人员确认。',
    );
  });
  it('a held power cut says what the printer is doing', () => {
    const held = (printing: boolean, queued: number) =>
      powerText({ key: 'off-held-printing', printing, queued }, 'zh-CN');
    expect(held(true, 0)).toBe('打印机正在打印，已暂缓断电，请值班人员确认。');
    expect(held(false, 3)).toBe('打印机还有 3 个排队任务，已暂缓断电，请值班人员确认。');
    expect(held(true, 1)).toBe('打印机正在打印，还有 1 个排队任务，已暂缓断电，请值班人员确认。');
    expect(powerText({ key: 'off-held-printing', printing: false, queued: 2 }, 'en')).toBe(
      'The printer is idle with 2 job(s) queued; its power cut is held. Attendant, please check.',
    );
    expect(powerText({ key: 'off-held-printing', printing: true, queued: 0 }, 'en')).toContain('is printing');
    expect(powerText({ key: 'not-up-after-on', graceMinutes: 7 }, 'en')).toContain('within 7 min');
  });
});

describe('a fault’s detail in words (messages.ts detailText)', () => {
  it('IPP reasons are named in words whatever the fault kind (src/domain/evidence-text.ts)', () => {
    expect(detailText('printer-stopped', 'media-jam-error, paused', 'zh-CN')).toBe('卡纸；已暂停');
    expect(detailText('spool-area-full', 'spool-area-full-report', 'en')).toBe('spool area full');
    // No IPP keyword in front of users: a jam's detail from IPP is named too (RFC 8011 §5.4.12 media-jam).
    expect(detailText('jam', 'media-jam-error', 'zh-CN')).toBe('卡纸');
    expect(detailText('printer-stopped', '  ', 'zh-CN')).toBe(''); // a blank detail shows as nothing
  });
});

/**
 * printer-state-reasons keywords of RFC 8011 §5.4.12 (and `offline`, PWG 5100.9 / IANA IPP registry);
 * the Chinese words follow the ones an office's printer panel and the JDK's 中文 PrinterStateReason
 * documentation use (卡纸, 缺纸, 显影剂不足 …).
 */
const rfc8011Reasons = [
  'other',
  'media-needed',
  'media-jam',
  'moving-to-paused',
  'paused',
  'shutdown',
  'connecting-to-device',
  'timed-out',
  'stopping',
  'stopped-partly',
  'toner-low',
  'toner-empty',
  'spool-area-full',
  'cover-open',
  'interlock-open',
  'door-open',
  'input-tray-missing',
  'media-low',
  'media-empty',
  'output-tray-missing',
  'output-area-almost-full',
  'output-area-full',
  'marker-supply-low',
  'marker-supply-empty',
  'marker-waste-almost-full',
  'marker-waste-full',
  'fuser-over-temp',
  'fuser-under-temp',
  'opc-near-eol',
  'opc-life-over',
  'developer-low',
  'developer-empty',
  'interpreter-resource-unavailable',
  'offline',
];

describe('IPP printer-state-reasons in words (ipp-reason-names.ts)', () => {
  it('every RFC 8011 keyword has its own words in both languages, not the fallback', () => {
    const entries = rfc8011Reasons.map((k) => ({
      key: k,
      zh: reasonName(k, 'zh-CN'),
      en: reasonName(k, 'en'),
    }));
    checkCatalogue(entries);
    for (const e of entries) {
      expect(e.zh, e.key).not.toContain('其他原因');
      expect(e.en, e.key).not.toContain('other reason');
    }
  });
  it.each([
    ['media-jam', '卡纸'],
    ['media-empty', '缺纸'],
    ['media-low', '纸张不足'],
    ['media-needed', '需要装纸'],
    ['toner-low', '墨粉不足'],
    ['toner-empty', '墨粉已用完'],
    ['cover-open', '机盖打开'],
    ['paused', '已暂停'],
    ['spool-area-full', '打印缓存空间已满'],
    ['developer-low', '显影剂不足'],
    ['offline', '脱机'],
    ['other', '其他错误'],
  ])('%s → %s', (k, words) => {
    expect(reasonName(k, 'zh-CN')).toBe(words);
  });
  it('the severity suffix (-error, -warning, -report, RFC 8011 §5.4.12) is dropped; spaces trimmed', () => {
    expect(reasonName('media-jam-error', 'zh-CN')).toBe('卡纸');
    expect(reasonName(' media-jam-warning ', 'zh-CN')).toBe('卡纸');
    expect(reasonName('toner-low-report', 'en')).toBe('toner low');
    // Only at the end: a keyword containing "-report" elsewhere is not cut.
    expect(reasonName('media-jam-errorx', 'zh-CN')).toBe('打印机报告的其他原因（media-jam-errorx）');
  });
  it('an unknown keyword is the printer’s own reason, named as such', () => {
    expect(reasonName('com.vendor-thing-error', 'zh-CN')).toBe('打印机报告的其他原因（com.vendor-thing）');
    expect(reasonName('com.vendor-thing-error', 'en')).toBe('other reason (com.vendor-thing)');
  });
  it('a list is split on commas and semicolons, empties dropped, repeats merged, joined the language’s way', () => {
    expect(reasonList('other-error, spool-area-full-report', 'zh-CN')).toBe('其他错误；打印缓存空间已满');
    expect(reasonList('other-error;spool-area-full-report', 'en')).toBe('other error; spool area full');
    expect(reasonList('media-jam-error, , media-jam-warning,paused', 'zh-CN')).toBe('卡纸；已暂停');
    expect(reasonList('', 'zh-CN')).toBe('');
  });
});

describe('complaint words (complaint-texts.ts)', () => {
  const groups = [
    ['problems', problemKinds],
    ['types', complaintTypes],
    ['states', complaintStates],
    ['grounds', notAcceptedGrounds],
    ['methods', answerMethods],
    ['ratings', satisfactionRatings],
  ] as const;
  it.each(groups)('%s: every entry in both languages, all different', (group, keys) => {
    const zh = complaintWords('zh-CN')[group] as Record<string, string>;
    const en = complaintWords('en')[group] as Record<string, string>;
    checkCatalogue(keys.map((k) => ({ key: k, zh: zh[k] ?? '', en: en[k] ?? '' })));
  });
  it('the words of the office (信访 and attachment 5’s grounds)', () => {
    const W = complaintWords('zh-CN');
    expect(W.states).toEqual({
      received: '待受理',
      accepted: '已受理',
      'not-accepted': '不予受理',
      answered: '已答复',
      closed: '已办结',
    });
    expect(W.types).toEqual({ complaint: '投诉', suggestion: '意见建议' });
    expect(W.ratings).toEqual({
      satisfied: '满意',
      'basically-satisfied': '基本满意',
      dissatisfied: '不满意',
    });
    expect(W.grounds['not-concerned']).toBe('投诉人不是当事人');
    expect(W.grounds['no-contact-or-evidence']).toBe('未留联系方式或不能及时提供必要证据');
    expect(W.problems.supplies).toBe('缺纸缺墨');
    expect(W.methods.wecom).toBe('企业微信');
  });
  it('what the citizen reads after submitting', () => {
    expect(complaintWords('zh-CN').nextStepsDays(3)).toBe(
      '工作人员将在 3 个工作日内处理；留了电话的，我们会回电告知结果。',
    );
    expect(complaintWords('en').nextStepsDays(1)).toContain('within 1 working day;');
    expect(complaintWords('en').nextStepsDays(3)).toContain('within 3 working days;');
  });
  it('a report’s detail on a device fault', () => {
    expect(complaintWords('zh-CN').reportDetail('ZS-20250506-001', '卡纸', '')).toBe(
      '群众报告 ZS-20250506-001：卡纸',
    );
    expect(complaintWords('zh-CN').reportDetail('ZS-20250506-001', '卡纸', '第二页卡住')).toBe(
      '群众报告 ZS-20250506-001：卡纸，第二页卡住',
    );
    expect(complaintWords('en').reportDetail('ZS-1', 'Paper jam', '')).toBe('public report ZS-1: Paper jam');
    expect(complaintWords('en').reportDetail('ZS-1', 'Paper jam', 'x')).toBe(
      'public report ZS-1: Paper jam — x',
    );
  });

  const complaint = { id: 7, caseNo: 'ZS-20250506-001', type: 'complaint' as const, problem: 'jam' as const };
  const zhCtx = { siteName: '濯水镇政务公开专区', language: 'zh-CN' as const };
  it('every notice in both languages, all different, no keyword', () => {
    checkCatalogue(
      complaintNotices.map((n) => ({
        key: n,
        zh: renderComplaintNotice(n, complaint, '打印机 P-01', '5月8日 17:30', zhCtx).text,
        en: renderComplaintNotice(n, complaint, 'P-01', '5/8 17:30', { siteName: 'Zone', language: 'en' })
          .text,
      })),
    );
  });
  it('the notices an attendant and the lead read', () => {
    const n = (notice: (typeof complaintNotices)[number]) =>
      renderComplaintNotice(notice, complaint, '打印机 P-01', '5月8日 17:30', zhCtx).text;
    expect(n('received')).toBe(
      '【濯水镇政务公开专区】收到群众投诉：打印机 P-01卡纸（编号 ZS-20250506-001），请在 5月8日 17:30 前受理，请值班人员处理。',
    );
    expect(n('accept-overdue')).toBe(
      '【濯水镇政务公开专区】【超期】群众投诉：打印机 P-01卡纸（编号 ZS-20250506-001）已超过受理期限（5月8日 17:30）仍未受理，请专区负责人督办。',
    );
    expect(n('answer-remind')).toContain('尚未答复，答复期限 5月8日 17:30，请及时回复群众。');
    expect(n('accept-remind')).toContain('【提醒】');
    expect(n('answer-overdue')).toContain('已超过答复期限');
  });
  it('a suggestion, no device, a link', () => {
    const s = renderComplaintNotice(
      'received',
      { id: 9, caseNo: 'ZS-1', type: 'suggestion', problem: 'suggestion' },
      null,
      'D',
      { ...zhCtx, publicUrl: 'http://127.0.0.1:8080/' },
    );
    expect(s.title).toBe(
      '【濯水镇政务公开专区】收到群众意见建议（编号 ZS-1），请在 D 前受理，请值班人员处理。',
    );
    expect(s.link).toBe('http://127.0.0.1:8080/complaints/9');
    expect(s.text).toBe(`${s.title}\n详情：http://127.0.0.1:8080/complaints/9`);
    expect(s.markdown).toBe(`**${s.title}**\n[详情](http://127.0.0.1:8080/complaints/9)`);
    const noDevice = renderComplaintNotice(
      'received',
      { ...complaint, problem: 'service' },
      null,
      'D',
      zhCtx,
    );
    expect(noDevice.text).toBe(
      '【濯水镇政务公开专区】收到群众投诉：服务态度（编号 ZS-20250506-001），请在 D 前受理，请值班人员处理。',
    );
    expect(noDevice.link).toBeUndefined();
    expect(noDevice.markdown).toBe(`**${noDevice.text}**`);
    const en = renderComplaintNotice('received', complaint, 'P-01', 'D', {
      siteName: 'Zone',
      language: 'en',
    });
    // The English notice once ran the words together ("complaintP-01"); now: complaint about P-01: Paper jam.
    expect(en.text).toBe(
      '【Zone】New public complaint about P-01: Paper jam (case ZS-20250506-001): please accept it or not by D.',
    );
    expect(
      renderComplaintNotice('received', { ...complaint, problem: 'service' }, null, 'D', {
        siteName: 'Zone',
        language: 'en',
      }).text,
    ).toBe(
      '【Zone】New public complaint about Service attitude (case ZS-20250506-001): please accept it or not by D.',
    );
  });
});

describe('channel texts (channel-messages.ts)', () => {
  const zh = { siteName: '濯水镇政务公开专区', language: 'zh-CN' as const };
  const en = { siteName: 'Zone', language: 'en' as const };
  it('each text in both languages, Chinese and English apart', () => {
    const pairs = [
      [
        'down',
        renderChannelDown(zh, 'wecom', 3, 'timeout').text,
        renderChannelDown(en, 'wecom', 3, 'timeout').text,
      ],
      [
        'misconfigured',
        renderChannelMisconfigured(zh, 'ding', 'bad token').text,
        renderChannelMisconfigured(en, 'ding', 'bad token').text,
      ],
      [
        'refused',
        renderRecipientRefused(zh, '张三', 'a@127.0.0.1', '550').text,
        renderRecipientRefused(en, 'Zhang', 'a@127.0.0.1', '550').text,
      ],
    ] as const;
    for (const [key, z, e] of pairs) {
      expect(z, key).toMatch(cjk);
      expect(e.replace('【Zone】', ''), key).not.toMatch(cjk);
    }
  });
  it('the Chinese a technician reads', () => {
    const d = renderChannelDown(zh, 'wecom', 3, 'timeout');
    expect(d.text).toBe(
      '【濯水镇政务公开专区】通知渠道 wecom 连续 3 次发送失败（timeout），其他渠道仍在发送，请技术员检查。',
    );
    expect(d.markdown).toBe(`**${d.text}**`);
    expect(d.title).toBe(d.text.slice(0, 60));
    expect(renderChannelMisconfigured(zh, 'ding', 'bad token').text).toContain(
      '通知渠道 ding 的配置有误，平台拒收：bad token。',
    );
    expect(renderRecipientRefused(zh, '张三', 'a@127.0.0.1', '550').text).toBe(
      '【濯水镇政务公开专区】邮件服务器拒收了 张三 的邮箱地址 a@127.0.0.1（550），张三 收不到邮件通知，请技术员核对通讯录中的邮箱地址。',
    );
  });
  it('quotes of the platform’s error are cut (120 / 300 / 200 characters)', () => {
    const long = 'x'.repeat(400);
    expect(renderChannelDown(zh, 'c', 1, long).text).toContain(`（${'x'.repeat(120)}）`);
    expect(renderChannelMisconfigured(zh, 'c', long).text).toContain(`：${'x'.repeat(300)}。`);
    expect(renderRecipientRefused(zh, 'p', 'a', long).text).toContain(`（${'x'.repeat(200)}）`);
  });
  it('a digest: numbered lines, the rest counted, where to look', () => {
    const d = renderDigest({ ...zh, publicUrl: 'http://127.0.0.1:8080//' }, ['甲', '乙', '丙'], 2);
    expect(d.title).toBe('【濯水镇政务公开专区】设备提醒汇总（3 条）');
    expect(d.text).toBe(
      '【濯水镇政务公开专区】设备提醒汇总（3 条）\n1. 甲\n2. 乙\n另有 1 条设备提醒，详见 http://127.0.0.1:8080/',
    );
    expect(d.markdown).toBe(
      '**【濯水镇政务公开专区】设备提醒汇总（3 条）**\n> 1. 甲\n> 2. 乙\n> 另有 1 条设备提醒，详见 http://127.0.0.1:8080/',
    );
    const all = renderDigest(zh, ['甲', '乙']);
    expect(all.text).toBe('【濯水镇政务公开专区】设备提醒汇总（2 条）\n1. 甲\n2. 乙\n详见状态页或邮件通知');
    const allEn = renderDigest(en, ['a']);
    expect(allEn.text).toBe('[Zone] 1 device alert\n1. a\nsee the status page or the e-mail alerts');
    expect(renderDigest(en, ['a', 'b', 'c'], 1).text).toBe(
      '[Zone] 3 device alerts\n1. a\n2 more device alerts, see the status page or the e-mail alerts',
    );
    expect(renderDigest(en, ['a', 'b'], 1).text).toBe(
      '[Zone] 2 device alerts\n1. a\n1 more device alert, see the status page or the e-mail alerts',
    );
  });
  it('a late message carries when it was due, in local time', () => {
    const p = { type: 'initial' as const, title: 'T', text: 'body', markdown: '**body**', to: [] };
    // 2025-05-06 01:30 UTC = 09:30 in Asia/Shanghai.
    const due = Date.UTC(2025, 4, 6, 1, 30);
    const z = withLateNote(p, 'zh-CN', due, 'Asia/Shanghai');
    expect(z.title).toBe('【迟到】T');
    expect(z.text).toBe('【迟到通知】本条消息原定 5月6日 09:30 发出，因通知渠道配置有误延迟送达。\nbody');
    expect(z.markdown).toBe(
      '【迟到通知】本条消息原定 5月6日 09:30 发出，因通知渠道配置有误延迟送达。\n\n**body**',
    );
    const e = withLateNote(p, 'en', due, 'Asia/Shanghai');
    expect(e.title).toBe('[late] T');
    expect(e.text.startsWith('[late] This message was due at 5/6 09:30;')).toBe(true);
  });
});
