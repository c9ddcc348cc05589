/**
 * Time source for everything time-based. Components take a Clock so that schedules,
 * escalations and overdue checks are tested with a fake clock instead of waiting.
 */
export type Cancel = () => void;

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Runs `fn` after `ms` milliseconds of this clock's time; returns a function that cancels it. */
  setTimeout(fn: () => void, ms: number): Cancel;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  },
};
