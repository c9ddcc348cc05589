import type { ComplianceSummary, SlotStatus } from '../domain/hygiene-compliance.js';
import { taskNames } from '../domain/hygiene-plan.js';
import type { Language } from '../domain/messages.js';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const words = {
  'zh-CN': {
    title: '清洁消毒执行情况',
    month: '月份',
    target: '对象',
    task: '任务',
    ratio: '按时率',
    total: '合计',
    printed: '打印时间',
    sign: '检查人签字：',
    status: { 'on-time': '按时', late: '迟报', missed: '未做', due: '未到期', overdue: '已超时' },
  },
  en: {
    title: 'Cleaning and disinfection compliance',
    month: 'Month',
    target: 'Target',
    task: 'Task',
    ratio: 'On time',
    total: 'Total',
    printed: 'Printed',
    sign: 'Inspected by:',
    status: { 'on-time': 'on time', late: 'late', missed: 'missed', due: 'not yet due', overdue: 'overdue' },
  },
} as const;

const columns: readonly SlotStatus[] = ['on-time', 'late', 'missed', 'overdue', 'due'];

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** A printable monthly table for the superiors, who inspect on paper. Every text is escaped. */
export function complianceHtml(
  summary: ComplianceSummary,
  siteName: string,
  lang: Language,
  printedAt: string,
): string {
  const w = words[lang];
  const e = escapeHtml;
  const head = [w.target, w.task, ...columns.map((c) => w.status[c]), w.ratio].map((h) => `<th>${e(h)}</th>`);
  const rows = summary.rows.map((r) => {
    const cells = [
      `<td>${e(r.targetName)}<br><small>${e(r.target)}</small></td>`,
      `<td>${e(taskNames[lang][r.task])}</td>`,
      ...columns.map((c) => `<td class="n">${r.counts[c]}</td>`),
      `<td class="n">${e(pct(r.ratio))}</td>`,
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  const totals = [
    `<td colspan="2"><b>${e(w.total)}</b></td>`,
    ...columns.map((c) => `<td class="n"><b>${summary.totals[c]}</b></td>`),
    `<td class="n"><b>${e(pct(summary.ratio))}</b></td>`,
  ];
  return `<!doctype html>
<html lang="${lang === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<title>${e(`${siteName} ${w.title} ${summary.month}`)}</title>
<style>
  body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "SimSun", sans-serif; margin: 2em; color: #000; }
  h1 { font-size: 18pt; text-align: center; margin: 0 0 0.3em; }
  p.meta { text-align: center; margin: 0 0 1em; }
  table { border-collapse: collapse; width: 100%; font-size: 11pt; }
  th, td { border: 1px solid #000; padding: 4px 6px; }
  th { background: #eee; }
  td.n { text-align: right; }
  p.sign { margin-top: 3em; text-align: right; }
  @media print { body { margin: 0; } th { background: none; } @page { size: A4 landscape; margin: 15mm; } }
</style>
</head>
<body>
<h1>${e(siteName)} ${e(w.title)}</h1>
<p class="meta">${e(w.month)}：${e(summary.month)}　${e(w.printed)}：${e(printedAt)}</p>
<table>
<thead><tr>${head.join('')}</tr></thead>
<tbody>
${rows.join('\n')}
<tr>${totals.join('')}</tr>
</tbody>
</table>
<p class="sign">${e(w.sign)}________________</p>
</body>
</html>
`;
}
