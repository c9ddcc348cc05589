import type { Language } from './messages.js';

/**
 * How the report writes its figures (pure), the same in every table, chart, narrative and format:
 * a ratio as a percentage with two decimals, 无数据 when there is nothing to divide by; a duration in
 * minutes with one decimal under an hour and in hours with one decimal from an hour on; dates as
 * the office writes them (2026年12月5日).
 */

export const noData = (lang: Language) => (lang === 'en' ? 'no data' : '无数据');

export function pct(r: number | null, lang: Language): string {
  return r === null ? noData(lang) : `${(r * 100).toFixed(2)}%`;
}

export function duration(minutes: number | null, lang: Language): string {
  if (minutes === null) return '—';
  if (minutes < 60) return lang === 'en' ? `${minutes.toFixed(1)} min` : `${minutes.toFixed(1)} 分钟`;
  const h = (minutes / 60).toFixed(1);
  return lang === 'en' ? `${h} h` : `${h} 小时`;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '2026-12-05' → 2026年12月5日 / 5 Dec 2026; `short` drops the year (12月5日 / 5 Dec). */
export function dateText(date: string, lang: Language, short = false): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (lang === 'en') return short ? `${d} ${months[m - 1]}` : `${d} ${months[m - 1]} ${y}`;
  return short ? `${m}月${d}日` : `${y}年${m}月${d}日`;
}

/** '2026-12' → 2026年12月 / December 2026. */
export function monthText(month: string, lang: Language): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  if (lang === 'en')
    return `${new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' })} ${y}`;
  return `${y}年${m}月`;
}

/** 2026年12月1日至12月31日 / 1–31 December 2026: first and last local date of the period. */
export function periodText(first: string, last: string, lang: Language): string {
  const sameYear = first.slice(0, 4) === last.slice(0, 4);
  if (lang === 'en') return `${dateText(first, lang, sameYear)} – ${dateText(last, lang)}`;
  return `${dateText(first, lang)}至${dateText(last, lang, sameYear)}`;
}

/** A count with one decimal, dropping a trailing .0 (12 / 12.5). */
export const num1 = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/**
 * The report's title: {zone}设备运行情况月报（2026年12月）. A zone name that already says 专区 is not
 * given a second one (濯水镇政务公开专区, not 濯水镇政务公开专区政务公开专区).
 */
export function reportTitle(siteName: string, month: string, lang: Language): string {
  const name = siteName.trim();
  if (lang === 'en') return `${name}: monthly equipment report (${monthText(month, lang)})`;
  const zone = name.includes('专区') ? name : `${name}政务公开专区`;
  return `${zone}设备运行情况月报（${monthText(month, lang)}）`;
}

/**
 * Days grouped into runs of consecutive dates with the same reason: 10月1日至7日 国庆节、10月10日 调休上班.
 */
export function dayRuns(days: ReadonlyArray<{ date: string; reason: string }>, lang: Language): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < days.length) {
    const first = days[i] as { date: string; reason: string };
    let j = i;
    while (
      j + 1 < days.length &&
      (days[j + 1] as { reason: string }).reason === first.reason &&
      next(days[j]?.date) === days[j + 1]?.date
    )
      j++;
    const last = (days[j] as { date: string }).date;
    const span =
      last === first.date
        ? dateText(first.date, lang, true)
        : lang === 'en'
          ? `${dateText(first.date, lang, true)}–${dateText(last, lang, true)}`
          : `${dateText(first.date, lang, true)}至${first.date.slice(5, 7) === last.slice(5, 7) ? `${Number(last.slice(8))}日` : dateText(last, lang, true)}`;
    out.push(`${span} ${first.reason}`);
    i = j + 1;
  }
  return out;
}

const next = (date: string | undefined): string | undefined => {
  if (date === undefined) return undefined;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
};

/** A name followed by Chinese text gets a space when it ends in a letter or digit (打印机 P-01 缺纸). */
export const spaced = (name: string): string => (/[A-Za-z0-9)）]$/.test(name) ? `${name} ` : name);
