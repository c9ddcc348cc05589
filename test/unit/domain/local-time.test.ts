import { describe, expect, it } from 'vitest';
import { formatLocal, inInputYears, isIsoDate, zonedEpoch } from '../../../src/domain/local-time.js';

/** Edges of src/domain/local-time.ts. Date.UTC(2026, 11, 2, 2, 0) is 2026-12-02 10:00 in Asia/Shanghai. */
const tz = 'Asia/Shanghai';

describe('input years', () => {
  it('2000 and 2100 are in, 1999 and 2101 are out', () => {
    expect(inInputYears('2000-01-01')).toBe(true);
    expect(inInputYears('2100-12-31')).toBe(true);
    expect(inInputYears('2026-12-02')).toBe(true);
    expect(inInputYears('1999-12-31')).toBe(false);
    expect(inInputYears('2101-01-01')).toBe(false);
  });
});

describe('ISO dates', () => {
  it('takes a real YYYY-MM-DD day and refuses other separators, words and impossible days', () => {
    expect(isIsoDate('2026-12-02')).toBe(true);
    expect(isIsoDate('2026/12/02')).toBe(false);
    expect(isIsoDate('2026-12-2')).toBe(false);
    expect(isIsoDate('tomorrow')).toBe(false);
    expect(isIsoDate('2026-02-30')).toBe(false);
  });
});

describe('zoned instants', () => {
  it('minutes after local midnight, not only whole hours', () => {
    expect(zonedEpoch('2026-12-02', 10 * 60, tz)).toBe(Date.UTC(2026, 11, 2, 2, 0));
    expect(zonedEpoch('2026-12-02', 10 * 60 + 30, tz)).toBe(Date.UTC(2026, 11, 2, 2, 30));
    expect(zonedEpoch('2026-12-02', 0, tz)).toBe(Date.UTC(2026, 11, 1, 16, 0));
  });

  it('the hour before a spring-forward change keeps the old offset (Europe/Berlin, 2026-03-29)', () => {
    // 01:00 CET (+01:00) is 00:00 UTC; the clocks jump at 02:00 CET = 01:00 UTC.
    expect(zonedEpoch('2026-03-29', 60, 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 0, 0));
    // 03:00 CEST (+02:00) is 01:00 UTC.
    expect(zonedEpoch('2026-03-29', 180, 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 1, 0));
  });

  it('an offset with seconds (Shanghai local mean time +08:05:43, before 1901) is kept to the second', () => {
    expect(zonedEpoch('1900-01-01', 0, tz)).toBe(Date.UTC(1899, 11, 31, 15, 54, 17));
  });
});

describe('local format', () => {
  it('with seconds: the seconds of the minute, two digits', () => {
    expect(formatLocal(Date.UTC(2026, 11, 2, 2, 0, 7), tz, { seconds: true })).toBe('2026-12-02 10:00:07');
    expect(formatLocal(Date.UTC(2026, 11, 2, 2, 5, 59, 999), tz, { seconds: true })).toBe(
      '2026-12-02 10:05:59',
    );
    expect(formatLocal(Date.UTC(2026, 11, 2, 2, 0, 7), tz)).toBe('2026-12-02 10:00');
  });
});
