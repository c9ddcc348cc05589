import { localTime } from './local-time.js';
import type { Language } from './messages.js';
import { isMonth, monthSpan } from './report-calendar.js';
import { err, ok, type Result } from './result.js';

/**
 * Which months a report can be made for (pure): a real month YYYY-MM, already begun, and not over
 * before the store's first record (zoneops knows nothing of it). A store with no record at all can
 * only report the running month (which then says 无数据). Messages say what to type instead.
 */
export function checkReportMonth(
  month: string,
  now: number,
  firstRecordAt: number | null,
  tz: string,
  lang: Language,
): Result<string, string> {
  const zh = lang !== 'en';
  const current = localTime(now, tz).date.slice(0, 7);
  if (!isMonth(month))
    return fail(
      zh
        ? `月份格式应为 YYYY-MM（例如 ${current}），收到“${month.slice(0, 20)}”`
        : `month: expected YYYY-MM (e.g. ${current}), got "${month.slice(0, 20)}"`,
    );
  // Compared as text first: a far-future month (9999-12) must not reach the calendar arithmetic.
  if (month > current)
    return fail(
      zh
        ? `${label(month, zh)}尚未开始，无法生成月报；最近可生成的是 ${current}`
        : `${label(month, zh)} has not begun; the latest month with a report is ${current}`,
    );
  const first = firstRecordAt === null ? null : localTime(firstRecordAt, tz).date;
  const firstMonth = first?.slice(0, 7) ?? current;
  if (monthSpan(month, tz).to <= (firstRecordAt ?? monthSpan(current, tz).from))
    return fail(
      zh
        ? first === null
          ? `数据库中还没有任何记录，${label(month, zh)}无法生成月报；可生成本月（${current}）的月报`
          : `数据库中最早的记录是 ${first}，${label(month, zh)}没有数据；请选择 ${firstMonth} 至 ${current} 之间的月份`
        : first === null
          ? `the database has no record yet, so ${label(month, zh)} has no report; try the running month ${current}`
          : `the database's first record is of ${first}, so ${label(month, zh)} has no data; choose a month from ${firstMonth} to ${current}`,
    );
  return ok(month);
}

const fail = (error: string): Result<string, string> => err(error);

function label(month: string, zh: boolean): string {
  const [y, m] = month.split('-').map(Number);
  return zh ? `${y}年${m}月` : month;
}
