import type { Clock } from '../../clock.js';
import type { Condition } from '../../domain/conditions.js';
import type { DeviceType } from '../../domain/device.js';
import { printingTypes } from '../../domain/device.js';
import type { Observation } from '../../domain/observation.js';
import type { BaselineStore } from './baseline-store.js';
import type { DeviceKind } from './classify.js';
import { type ReadOptions, readDevice, type SnmpReading } from './read-device.js';
import { baselineOf, compilePatterns, softwareConditions } from './software-policy.js';
import type { SnmpTarget } from './transport.js';

export interface SnmpDevice {
  readonly id: string;
  readonly type: DeviceType;
  readonly target: SnmpTarget;
  readonly intervalSeconds: number;
}

/** The logger subset the poller uses (pino's Logger fits). */
export interface PollLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export interface SnmpPollerDeps {
  readonly devices: readonly SnmpDevice[];
  readonly clock: Clock;
  readonly logger: PollLogger;
  /** Every poll's result, reachable or not. Must not throw (errors are logged and ignored). */
  readonly onObservation: (observation: Observation, reading: SnmpReading) => void;
  readonly baselines: BaselineStore;
  /** At most this many devices are polled at once (default 32). */
  readonly maxConcurrent?: number;
  readonly forbiddenPatterns: readonly string[];
  /** Upper bound of the back-off for a device that keeps timing out (default 15 min). */
  readonly maxBackoffSeconds?: number;
  /** True when the schedule has the device asleep/off: then silence is "asleep", not "down". */
  readonly isAsleep?: (deviceId: string, now: number) => boolean;
  /** Injected for tests; defaults to the real SNMP read. */
  readonly read?: (target: SnmpTarget, opts: ReadOptions) => Promise<SnmpReading>;
}

export interface SnmpPoller {
  start(): void;
  /** Stops scheduling and waits for polls in flight. */
  stop(): Promise<void>;
  /** Polls a device now (trap received, technician asked); resolves with the reading. */
  pollNow(deviceId: string): Promise<SnmpReading | undefined>;
  /** Device id for a source address (for the trap receiver). */
  deviceForHost(host: string): string | undefined;
}

interface DeviceState {
  readonly device: SnmpDevice;
  cancel: (() => void) | null;
  inFlight: Promise<SnmpReading | undefined> | null;
  timeouts: number;
  down: boolean;
  lastConditions: readonly Condition[];
}

function kindHint(type: DeviceType): DeviceKind | undefined {
  if (printingTypes.includes(type)) return 'printer';
  if (type === 'pc' || type === 'kiosk') return 'pc';
  return undefined;
}

/**
 * Polls every device with an `snmp` section on its own interval. A bounded pool runs the polls,
 * so one slow or dead device only ever holds one slot; a device that keeps timing out is polled
 * less often (doubling up to maxBackoffSeconds) until it answers again.
 */
export function createSnmpPoller(deps: SnmpPollerDeps): SnmpPoller {
  const { clock, logger } = deps;
  const maxConcurrent = deps.maxConcurrent ?? 32;
  const maxBackoffMs = (deps.maxBackoffSeconds ?? 900) * 1000;
  const patterns = compilePatterns(deps.forbiddenPatterns);
  const read = deps.read ?? readDevice;
  const states = new Map<string, DeviceState>(
    deps.devices.map((d) => [
      d.id,
      { device: d, cancel: null, inFlight: null, timeouts: 0, down: false, lastConditions: [] },
    ]),
  );
  const byHost = new Map(deps.devices.map((d) => [d.target.host, d.id]));
  let running = false;
  let active = 0;
  const waiting: Array<() => void> = [];

  const acquire = (): Promise<void> => {
    if (active < maxConcurrent) {
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

  const schedule = (s: DeviceState, delayMs: number) => {
    s.cancel?.();
    if (!running) return;
    s.cancel = clock.setTimeout(() => {
      s.cancel = null;
      void poll(s);
    }, delayMs);
  };

  const nextDelay = (s: DeviceState): number => {
    const base = s.device.intervalSeconds * 1000;
    if (s.timeouts <= 1) return base;
    return Math.min(maxBackoffMs, base * 2 ** (s.timeouts - 1));
  };

  const poll = (s: DeviceState): Promise<SnmpReading | undefined> => {
    if (s.inFlight) return s.inFlight;
    const run = (async () => {
      await acquire();
      try {
        const started = performance.now();
        const reading = await read(s.device.target, {
          deviceId: s.device.id,
          now: () => clock.now(),
          ...(kindHint(s.device.type) ? { kindHint: kindHint(s.device.type) as DeviceKind } : {}),
        });
        // Stopped while the read was out: the store may be closing, so the result is dropped.
        if (!running) return undefined;
        const durationMs = performance.now() - started;
        const final = await enrich(s, { ...reading, observation: { ...reading.observation, durationMs } });
        try {
          deps.onObservation(final.observation, final);
        } catch (err) {
          logger.error({ err, deviceId: s.device.id }, 'observation handler failed');
        }
        return final;
      } catch (err) {
        // A bug, not a device problem: logged with its stack, counted by the caller's logs, loop goes on.
        logger.error({ err, deviceId: s.device.id }, 'SNMP poll failed unexpectedly');
        return undefined;
      } finally {
        release();
        s.inFlight = null;
        schedule(s, nextDelay(s));
      }
    })();
    s.inFlight = run;
    return run;
  };

  /** Adds software/baseline conditions, asleep and last-known handling, and logs falls and recoveries once. */
  const enrich = async (s: DeviceState, reading: SnmpReading): Promise<SnmpReading> => {
    const obs = reading.observation;
    const id = s.device.id;
    if (!obs.reachable) {
      if (obs.problem?.reason === 'timeout') s.timeouts++;
      const asleep = deps.isAsleep?.(id, obs.at) ?? false;
      if (asleep) {
        s.timeouts = 0;
        logger.debug({ deviceId: id }, 'no SNMP answer; asleep by schedule');
        const conditions: Condition[] = [
          { name: 'snmp:asleep', severity: 'info', detail: 'asleep by schedule' },
        ];
        return { ...reading, observation: { ...obs, conditions } };
      }
      if (!s.down) logger.warn({ deviceId: id, problem: obs.problem }, 'SNMP device stopped answering');
      s.down = true;
      // A printer that goes silent while jammed keeps its last known faults instead of "recovering".
      const conditions = s.lastConditions.map((c) => ({
        ...c,
        detail: `${c.detail ?? c.name} (last known)`,
      }));
      return { ...reading, observation: { ...obs, conditions } };
    }
    if (s.down) logger.info({ deviceId: id }, 'SNMP device answers again');
    s.down = false;
    s.timeouts = 0;
    let conditions = obs.conditions;
    const host = obs.host;
    if (host) {
      const baseline = await deps.baselines.get(id);
      if (baseline === null && (host.installed.length > 0 || host.hardware.length > 0)) {
        await deps.baselines.put(id, baselineOf(host, obs.at), 'first-poll');
        logger.info({ deviceId: id, installed: host.installed.length }, 'software/hardware baseline taken');
      }
      conditions = [...conditions, ...softwareConditions(host, patterns, baseline)];
    }
    s.lastConditions = conditions.filter((c) => c.severity === 'critical');
    return { ...reading, observation: { ...obs, conditions } };
  };

  return {
    start() {
      if (running) return;
      running = true;
      // Spread the first polls over a few seconds so a thousand devices do not fire at once.
      const n = states.size;
      let i = 0;
      for (const s of states.values()) {
        schedule(s, n <= 1 ? 0 : Math.floor((i++ * Math.min(10_000, s.device.intervalSeconds * 1000)) / n));
      }
    },
    async stop() {
      running = false;
      for (const s of states.values()) {
        s.cancel?.();
        s.cancel = null;
      }
      // A read stuck on a dead device ends at its own timeout; shutdown waits at most a second for it
      // (its result is dropped), so the daemon still stops within its 5 s budget.
      const inFlight = Promise.all([...states.values()].map((s) => s.inFlight ?? Promise.resolve()));
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([inFlight, new Promise((r) => (timer = setTimeout(r, 1000)))]);
      clearTimeout(timer);
    },
    pollNow(deviceId) {
      const s = states.get(deviceId);
      if (!s) return Promise.resolve(undefined);
      s.cancel?.();
      s.cancel = null;
      return poll(s);
    },
    deviceForHost(host) {
      return byHost.get(host);
    },
  };
}
