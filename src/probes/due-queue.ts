import type { Cancel, Clock } from '../clock.js';

interface Entry<T> {
  at: number;
  readonly seq: number;
  readonly item: T;
  cancelled: boolean;
}

/**
 * When each of many items is next due, on one timer of the injected clock (a binary min-heap by due
 * time), instead of one timer per device: at a city's 10,000 devices the poll loop holds one timer, not
 * 10,000. Items due at the same time run in the order they were scheduled.
 *
 * Delays are relative, as separate timers would be: if the clock steps (NTP, a test's `set`), the
 * firing timer notices that it came at another wall time than it was armed for and moves every waiting
 * item by the same step, so no device waits an extra hour after the clock goes back.
 */
export function createDueQueue<T>(clock: Clock, onDue: (item: T) => void) {
  const heap: Entry<T>[] = [];
  const current = new Map<T, Entry<T>>();
  let seq = 0;
  let timer: Cancel | null = null;
  let armedAt = Number.POSITIVE_INFINITY;

  const before = (a: Entry<T>, b: Entry<T>) => a.at < b.at || (a.at === b.at && a.seq < b.seq);
  const swap = (i: number, j: number) => {
    const t = heap[i] as Entry<T>;
    heap[i] = heap[j] as Entry<T>;
    heap[j] = t;
  };
  const up = (start: number) => {
    let i = start;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(heap[i] as Entry<T>, heap[p] as Entry<T>)) return;
      swap(i, p);
      i = p;
    }
  };
  const down = (start: number) => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l] as Entry<T>, heap[m] as Entry<T>)) m = l;
      if (r < heap.length && before(heap[r] as Entry<T>, heap[m] as Entry<T>)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  const pop = (): Entry<T> | undefined => {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      down(0);
    }
    return top;
  };
  const peek = (): Entry<T> | undefined => {
    while (heap[0]?.cancelled) pop();
    return heap[0];
  };

  const arm = () => {
    const top = peek();
    if (!top) {
      timer?.();
      timer = null;
      armedAt = Number.POSITIVE_INFINITY;
      return;
    }
    if (timer && armedAt <= top.at) return;
    timer?.();
    armedAt = top.at;
    timer = clock.setTimeout(fire, Math.max(0, top.at - clock.now()));
  };

  const fire = () => {
    timer = null;
    const now = clock.now();
    const step = now - armedAt;
    // The clock stepped while we waited (more than 5 s off; a late timer under load is not a step): keep every delay relative.
    if (Math.abs(step) > 5000) for (const e of heap) e.at += step;
    armedAt = Number.POSITIVE_INFINITY;
    for (let top = peek(); top && top.at <= now; top = peek()) {
      pop();
      current.delete(top.item);
      onDue(top.item);
    }
    arm();
  };

  return {
    /** Due in `delayMs` (replaces the item's earlier due time, if any). */
    schedule(item: T, delayMs: number): void {
      const old = current.get(item);
      if (old) old.cancelled = true;
      const e: Entry<T> = { at: clock.now() + Math.max(0, delayMs), seq: seq++, item, cancelled: false };
      current.set(item, e);
      heap.push(e);
      up(heap.length - 1);
      arm();
    },
    cancel(item: T): void {
      const e = current.get(item);
      if (!e) return;
      e.cancelled = true;
      current.delete(item);
    },
    /** Nothing is due any more; the timer is released. */
    clear(): void {
      heap.length = 0;
      current.clear();
      timer?.();
      timer = null;
      armedAt = Number.POSITIVE_INFINITY;
    },
    get size(): number {
      return current.size;
    },
  };
}
