/**
 * How many days until a printer supply runs out (or a waste receptacle fills up), from its level
 * history. The office buys toner through state procurement, which takes weeks, so the technician
 * needs to know early. Pure: samples in, a number of days (or null) out.
 *
 * Robust to what real devices do:
 * - refills and cartridge swaps (the level jumps up): only the samples since the last refill count;
 * - unknown / special values (-1, -2, -3 "some remaining"): the caller passes only real percentages;
 * - noise and odd single readings: the trend is the Theil–Sen estimator (median of pairwise slopes),
 *   which ignores up to ~29 % outliers, instead of a least-squares line one bad sample can tilt;
 * - too little history: null, never a guess (at least `minSamples` samples over `minSpanDays`).
 */
export interface LevelSample {
  /** Epoch milliseconds. */
  at: number;
  /** 0..100. */
  percent: number;
}

interface ForecastOptions {
  /** A receptacle fills up: days until full instead of days until empty. */
  receptacle?: boolean;
  minSamples?: number;
  minSpanDays?: number;
  /** A rise of more than this many points between two samples is a refill. */
  refillJump?: number;
  /** At most this many recent samples are used (bounds the O(n²) estimator). */
  maxSamples?: number;
}

const DAY = 86_400_000;

export function daysLeft(
  samples: readonly LevelSample[],
  now: number,
  opts: ForecastOptions = {},
): number | null {
  const minSamples = opts.minSamples ?? 6;
  const minSpanDays = opts.minSpanDays ?? 2;
  const jump = opts.refillJump ?? 10;
  const receptacle = opts.receptacle ?? false;

  const clean = samples
    .filter((s) => Number.isFinite(s.percent) && s.percent >= 0 && s.percent <= 100 && s.at <= now)
    .sort((a, b) => a.at - b.at);
  // A consumable is used up, so its level only falls; a receptacle only rises. A reading that moves
  // the other way by more than `jump` points from each of the two readings before it is a
  // swap/refill/emptying: start over from there. A full cartridge that ran down and was replaced by a
  // full one is such a swap; a single glitch reading that dips and comes back is not (the reading after
  // it is not above the one before the glitch).
  let start = 0;
  for (let i = 1; i < clean.length; i++) {
    const cur = (clean[i] as LevelSample).percent;
    const before = clean.slice(Math.max(0, i - 2), i);
    if (before.every((s) => (receptacle ? s.percent - cur : cur - s.percent) > jump)) start = i;
  }
  const segment = clean.slice(start).slice(-(opts.maxSamples ?? 200));
  if (segment.length < minSamples) return null;
  const first = segment[0] as LevelSample;
  const last = segment[segment.length - 1] as LevelSample;
  if (last.at - first.at < minSpanDays * DAY) return null;

  const slopes: number[] = [];
  for (let i = 0; i < segment.length; i++) {
    for (let j = i + 1; j < segment.length; j++) {
      const a = segment[i] as LevelSample;
      const b = segment[j] as LevelSample;
      if (b.at !== a.at) slopes.push(((b.percent - a.percent) / (b.at - a.at)) * DAY);
    }
  }
  const perDay = median(slopes);
  if (perDay === null) return null;
  const usePerDay = receptacle ? perDay : -perDay;
  if (usePerDay <= 0) return null; // not being used up (or not filling): no forecast
  // Anchor the line at the median intercept so one odd latest reading does not move the answer.
  const level = median(segment.map((s) => s.percent - (perDay * (s.at - last.at)) / DAY)) ?? last.percent;
  const remaining = receptacle ? 100 - level : level;
  const days = Math.max(0, remaining / usePerDay - (now - last.at) / DAY);
  return Math.round(days * 10) / 10;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 === 1 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
}

/** Whether to raise `supply-order-due`: the supply will run out within the procurement lead time. */
export function orderDue(days: number | null, leadTimeDays = 14): boolean {
  return days !== null && days < leadTimeDays;
}
