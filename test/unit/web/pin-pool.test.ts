import { describe, expect, it } from 'vitest';
import { PinPool } from '../../../src/web/pin-pool.js';

/** A job the test finishes by hand. */
function job() {
  let finish: () => void = () => {};
  const done = new Promise<void>((r) => {
    finish = r;
  });
  return { finish: () => finish(), run: async () => done };
}

describe('the PIN hashing pool', () => {
  it('runs one at a time, queues at most 8, refuses the rest at once without running them, in order', async () => {
    const pool = new PinPool(1, 8);
    const jobs = Array.from({ length: 12 }, job);
    const started: number[] = [];
    const results = jobs.map((j, i) =>
      pool.run(async () => {
        started.push(i);
        await j.run();
        return i;
      }),
    );
    await Promise.resolve();
    expect(pool.busy).toBe(true);
    // 1 running + 8 waiting; the 10th, 11th and 12th are told "busy" at once.
    expect(await Promise.all(results.slice(9))).toEqual([undefined, undefined, undefined]);
    expect(started).toEqual([0]);
    for (const j of jobs) j.finish();
    expect(await Promise.all(results.slice(0, 9))).toEqual(
      Array.from({ length: 9 }, (_, i) => ({ value: i })),
    );
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(pool.busy).toBe(false);
    // Free again: the next one runs.
    expect(await pool.run(async () => 'next')).toEqual({ value: 'next' });
  });

  it('a job that fails frees its slot for the next', async () => {
    const pool = new PinPool(1, 1);
    const failing = pool.run(async () => {
      throw new Error('scrypt failed');
    });
    const next = pool.run(async () => 'ran');
    await expect(failing).rejects.toThrow('scrypt failed');
    expect(await next).toEqual({ value: 'ran' });
  });
});
