import { describe, expect, it } from 'vitest';
import { counterIncrease, increases, supplyLines, supplyName } from '../../../src/domain/report-counters.js';
import type { SupplyFact } from '../../../src/domain/report-input.js';

/** Pages, kWh and supply use of the month (src/domain/report-counters.ts), on hand-made samples. */
const day = 86_400_000;
const from = 10 * day;

describe('counters over the month', () => {
  it('counts from the last sample before the month; a counter that went down was reset', () => {
    const c = (at: number, value: number) => ({ deviceId: 'p', at, value });
    expect(counterIncrease([c(from - day, 100), c(from + day, 130), c(from + 2 * day, 150)], from)).toBe(50);
    // Unsorted input, and a reset to 5 counts those 5.
    expect(counterIncrease([c(from + 2 * day, 5), c(from - day, 100), c(from + day, 130)], from)).toBe(35);
    // A sample exactly at the start belongs to the month.
    expect(counterIncrease([c(from, 7)], from)).toBe(0);
    expect(counterIncrease([c(from - day, 100)], from)).toBeNull();
  });

  it('per device; a device with no sample in the month is absent', () => {
    const m = increases(
      [
        { deviceId: 'a', at: from - 1, value: 10 },
        { deviceId: 'a', at: from + 1, value: 15 },
        { deviceId: 'b', at: from - 1, value: 3 },
        { deviceId: 'c', at: from + 1, value: 9 },
      ],
      from,
    );
    expect([...m.entries()].sort()).toEqual([
      ['a', 5],
      ['c', 0],
    ]);
  });
});

describe('supplies over the month', () => {
  const s = (at: number, percent: number, o: Partial<SupplyFact> = {}): SupplyFact => ({
    deviceId: 'mfp',
    index: 1,
    at,
    percent,
    type: 'toner',
    color: 'black',
    description: 'Black Toner',
    receptacle: false,
    ...o,
  });

  it('names a supply by its description (trimmed, spaces folded, 40 characters), else colour and type', () => {
    expect(supplyName({ description: '  Black   Toner ', type: 'toner', color: 'black' })).toBe(
      'Black Toner',
    );
    expect(supplyName({ description: 'x'.repeat(50), type: 'toner', color: null })).toBe('x'.repeat(40));
    expect(supplyName({ description: ' ', type: 'toner', color: 'cyan' })).toBe('cyan toner');
    expect(supplyName({ description: '', type: 'drum', color: null })).toBe('drum');
  });

  it('use from the baseline on, a refill counted (and not as use), the last level, nothing after the end', () => {
    const lines = supplyLines(
      [
        s(from - day, 80),
        s(from + day, 70),
        s(from + 2 * day, 65),
        s(from + 3 * day, 95), // refilled
        s(from + 4 * day, 90),
        s(from + 30 * day, 10), // after countedTo: not counted
      ],
      from,
      from + 20 * day,
      7,
      'UTC',
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      deviceId: 'mfp',
      index: 1,
      description: 'Black Toner',
      type: 'toner',
      color: 'black',
      usedPercent: 20,
      refills: 1,
      lastPercent: 90,
    });
  });

  it('a rise of 10 points or less is noise, not a refill; a receptacle counts what it filled', () => {
    const noisy = supplyLines(
      [s(from, 50), s(from + day, 60), s(from + 2 * day, 55)],
      from,
      from + 5 * day,
      7,
      'UTC',
    );
    expect(noisy[0]).toMatchObject({ usedPercent: 5, refills: 0 });
    const waste = supplyLines(
      [
        s(from, 20, { receptacle: true, type: 'wasteToner' }),
        s(from + day, 35, { receptacle: true, type: 'wasteToner' }),
      ],
      from,
      from + 5 * day,
      7,
      'UTC',
    );
    expect(waste[0]).toMatchObject({ usedPercent: 15, refills: 0 });
  });

  it('one line per device and supply index, sorted; a supply with no sample in the month has none', () => {
    const lines = supplyLines(
      [
        s(from + day, 50, { deviceId: 'b', index: 2 }),
        s(from + day, 50, { deviceId: 'b', index: 10 }),
        s(from + day, 50, { deviceId: 'a', index: 1 }),
        s(from - day, 50, { deviceId: 'c', index: 1 }),
      ],
      from,
      from + 5 * day,
      7,
      'UTC',
    );
    expect(lines.map((l) => `${l.deviceId}/${l.index}`)).toEqual(['a/1', 'b/2', 'b/10']);
  });

  it('forecasts from the month’s trend: 1 point a day at 10 % is 10 days left, due within a 14-day lead time', () => {
    const samples = Array.from({ length: 11 }, (_, i) => s(from + i * day, 20 - i));
    const [line] = supplyLines(samples, from, from + 10 * day + 1, 14, 'UTC');
    expect(line?.lastPercent).toBe(10);
    expect(line?.daysLeft).toBeCloseTo(10, 0);
    expect(line?.orderDue).toBe(true);
    const [later] = supplyLines(samples, from, from + 10 * day + 1, 3, 'UTC');
    expect(later?.orderDue).toBe(false);
  });
});
