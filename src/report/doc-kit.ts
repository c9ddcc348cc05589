import { formatLocal } from '../domain/local-time.js';
import type { Language } from '../domain/messages.js';
import { definition, type FigureId } from '../domain/report-definitions.js';
import type { SectionKey } from '../domain/report-narrative.js';
import type { MonthlyReport } from '../domain/report-types.js';

/**
 * The report as a document (sections of paragraphs, tables and charts, with footnotes), built once
 * and printed by every renderer — Markdown, CSV, HTML and PDF never disagree, and a chart's labels
 * are the very strings of the table beside it.
 */
export interface DocTable {
  readonly title: string;
  readonly headers: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
  /** The 合计 row, when the columns add up. */
  readonly total?: readonly string[];
  /** Relative column widths for print (PDF). */
  readonly widths?: readonly number[];
}

export interface DocChart {
  readonly id: string;
  readonly title: string;
  /** `bar`: vertical bars; `hbar`: horizontal bars (long names); `line`: a series over days. */
  readonly kind: 'bar' | 'hbar' | 'line';
  readonly categories: readonly string[];
  readonly values: ReadonlyArray<number | null>;
  /** The label printed on each bar/point: the same string as the table cell. */
  readonly labels: readonly string[];
  readonly unit: string;
  readonly max?: number;
}

export type Block =
  | { readonly kind: 'p'; readonly text: string }
  | { readonly kind: 'table'; readonly table: DocTable }
  | { readonly kind: 'chart'; readonly chart: DocChart };

export interface DocSection {
  readonly key: SectionKey;
  readonly heading: string;
  readonly blocks: readonly Block[];
  /** Footnotes: the definitions of the section's figures. */
  readonly notes: readonly string[];
}

export interface ReportDocument {
  readonly lang: Language;
  readonly title: string;
  /** Lines under the title: 填报单位, 统计期间, 报送日期. */
  readonly frame: ReadonlyArray<readonly [string, string]>;
  readonly sections: readonly DocSection[];
  /** Signature lines at the end: 填报人, 审核人. */
  readonly sign: ReadonlyArray<readonly [string, string]>;
  /** How the report was made (source and time), in small print. */
  readonly colophon: string;
}

export type Tr = (zh: string, en: string) => string;
export const tr =
  (lang: Language): Tr =>
  (zh, en) =>
    lang === 'en' ? en : zh;

export const p = (text: string): Block => ({ kind: 'p', text });
export const table = (t: DocTable): Block => ({ kind: 'table', table: t });
export const chart = (c: DocChart): Block => ({ kind: 'chart', chart: c });

export function notes(r: MonthlyReport, lang: Language, ids: readonly FigureId[]): string[] {
  return ids.map((id) => definition(id, { complete: r.period.complete, lang }));
}

export const stamp = (ms: number, tz: string) => formatLocal(ms, tz);
export const int = (n: number | null): string => (n === null ? '—' : String(n));
export const dec = (n: number | null, digits = 1): string => (n === null ? '—' : n.toFixed(digits));
