import { type Request, type RequestHandler, type Response, Router } from 'express';
import { ServiceError } from '../domain/errors.js';
import { formatLocal, localTime } from '../domain/local-time.js';
import { reportTitle } from '../domain/report-format.js';
import { complianceHtml } from '../hygiene/compliance-html.js';
import { type ReportFormat, renderReport, renderReportArticle } from '../report/render.js';
import { renderService, type ServiceFormat } from '../report/service-export.js';
import { pageError, queryOf, type WebContext } from './context.js';
import { html, raw, type SafeHtml, urlPart } from './html.js';
import type { Strings } from './i18n.js';
import { input } from './pages/parts.js';
import { isFormMonth } from './routes/forms.js';

const reportDownloads = ['pdf', 'html', 'csv', 'md'] as const;
const serviceDownloads = ['html', 'csv'] as const;

/** The month picker; a refused month stays in the field with the reason beside it (announced). */
function monthForm(month: string, error: string | undefined, s: Strings): SafeHtml {
  return html`<form method="get" action="/reports" class="card noprint">${input(
    { id: 'month', name: 'month', label: s.month, type: 'month', required: true, alert: true },
    { values: { month: month.slice(0, 20) }, errors: error ? { month: error } : {} },
    s,
  )}<button type="submit">${s.show}</button></form>`;
}

/** A refusal of the report's loader (bad, future or unrecorded month) as this page's own words. */
const asPageError = (e: unknown): unknown =>
  e instanceof ServiceError && e.extra.forPage !== true ? pageError(e.code, e.message) : e;

/**
 * `/reports` (staff, session sign-in): pick a month, read the report with its charts in the reader's
 * language, and take it away as the A4 PDF a town office files, a printable page or CSV — the same
 * document as `zoneops report` and the API — plus the month's cleaning inspection sheet.
 * `/reports/download?month=&format=pdf|html|csv|md[&part=service]` serves the files,
 * `/reports/hygiene?month=` the compliance table. A month the report refuses (malformed, not begun,
 * before the first record) is a 400 with the reason beside the month field, the input kept.
 */
export function reportPages(ctx: WebContext, requireUser: RequestHandler): Router {
  const { deps } = ctx;
  const r = Router();
  const reports = deps.reports;
  if (reports === undefined) return r;
  const current = () => localTime(deps.clock.now(), deps.timeZone).date.slice(0, 7);
  /** The month asked for; anything but one string (`month[]=x`) is an empty, refused month. */
  const monthOf = (req: Request) =>
    req.query.month === undefined ? current() : (queryOf(req, 'month') ?? '');

  r.get('/reports', requireUser, async (req: Request, res: Response) => {
    const s = ctx.t(res);
    const month = monthOf(req);
    let loaded: Awaited<ReturnType<typeof reports.load>>;
    try {
      loaded = await reports.load(month, deps.clock.now(), s.lang);
    } catch (e) {
      if (!(e instanceof ServiceError)) throw e;
      return ctx.send(res, 400, s.reportsTitle, monthForm(month, e.message, s));
    }
    const q = `month=${urlPart(month)}`;
    const link = (href: string, text: string) => html`<li><a href="${href}">${text}</a></li>`;
    const article = await renderReportArticle(loaded.report, s.lang, { notes: loaded.notes });
    ctx.send(
      res,
      200,
      reportTitle(deps.siteName, month, s.lang),
      html`${monthForm(month, undefined, s)}<section class="noprint" aria-labelledby="h-files"><h2 id="h-files">${s.files}</h2><ul>
${link(`/reports/download?${q}&format=pdf`, s.pdf)}${link(`/reports/download?${q}&format=html`, s.printable)}
${link(`/reports/download?${q}&format=csv`, s.csv)}${link(`/reports/download?${q}&part=service&format=html`, s.servicePage)}
${link(`/reports/download?${q}&part=service&format=csv`, s.serviceCsv)}${link(`/reports/hygiene?${q}`, s.complianceOpen)}</ul></section>
<section>${raw(article)}</section>`,
    );
  });

  r.get('/reports/download', requireUser, async (req: Request, res: Response) => {
    const s = ctx.t(res);
    const month = monthOf(req);
    const service = req.query.part === 'service';
    const format = queryOf(req, 'format') ?? 'pdf';
    const allowed: readonly string[] = service ? serviceDownloads : reportDownloads;
    if (!allowed.includes(format)) throw pageError('invalid', s.formatOneOf(allowed));
    const loaded = await reports.load(month, deps.clock.now(), s.lang).catch((e: unknown) => {
      throw asPageError(e);
    });
    const out = service
      ? await renderService(loaded.report, format as ServiceFormat, s.lang)
      : await renderReport(loaded.report, format as ReportFormat, s.lang, {
          notes: loaded.notes,
          ...reports.render,
        });
    const disposition = format === 'csv' || format === 'md' ? 'attachment' : 'inline';
    res
      .type(out.contentType)
      .set('Content-Disposition', `${disposition}; filename="${out.fileName}"`)
      .send(out.body);
  });

  /** The printable compliance table the superiors inspect on paper (hygiene/compliance-html.ts). */
  r.get('/reports/hygiene', requireUser, async (req: Request, res: Response) => {
    const s = ctx.t(res);
    const month = monthOf(req);
    if (!isFormMonth(month)) throw pageError('invalid', s.errMonth);
    if (month > current()) throw pageError('invalid', s.errMonthFuture);
    const now = deps.clock.now();
    const summary = await deps.compliance(month, now);
    res
      .type('text/html; charset=utf-8')
      .send(complianceHtml(summary, deps.siteName, s.lang, formatLocal(now, deps.timeZone)));
  });
  return r;
}
