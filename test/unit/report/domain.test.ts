import { describe, expect, it } from 'vitest';
import { availability, statusSegments } from '../../../src/domain/report-availability.js';
import { isMonth, monthSpan } from '../../../src/domain/report-calendar.js';
import { compressPlateaus, counterIncrease } from '../../../src/domain/report-counters.js';

const bj = (s: string) => Date.parse(`${s}+08:00`);

describe('report domain', () => {
  it('recognises months and spans them in Beijing time', () => {
    expect(['2026-10', '2026-01', '2026-12'].map(isMonth)).toEqual([true, true, true]);
    expect(['2026-13', '2026-00', '2026-1', '26-10', '2026-10-01', ''].map(isMonth)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    // October has 31 days; 1 Oct 00:00 +08:00 = 30 Sep 16:00 UTC.
    const s = monthSpan('2026-10', 'Asia/Shanghai');
    expect(s.days).toBe(31);
    expect(new Date(s.from).toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(new Date(s.to).toISOString()).toBe('2026-10-31T16:00:00.000Z');
  });

  it('counting stops where it is told to', () => {
    const from = bj('2026-10-08T00:00');
    const opening = [
      { from: bj('2026-10-08T09:00'), to: bj('2026-10-08T12:00') },
      { from: bj('2026-10-08T14:00'), to: bj('2026-10-08T17:30') },
    ];
    const transitions = [
      { deviceId: 'x', to: 'up' as const, at: bj('2026-10-01T09:00') },
      { deviceId: 'x', to: 'down' as const, at: bj('2026-10-08T10:00') },
    ];
    // Counted to 11:00: expected 09:00–11:00 = 120 min, down 10:00–11:00 = 60 min → 50 %.
    const a = availability(transitions, opening, from, bj('2026-10-08T11:00'));
    expect(a).toMatchObject({
      expectedMinutes: 120,
      monitoredMinutes: 120,
      upMinutes: 60,
      downMinutes: 60,
      availability: 0.5,
    });
    expect(statusSegments(transitions, from, bj('2026-10-08T12:00')).map((s) => s.status)).toEqual([
      'up',
      'down',
    ]);
  });

  it('counter increase: resets add the new value; no sample in the month gives null', () => {
    const c = (at: number, value: number) => ({ deviceId: 'p', at, value });
    // Baseline 500 before the month; 520, 10 (reset), 30 → 20 + 10 + 20 = 50.
    expect(counterIncrease([c(0, 500), c(10, 520), c(20, 10), c(30, 30)], 5)).toBe(50);
    expect(counterIncrease([c(0, 500)], 5)).toBeNull();
  });

  it('compresses hourly plateaus to their first sample and keeps the latest', () => {
    const s = [80, 80, 80, 79, 79, 78, 78].map((percent, i) => ({ at: i, percent }));
    expect(compressPlateaus(s).map((x) => [x.at, x.percent])).toEqual([
      [0, 80],
      [3, 79],
      [5, 78],
      [6, 78],
    ]);
  });
});
