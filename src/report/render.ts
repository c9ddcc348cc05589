import type { Language } from '../domain/messages.js';
import type { MonthlyReport } from '../domain/report-types.js';
import { chartSvg } from './charts.js';
import type { ReportDocument } from './doc-kit.js';
import { reportDocument } from './document.js';
import type { ReportNotes } from './notes.js';
import { reportArticle, reportHtml } from './render-html.js';
import { type PdfFont, pdfFontFamily, reportPdf } from './render-pdf.js';
import { csv, markdown } from './render-text.js';

export const reportFormats = ['md', 'csv', 'json', 'html', 'pdf'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export interface RenderedReport {
  readonly contentType: string;
  readonly body: Buffer;
  /** A file name for downloads, e.g. zoneops-report-zhuoshui-2026-12.pdf. */
  readonly fileName: string;
}

export interface RenderOptions {
  readonly notes?: ReportNotes;
  /** The PDF's font (default: the bundled Noto Sans CJK SC subset). */
  readonly font?: PdfFont;
}

const BOM = '\uFEFF';
const htmlFonts = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif';

/** Every chart of the document as SVG, by chart id. */
async function charts(d: ReportDocument, fontFamily: string, width: number): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const s of d.sections)
    for (const b of s.blocks)
      if (b.kind === 'chart') out.set(b.chart.id, await chartSvg(b.chart, { fontFamily, width }));
  return out;
}

/**
 * The report in one of its formats (the same document behind every one of them). Text from devices
 * and people is escaped for Markdown, HTML and CSV. The PDF is made in-process (render-pdf.ts).
 */
export async function renderReport(
  r: MonthlyReport,
  format: ReportFormat,
  lang: Language,
  opts: RenderOptions = {},
): Promise<RenderedReport> {
  const fileName = `zoneops-report-${r.site}-${r.month}.${format}`;
  if (format === 'json')
    return {
      contentType: 'application/json; charset=utf-8',
      body: Buffer.from(`${JSON.stringify(r, null, 2)}\n`),
      fileName,
    };
  const d = reportDocument(r, lang, opts.notes);
  switch (format) {
    case 'md':
      return { contentType: 'text/markdown; charset=utf-8', body: Buffer.from(markdown(d)), fileName };
    case 'csv':
      // UTF-8 with a byte-order mark: without it Excel on Windows reads GBK and the Chinese turns to mojibake.
      return { contentType: 'text/csv; charset=utf-8', body: Buffer.from(`${BOM}${csv(d)}`), fileName };
    case 'html':
      return {
        contentType: 'text/html; charset=utf-8',
        body: Buffer.from(reportHtml(d, await charts(d, htmlFonts, 680))),
        fileName,
      };
    case 'pdf':
      return {
        contentType: 'application/pdf',
        body: await reportPdf(d, await charts(d, pdfFontFamily, 600), opts.font),
        fileName,
      };
  }
}

/** The report as an embeddable <article> (for the staff pages), charts inline. */
export async function renderReportArticle(
  r: MonthlyReport,
  lang: Language,
  opts: RenderOptions = {},
): Promise<string> {
  const d = reportDocument(r, lang, opts.notes);
  return reportArticle(d, await charts(d, htmlFonts, 680));
}
