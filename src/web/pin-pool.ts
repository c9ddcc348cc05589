/**
 * At most `concurrency` PIN hashes at a time, at most `queue` waiting; beyond that the caller is told
 * "busy" at once (the sign-in answers 429). scrypt runs on libuv's thread pool (4 threads), which SQLite
 * and file access share: unbounded, a burst of sign-ins would hold every thread for seconds and stall
 * /healthz and the API behind it. One at a time leaves the others free.
 */
export class PinPool {
  #running = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(
    private readonly concurrency = 1,
    private readonly queue = 8,
  ) {}

  get busy(): boolean {
    return this.#running >= this.concurrency && this.#waiting.length >= this.queue;
  }

  /** Runs `fn` when a slot is free; `undefined` (without running it) when the pool and its queue are full. */
  async run<T>(fn: () => Promise<T>): Promise<{ value: T } | undefined> {
    if (this.#running >= this.concurrency) {
      if (this.#waiting.length >= this.queue) return undefined;
      // Woken with the slot of the one that finished (the count stays the same).
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else this.#running++;
    try {
      return { value: await fn() };
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}
