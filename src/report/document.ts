import { addDays } from '../domain/local-time.js';
import type { Language } from '../domain/messages.js';
import { dateText, periodText, reportTitle } from '../domain/report-format.js';
import { narrative } from '../domain/report-narrative.js';
import type { MonthlyReport } from '../domain/report-types.js';
import { type ReportDocument, stamp, tr } from './doc-kit.js';
import type { ReportNotes } from './notes.js';
import { basicSection, devicesSection } from './sections-basic.js';
import { faultsSection, hygieneSection } from './sections-faults.js';
import { outlookSection, serviceSection, suppliesSection } from './sections-service.js';
import { kindName } from './texts.js';

export type { ReportDocument } from './doc-kit.js';

const blank = '__________';

/**
 * The report in the frame a town office files: the title without a doubled 专区, 填报单位 and 报送日期,
 * the period in Chinese, seven sections each with its paragraph (generated from the figures, or the
 * technician's own from the month's notes file), tables with 合计 rows, charts and footnotes, and the
 * 填报人 / 审核人 lines.
 */
export function reportDocument(
  r: MonthlyReport,
  lang: Language,
  notes: ReportNotes = { narrative: {} },
): ReportDocument {
  const t = tr(lang);
  const generated = narrative(r, lang, (k) => kindName(k, lang));
  const text = (k: keyof typeof generated) => notes.narrative[k] ?? generated[k];
  const last = addDays(`${r.month}-01`, r.period.daysInMonth - 1);
  return {
    lang,
    title: reportTitle(r.siteName, r.month, lang),
    frame: [
      [t('填报单位', 'Filed by'), r.frame.unit ?? blank],
      [t('统计期间', 'Period'), periodText(`${r.month}-01`, last, lang)],
      [t('报送日期', 'Submitted on'), dateText(r.frame.submittedOn, lang)],
    ],
    sections: [
      basicSection(r, lang, text('basic')),
      devicesSection(r, lang, text('devices')),
      faultsSection(r, lang, text('faults')),
      hygieneSection(r, lang, text('hygiene')),
      suppliesSection(r, lang, text('supplies')),
      serviceSection(r, lang, text('service')),
      outlookSection(lang, text('outlook')),
    ],
    sign: [
      [t('填报人', 'Prepared by'), r.frame.preparedBy ?? blank],
      [t('审核人', 'Reviewed by'), r.frame.reviewedBy ?? blank],
    ],
    colophon: t(
      `本报告由 zoneops 根据本地运行记录生成（${stamp(r.generatedAt, r.tz)}），各项指标的定义见各节注释。`,
      `Made by zoneops from its local records (${stamp(r.generatedAt, r.tz)}); each figure is defined in its section's notes.`,
    ),
  };
}
