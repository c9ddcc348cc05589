import type { EventBus } from '../core/events.js';
import {
  defaultStatusPolicy,
  nextStatus,
  type StatusPolicy,
  type StatusState,
  shownConditions,
} from '../domain/device-status.js';
import type { Observation } from '../domain/observation.js';
import type { Logger } from '../log.js';
import { createSerial } from '../serial.js';
import type { Database } from '../store/db.js';
import { StatusRepo } from './status-repo.js';

/** How often an unchanged status is written anyway, so "last observed" on the pages stays current. */
const REFRESH_MS = 60_000;

interface Known {
  state: StatusState;
  conditionsKey: string;
  persistedAt: number;
}

/**
 * The status step of the pipeline: each merged observation of a device (event `observation`) gives its
 * status with hysteresis (domain/device-status.ts), whatever the protocol. The tracker logs each fall
 * and recovery once, stores the status when it or the conditions change (and at most once a minute
 * otherwise), and publishes `device-status` after every observation and `status-changed` on a change.
 * Devices not in the register are ignored (logged once).
 */
export function createStatusTracker(deps: {
  db: Database;
  events: Pick<EventBus, 'emit'>;
  logger: Logger;
  /** Whether the schedule wants the device on now: a device off by schedule is `off-scheduled`. */
  expectedOn: (deviceId: string, now: number) => boolean;
  /** The register's device ids. */
  known: ReadonlySet<string>;
  policy?: Partial<StatusPolicy>;
}) {
  const repo = new StatusRepo(deps.db);
  const policy = { ...defaultStatusPolicy, ...deps.policy };
  const cache = new Map<string, Known>();
  const strangers = new Set<string>();
  // One observation at a time, in arrival order: a device's status is never judged twice at once.
  const serial = createSerial();

  const log = (deviceId: string, from: string, to: string, reason: string) => {
    const entry = { deviceId, from, to, reason };
    if (to === 'down') deps.logger.warn(entry, 'device down');
    else if (from === 'down') deps.logger.info(entry, 'device up again');
    else deps.logger.info(entry, 'device status changed');
  };

  return {
    repo,
    /** The consumer of `observation` events (the merged view of the device). */
    observe: (merged: Observation): Promise<void> => serial(() => judge(merged)),
    idle: () => serial.idle(),
  };

  async function judge(merged: Observation): Promise<void> {
    const id = merged.deviceId;
    if (!deps.known.has(id)) {
      if (!strangers.has(id))
        deps.logger.warn({ deviceId: id }, 'observation for a device not in the register ignored');
      strangers.add(id);
      return;
    }
    let known = cache.get(id);
    if (!known) {
      known = { state: await repo.load(id, merged.at), conditionsKey: '', persistedAt: 0 };
      cache.set(id, known);
    }
    const { state, change } = nextStatus(known.state, merged, deps.expectedOn(id, merged.at), policy);
    const shown = shownConditions(merged);
    const conditionsKey = `${shown.asOf ?? ''}|${shown.names.join(',')}`;
    const due =
      change !== null ||
      conditionsKey !== known.conditionsKey ||
      state.flapping !== known.state.flapping ||
      merged.at - known.persistedAt >= REFRESH_MS;
    if (due) {
      await repo.save(
        id,
        { state, observedAt: merged.at, conditions: shown.names, conditionsAsOf: shown.asOf },
        change,
      );
      known.persistedAt = merged.at;
    }
    known.state = state;
    known.conditionsKey = conditionsKey;
    if (change) log(id, change.from, change.to, change.reason);
    await deps.events.emit('device-status', {
      deviceId: id,
      at: merged.at,
      observation: merged,
      state,
      change,
      conditions: shown.names,
      conditionsAsOf: shown.asOf,
    });
    if (change) await deps.events.emit('status-changed', { ...change, deviceId: id });
  }
}

export type StatusTracker = ReturnType<typeof createStatusTracker>;
