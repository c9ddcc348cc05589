import type { Zone } from '../core/zone.js';
import { reportRoutes } from '../http/routes/report.js';
import { loadMonthlyReport } from './load.js';

/** The monthly report (设备运行情况月报) over HTTP, computed from the stored history on request. */
export function reportFeature(zone: Zone): void {
  const { config, store, schedule } = zone;
  const { fontFile, fontName } = config.report;
  zone.http.routers.push(
    reportRoutes({
      guard: zone.guard,
      clock: zone.clock,
      language: config.language,
      load: (month, now, lang) => loadMonthlyReport({ db: store.db, config, schedule }, month, now, { lang }),
      ...(fontFile ? { render: { font: { file: fontFile, ...(fontName ? { name: fontName } : {}) } } } : {}),
    }),
  );
}
