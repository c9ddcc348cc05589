/**
 * Wall-clock arithmetic in the zone's time zone (default Asia/Shanghai), pure: Intl only, no I/O.
 * Schedules are written in local dates and minutes after midnight; the daemon runs on epoch ms.
 */

const weekdayKeys = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type WeekdayKey = (typeof weekdayKeys)[number];

/** The weekdays as a Chinese office writes them. */
export const weekdayZh: Readonly<Record<WeekdayKey, string>> = {
  mon: '周一',
  tue: '周二',
  wed: '周三',
  thu: '周四',
  fri: '周五',
  sat: '周六',
  sun: '周日',
};

interface LocalTime {
  /** YYYY-MM-DD in the zone. */
  readonly date: string;
  /** Minutes after local midnight, 0..1439. */
  readonly minutes: number;
  readonly weekday: WeekdayKey;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(tz, f);
  }
  return f;
}

function parts(epochMs: number, tz: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(new Date(epochMs))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return out;
}

/** The local date, time and weekday of an instant. */
export function localTime(epochMs: number, tz: string): LocalTime {
  const p = parts(epochMs, tz);
  const date = `${p.year}-${pad(p.month ?? 0)}-${pad(p.day ?? 0)}`;
  return { date, minutes: (p.hour ?? 0) * 60 + (p.minute ?? 0), weekday: weekdayOf(date) };
}

/** The instant of `minutes` after local midnight on `date` (YYYY-MM-DD) in `tz`. */
export function zonedEpoch(date: string, minutes: number, tz: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, m - 1, d, 0, minutes);
  // Correct by the zone's offset at that instant; a second pass settles offset changes (DST zones).
  let guess = asUtc - offsetMs(asUtc, tz);
  guess = asUtc - offsetMs(guess, tz);
  return guess;
}

function offsetMs(epochMs: number, tz: string): number {
  const p = parts(epochMs, tz);
  const wall = Date.UTC(
    p.year ?? 0,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return wall - Math.floor(epochMs / 1000) * 1000;
}

export function weekdayOf(date: string): WeekdayKey {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return weekdayKeys[new Date(Date.UTC(y, m - 1, d)).getUTCDay()] as WeekdayKey;
}

/** `date` plus `days` (may be negative), as YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The years a date given to zoneops may lie in: those the holiday calendar knows how to hold (2000..2100,
 * as in config/calendar.yaml). A far-off year is refused naming the field, not arithmetic that overflows.
 */
export const inputYears = { first: 2000, last: 2100 } as const;

/** `YYYY-MM-DD` with its year in `inputYears`. */
export const inInputYears = (isoDay: string): boolean =>
  Number(isoDay.slice(0, 4)) >= inputYears.first && Number(isoDay.slice(0, 4)) <= inputYears.last;

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/**
 * An instant as the zone's people read it: `2025-05-06 10:00` (with `seconds`, `2025-05-06 10:00:07`).
 * The one timestamp format of the pages, the CSV exports, the CLI and the demo.
 */
export function formatLocal(epochMs: number, tz: string, opts: { seconds?: boolean } = {}): string {
  const t = localTime(epochMs, tz);
  const base = `${t.date} ${hhmm(t.minutes)}`;
  return opts.seconds ? `${base}:${pad(Math.floor((epochMs % 60_000) / 1000))}` : base;
}

/** 525 → "08:45"; values outside a day keep counting hours ("24:10") so a late lag is still readable. */
export function hhmm(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
