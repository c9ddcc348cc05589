import { Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import type { Language } from '../../domain/messages.js';
import type { MonthlyReport } from '../../domain/report-types.js';
import { renderReport, reportFormats } from '../../report/render.js';
import type { Guard } from '../guard.js';
import { apiMonth, validate } from '../validate.js';

interface ReportRoutesDeps {
  guard: Guard;
  clock: Clock;
  language: Language;
  /** Computes the report of a month at `now` (src/report/load.ts: loadMonthlyReport). */
  load: (month: string, now: number) => Promise<MonthlyReport>;
}

const query = z.strictObject({
  month: apiMonth(),
  format: z.enum(reportFormats).default('json'),
  lang: z.enum(['zh-CN', 'en']).optional(),
});

/** GET /api/v1/reports/monthly?month=YYYY-MM[&format=json|csv|md|html][&lang=zh-CN|en] (staff). */
export function reportRoutes(deps: ReportRoutesDeps): Router {
  const r = Router();
  r.get('/reports/monthly', deps.guard('staff'), async (req, res) => {
    const q = validate(query, req.query, 'query');
    const report = await deps.load(q.month, deps.clock.now());
    const out = renderReport(report, q.format, q.lang ?? deps.language);
    res.type(out.contentType);
    if (q.format === 'csv' || q.format === 'md')
      res.set('Content-Disposition', `attachment; filename="${out.fileName}"`);
    res.send(out.body);
  });
  return r;
}
