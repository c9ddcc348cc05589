import { taskNames } from '../domain/hygiene-plan.js';
import { formatLocal } from '../domain/local-time.js';
import type { Language } from '../domain/messages.js';
import type { HygieneRecord } from './repo.js';

const BOM = '\uFEFF';

const headers: Record<Language, string[]> = {
  'zh-CN': [
    '编号',
    '对象',
    '对象名称',
    '任务',
    '执行人',
    '登记人',
    '完成时间',
    '登记时间',
    '方式',
    '消毒剂',
    '备注',
    '照片',
    '更正的记录',
    '被更正于',
    '补登（迟报）',
    '来源',
  ],
  en: [
    'id',
    'target',
    'target name',
    'task',
    'done by',
    'recorded by',
    'done at',
    'recorded at',
    'method',
    'agent',
    'note',
    'photo',
    'corrects',
    'corrected by',
    'back-dated (late)',
    'source',
  ],
};

/**
 * One CSV cell. Quoted when needed; a cell that starts like a formula gets a leading apostrophe so
 * a spreadsheet shows the text instead of running it (CSV injection).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const localTime = (ms: number, tz: string) => formatLocal(ms, tz, { seconds: true });

/**
 * "执行人" (done by) is who the record says did the work; "登记人" (recorded by) is the account, token or
 * button that entered it — the superiors see both.
 * The records as CSV for Excel: UTF-8 with a byte-order mark (without it Excel on Windows reads the
 * file as GBK and the Chinese turns to mojibake) and CRLF line ends. Times are local.
 */
export function recordsCsv(
  records: readonly HygieneRecord[],
  names: ReadonlyMap<string, string>,
  tz: string,
  lang: Language,
): Buffer {
  const yes = lang === 'en' ? 'yes' : '是';
  const lines = [headers[lang].map(csvCell).join(',')];
  for (const r of records) {
    lines.push(
      [
        String(r.id),
        r.target,
        names.get(r.target) ?? '',
        taskNames[lang][r.task],
        r.actor,
        r.recordedBy ?? '',
        localTime(r.doneAt, tz),
        localTime(r.recordedAt, tz),
        r.method ?? '',
        r.agent ?? '',
        r.note ?? '',
        r.photo ?? '',
        r.correctsId === null ? '' : String(r.correctsId),
        r.correctedBy === null ? '' : String(r.correctedBy),
        r.backdated ? yes : '',
        r.source,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return Buffer.from(`${BOM}${lines.join('\r\n')}\r\n`, 'utf8');
}
