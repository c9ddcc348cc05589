import { Router } from 'express';
import type { Clock } from '../../clock.js';
import { ServiceError } from '../../domain/errors.js';
import type { Language } from '../../domain/messages.js';
import type { LoadedReport } from '../../report/load.js';
import { type RenderOptions, renderReport, reportFormats } from '../../report/render.js';
import { renderService, serviceFormats } from '../../report/service-export.js';
import type { Guard } from '../guard.js';

interface ReportRoutesDeps {
  guard: Guard;
  clock: Clock;
  language: Language;
  /** Computes the report of a month at `now` (src/report/load.ts: loadMonthlyReport). */
  load: (month: string, now: number, lang: Language) => Promise<LoadedReport>;
  render?: Pick<RenderOptions, 'font'>;
}

/** One query parameter, a string from a list; anything else is a 400 that names it and the choices. */
function pick<T extends string>(
  q: unknown,
  name: string,
  choices: readonly T[],
  fallback: T | undefined,
  zh: boolean,
): T {
  if (q === undefined && fallback !== undefined) return fallback;
  if (typeof q === 'string' && (choices as readonly string[]).includes(q)) return q as T;
  const got = typeof q === 'string' ? `“${q.slice(0, 20)}”` : zh ? '空' : 'nothing';
  throw new ServiceError(
    'invalid',
    zh
      ? `参数 ${name} 应为 ${choices.join('、')} 之一，收到 ${got}`
      : `query.${name}: expected one of ${choices.join(', ')}, got ${got}`,
  );
}

function params(
  query: Record<string, unknown>,
  language: Language,
  formats: readonly string[],
  fallback: string,
) {
  const lang = pick(query.lang, 'lang', ['zh-CN', 'en'] as const, language, language !== 'en');
  const zh = lang !== 'en';
  const unknown = Object.keys(query).filter((k) => !['month', 'format', 'lang'].includes(k));
  if (unknown.length > 0)
    throw new ServiceError(
      'invalid',
      zh
        ? `未知参数：${unknown.join('、')}（可用 month、format、lang）`
        : `query: unknown ${unknown.join(', ')}`,
    );
  if (typeof query.month !== 'string')
    throw new ServiceError(
      'invalid',
      zh
        ? '缺少参数 month（月份，格式 YYYY-MM，例如 2026-12）'
        : 'query.month: required (YYYY-MM, e.g. 2026-12)',
    );
  return { month: query.month, lang, format: pick(query.format, 'format', formats, fallback, zh) };
}

/**
 * GET /api/v1/reports/monthly?month=YYYY-MM[&format=json|csv|md|html|pdf][&lang=zh-CN|en] and
 * GET /api/v1/reports/service?month=YYYY-MM[&format=json|csv|html] (staff). A malformed month, one
 * not yet begun or one before the store's first record is a 400 with what to ask instead.
 */
export function reportRoutes(deps: ReportRoutesDeps): Router {
  const r = Router();
  r.get('/reports/monthly', deps.guard('staff'), async (req, res) => {
    const q = params(req.query as Record<string, unknown>, deps.language, reportFormats, 'json');
    const loaded = await deps.load(q.month, deps.clock.now(), q.lang);
    const out = await renderReport(loaded.report, q.format as (typeof reportFormats)[number], q.lang, {
      notes: loaded.notes,
      ...deps.render,
    });
    res.type(out.contentType);
    const disposition = q.format === 'csv' || q.format === 'md' ? 'attachment' : 'inline';
    if (q.format !== 'json') res.set('Content-Disposition', `${disposition}; filename="${out.fileName}"`);
    res.send(out.body);
  });
  r.get('/reports/service', deps.guard('staff'), async (req, res) => {
    const q = params(req.query as Record<string, unknown>, deps.language, serviceFormats, 'json');
    const loaded = await deps.load(q.month, deps.clock.now(), q.lang);
    const out = await renderService(loaded.report, q.format as (typeof serviceFormats)[number], q.lang);
    res.type(out.contentType);
    if (q.format === 'csv') res.set('Content-Disposition', `attachment; filename="${out.fileName}"`);
    res.send(out.body);
  });
  return r;
}
