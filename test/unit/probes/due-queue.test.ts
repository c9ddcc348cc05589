import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/clock.js';
import { createDueQueue } from '../../../src/probes/due-queue.js';
import { FakeClock } from '../../helpers/fake-clock.js';

describe('due queue (one timer for every device of a poll loop)', () => {
  it('runs items in due order on a single timer, replacing an item’s earlier due time', async () => {
    const clock = new FakeClock('2026-12-01T09:00:00+08:00');
    const ran: string[] = [];
    const q = createDueQueue<string>(clock, (x) => ran.push(`${x}@${clock.now() % 100_000}`));
    q.schedule('b', 2000);
    q.schedule('a', 1000);
    q.schedule('c', 2000);
    q.schedule('a', 3000);
    expect(clock.pendingTimers).toBe(1);
    await clock.advance(5000);
    const t0 = new Date('2026-12-01T09:00:00+08:00').getTime() % 100_000;
    expect(ran).toEqual([`b@${t0 + 2000}`, `c@${t0 + 2000}`, `a@${t0 + 3000}`]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('keeps delays relative when the wall clock steps back an hour (as separate timers would)', () => {
    // A monotonic timer with a wall clock that jumps: like systemClock after an NTP step.
    let wall = 1_000_000_000_000;
    const timers: Array<{ fn: () => void; ms: number }> = [];
    const clock: Clock = {
      now: () => wall,
      setTimeout(fn, ms) {
        const t = { fn, ms };
        timers.push(t);
        return () => timers.splice(timers.indexOf(t), 1);
      },
    };
    const ran: string[] = [];
    const q = createDueQueue<string>(clock, (x) => ran.push(x));
    q.schedule('a', 60_000);
    q.schedule('b', 120_000);
    // 60 s pass on the monotonic timer, but the wall clock went back an hour meanwhile.
    wall += 60_000 - 3_600_000;
    timers.shift()?.fn();
    expect(ran).toEqual(['a']);
    // b is due 60 s later, not an hour and a minute later.
    expect(timers[0]?.ms).toBe(60_000);
  });

  it('cancel and clear release the timer', async () => {
    const clock = new FakeClock(0);
    const ran: string[] = [];
    const q = createDueQueue<string>(clock, (x) => ran.push(x));
    q.schedule('a', 1000);
    q.cancel('a');
    q.schedule('b', 1000);
    q.clear();
    await clock.advance(2000);
    expect(ran).toEqual([]);
    expect(q.size).toBe(0);
  });
});
