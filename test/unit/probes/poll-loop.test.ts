import { describe, expect, it } from 'vitest';
import type { Observation } from '../../../src/domain/observation.js';
import { createLogger } from '../../../src/log.js';
import { createPollLoop, type PollTarget } from '../../../src/probes/poll-loop.js';
import { FakeClock } from '../../helpers/fake-clock.js';

const logger = createLogger('silent');
const target = (id: string, intervalMs = 60_000, budgetMs = 10_000): PollTarget => ({
  id,
  intervalMs,
  budgetMs,
});
const up = (deviceId: string, at: number, o: Partial<Observation> = {}): Observation => ({
  deviceId,
  source: 'snmp',
  at,
  reachable: true,
  conditions: [],
  ...o,
});
const down = (deviceId: string, at: number): Observation => ({
  deviceId,
  source: 'snmp',
  at,
  reachable: false,
  conditions: [],
  problem: { reason: 'timeout', message: 'no answer' },
});

function loop(opts: {
  clock: FakeClock;
  targets: PollTarget[];
  read: (t: PollTarget, signal: AbortSignal) => Promise<Observation>;
  seen?: Observation[];
  asleep?: () => boolean;
  maxConcurrent?: number;
  maxBackoffMs?: number;
  jitter?: number;
  random?: () => number;
  log?: typeof logger;
}) {
  return createPollLoop({
    protocol: 'snmp',
    targets: opts.targets,
    read: opts.read,
    onObservation: (o) => opts.seen?.push(o),
    clock: opts.clock,
    logger: opts.log ?? logger,
    maxConcurrent: opts.maxConcurrent ?? 32,
    maxBackoffMs: opts.maxBackoffMs ?? 900_000,
    isAsleep: opts.asleep ?? (() => false),
    jitter: opts.jitter ?? 0,
    ...(opts.random ? { random: opts.random } : {}),
  });
}

describe('poll loop', () => {
  it('polls each device on its interval, the first polls spread over the first seconds, nothing after stop', async () => {
    const clock = new FakeClock('2025-03-03T09:00:00+08:00');
    const calls: Array<[string, number]> = [];
    const l = loop({
      clock,
      targets: [target('a'), target('b')],
      read: async (t) => {
        calls.push([t.id, clock.now()]);
        return up(t.id, clock.now());
      },
    });
    const t0 = clock.now();
    l.start();
    await clock.advance(10_000);
    expect(calls.map(([id, at]) => [id, at - t0])).toEqual([
      ['a', 0],
      ['b', 5_000],
    ]);
    await clock.advance(60_000);
    expect(calls.map(([id, at]) => [id, at - t0])).toEqual([
      ['a', 0],
      ['b', 5_000],
      ['a', 60_000],
      ['b', 65_000],
    ]);
    await l.stop();
    await clock.advance(600_000);
    expect(calls).toHaveLength(4);
    expect(clock.pendingTimers).toBe(0);
  });

  it('spreads each wait by the jitter, within ±10 % of the interval', async () => {
    const clock = new FakeClock(0);
    const at: number[] = [];
    const randoms = [0, 1, 0.5];
    const l = loop({
      clock,
      targets: [target('a')],
      jitter: 0.1,
      random: () => randoms.shift() ?? 0.5,
      read: async (t) => {
        at.push(clock.now());
        return up(t.id, clock.now());
      },
    });
    l.start();
    await clock.advance(200_000);
    await l.stop();
    // 0, then 54 s (60 − 10 %), then 66 s (60 + 10 %), then 60 s.
    expect(at).toEqual([0, 54_000, 120_000, 180_000]);
  });

  it('backs off a device that keeps failing, and recovers at once when it answers', async () => {
    const clock = new FakeClock(0);
    const at: number[] = [];
    let answer = false;
    const l = loop({
      clock,
      targets: [target('dead')],
      maxBackoffMs: 300_000,
      read: async (t) => {
        at.push(clock.now());
        return answer ? up(t.id, clock.now()) : down(t.id, clock.now());
      },
    });
    l.start();
    await clock.advance(1_100_000);
    // 0, then 60 (1st failure → normal interval), then 120 s, 240 s, then capped at 300 s
    expect(at.slice(0, 6)).toEqual([0, 60_000, 180_000, 420_000, 720_000, 1_020_000]);
    answer = true;
    const before = at.length;
    await clock.advance(220_000); // the backed-off poll at 1 320 s answers…
    await clock.advance(60_000); // …so the next one comes a normal interval later
    expect(at.slice(before)).toEqual([1_320_000, 1_380_000]);
    await l.stop();
  });

  it('silence while asleep by schedule is asleep (no back-off); otherwise a jammed printer keeps its last conditions', async () => {
    const clock = new FakeClock(0);
    const seen: Observation[] = [];
    let step = 0;
    let asleep = false;
    const l = loop({
      clock,
      targets: [target('printer')],
      seen,
      asleep: () => asleep,
      read: async (t) => {
        step++;
        if (step === 1)
          return up(t.id, clock.now(), {
            conditions: [
              { name: 'jam', severity: 'critical' },
              { name: 'maintenance-due', severity: 'info' },
            ],
          });
        return down(t.id, clock.now());
      },
    });
    l.start();
    await clock.advance(1);
    await clock.advance(60_000);
    expect(seen[1]).toMatchObject({
      reachable: false,
      conditions: [],
      lastKnown: { at: 0, conditions: [{ name: 'jam', severity: 'critical' }] },
    });
    expect(seen[1]?.asleep).toBeUndefined();
    asleep = true;
    await clock.advance(60_000);
    await clock.advance(60_000);
    expect(seen[2]).toMatchObject({ reachable: false, asleep: true });
    // Asleep is not a failure: the device is asked again a normal interval later.
    expect(seen.map((o) => o.at)).toEqual([0, 60_000, 120_000, 180_000]);
    await l.stop();
  });

  it('a poll past its budget is a timeout; a hanging device only delays itself', async () => {
    const clock = new FakeClock(0);
    const seen: Observation[] = [];
    const l = loop({
      clock,
      targets: [target('slow', 60_000, 5_000), target('fast', 60_000, 5_000)],
      seen,
      read: (t, signal) =>
        t.id === 'slow'
          ? new Promise((resolve) =>
              signal.addEventListener('abort', () => resolve(down('slow', clock.now()))),
            )
          : Promise.resolve(up(t.id, clock.now())),
    });
    l.start();
    await clock.advance(65_000);
    const byTime = seen.map((o) => [o.deviceId, o.at, o.reachable, o.problem?.message] as const);
    byTime.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
    expect(byTime).toEqual([
      ['fast', 5_000, true, undefined],
      ['slow', 5_000, false, 'no complete answer within 5 s'],
      ['fast', 65_000, true, undefined],
      ['slow', 65_000, false, 'no complete answer within 5 s'],
    ]);
    await l.stop();
  });

  it('never polls more devices at once than maxConcurrent', async () => {
    const clock = new FakeClock(0);
    let active = 0;
    let most = 0;
    const l = loop({
      clock,
      maxConcurrent: 2,
      targets: ['a', 'b', 'c', 'd', 'e'].map((id) => target(id)),
      read: async (t) => {
        active++;
        most = Math.max(most, active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
        return up(t.id, clock.now());
      },
    });
    l.start();
    const seen = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => l.pollNow(id)));
    expect(seen.map((o) => o?.deviceId)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(most).toBe(2);
    await l.stop();
  });

  it('a bug in a read or in the consumer is logged and the loop goes on', async () => {
    const clock = new FakeClock(0);
    const errors: string[] = [];
    const log = {
      ...logger,
      error: (_o: unknown, msg: string) => errors.push(msg),
    } as unknown as typeof logger;
    let n = 0;
    const l = createPollLoop({
      protocol: 'ipp',
      targets: [target('a')],
      clock,
      logger: log,
      maxConcurrent: 1,
      maxBackoffMs: 900_000,
      isAsleep: () => false,
      jitter: 0,
      onObservation: () => {
        if (n === 2) throw new Error('consumer bug');
      },
      read: async (t) => {
        n++;
        if (n === 1) throw new Error('boom');
        return up(t.id, clock.now());
      },
    });
    l.start();
    await clock.advance(120_001);
    expect(errors).toEqual(['poll failed unexpectedly', 'observation handler failed']);
    expect(n).toBe(3);
    await l.stop();
  });
});
