import type { Config } from '../../config/schema.js';
import type { DeviceType } from '../../domain/device.js';
import { printingTypes } from '../../domain/device.js';
import type { Observation } from '../../domain/observation.js';
import type { SupplyThresholds } from '../../domain/supply-rules.js';
import type { Logger } from '../../log.js';
import type { PollTarget } from '../poll-loop.js';
import type { BaselineStore } from './baseline-store.js';
import type { DeviceKind } from './classify.js';
import { targetFromConfig } from './from-config.js';
import { type ReadOptions, readDevice, type SnmpReading } from './read-device.js';
import { baselineOf, compilePatterns, softwareConditions } from './software-policy.js';
import type { SnmpTarget } from './transport.js';

/** A device with an `snmp:` block, as the poll loop schedules it. */
export interface SnmpDevice extends PollTarget {
  readonly type: DeviceType;
  readonly target: SnmpTarget;
}

/**
 * Every configured device with an `snmp:` block. A poll's budget covers the system GET and the walks
 * of its subtrees with their retries, never more than the interval (a poll never runs into the next).
 */
export function snmpDevicesFromConfig(config: Pick<Config, 'devices'>): SnmpDevice[] {
  return config.devices.flatMap((d) => {
    if (!d.snmp) return [];
    const intervalMs = d.snmp.intervalSeconds * 1000;
    const perRequest = (d.snmp.retries + 1) * d.snmp.timeoutMs;
    return [
      {
        id: d.id,
        type: d.type,
        target: targetFromConfig(d.snmp),
        intervalMs,
        budgetMs: Math.min(intervalMs, Math.max(30_000, perRequest * 10)),
      },
    ];
  });
}

function kindHint(type: DeviceType): DeviceKind | undefined {
  if (printingTypes.includes(type)) return 'printer';
  if (type === 'pc' || type === 'kiosk') return 'pc';
  return undefined;
}

/**
 * SNMP's "read one device → observation" for the poll loop: the read itself (read-device.ts) plus the
 * PC's software rules — forbidden software, and changes against the baseline taken on the first poll.
 */
export function createSnmpRead(deps: {
  baselines: BaselineStore;
  forbiddenPatterns: readonly string[];
  supplies: SupplyThresholds;
  now: () => number;
  logger: Logger;
  /** Injected for tests; defaults to the real SNMP read. */
  read?: (target: SnmpTarget, opts: ReadOptions) => Promise<SnmpReading>;
}) {
  const patterns = compilePatterns(deps.forbiddenPatterns);
  const read = deps.read ?? readDevice;
  return async (device: SnmpDevice): Promise<Observation> => {
    const hint = kindHint(device.type);
    const reading = await read(device.target, {
      deviceId: device.id,
      now: deps.now,
      supplies: deps.supplies,
      ...(hint ? { kindHint: hint } : {}),
    });
    const obs = reading.observation;
    const host = obs.host;
    if (!obs.reachable || !host) return obs;
    const baseline = await deps.baselines.get(device.id);
    if (baseline === null && (host.installed.length > 0 || host.hardware.length > 0)) {
      await deps.baselines.put(device.id, baselineOf(host, obs.at), 'first-poll');
      deps.logger.info(
        { deviceId: device.id, installed: host.installed.length },
        'software/hardware baseline taken',
      );
    }
    return { ...obs, conditions: [...obs.conditions, ...softwareConditions(host, patterns, baseline)] };
  };
}
