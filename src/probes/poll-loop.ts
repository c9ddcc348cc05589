import type { Cancel, Clock } from '../clock.js';
import type { Condition } from '../domain/conditions.js';
import type { Observation, ObservationSource } from '../domain/observation.js';
import type { Logger } from '../log.js';
import { createDueQueue } from './due-queue.js';

/** One device as the poll loop sees it; a protocol adds what its read needs. */
export interface PollTarget {
  readonly id: string;
  readonly intervalMs: number;
  /** The longest one poll may take (all its requests and retries); then it counts as a timeout. */
  readonly budgetMs: number;
}

interface PollLoopDeps<T extends PollTarget> {
  readonly protocol: Exclude<ObservationSource, 'mqtt'>;
  readonly targets: readonly T[];
  /**
   * Reads one device, the protocol's only job: bytes → Observation. Never throws for anything the
   * device does (down is an unreachable Observation); `signal` aborts when the budget is spent or the
   * loop stops.
   */
  readonly read: (target: T, signal: AbortSignal) => Promise<Observation>;
  /** Every poll's result, reachable or not. */
  readonly onObservation: (obs: Observation) => void;
  readonly clock: Clock;
  readonly logger: Logger;
  /** At most this many devices are polled at once. */
  readonly maxConcurrent: number;
  /** Upper bound of the back-off for a device that keeps failing. */
  readonly maxBackoffMs: number;
  /** True when the schedule has the device off: its silence is then "asleep", not a failure. */
  readonly isAsleep: (deviceId: string, now: number) => boolean;
  /** Spread of each interval, as a fraction (default 0.1: each wait is the interval ±10 %). */
  readonly jitter?: number;
  readonly random?: () => number;
}

interface DeviceState<T> {
  readonly target: T;
  inFlight: Promise<Observation | undefined> | null;
  failures: number;
  reachable: boolean | null;
  /** What it reported when it last answered (its non-info conditions), for a silent device. */
  lastKnown: { at: number; conditions: readonly Condition[] } | null;
}

/**
 * Polls every device of one protocol (SNMP, IPP) by the same rules:
 * - a bounded pool runs the polls (at most `maxConcurrent` at once), so one slow or dead device only
 *   ever holds one slot; polls of one device never overlap;
 * - each device on its own interval, with a little jitter so a thousand devices drift apart instead
 *   of firing together; the first polls are spread over the first seconds; all of them on one timer
 *   (due-queue.ts), however many devices;
 * - a poll that outlives its budget is a `timeout`;
 * - a device that keeps failing is polled less often (the interval doubling per failure, up to
 *   `maxBackoffMs`) until it answers again;
 * - silence while the schedule has the device off is `asleep` (no back-off, never down); silence at
 *   other times carries the device's last known conditions (a jammed printer that goes quiet stays
 *   jammed until it answers).
 * A reachability change of the protocol is logged at debug level; the status tracker logs the device.
 */
export function createPollLoop<T extends PollTarget>(deps: PollLoopDeps<T>) {
  const { clock, logger, protocol } = deps;
  const jitter = deps.jitter ?? 0.1;
  const random = deps.random ?? Math.random;
  const states = new Map<string, DeviceState<T>>(
    deps.targets.map((t) => [
      t.id,
      { target: t, inFlight: null, failures: 0, reachable: null, lastKnown: null },
    ]),
  );
  let running = false;
  let abort = new AbortController();
  let active = 0;
  const waiting: Array<() => void> = [];

  const acquire = (): Promise<void> => {
    if (active < deps.maxConcurrent) {
      active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };

  const due = createDueQueue<DeviceState<T>>(clock, (s) => {
    void poll(s);
  });
  const schedule = (s: DeviceState<T>, delayMs: number) => {
    if (running) due.schedule(s, delayMs);
    else due.cancel(s);
  };

  const nextDelay = (s: DeviceState<T>): number => {
    const base = s.target.intervalMs * (1 + jitter * (2 * random() - 1));
    if (s.failures <= 1) return base;
    return Math.min(deps.maxBackoffMs, base * 2 ** (s.failures - 1));
  };

  /** One read within its budget: a read that does not finish in time is a timeout. */
  const readWithin = async (s: DeviceState<T>): Promise<Observation> => {
    const budget = new AbortController();
    const onStop = () => budget.abort();
    abort.signal.addEventListener('abort', onStop, { once: true });
    let cancel: Cancel = () => {};
    const expired = new Promise<Observation>((resolve) => {
      cancel = clock.setTimeout(() => {
        // Settled before the abort, so the timeout wins over whatever the aborted read answers.
        queueMicrotask(() => budget.abort());
        resolve({
          deviceId: s.target.id,
          source: protocol,
          at: clock.now(),
          reachable: false,
          conditions: [],
          problem: {
            reason: 'timeout',
            message: `no complete answer within ${Math.round(s.target.budgetMs / 1000)} s`,
          },
        });
      }, s.target.budgetMs);
    });
    try {
      return await Promise.race([deps.read(s.target, budget.signal), expired]);
    } finally {
      cancel();
      abort.signal.removeEventListener('abort', onStop);
    }
  };

  /**
   * Asleep and last-known handling, failures for the back-off, one debug line per change; one new
   * object per poll: the read's answer with its duration and what the loop knows.
   */
  const settle = (s: DeviceState<T>, raw: Observation, durationMs: number): Observation => {
    const id = s.target.id;
    const was = s.reachable;
    s.reachable = raw.reachable;
    if (raw.reachable) {
      if (was === false) logger.debug({ deviceId: id, protocol }, 'answers again');
      s.failures = 0;
      const kept = raw.conditions.filter((c) => c.severity !== 'info');
      s.lastKnown = kept.length > 0 ? { at: raw.at, conditions: kept } : null;
      return { ...raw, durationMs };
    }
    if (deps.isAsleep(id, raw.at)) {
      s.failures = 0;
      return { ...raw, durationMs, asleep: true };
    }
    s.failures++;
    if (was !== false) logger.debug({ deviceId: id, protocol, problem: raw.problem }, 'no answer');
    return s.lastKnown ? { ...raw, durationMs, lastKnown: s.lastKnown } : { ...raw, durationMs };
  };

  const poll = (s: DeviceState<T>): Promise<Observation | undefined> => {
    if (s.inFlight) return s.inFlight;
    const run = (async () => {
      await acquire();
      const startedAt = clock.now();
      try {
        if (!running) return undefined;
        const started = performance.now();
        const raw = await readWithin(s);
        // Stopped while the read was out: the store may be closing, so the result is dropped.
        if (!running) return undefined;
        const obs = settle(s, raw, performance.now() - started);
        try {
          deps.onObservation(obs);
        } catch (err) {
          logger.error({ err, deviceId: s.target.id, protocol }, 'observation handler failed');
        }
        return obs;
      } catch (err) {
        // A bug, not a device problem: logged with its stack; the loop goes on.
        logger.error({ err, deviceId: s.target.id, protocol }, 'poll failed unexpectedly');
        return undefined;
      } finally {
        release();
        s.inFlight = null;
        schedule(s, nextDelay(s) - (clock.now() - startedAt));
      }
    })();
    s.inFlight = run;
    return run;
  };

  return {
    protocol,
    start(): void {
      if (running) return;
      running = true;
      abort = new AbortController();
      // Spread the first polls over a few seconds so a thousand devices do not fire at once.
      const n = states.size;
      let i = 0;
      for (const s of states.values()) {
        schedule(s, n <= 1 ? 0 : Math.floor((i++ * Math.min(10_000, s.target.intervalMs)) / n));
      }
    },
    /** Stops scheduling and aborts the polls in flight; waits for them at most a second. */
    async stop(): Promise<void> {
      running = false;
      due.clear();
      abort.abort();
      const inFlight = Promise.all([...states.values()].map((s) => s.inFlight ?? Promise.resolve()));
      let timer: NodeJS.Timeout | undefined;
      // Real time, not the injected clock: shutdown must end even if a test's clock stands still.
      await Promise.race([inFlight, new Promise((r) => (timer = setTimeout(r, 1000)))]);
      clearTimeout(timer);
    },
    /** Polls a device now (a trap came, a technician asked); resolves with its observation. */
    pollNow(deviceId: string): Promise<Observation | undefined> {
      const s = states.get(deviceId);
      if (!s) return Promise.resolve(undefined);
      due.cancel(s);
      return poll(s);
    },
  };
}
