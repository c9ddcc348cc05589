import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Block, DocTable, ReportDocument } from './doc-kit.js';

/**
 * The report as an A4 PDF, made in-process by pdfmake (tables with repeated headers, page breaks,
 * 第 X 页 共 Y 页 in the footer; SVG charts drawn as vectors through its bundled SVG-to-PDFKit) with
 * an embedded CJK font — by default the bundled Noto Sans CJK SC subset (assets/fonts/, SIL Open
 * Font License 1.1), which pdfkit subsets again to the characters used. No browser is involved.
 */

export interface PdfFont {
  /** A TTF/OTF file, or a TTC collection with `name` (its PostScript name). */
  readonly file: string;
  readonly name?: string;
}

/** The bundled font: Noto Sans CJK SC Regular cut to GB 2312 and common punctuation (scripts/make-report-font.sh). */
export const bundledFont: PdfFont = {
  file: fileURLToPath(new URL('../../assets/fonts/NotoSansCJKsc-Regular-GB2312.otf', import.meta.url)),
};

export const pdfFontFamily = 'ZoneopsCJK';

const pageWidth = 595.28 - 2 * 40;
const cellPadding = 8;

function widthsOf(t: DocTable): Array<number | string> {
  const n = t.headers.length;
  if (!t.widths) return new Array(n).fill('*');
  const sum = t.widths.reduce((a, b) => a + b, 0);
  const room = pageWidth - n * cellPadding - (n + 1);
  return t.widths.map((w) => Math.floor((w / sum) * room));
}

function tableNode(t: DocTable): Record<string, unknown>[] {
  const numeric = /^[-—+]?[\d.,]+%?$/;
  const cell = (s: string, head = false) => ({
    text: s,
    ...(head ? { fillColor: '#eeeeee' } : {}),
    ...(!head && numeric.test(s) ? { alignment: 'right' } : {}),
  });
  const body = [
    t.headers.map((h) => cell(h, true)),
    ...(t.rows.length === 0 && !t.total ? [t.headers.map((_, i) => cell(i === 0 ? '—' : ''))] : []),
    ...t.rows.map((r) => r.map((c) => cell(c))),
    ...(t.total ? [t.total.map((c) => cell(c))] : []),
  ];
  return [
    { text: t.title, fontSize: 9.5, margin: [0, 6, 0, 2] },
    {
      table: { headerRows: 1, dontBreakRows: true, widths: widthsOf(t), body },
      fontSize: 8,
      margin: [0, 0, 0, 4],
    },
  ];
}

function blockNodes(b: Block, svgs: ReadonlyMap<string, string>): Record<string, unknown>[] {
  if (b.kind === 'p') return [{ text: b.text, leadingIndent: 19, margin: [0, 2, 0, 2] }];
  if (b.kind === 'table') return tableNode(b.table);
  const svg = svgs.get(b.chart.id);
  if (svg === undefined) return [];
  return [
    { svg, width: pageWidth, font: pdfFontFamily, margin: [0, 6, 0, 0] },
    { text: b.chart.title, alignment: 'center', fontSize: 9, margin: [0, 2, 0, 6] },
  ];
}

let pdfmake: Promise<typeof import('pdfmake').default> | undefined;

export async function reportPdf(
  d: ReportDocument,
  svgs: ReadonlyMap<string, string>,
  font: PdfFont = bundledFont,
): Promise<Buffer> {
  pdfmake ??= import('pdfmake').then((m) => m.default);
  const pm = await pdfmake;
  const file = resolve(font.file);
  const source: string | [string, string] = font.name ? [file, font.name] : file;
  pm.setFonts({ [pdfFontFamily]: { normal: source, bold: source, italics: source, bolditalics: source } });
  // Nothing is fetched and no file but the font is read, whatever a device's name says.
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy((path) => resolve(path) === file);
  const en = d.lang === 'en';
  const content: Record<string, unknown>[] = [
    { text: d.title, fontSize: 16, alignment: 'center', margin: [0, 0, 0, 8] },
    {
      columns: d.frame.map(([k, v]) => ({
        text: `${k}${en ? ': ' : '：'}${v}`,
        width: 'auto',
        noWrap: true,
      })),
      columnGap: 24,
      margin: [0, 0, 0, 8],
    },
  ];
  for (const s of d.sections) {
    content.push({ text: s.heading, fontSize: 12.5, margin: [0, 10, 0, 4], headlineLevel: 1 });
    for (const b of s.blocks) content.push(...blockNodes(b, svgs));
    if (s.notes.length > 0)
      content.push(
        { text: en ? 'Notes:' : '注：', fontSize: 7.5, margin: [0, 4, 0, 0] },
        { ol: [...s.notes], fontSize: 7.5, color: '#222222' },
      );
  }
  content.push(
    {
      columns: d.sign.map(([k, v]) => ({ text: `${k}${en ? ': ' : '：'}${v}`, width: 'auto', noWrap: true })),
      columnGap: 48,
      margin: [0, 28, 0, 8],
      alignment: 'right',
    },
    { text: d.colophon, fontSize: 7.5, color: '#333333' },
  );
  const doc = pm.createPdf({
    pageSize: 'A4',
    pageMargins: [40, 48, 40, 48],
    info: { title: d.title, creator: 'zoneops', producer: 'zoneops (pdfmake)' },
    defaultStyle: { font: pdfFontFamily, fontSize: 9.5, lineHeight: 1.25 },
    // Two spaces: text extraction (pdftotext) keeps a single space between CJK and digits only sometimes.
    footer: (page: number, pages: number) => ({
      text: en ? `Page ${page} of ${pages}` : `第  ${page}  页  共  ${pages}  页`,
      alignment: 'center',
      fontSize: 9,
      margin: [0, 16, 0, 0],
    }),
    pageBreakBefore: (node: { headlineLevel?: number; startPosition: { verticalRatio: number } }) =>
      node.headlineLevel === 1 && node.startPosition.verticalRatio > 0.88,
    content,
  });
  return doc.getBuffer();
}
