import type { Config } from '../../config/schema.js';
import type { Observation } from '../../domain/observation.js';
import type { SupplyThresholds } from '../../domain/supply-rules.js';
import type { PollTarget } from '../poll-loop.js';
import { type IppProbeResult, type IppTarget, probeIpp } from './probe.js';
import { createStoppedTracker } from './stopped.js';

/** A device with an `ipp:` block, as the poll loop schedules it. */
interface IppDevice extends PollTarget {
  readonly target: IppTarget;
}

/** Every configured device with an `ipp:` block; a poll's budget is its timeout and a second for the retry in IPP 1.1. */
export function ippDevicesFromConfig(config: Pick<Config, 'devices'>): IppDevice[] {
  return config.devices.flatMap((d) =>
    d.ipp === undefined
      ? []
      : [
          {
            id: d.id,
            intervalMs: d.ipp.intervalSeconds * 1000,
            budgetMs: d.ipp.timeoutMs + 1000,
            target: { deviceId: d.id, uri: d.ipp.uri, tls: d.ipp.tls, timeoutMs: d.ipp.timeoutMs },
          },
        ],
  );
}

/**
 * IPP's "read one device → observation" for the poll loop: one Get-Printer-Attributes (probe.ts), and
 * `printer-stopped` once a printer has been stopped and refusing jobs past one poll (stopped.ts).
 */
export function createIppRead(deps: {
  now: () => number;
  supplies: SupplyThresholds;
  /** Injected for tests; defaults to the real Get-Printer-Attributes. */
  probe?: (
    target: IppTarget,
    deps: { now: () => number; signal?: AbortSignal; supplies?: SupplyThresholds },
  ) => Promise<IppProbeResult>;
}) {
  const probe = deps.probe ?? probeIpp;
  const stopped = createStoppedTracker();
  return async (device: IppDevice, signal: AbortSignal): Promise<Observation> => {
    const r = await probe(device.target, { now: deps.now, signal, supplies: deps.supplies });
    return stopped(r.observation, r.reading);
  };
}
