import type { Cancel, Clock } from '../../../src/clock.js';

interface Timer {
  readonly due: number;
  readonly seq: number;
  readonly fn: () => void;
  handle: NodeJS.Timeout | undefined;
}

/**
 * A clock that starts at a chosen instant and then runs with real time; its timers are real, so MQTT
 * keep-alives, command timeouts and IPP polls behave as in production. `jumpTo()` moves it forward to
 * the next moment the test wants to look at (17:45, 17:46, …) without waiting for it; the timers the
 * jump made due (the minute ticker's, an escalation tick …) wait until the test calls `runDue()` —
 * after the devices have reported at the new time, as they would have in the minutes skipped.
 */
export class ShiftedClock implements Clock {
  #offset: number;
  #timers = new Set<Timer>();
  #parked: Timer[] = [];
  #seq = 0;

  constructor(start: string | number) {
    this.#offset = new Date(start).getTime() - Date.now();
  }

  now(): number {
    return Date.now() + this.#offset;
  }

  setTimeout(fn: () => void, ms: number): Cancel {
    const timer: Timer = { due: this.now() + Math.max(0, ms), seq: this.#seq++, fn, handle: undefined };
    this.#timers.add(timer);
    this.#arm(timer);
    return () => {
      clearTimeout(timer.handle);
      this.#timers.delete(timer);
      this.#parked = this.#parked.filter((t) => t !== timer);
    };
  }

  /** Moves forward to `to` (never back: the daemon's records must stay in time order). */
  jumpTo(to: string | number): void {
    const target = new Date(to).getTime();
    const now = this.now();
    if (target < now) throw new Error(`ShiftedClock.jumpTo(${String(to)}) would go back in time`);
    this.#offset += target - now;
    for (const t of this.#timers) {
      clearTimeout(t.handle);
      t.handle = undefined;
      if (t.due <= target) this.#parked.push(t);
      else this.#arm(t);
    }
  }

  /** Runs the timers a jump made due, in the order they fell due. */
  runDue(): void {
    const due = this.#parked.sort((a, b) => a.due - b.due || a.seq - b.seq);
    this.#parked = [];
    for (const t of due) this.#fire(t);
  }

  #arm(t: Timer): void {
    t.handle = setTimeout(() => this.#fire(t), Math.max(0, t.due - this.now()));
  }

  #fire(t: Timer): void {
    if (!this.#timers.delete(t)) return;
    t.fn();
  }
}

/** `2026-11-26T17:45:00` in Asia/Shanghai (UTC+8, no DST) as epoch ms. */
export const shanghai = (local: string): number => Date.parse(`${local}+08:00`);

/** Epoch ms → `HH:MM:SS.mmm` in Asia/Shanghai, for readable failure messages. */
export function localClock(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(11, 23);
}
