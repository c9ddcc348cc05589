import type { Language } from '../domain/messages.js';
import type { MonthlyReport } from '../domain/report-types.js';
import { escapeHtml } from '../hygiene/compliance-html.js';
import { csvCell } from '../hygiene/csv.js';
import { type ReportDocument, reportDocument } from './tables.js';

export const reportFormats = ['md', 'csv', 'json', 'html'] as const;
export type ReportFormat = (typeof reportFormats)[number];

interface RenderedReport {
  readonly contentType: string;
  readonly body: Buffer;
  /** A file name for downloads, e.g. zoneops-report-testzone-2026-10.csv. */
  readonly fileName: string;
}

const BOM = '\uFEFF';

/** The report in one of its formats. Text from devices (fault details) is escaped for HTML and CSV. */
export function renderReport(r: MonthlyReport, format: ReportFormat, lang: Language): RenderedReport {
  const fileName = `zoneops-report-${r.site}-${r.month}.${format}`;
  switch (format) {
    case 'json':
      return {
        contentType: 'application/json; charset=utf-8',
        body: Buffer.from(`${JSON.stringify(r, null, 2)}\n`),
        fileName,
      };
    case 'md':
      return {
        contentType: 'text/markdown; charset=utf-8',
        body: Buffer.from(markdown(reportDocument(r, lang))),
        fileName,
      };
    case 'csv':
      // UTF-8 with a byte-order mark: without it Excel on Windows reads GBK and the Chinese turns to mojibake.
      return {
        contentType: 'text/csv; charset=utf-8',
        body: Buffer.from(`${BOM}${csv(reportDocument(r, lang))}`),
        fileName,
      };
    case 'html':
      return {
        contentType: 'text/html; charset=utf-8',
        body: Buffer.from(html(reportDocument(r, lang), lang)),
        fileName,
      };
  }
}

/** A Markdown cell: pipes and line breaks would break the table; markup characters are escaped. */
function mdCell(s: string): string {
  return s.replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/\r?\n/g, ' ');
}

function markdown(d: ReportDocument): string {
  const out = [`# ${mdCell(d.title)}`, ''];
  for (const [k, v] of d.meta) out.push(`- ${mdCell(k)}: ${mdCell(v)}`);
  for (const t of d.tables) {
    out.push('', `## ${mdCell(t.title)}`, '');
    if (t.rows.length === 0) {
      out.push('—');
      continue;
    }
    out.push(`| ${t.headers.map(mdCell).join(' | ')} |`, `|${t.headers.map(() => ' --- ').join('|')}|`);
    for (const row of t.rows) out.push(`| ${row.map(mdCell).join(' | ')} |`);
  }
  out.push('', `> ${mdCell(d.note)}`, '');
  return out.join('\n');
}

function csv(d: ReportDocument): string {
  const line = (cells: readonly string[]) => cells.map(csvCell).join(',');
  const out = [line([d.title]), ...d.meta.map(([k, v]) => line([k, v]))];
  for (const t of d.tables) {
    out.push('', line([t.title]), line(t.headers));
    for (const row of t.rows) out.push(line(row));
  }
  return `${out.join('\r\n')}\r\n`;
}

function html(d: ReportDocument, lang: Language): string {
  const e = escapeHtml;
  const meta = d.meta.map(([k, v]) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`).join('\n');
  const tables = d.tables
    .map((t) => {
      const head = `<tr>${t.headers.map((h) => `<th>${e(h)}</th>`).join('')}</tr>`;
      const rows =
        t.rows.length === 0
          ? `<tr><td colspan="${t.headers.length}">—</td></tr>`
          : t.rows.map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('\n');
      return `<h2>${e(t.title)}</h2>\n<table>\n${head}\n${rows}\n</table>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${lang === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<title>${e(d.title)}</title>
<style>
  body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "SimSun", sans-serif; margin: 2em; color: #000; }
  h1 { font-size: 18pt; text-align: center; margin: 0 0 0.5em; }
  h2 { font-size: 13pt; margin: 1.2em 0 0.4em; }
  table { border-collapse: collapse; width: 100%; font-size: 10.5pt; page-break-inside: auto; }
  tr { page-break-inside: avoid; }
  th, td { border: 1px solid #000; padding: 3px 6px; text-align: left; }
  th { background: #eee; }
  table.meta { width: auto; }
  p.note { font-size: 9pt; margin-top: 1.5em; }
  p.sign { margin-top: 3em; text-align: right; }
  @media print { body { margin: 0; } th { background: none; } @page { size: A4 landscape; margin: 12mm; } }
</style>
</head>
<body>
<h1>${e(d.title)}</h1>
<table class="meta">
${meta}
</table>
${tables}
<p class="note">${e(d.note)}</p>
<p class="sign">${e(d.sign)}</p>
</body>
</html>
`;
}
