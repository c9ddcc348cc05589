import { addDays, formatLocal, hhmm, localTime } from './local-time.js';
import type { Language } from './messages.js';

/**
 * Times as a phone screen says them (pure): today relative (`刚刚`, `12 分钟前`, `3 小时前`), yesterday and
 * tomorrow by name (`昨天 14:05`), this year without the year (`5月6日 10:00`), older ones in full.
 * Times ahead today (a promise, an override's end) are `今天 18:00`.
 */
export function whenText(ms: number, now: number, tz: string, language: Language): string {
  const t = localTime(ms, tz);
  const today = localTime(now, tz).date;
  const at = hhmm(t.minutes);
  const en = language === 'en';
  if (t.date === today) {
    const ago = Math.floor((now - ms) / 60_000);
    if (ago < 0) return en ? `today ${at}` : `今天 ${at}`;
    if (ago < 1) return en ? 'just now' : '刚刚';
    if (ago < 60) return en ? `${ago} min ago` : `${ago} 分钟前`;
    const h = Math.floor(ago / 60);
    return en ? `${h} h ago` : `${h} 小时前`;
  }
  if (t.date === addDays(today, -1)) return en ? `yesterday ${at}` : `昨天 ${at}`;
  if (t.date === addDays(today, 1)) return en ? `tomorrow ${at}` : `明天 ${at}`;
  if (t.date.slice(0, 4) === today.slice(0, 4)) {
    const m = Number(t.date.slice(5, 7));
    const d = Number(t.date.slice(8, 10));
    return en ? `${d} ${months[m - 1]} ${at}` : `${m}月${d}日 ${at}`;
  }
  return formatLocal(ms, tz);
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A duration in minutes as people say it: `45 分钟`, `2 小时 5 分钟`, `3 天`. */
export function durationText(minutes: number, language: Language): string {
  const m = Math.max(0, Math.round(minutes));
  const en = language === 'en';
  if (m < 60) return en ? `${m} min` : `${m} 分钟`;
  if (m < 48 * 60) {
    const h = Math.floor(m / 60);
    const r = m % 60;
    if (en) return r ? `${h} h ${r} min` : `${h} h`;
    return r ? `${h} 小时 ${r} 分钟` : `${h} 小时`;
  }
  const d = Math.floor(m / 1440);
  return en ? `${d} days` : `${d} 天`;
}
