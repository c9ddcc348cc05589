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

/** The forecast at its edges: swaps from full to full, the refill jump, the history it needs, bad samples. */
describe('cartridge swaps and emptied boxes', () => {
  it('a full cartridge run down to 5 % and replaced by a full one: only the new one counts', () => {
    // New cartridge: 100 % falling 2 a day for 9 days → 82 % → 41 days.
    const s = [...daily(20, (d) => 100 - 5 * d), ...daily(10, (d) => 100 - 2 * d, 20)];
    expect(daysLeft(s, t0 + 29 * DAY)).toBe(41);
  });
  it('a waste box filled from 0 to 95 % and emptied to 0: only the new filling counts', () => {
    const s = [...daily(20, (d) => 5 * d), ...daily(10, (d) => 2 * d, 20)];
    expect(daysLeft(s, t0 + 29 * DAY, { receptacle: true })).toBe(41);
  });
  it('a rise of more than 10 points over both readings before is a refill; exactly 10 is not (refillJump 10)', () => {
    // 10 samples falling 1/day to 41 %, then 5 samples from the new level falling 1/day.
    const old = daily(10, (d) => 50 - d);
    const refill = [...old, ...daily(5, (d) => 53 - d, 10)]; // 53 is 11 above 42 and 12 above 41
    // Since the refill there are only 5 samples (fewer than 6): no forecast yet.
    expect(daysLeft(refill, t0 + 14 * DAY)).toBeNull();
    const noRefill = [...old, ...daily(5, (d) => 52 - d, 10)]; // 52 is only 10 above 42
    expect(daysLeft(noRefill, t0 + 14 * DAY)).not.toBeNull();
    expect(daysLeft(noRefill, t0 + 14 * DAY, { refillJump: 9 })).toBeNull();
  });
  it('a waste box reading that drops and comes back is not an emptying', () => {
    const s = daily(21, (d) => 20 + 2 * d);
    (s[10] as LevelSample).percent = 0;
    // 60 % at day 20, filling 2 a day: 20 days to full.
    expect(daysLeft(s, t0 + 20 * DAY, { receptacle: true })).toBe(20);
  });
});

describe('the history it needs', () => {
  it('six samples are enough, five are not', () => {
    expect(
      daysLeft(
        daily(6, (d) => 60 - 2 * d),
        t0 + 5 * DAY,
      ),
    ).toBe(25);
    expect(
      daysLeft(
        daily(5, (d) => 60 - 2 * d),
        t0 + 4 * DAY,
      ),
    ).toBeNull();
    expect(
      daysLeft(
        daily(5, (d) => 60 - 2 * d),
        t0 + 4 * DAY,
        { minSamples: 5 },
      ),
    ).toBe(26);
  });
  it('a span of exactly two days is enough, a little less is not', () => {
    const over = (spanMs: number) =>
      Array.from({ length: 6 }, (_, i) => ({
        at: t0 + (i * spanMs) / 5,
        percent: 50 - (i * spanMs) / 5 / DAY,
      }));
    expect(daysLeft(over(2 * DAY), t0 + 2 * DAY)).toBe(48);
    expect(daysLeft(over(2 * DAY - 60_000), t0 + 2 * DAY)).toBeNull();
  });
  it('only the most recent maxSamples samples are used', () => {
    // Falling 4 a day for 10 days, then 1 a day for 10 days: the last 10 alone say 1 a day.
    const s = [...daily(10, (d) => 90 - 4 * d), ...daily(10, (d) => 50 - d, 10)];
    expect(daysLeft(s, t0 + 19 * DAY, { maxSamples: 10 })).toBe(41);
  });
  it('an empty receptacle at 0 % is a real sample (six including it are enough)', () => {
    expect(
      daysLeft(
        daily(6, (d) => 2 * d),
        t0 + 5 * DAY,
        { receptacle: true },
      ),
    ).toBe(45);
  });
});

describe('samples it ignores', () => {
  it('special values, values above 100, NaN and samples from the future are left out', () => {
    const s = [
      ...daily(21, (d) => 80 - 2 * d),
      { at: t0 + 5 * DAY + 1, percent: -3 },
      { at: t0 + 6 * DAY + 1, percent: 150 },
      { at: t0 + 7 * DAY + 1, percent: Number.NaN },
      { at: t0 + 30 * DAY, percent: 100 },
    ];
    expect(daysLeft(s, t0 + 20 * DAY)).toBe(20);
  });
  it('samples in any order give the same answer', () => {
    const s = daily(21, (d) => 80 - 2 * d).reverse();
    expect(daysLeft(s, t0 + 20 * DAY)).toBe(20);
  });
  it('two samples at the same instant do not break the slope', () => {
    const s = [...daily(8, (d) => 50 - d), { at: t0 + 7 * DAY, percent: 43 }];
    expect(daysLeft(s, t0 + 7 * DAY)).toBe(43);
  });
  it('rising toner or a falling waste box gives no forecast', () => {
    expect(
      daysLeft(
        daily(10, (d) => 40 + d),
        t0 + 9 * DAY,
      ),
    ).toBeNull();
    expect(
      daysLeft(
        daily(10, (d) => 40 - d),
        t0 + 9 * DAY,
        { receptacle: true },
      ),
    ).toBeNull();
  });
  it('rounds to one decimal', () => {
    // 3 a day from 50: 50/3 = 16.67 → 16.7
    expect(
      daysLeft(
        daily(7, (d) => 68 - 3 * d),
        t0 + 6 * DAY,
      ),
    ).toBe(16.7);
  });
});
