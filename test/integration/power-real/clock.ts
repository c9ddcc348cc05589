import type { Cancel, Clock } from '../../../src/clock.js';

/**
 * A clock that starts at a chosen instant and then runs with real time; its timers are real, so MQTT
 * keep-alives, command timeouts and IPP polls behave as in production. `jumpTo()` moves it forward to
 * the next minute the test wants to look at (17:45, 17:46, …) without waiting for it.
 */
export class ShiftedClock implements Clock {
  #offset: number;

  constructor(start: string | number) {
    this.#offset = new Date(start).getTime() - Date.now();
  }

  now(): number {
    return Date.now() + this.#offset;
  }

  setTimeout(fn: () => void, ms: number): Cancel {
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  }

  /** Moves forward to `to` (never back: the daemon's records must stay in time order). */
  jumpTo(to: string | number): void {
    const target = new Date(to).getTime();
    const now = this.now();
    if (target < now) throw new Error(`ShiftedClock.jumpTo(${String(to)}) would go back in time`);
    this.#offset += target - now;
  }
}

/** `2026-11-26T17:45:00` in Asia/Shanghai (UTC+8, no DST) as epoch ms. */
export const shanghai = (local: string): number => Date.parse(`${local}+08:00`);

/** Epoch ms → `HH:MM:SS.mmm` in Asia/Shanghai, for readable failure messages. */
export function localClock(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(11, 23);
}
