import { escapeHtml as e } from '../hygiene/compliance-html.js';
import type { Block, DocTable, ReportDocument } from './doc-kit.js';

/**
 * The report as HTML: an <article class="zo-report"> with its own scoped styles (the staff pages can
 * embed it as it is), inside a whole document for printing. Charts are inline SVG. On paper: A4,
 * black and white, table headers repeated on each page, and 第 X 页 共 Y 页 in the page margin
 * (CSS Paged Media margin boxes, where the browser prints them).
 */

const style = `
.zo-report { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "SimSun", sans-serif; color: #000; max-width: 60rem; margin: 0 auto; line-height: 1.6; }
.zo-report header, .zo-report section, .zo-report footer { display: block; background: none; color: inherit; padding: 0; margin: 0; box-shadow: none; border-radius: 0; }
.zo-report h1 { font-size: 1.5rem; text-align: center; margin: 0 0 .6rem; }
.zo-report h2 { font-size: 1.15rem; margin: 1.6rem 0 .4rem; }
.zo-report .zo-frame { display: flex; flex-wrap: wrap; justify-content: space-between; gap: .2rem 2rem; margin: 0 0 1rem; }
.zo-report .zo-frame div { display: flex; gap: .3rem; }
.zo-report .zo-frame dt::after { content: "："; }
.zo-report:lang(en) .zo-frame dt::after { content: ": "; }
.zo-report .zo-frame dd { margin: 0; }
.zo-report p { text-indent: 2em; margin: .3rem 0; }
.zo-report .zo-wrap { overflow-x: auto; margin: .6rem 0; }
.zo-report table { border-collapse: collapse; width: 100%; font-size: .85rem; }
.zo-report caption { text-align: left; font-weight: bold; padding: .2rem 0; }
.zo-report th, .zo-report td { border: 1px solid #000; padding: .15rem .35rem; text-align: left; vertical-align: top; }
.zo-report thead th { background: #eee; }
.zo-report tfoot td { font-weight: bold; }
.zo-report td.n { text-align: right; white-space: nowrap; }
.zo-report figure { margin: .8rem 0; break-inside: avoid; }
.zo-report figure svg { max-width: 100%; height: auto; }
.zo-report figcaption { text-align: center; font-size: .85rem; }
.zo-report .zo-notes { font-size: .8rem; margin: .4rem 0 0; padding-left: 1.6rem; }
.zo-report .zo-sign { display: flex; justify-content: flex-end; gap: 3rem; margin-top: 2.5rem; }
.zo-report .zo-colophon { font-size: .75rem; text-indent: 0; color: #333; }
@media (max-width: 40rem) { .zo-report th, .zo-report td { white-space: nowrap; } .zo-report h1 { font-size: 1.2rem; } }
@media print {
  @page { size: A4; margin: 15mm 12mm 18mm; @bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-size: 9pt; } }
  .zo-report { max-width: none; }
  .zo-report thead { display: table-header-group; }
  .zo-report tr { break-inside: avoid; }
  .zo-report thead th { background: none; }
  .zo-report h2 { break-after: avoid; }
}`;

const numeric = /^[-—+]?[\d.,]+%?$|^—$/;

function tableHtml(t: DocTable, id: string): string {
  const cell = (c: string) => `<td${numeric.test(c) ? ' class="n"' : ''}>${e(c)}</td>`;
  const head = `<thead><tr>${t.headers.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead>`;
  const body =
    t.rows.length === 0
      ? `<tr><td colspan="${t.headers.length}">—</td></tr>`
      : t.rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('\n');
  const foot = t.total ? `<tfoot><tr>${t.total.map(cell).join('')}</tr></tfoot>` : '';
  // A wide table scrolls in its own box on a phone: focusable, so a keyboard can scroll it too (WCAG 2.1.1).
  return `<div class="zo-wrap" tabindex="0" role="region" aria-label="${e(t.title)}"><table id="${id}"><caption>${e(t.title)}</caption>${head}<tbody>\n${body}\n</tbody>${foot}</table></div>`;
}

function blockHtml(b: Block, key: string, i: number, svgs: ReadonlyMap<string, string>, en: boolean): string {
  if (b.kind === 'p') return `<p>${e(b.text)}</p>`;
  if (b.kind === 'table') return tableHtml(b.table, `zo-${key}-${i}`);
  const c = b.chart;
  const alt = c.categories.map((x, j) => `${x} ${c.labels[j] ?? ''}`).join(en ? '; ' : '；');
  return `<figure id="zo-chart-${e(c.id)}" role="img" aria-label="${e(`${c.title}${en ? ': ' : '：'}${alt}`)}">${svgs.get(c.id) ?? ''}<figcaption>${e(c.title)}</figcaption></figure>`;
}

/** The embeddable article (its charts' SVG by chart id). */
export function reportArticle(d: ReportDocument, svgs: ReadonlyMap<string, string>): string {
  const frame = d.frame.map(([k, v]) => `<div><dt>${e(k)}</dt><dd>${e(v)}</dd></div>`).join('');
  const sections = d.sections
    .map((s) => {
      const blocks = s.blocks.map((b, i) => blockHtml(b, s.key, i, svgs, d.lang === 'en')).join('\n');
      const notes =
        s.notes.length === 0
          ? ''
          : `<ol class="zo-notes" aria-label="${d.lang === 'en' ? 'Notes' : '注释'}">${s.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ol>`;
      return `<section id="zo-${s.key}"><h2>${e(s.heading)}</h2>\n${blocks}\n${notes}</section>`;
    })
    .join('\n');
  const colon = d.lang === 'en' ? ': ' : '：';
  const sign = d.sign.map(([k, v]) => `<span>${e(k)}${colon}${e(v)}</span>`).join('');
  return `<article class="zo-report" lang="${d.lang === 'en' ? 'en' : 'zh-CN'}">
<style>${style}</style>
<header><h1>${e(d.title)}</h1><dl class="zo-frame">${frame}</dl></header>
${sections}
<footer class="zo-sign">${sign}</footer>
<p class="zo-colophon">${e(d.colophon)}</p>
</article>`;
}

export function reportHtml(d: ReportDocument, svgs: ReadonlyMap<string, string>): string {
  return `<!doctype html>
<html lang="${d.lang === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(d.title)}</title>
</head>
<body>
${reportArticle(d, svgs)}
</body>
</html>
`;
}
