import { type Request, type RequestHandler, type Response, Router } from 'express';
import { formatLocal, localTime } from '../../domain/local-time.js';
import { complianceHtml } from '../../hygiene/compliance-html.js';
import { type ReportFormat, renderReport, reportFormats } from '../../report/render.js';
import { reportDocument } from '../../report/tables.js';
import { pageError, queryOf, type WebContext } from '../context.js';
import type { Strings } from '../i18n.js';
import { reportsBody } from '../pages/reports.js';
import { isFormMonth } from './forms.js';

/**
 * `/reports`: a month picker, the month's report as tables in the page, and the printable monthly report
 * and hygiene compliance table as HTML for a signed-in session (no bearer token in a browser). A month
 * that is malformed, in the future or before 2000 is a 400 with the reason beside the month field.
 */
export function reportPages(ctx: WebContext, requireUser: RequestHandler): Router {
  const { deps } = ctx;
  const r = Router();
  // The "Monthly report" issue adds `pdf` to reportFormats (report/render.ts); until then no PDF link.
  const pdf = (reportFormats as readonly string[]).includes('pdf');

  /** The month asked for (default: this month), or the error to show beside the field. */
  const monthOf = (req: Request, s: Strings): { month: string; error?: string } => {
    const now = deps.clock.now();
    const thisMonth = localTime(now, deps.timeZone).date.slice(0, 7);
    const m = queryOf(req, 'month') ?? thisMonth;
    const shaped = /^\d{4}-(0[1-9]|1[0-2])$/.test(m);
    if (shaped && m > thisMonth) return { month: m, error: s.errMonthFuture };
    if (!isFormMonth(m)) return { month: m, error: shaped ? s.errMonthOld : s.errMonth };
    return { month: m };
  };

  r.get('/reports', requireUser, async (req, res) => {
    const s = ctx.t(res);
    const { month, error } = monthOf(req, s);
    const doc = error
      ? undefined
      : reportDocument(await deps.reports.monthly(month, deps.clock.now()), s.lang);
    ctx.send(
      res,
      error ? 400 : 200,
      s.reportsTitle,
      reportsBody(
        {
          month,
          form: { values: { month: month.slice(0, 7) }, errors: error ? { month: error } : {} },
          doc,
          pdf,
        },
        s,
      ),
    );
  });

  /** The printable documents refuse a bad month with the same Chinese page (never a 500). */
  const checked = (req: Request, res: Response): string => {
    const s = ctx.t(res);
    const { month, error } = monthOf(req, s);
    if (error) throw pageError('invalid', error);
    return month;
  };

  const document = (format: ReportFormat) => async (req: Request, res: Response) => {
    const month = checked(req, res);
    const out = renderReport(await deps.reports.monthly(month, deps.clock.now()), format, ctx.t(res).lang);
    res.type(out.contentType);
    if (format !== 'html') res.set('Content-Disposition', `attachment; filename="${out.fileName}"`);
    res.send(out.body);
  };

  r.get('/reports/monthly', requireUser, document('html'));
  r.get('/reports/monthly.csv', requireUser, document('csv'));
  if (pdf) r.get('/reports/monthly.pdf', requireUser, document('pdf' as ReportFormat));

  r.get('/reports/hygiene', requireUser, async (req, res) => {
    const month = checked(req, res);
    const now = deps.clock.now();
    const summary = await deps.reports.compliance(month, now);
    res
      .type('text/html; charset=utf-8')
      .send(complianceHtml(summary, deps.siteName, ctx.t(res).lang, formatLocal(now, deps.timeZone)));
  });

  return r;
}
