import { describe, expect, it } from 'vitest';
import { durationText, whenText } from '../../../src/domain/relative-time.js';

/**
 * Times as a phone screen says them (src/domain/relative-time.ts), in the zone's time zone. "Now" is
 * Wednesday 2 December 2026, 10:00 in Shanghai (02:00 UTC).
 */
const tz = 'Asia/Shanghai';
const min = 60_000;
const now = Date.UTC(2026, 11, 2, 2, 0);
/** An instant given as Shanghai wall-clock time (UTC+8, no daylight saving). */
const cst = (y: number, m: number, d: number, h: number, mi = 0) => Date.UTC(y, m - 1, d, h - 8, mi);
const zh = (ms: number, at = now) => whenText(ms, at, tz, 'zh-CN');
const en = (ms: number, at = now) => whenText(ms, at, tz, 'en');

describe('whenText: earlier today, counted back from now', () => {
  it('less than a minute ago is just now', () => {
    expect(zh(now)).toBe('刚刚');
    expect(en(now)).toBe('just now');
    expect(zh(now - 59_999)).toBe('刚刚');
    expect(en(now - 59_999)).toBe('just now');
  });
  it('from one minute to 59 minutes: minutes ago', () => {
    expect(zh(now - min)).toBe('1 分钟前');
    expect(en(now - min)).toBe('1 min ago');
    expect(zh(now - 12 * min)).toBe('12 分钟前');
    expect(zh(now - 60 * min + 1)).toBe('59 分钟前');
    expect(en(now - 59 * min)).toBe('59 min ago');
  });
  it('from 60 minutes on: whole hours ago', () => {
    expect(zh(now - 60 * min)).toBe('1 小时前');
    expect(en(now - 60 * min)).toBe('1 h ago');
    expect(zh(now - 119 * min)).toBe('1 小时前');
    expect(zh(now - 120 * min)).toBe('2 小时前');
    expect(en(now - 3 * 60 * min)).toBe('3 h ago');
  });
  it('midnight today is still today; a minute before it is yesterday', () => {
    expect(zh(cst(2026, 12, 2, 0, 0))).toBe('10 小时前');
    expect(zh(cst(2026, 12, 1, 23, 59))).toBe('昨天 23:59');
    expect(en(cst(2026, 12, 1, 23, 59))).toBe('yesterday 23:59');
  });
});

describe('whenText: later today is said with the time', () => {
  it('even a moment ahead is 今天 with the clock time', () => {
    expect(zh(now + 1)).toBe('今天 10:00');
    expect(en(now + 30_000)).toBe('today 10:00');
  });
  it('a promise for the evening', () => {
    expect(zh(cst(2026, 12, 2, 18, 0))).toBe('今天 18:00');
    expect(en(cst(2026, 12, 2, 23, 59))).toBe('today 23:59');
  });
});

describe('whenText: yesterday and tomorrow by name', () => {
  it('yesterday, with the time', () => {
    expect(zh(cst(2026, 12, 1, 14, 5))).toBe('昨天 14:05');
    expect(en(cst(2026, 12, 1, 0, 0))).toBe('yesterday 00:00');
  });
  it('tomorrow, with the time', () => {
    expect(zh(cst(2026, 12, 3, 9, 0))).toBe('明天 09:00');
    expect(en(cst(2026, 12, 3, 17, 30))).toBe('tomorrow 17:30');
  });
  it('yesterday and tomorrow across the new year', () => {
    expect(zh(cst(2026, 12, 31, 20, 0), cst(2027, 1, 1, 10))).toBe('昨天 20:00');
    expect(en(cst(2027, 1, 1, 8, 0), cst(2026, 12, 31, 22))).toBe('tomorrow 08:00');
  });
});

describe('whenText: other days of this year without the year', () => {
  it('two days ago and two days ahead', () => {
    expect(zh(cst(2026, 11, 30, 8, 30))).toBe('11月30日 08:30');
    expect(zh(cst(2026, 12, 4, 9, 0))).toBe('12月4日 09:00');
    expect(en(cst(2026, 12, 4, 9, 0))).toBe('4 Dec 09:00');
  });
  it('the first minute of the year is this year in Shanghai (still last year in UTC)', () => {
    expect(zh(cst(2026, 1, 1, 0, 0))).toBe('1月1日 00:00');
    expect(en(cst(2026, 1, 1, 0, 0))).toBe('1 Jan 00:00');
  });
  it.each([
    [1, '1月15日 10:05', '15 Jan 10:05'],
    [2, '2月15日 10:05', '15 Feb 10:05'],
    [3, '3月15日 10:05', '15 Mar 10:05'],
    [4, '4月15日 10:05', '15 Apr 10:05'],
    [5, '5月15日 10:05', '15 May 10:05'],
    [6, '6月15日 10:05', '15 Jun 10:05'],
    [7, '7月15日 10:05', '15 Jul 10:05'],
    [8, '8月15日 10:05', '15 Aug 10:05'],
    [9, '9月15日 10:05', '15 Sep 10:05'],
    [10, '10月15日 10:05', '15 Oct 10:05'],
    [11, '11月15日 10:05', '15 Nov 10:05'],
    [12, '12月15日 10:05', '15 Dec 10:05'],
  ])('month %i: %s / %s', (month, zhText, enText) => {
    expect(zh(cst(2026, month, 15, 10, 5))).toBe(zhText);
    expect(en(cst(2026, month, 15, 10, 5))).toBe(enText);
  });
});

describe('whenText: other years in full', () => {
  it('the last minute of last year', () => {
    expect(zh(cst(2025, 12, 31, 23, 59))).toBe('2025-12-31 23:59');
    expect(en(cst(2025, 12, 31, 23, 59))).toBe('2025-12-31 23:59');
  });
  it('a date in a coming year', () => {
    expect(zh(cst(2027, 1, 5, 9, 0))).toBe('2027-01-05 09:00');
  });
});

describe('durationText: minutes, then hours and minutes, then days', () => {
  it('under an hour in minutes; never negative; rounded to the minute', () => {
    expect(durationText(0, 'zh-CN')).toBe('0 分钟');
    expect(durationText(-5, 'zh-CN')).toBe('0 分钟');
    expect(durationText(45, 'zh-CN')).toBe('45 分钟');
    expect(durationText(45, 'en')).toBe('45 min');
    expect(durationText(59.4, 'zh-CN')).toBe('59 分钟');
    expect(durationText(59, 'en')).toBe('59 min');
  });
  it('from 60 minutes: hours, with the minutes left over when there are any', () => {
    expect(durationText(59.5, 'zh-CN')).toBe('1 小时');
    expect(durationText(60, 'zh-CN')).toBe('1 小时');
    expect(durationText(60, 'en')).toBe('1 h');
    expect(durationText(61, 'zh-CN')).toBe('1 小时 1 分钟');
    expect(durationText(61, 'en')).toBe('1 h 1 min');
    expect(durationText(125, 'zh-CN')).toBe('2 小时 5 分钟');
    expect(durationText(125, 'en')).toBe('2 h 5 min');
    expect(durationText(47 * 60 + 59, 'zh-CN')).toBe('47 小时 59 分钟');
    expect(durationText(47 * 60, 'en')).toBe('47 h');
  });
  it('from 48 hours: whole days', () => {
    expect(durationText(48 * 60, 'zh-CN')).toBe('2 天');
    expect(durationText(48 * 60, 'en')).toBe('2 days');
    expect(durationText(3 * 1440 - 1, 'zh-CN')).toBe('2 天');
    expect(durationText(3 * 1440, 'zh-CN')).toBe('3 天');
    expect(durationText(10 * 1440 + 600, 'en')).toBe('10 days');
  });
});
