import { z } from 'zod';
import { text } from '../fields.js';

/**
 * The top-level `report:` section: who files the monthly report and where the technician's notes
 * are. Every field is optional; the report prints blank lines to sign for what is not given.
 */
export function reportSchema() {
  return z
    .strictObject({
      /** 填报单位, e.g. 濯水镇人民政府党政办公室. */
      unit: text().optional(),
      /** 填报人 and 审核人 (the month's notes file may name others). */
      preparedBy: text().optional(),
      reviewedBy: text().optional(),
      /** The notes files: `<notesDir>/<YYYY-MM>.yaml` amends that month's report (see README). */
      notesDir: text('a directory path').default('data/report-notes'),
      /**
       * A CJK font for the PDF (TTF, OTF or a TTC collection with `fontName`), when the bundled
       * Noto Sans CJK SC subset (the GB 2312 characters) lacks a character of the zone's names.
       */
      fontFile: text('a font file path').optional(),
      fontName: text().optional(),
    })
    .default({ notesDir: 'data/report-notes' });
}
