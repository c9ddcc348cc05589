import type { Zone } from '../core/zone.js';
import type { Language } from '../domain/messages.js';
import { reportRoutes } from '../http/routes/report.js';
import { type LoadedReport, loadMonthlyReport } from './load.js';
import type { RenderOptions } from './render.js';

/** What the staff pages need of the report: the month's figures and how to render the PDF. */
export interface ReportFeature {
  load(month: string, now: number, lang: Language): Promise<LoadedReport>;
  render?: Pick<RenderOptions, 'font'>;
}

/** The monthly report (设备运行情况月报) over HTTP, computed from the stored history on request. */
export function reportFeature(zone: Zone): ReportFeature {
  const { config, store, schedule } = zone;
  const { fontFile, fontName } = config.report;
  const feature: ReportFeature = {
    load: (month, now, lang) => loadMonthlyReport({ db: store.db, config, schedule }, month, now, { lang }),
    ...(fontFile ? { render: { font: { file: fontFile, ...(fontName ? { name: fontName } : {}) } } } : {}),
  };
  zone.http.routers.push(
    reportRoutes({
      guard: zone.guard,
      clock: zone.clock,
      language: config.language,
      load: feature.load,
      ...(feature.render ? { render: feature.render } : {}),
    }),
  );
  return feature;
}
