import type { ReportDocument } from '../../report/tables.js';
import { html, type SafeHtml, urlPart } from '../html.js';
import type { Strings } from '../i18n.js';
import { type FormState, facts, input } from './parts.js';

export interface ReportsView {
  readonly month: string;
  readonly form: FormState;
  /** The month's report as titled tables (report/tables.ts), when the month is valid. */
  readonly doc: ReportDocument | undefined;
  /** Whether the report renderer can make a PDF yet (the "Monthly report" issue adds `format=pdf`). */
  readonly pdf: boolean;
}

function docTables(d: ReportDocument, s: Strings): SafeHtml {
  return html`<section aria-labelledby="h-doc"><h2 id="h-doc">${d.title}</h2>${facts(d.meta)}</section>${d.tables.map(
    (t, i) =>
      html`<section aria-labelledby="h-t${i}"><h2 id="h-t${i}">${t.title}</h2>${
        t.rows.length === 0
          ? html`<p>${s.none}</p>`
          : html`<p class="muted">${s.scrollHint}</p><div class="scroll" tabindex="0" role="region" aria-labelledby="h-t${i}"><table>
<thead><tr>${t.headers.map((h) => html`<th scope="col">${h || html`<span class="sr-only">${t.title}</span>`}</th>`)}</tr></thead>
<tbody>${t.rows.map((r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody></table></div>`
      }</section>`,
  )}<p class="muted">${d.note}</p>`;
}

export function reportsBody(v: ReportsView, s: Strings): SafeHtml {
  const m = urlPart(v.month);
  const links = v.doc
    ? html`<section aria-labelledby="h-links"><h2 id="h-links">${s.reportOf(v.month)}</h2><ul class="plain">
<li><a href="/reports/monthly?month=${m}">${s.monthlyReportOpen}</a></li>
<li><a href="/reports/hygiene?month=${m}">${s.complianceOpen}</a></li>
<li><a href="/reports/monthly.csv?month=${m}">${s.csv}</a></li>${
        // PDF: the "Monthly report" issue adds format=pdf to report/render.ts; the link shows once it exists.
        v.pdf ? html`<li><a href="/reports/monthly.pdf?month=${m}">${s.pdf}</a></li>` : ''
      }</ul></section>`
    : html``;
  return html`<form method="get" action="/reports" class="card noprint">${input(
    { id: 'month', name: 'month', label: s.month, type: 'month', required: true },
    v.form,
    s,
  )}<button type="submit">${s.show}</button></form>${links}${v.doc ? docTables(v.doc, s) : ''}`;
}
