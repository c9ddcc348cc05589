/**
 * Page counters (prtMarkerLifeCount) are Counter32: they wrap at 2^32 and reset when a formatter
 * board is replaced. Pure helper for whoever turns two readings into "pages printed since".
 */
type CounterDelta = { kind: 'delta'; pages: number } | { kind: 'wrapped'; pages: number } | { kind: 'reset' };

const wrapAt = 2 ** 32;

/**
 * A decrease is a wrap only when the previous value was in the top quarter of the range and the
 * new one in the bottom quarter; anything else is a reset (new board, factory reset), not 4 billion pages.
 */
export function counterDelta(previous: number, current: number): CounterDelta {
  if (current >= previous) return { kind: 'delta', pages: current - previous };
  if (previous >= wrapAt * 0.75 && current < wrapAt * 0.25) {
    return { kind: 'wrapped', pages: wrapAt - previous + current };
  }
  return { kind: 'reset' };
}
