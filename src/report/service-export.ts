import type { Language } from '../domain/messages.js';
import type { MonthlyReport } from '../domain/report-types.js';
import { csvCell } from '../hygiene/csv.js';
import { chartSvg } from './charts.js';
import type { ReportDocument } from './doc-kit.js';
import { tr } from './doc-kit.js';
import { reportDocument } from './document.js';
import type { RenderedReport } from './render.js';
import { reportHtml } from './render-html.js';
import { typeName } from './texts.js';

/**
 * 服务情况 on its own, for the technician: the section as a page (HTML), or the day-by-day numbers as
 * CSV (pages per device per day, hours on and in use per PC per day) — the same figures as the report.
 */
export const serviceFormats = ['json', 'csv', 'html'] as const;
export type ServiceFormat = (typeof serviceFormats)[number];

export async function renderService(
  r: MonthlyReport,
  format: ServiceFormat,
  lang: Language,
): Promise<RenderedReport> {
  const fileName = `zoneops-service-${r.site}-${r.month}.${format}`;
  if (format === 'json')
    return {
      contentType: 'application/json; charset=utf-8',
      body: Buffer.from(
        `${JSON.stringify({ month: r.month, period: r.period, service: r.service }, null, 2)}\n`,
      ),
      fileName,
    };
  if (format === 'csv')
    return {
      contentType: 'text/csv; charset=utf-8',
      body: Buffer.from(`\uFEFF${serviceCsv(r, lang)}`),
      fileName,
    };
  const full = reportDocument(r, lang);
  const d: ReportDocument = { ...full, sections: full.sections.filter((s) => s.key === 'service') };
  const svgs = new Map<string, string>();
  for (const b of d.sections.flatMap((s) => s.blocks))
    if (b.kind === 'chart')
      svgs.set(b.chart.id, await chartSvg(b.chart, { fontFamily: 'sans-serif', width: 680 }));
  return { contentType: 'text/html; charset=utf-8', body: Buffer.from(reportHtml(d, svgs)), fileName };
}

function serviceCsv(r: MonthlyReport, lang: Language): string {
  const t = tr(lang);
  const name = (id: string) => r.register.find((d) => d.id === id)?.name ?? id;
  const line = (cells: ReadonlyArray<string | number | null>) =>
    cells.map((c) => csvCell(c === null ? '' : String(c))).join(',');
  const sv = r.service;
  const out = [
    line([
      t('日期', 'Date'),
      t('设备', 'Device'),
      t('国有资产编号', 'Asset no.'),
      t('类别', 'Type'),
      t('打印复印页数', 'Pages'),
      t('开机时长（小时）', 'Hours on'),
      t('使用时长（估算，小时）', 'Hours in use (estimated)'),
    ]),
  ];
  sv.days.forEach((date, i) => {
    for (const p of sv.pagesByDevice) {
      const d = r.register.find((x) => x.id === p.deviceId);
      out.push(
        line([
          date,
          name(p.deviceId),
          d?.assetNo ?? '',
          d ? typeName(d.type, lang) : '',
          p.byDay[i] ?? 0,
          null,
          null,
        ]),
      );
    }
    for (const u of sv.usage) {
      const day = u.days[i];
      const d = r.register.find((x) => x.id === u.deviceId);
      out.push(
        line([
          date,
          name(u.deviceId),
          d?.assetNo ?? '',
          typeName(u.type, lang),
          null,
          day?.onHours ?? 0,
          day?.inUseHours ?? null,
        ]),
      );
    }
  });
  return `${out.join('\r\n')}\r\n`;
}
