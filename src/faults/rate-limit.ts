import type { Clock } from '../clock.js';

/**
 * A sliding-window limiter per client key plus one shared cap, for the public report form: a flood
 * from one address is refused without touching anyone else, and many addresses together still cannot
 * fill the database. Keys are bounded: the oldest are forgotten first.
 */
export class RateLimiter {
  readonly #hits = new Map<string, number[]>();
  #all: number[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly perKey: number,
    private readonly windowMs: number,
    private readonly total: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Counts one request; `ok: false` with the wait in ms when over a limit. */
  take(key: string): { ok: true } | { ok: false; retryAfterMs: number } {
    const now = this.clock.now();
    const since = now - this.windowMs;
    const mine = (this.#hits.get(key) ?? []).filter((t) => t > since);
    this.#all = this.#all.filter((t) => t > since);
    if (mine.length >= this.perKey)
      return { ok: false, retryAfterMs: (mine[0] as number) + this.windowMs - now };
    if (this.#all.length >= this.total)
      return { ok: false, retryAfterMs: (this.#all[0] as number) + this.windowMs - now };
    mine.push(now);
    this.#all.push(now);
    this.#hits.delete(key);
    this.#hits.set(key, mine);
    if (this.#hits.size > this.maxKeys) {
      const oldest = this.#hits.keys().next().value;
      if (oldest !== undefined) this.#hits.delete(oldest);
    }
    return { ok: true };
  }
}
