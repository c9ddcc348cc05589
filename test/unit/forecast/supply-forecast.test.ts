import { describe, expect, it } from 'vitest';
import { daysLeft, type LevelSample, orderDue } from '../../../src/domain/supply-forecast.js';

const DAY = 86_400_000;
const t0 = Date.UTC(2026, 10, 1);
/** One sample a day at `level(d)` for d = 0..n-1. */
const daily = (n: number, level: (d: number) => number, from = 0): LevelSample[] =>
  Array.from({ length: n }, (_, d) => ({ at: t0 + (from + d) * DAY, percent: level(d) }));

describe('supply forecast', () => {
  it('a toner falling 2 points a day from 80 → 40 % left after 20 days → 20 days left', () => {
    const s = daily(21, (d) => 80 - 2 * d);
    expect(daysLeft(s, t0 + 20 * DAY)).toBe(20);
  });

  it('counts time since the last sample: 3 days later, 17 days left', () => {
    const s = daily(21, (d) => 80 - 2 * d);
    expect(daysLeft(s, t0 + 23 * DAY)).toBe(17);
  });

  it('starts over after a refill: only the new cartridge’s use counts', () => {
    // Old cartridge fell 5/day to 10 %, new one at 100 % falls 1/day for 10 days → 90 % → 90 days.
    const old = daily(10, (d) => 55 - 5 * d);
    const fresh = daily(11, (d) => 100 - d, 10);
    expect(daysLeft([...old, ...fresh], t0 + 20 * DAY)).toBe(90);
  });

  it('ignores a single odd reading (Theil–Sen, not least squares)', () => {
    const s = daily(21, (d) => 80 - 2 * d);
    (s[15] as LevelSample).percent = 0; // a device glitch
    expect(daysLeft(s, t0 + 20 * DAY)).toBe(20);
  });

  it('gives no forecast with too little history, a flat level, or special values only', () => {
    expect(
      daysLeft(
        daily(3, (d) => 80 - d),
        t0 + 3 * DAY,
      ),
    ).toBeNull();
    expect(
      daysLeft(
        daily(10, () => 60),
        t0 + 10 * DAY,
      ),
    ).toBeNull();
    expect(
      daysLeft(
        daily(10, () => -3),
        t0 + 10 * DAY,
      ),
    ).toBeNull();
    // Six samples within one hour: too short a span to say anything.
    const burst = Array.from({ length: 6 }, (_, i) => ({ at: t0 + i * 600_000, percent: 50 - i }));
    expect(daysLeft(burst, t0 + DAY)).toBeNull();
  });

  it('forecasts days until a waste-toner box is full (it rises, not falls)', () => {
    const s = daily(11, (d) => 50 + d);
    expect(daysLeft(s, t0 + 10 * DAY, { receptacle: true })).toBe(40);
    // Emptied (drops to 0) and filling again 2/day: 20 % after 10 days → 40 days to full.
    const emptied = [...daily(5, (d) => 80 + d), ...daily(11, (d) => 2 * d, 5)];
    expect(daysLeft(emptied, t0 + 15 * DAY, { receptacle: true })).toBe(40);
  });

  it('never says less than 0 days', () => {
    const s = daily(11, (d) => 20 - 2 * d);
    expect(daysLeft(s, t0 + 30 * DAY)).toBe(0);
  });

  it('says an order is due when the days left fall below the procurement lead time', () => {
    expect(orderDue(13.9)).toBe(true);
    expect(orderDue(14)).toBe(false);
    expect(orderDue(null)).toBe(false);
    expect(orderDue(20, 30)).toBe(true);
  });
});
