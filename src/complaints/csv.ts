import { complaintWords } from '../domain/complaint-texts.js';
import { formatLocal } from '../domain/local-time.js';
import type { Language } from '../domain/messages.js';
import { csvCell } from '../hygiene/csv.js';
import type { ComplaintView } from './views.js';

const headers = {
  'zh-CN': [
    '编号',
    '类型',
    '问题',
    '设备',
    '内容',
    '联系电话',
    '收到时间',
    '受理期限',
    '状态',
    '受理情况',
    '受理时间',
    '受理人',
    '不予受理理由',
    '受理说明',
    '答复期限',
    '答复时间',
    '答复方式',
    '答复人',
    '答复内容',
    '按时答复',
    '办结时间',
    '满意度',
  ],
  en: [
    'case',
    'type',
    'problem',
    'device',
    'description',
    'contact',
    'received',
    'accept by',
    'state',
    'decision',
    'decided at',
    'decided by',
    'ground',
    'decision note',
    'answer by',
    'answered at',
    'answered how',
    'answered by',
    'answer',
    'answered on time',
    'closed at',
    'satisfaction',
  ],
};

/**
 * The complaint register as CSV for the inspecting office: UTF-8 with a byte-order mark (without it
 * Excel on Windows reads GBK and the Chinese turns to mojibake), CRLF line ends, local times, and the
 * contacts in full — this export is the register itself, for the people who handle complaints only.
 */
export function registerCsv(
  rows: readonly ComplaintView[],
  deviceName: (id: string) => string,
  lang: Language,
  tz: string,
): string {
  const W = complaintWords(lang);
  const t = (ms: number | null) => (ms === null ? '' : formatLocal(ms, tz));
  const yes = lang === 'en' ? ['yes', 'no'] : ['是', '否'];
  const lines = [headers[lang]];
  for (const c of rows) {
    const decided =
      c.decidedAt === null ? '' : c.ground === null ? W.states.accepted : W.states['not-accepted'];
    lines.push([
      c.caseNo,
      W.types[c.type],
      W.problems[c.problem],
      c.deviceId === null ? '' : deviceName(c.deviceId),
      c.description,
      c.contact ?? '',
      t(c.receivedAt),
      t(c.acceptDueAt),
      W.states[c.state],
      decided,
      t(c.decidedAt),
      c.decidedBy ?? '',
      c.ground === null ? '' : W.grounds[c.ground],
      c.decisionNote ?? '',
      c.answerOwed ? t(c.answerDueAt) : '',
      t(c.answeredAt),
      c.answerMethod === null ? '' : W.methods[c.answerMethod],
      c.answeredBy ?? '',
      c.answerText ?? '',
      c.answeredAt === null ? '' : c.answeredAt <= c.answerDueAt ? (yes[0] as string) : (yes[1] as string),
      t(c.closedAt),
      c.satisfaction === null ? '' : W.ratings[c.satisfaction],
    ]);
  }
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
