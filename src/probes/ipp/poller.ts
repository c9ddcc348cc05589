import type { Cancel, Clock } from '../../clock.js';
import type { DeviceConfig } from '../../config/schema.js';
import type { Observation } from '../../domain/observation.js';
import type { Logger } from '../../log.js';
import { type IppProbeResult, type IppTarget, probeIpp } from './probe.js';
import type { IppReading } from './reading.js';
import { createStoppedTracker } from './stopped.js';

export interface IppPollerDeps {
  /** All configured devices; those without an `ipp` section are ignored. */
  readonly devices: readonly Pick<DeviceConfig, 'id' | 'ipp'>[];
  readonly clock: Clock;
  readonly logger: Logger;
  /** Called once per poll of a device, reachable or not. `reading` has the IPP-only details (null when down). */
  readonly onObservation: (observation: Observation, reading: IppReading | null) => void;
  /** The probe; injected in tests. Defaults to a real Get-Printer-Attributes. */
  readonly probe?: (
    target: IppTarget,
    deps: { now: () => number; signal?: AbortSignal },
  ) => Promise<IppProbeResult>;
}

export interface IppPoller {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Polls every IPP device on its own interval. Each device has its own timer chain, so a printer that
 * never answers only delays itself (its probe ends at its own timeoutMs); polls of one device never
 * overlap. A device's fall and recovery are logged once each, not on every poll.
 */
export function createIppPoller(deps: IppPollerDeps): IppPoller {
  const probe = deps.probe ?? probeIpp;
  const targets = deps.devices.flatMap((d) =>
    d.ipp === undefined
      ? []
      : [
          {
            target: {
              deviceId: d.id,
              uri: d.ipp.uri,
              tls: d.ipp.tls,
              timeoutMs: d.ipp.timeoutMs,
            } satisfies IppTarget,
            intervalMs: d.ipp.intervalSeconds * 1000,
          },
        ],
  );
  const timers = new Map<string, Cancel>();
  const inFlight = new Set<Promise<void>>();
  const wasReachable = new Map<string, boolean>();
  const stopped = createStoppedTracker();
  let abort = new AbortController();
  let running = false;

  const schedule = (t: (typeof targets)[number], delayMs: number) => {
    if (!running) return;
    timers.set(
      t.target.deviceId,
      deps.clock.setTimeout(() => runOnce(t), delayMs),
    );
  };

  const runOnce = (t: (typeof targets)[number]) => {
    timers.delete(t.target.deviceId);
    if (!running) return;
    const startedAt = deps.clock.now();
    const job = (async () => {
      try {
        const started = performance.now();
        const result = await probe(t.target, { now: () => deps.clock.now(), signal: abort.signal });
        const durationMs = performance.now() - started;
        if (!running) return;
        noteTransition(t.target, result.observation);
        const observation = stopped(result.observation, result.reading);
        deps.onObservation({ ...observation, durationMs }, result.reading);
      } catch (err) {
        // A bug (ours or a consumer's): log it with the stack, keep polling.
        deps.logger.error({ err, deviceId: t.target.deviceId }, 'IPP poll failed unexpectedly');
      }
    })();
    inFlight.add(job);
    void job.finally(() => {
      inFlight.delete(job);
      const elapsed = deps.clock.now() - startedAt;
      schedule(t, Math.max(0, t.intervalMs - elapsed));
    });
  };

  const noteTransition = (target: IppTarget, obs: Observation) => {
    const before = wasReachable.get(target.deviceId);
    wasReachable.set(target.deviceId, obs.reachable);
    if (obs.reachable && before === false) {
      deps.logger.info({ deviceId: target.deviceId }, 'IPP device reachable again');
    } else if (!obs.reachable && before !== false) {
      deps.logger.warn(
        { deviceId: target.deviceId, reason: obs.problem?.reason, problem: obs.problem?.message },
        'IPP device unreachable',
      );
    }
  };

  return {
    async start() {
      if (running) return;
      running = true;
      abort = new AbortController();
      for (const t of targets) schedule(t, 0);
      deps.logger.info({ devices: targets.length }, 'IPP poller started');
    },
    async stop() {
      if (!running) return;
      running = false;
      for (const cancel of timers.values()) cancel();
      timers.clear();
      abort.abort();
      await Promise.allSettled([...inFlight]);
    },
  };
}
