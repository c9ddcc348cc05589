import { type Request, type RequestHandler, type Response, Router } from 'express';
import { ServiceError } from '../domain/errors.js';
import { localTime } from '../domain/local-time.js';
import type { Language } from '../domain/messages.js';
import { reportTitle } from '../domain/report-format.js';
import { type ReportFormat, renderReport, renderReportArticle } from '../report/render.js';
import { renderService, type ServiceFormat } from '../report/service-export.js';
import type { WebContext } from './context.js';
import { html, raw, urlPart } from './html.js';
import { message } from './pages/layout.js';

/** The page's own words (the report's are in src/report/). */
const words = (lang: Language) =>
  lang === 'en'
    ? {
        reports: 'Monthly report',
        month: 'Month',
        show: 'Show',
        files: 'Download',
        pdf: 'PDF (A4, to file)',
        html: 'Printable page',
        csv: 'Tables (CSV, Excel)',
        servicePage: 'Service given (page)',
        serviceCsv: 'Service given (CSV)',
      }
    : {
        reports: '月报',
        month: '月份',
        show: '查看',
        files: '下载与打印',
        pdf: 'PDF（A4，报送用）',
        html: '打印版网页',
        csv: '表格（CSV，可用 Excel 打开）',
        servicePage: '服务情况（网页）',
        serviceCsv: '服务情况（CSV）',
      };

const reportDownloads = new Set<string>(['pdf', 'html', 'csv', 'md']);
const serviceDownloads = new Set<string>(['html', 'csv']);

/**
 * `/reports` (staff): pick a month, read the report with its charts, and take it away as the A4 PDF a
 * town office files, a printable page or CSV — the same document as `zoneops report` and the API.
 * `/reports/download?month=&format=pdf|html|csv|md[&part=service]` serves the files.
 */
export function reportPages(ctx: WebContext, requireUser: RequestHandler): Router {
  const { deps } = ctx;
  const r = Router();
  const reports = deps.reports;
  if (reports === undefined) return r;
  const lang = deps.language;
  const w = words(lang);
  const current = () => localTime(deps.clock.now(), deps.timeZone).date.slice(0, 7);
  const monthOf = (req: Request) => {
    const m = req.query.month;
    if (m === undefined) return current();
    if (typeof m !== 'string') throw new ServiceError('invalid', `${w.month}: YYYY-MM`);
    return m;
  };
  const form = (month: string) =>
    html`<section class="noprint"><form method="get" action="/reports">
<label for="month">${w.month}</label><input id="month" name="month" type="month" value="${month.slice(0, 7)}" required>
<button type="submit">${w.show}</button></form></section>`;

  r.get('/reports', requireUser, async (req: Request, res: Response) => {
    const month = monthOf(req);
    let loaded: Awaited<ReturnType<typeof reports.load>>;
    try {
      loaded = await reports.load(month, deps.clock.now(), lang);
    } catch (e) {
      if (!(e instanceof ServiceError)) throw e;
      return ctx.send(res, 400, w.reports, html`${message(e.message, true)}${form(current())}`);
    }
    const q = `month=${urlPart(month)}`;
    const link = (href: string, text: string) => html`<li><a href="${href}">${text}</a></li>`;
    const article = await renderReportArticle(loaded.report, lang, { notes: loaded.notes });
    ctx.send(
      res,
      200,
      reportTitle(deps.siteName, month, lang),
      html`${form(month)}<section class="noprint"><h2>${w.files}</h2><ul>
${link(`/reports/download?${q}&format=pdf`, w.pdf)}${link(`/reports/download?${q}&format=html`, w.html)}
${link(`/reports/download?${q}&format=csv`, w.csv)}${link(`/reports/download?${q}&part=service&format=html`, w.servicePage)}
${link(`/reports/download?${q}&part=service&format=csv`, w.serviceCsv)}</ul></section>
<section>${raw(article)}</section>`,
    );
  });

  r.get('/reports/download', requireUser, async (req: Request, res: Response) => {
    const month = monthOf(req);
    const service = req.query.part === 'service';
    const format = String(req.query.format ?? 'pdf');
    const allowed = service ? serviceDownloads : reportDownloads;
    if (!allowed.has(format))
      throw new ServiceError(
        'invalid',
        lang === 'en'
          ? `format: expected one of ${[...allowed].join(', ')}`
          : `格式应为 ${[...allowed].join('、')} 之一`,
      );
    const loaded = await reports.load(month, deps.clock.now(), lang);
    const out = service
      ? await renderService(loaded.report, format as ServiceFormat, lang)
      : await renderReport(loaded.report, format as ReportFormat, lang, {
          notes: loaded.notes,
          ...reports.render,
        });
    const disposition = format === 'csv' || format === 'md' ? 'attachment' : 'inline';
    res
      .type(out.contentType)
      .set('Content-Disposition', `${disposition}; filename="${out.fileName}"`)
      .send(out.body);
  });
  return r;
}
