import { csvCell } from '../hygiene/csv.js';
import type { ReportDocument } from './doc-kit.js';

/** The report as Markdown (charts as a line naming them) and as CSV (the tables, Excel-ready). */

/** A Markdown cell: pipes and line breaks would break the table; markup characters are escaped. */
function mdCell(s: string): string {
  return s.replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/\r?\n/g, ' ');
}

export function markdown(d: ReportDocument): string {
  const out = [`# ${mdCell(d.title)}`, ''];
  const colon = d.lang === 'en' ? ': ' : '：';
  for (const [k, v] of d.frame) out.push(`${mdCell(k)}${colon}${mdCell(v)}  `);
  for (const s of d.sections) {
    out.push('', `## ${mdCell(s.heading)}`);
    for (const b of s.blocks) {
      out.push('');
      if (b.kind === 'p') out.push(mdCell(b.text));
      else if (b.kind === 'chart')
        out.push(
          `*${mdCell(b.chart.title)}*${colon}${b.chart.categories.map((c, i) => `${mdCell(c)} ${mdCell(b.chart.labels[i] ?? '')}`).join(d.lang === 'en' ? '; ' : '；')}`,
        );
      else {
        const t = b.table;
        out.push(`**${mdCell(t.title)}**`, '');
        if (t.rows.length === 0 && !t.total) {
          out.push('—');
          continue;
        }
        out.push(`| ${t.headers.map(mdCell).join(' | ')} |`, `|${t.headers.map(() => ' --- ').join('|')}|`);
        for (const row of [...t.rows, ...(t.total ? [t.total] : [])])
          out.push(`| ${row.map(mdCell).join(' | ')} |`);
      }
    }
    if (s.notes.length > 0)
      out.push(
        '',
        ...s.notes.map(
          (n, i) => `> ${i === 0 ? (d.lang === 'en' ? 'Notes: ' : '注：') : ''}${i + 1}. ${mdCell(n)}`,
        ),
      );
  }
  out.push(
    '',
    d.sign.map(([k, v]) => `${mdCell(k)}${colon}${mdCell(v)}`).join(d.lang === 'en' ? '    ' : '　　'),
    '',
    `> ${mdCell(d.colophon)}`,
    '',
  );
  return out.join('\n');
}

export function csv(d: ReportDocument): string {
  const line = (cells: readonly string[]) => cells.map(csvCell).join(',');
  const out = [line([d.title]), ...d.frame.map(([k, v]) => line([k, v]))];
  for (const s of d.sections) {
    out.push('', line([s.heading]));
    for (const b of s.blocks) {
      if (b.kind !== 'table') continue;
      const t = b.table;
      out.push(line([t.title]), line(t.headers));
      for (const row of [...t.rows, ...(t.total ? [t.total] : [])]) out.push(line(row));
    }
  }
  out.push('', ...d.sign.map(([k, v]) => line([k, v])));
  return `${out.join('\r\n')}\r\n`;
}
