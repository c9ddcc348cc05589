/**
 * Runs async work one call at a time, in the order asked, whether earlier calls succeeded or failed.
 * Each call gets its own result or rejection; the queue itself never stalls on a failure.
 */
export function createSerial() {
  let tail: Promise<unknown> = Promise.resolve();
  const run = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = tail.then(fn, fn);
    tail = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  };
  return Object.assign(run, {
    /** Resolves when everything queued so far has finished (tests, shutdown). */
    idle: (): Promise<void> => tail.then(() => undefined),
  });
}

export type Serial = ReturnType<typeof createSerial>;
