import type { Observation } from './observation.js';
import type { DeviceStatus } from './status.js';

/**
 * Device status with hysteresis (pure). One failed poll proves little (a busy printer drops an SNMP
 * request now and then), so a device is `down` only after N consecutive failed polls, or at once when
 * its MQTT plug/agent is offline (the MQTT probe already waited `offlineAfterSeconds` before saying so).
 * A device that is off because the schedule says so is `off-scheduled`: never a fault.
 */
export interface StatusPolicy {
  /** Consecutive failed polls before `down` (default 3). */
  readonly downAfterFailures: number;
  /** Window in which status changes are counted to call a device flapping. */
  readonly flapWindowMs: number;
  /** This many changes inside the window = flapping. */
  readonly flapThreshold: number;
}

export const defaultStatusPolicy: StatusPolicy = {
  downAfterFailures: 3,
  flapWindowMs: 60 * 60_000,
  flapThreshold: 4,
};

export interface StatusState {
  readonly status: DeviceStatus;
  readonly since: number;
  readonly failStreak: number;
  /** Times of recent status changes (within the flap window), oldest first. */
  readonly changes: readonly number[];
  readonly flapping: boolean;
}

export interface StatusChange {
  readonly from: DeviceStatus;
  readonly to: DeviceStatus;
  readonly at: number;
  readonly reason: string;
}

export function initialStatus(now: number): StatusState {
  return { status: 'unknown', since: now, failStreak: 0, changes: [], flapping: false };
}

/**
 * The next status after one observation; `expectedOn` is what the power schedule wants right now. An
 * observation the poller marked `asleep` counts as expected off whatever the schedule says (it asked
 * the schedule when it polled).
 */
export function nextStatus(
  prev: StatusState,
  obs: Observation,
  expectedOn: boolean,
  policy: StatusPolicy = defaultStatusPolicy,
): { state: StatusState; change: StatusChange | null } {
  const mqttOffline = obs.source === 'mqtt' && obs.power !== undefined && !obs.power.online;
  const failed = !obs.reachable || mqttOffline;
  const failStreak = failed ? prev.failStreak + 1 : 0;

  let to: DeviceStatus;
  let reason: string;
  if (!failed) {
    const active = obs.conditions.filter((c) => c.severity !== 'info');
    to = active.length > 0 ? 'degraded' : 'up';
    reason = active.length > 0 ? active.map((c) => c.name).join(',') : 'reachable';
  } else if (!expectedOn || obs.asleep === true) {
    to = 'off-scheduled';
    reason = 'off by schedule';
  } else if (mqttOffline || failStreak >= policy.downAfterFailures) {
    to = 'down';
    reason = mqttOffline
      ? 'mqtt offline'
      : `${failStreak} failed polls${obs.problem ? `: ${obs.problem.reason}` : ''}`;
  } else {
    // Not enough evidence yet: keep what we had (hysteresis).
    to = prev.status === 'off-scheduled' ? 'unknown' : prev.status;
    reason = `failed poll ${failStreak}/${policy.downAfterFailures}`;
  }

  const at = obs.at;
  if (to === prev.status) {
    return { state: { ...prev, failStreak }, change: null };
  }
  const changes = [...prev.changes.filter((t) => t > at - policy.flapWindowMs), at];
  const flapping = changes.length >= policy.flapThreshold;
  return {
    state: { status: to, since: at, failStreak, changes, flapping },
    change: { from: prev.status, to, at, reason },
  };
}

/** What the status tracker says after each observation (published on the event bus as `device-status`). */
export interface DeviceStatusEvent {
  readonly deviceId: string;
  readonly at: number;
  /** The merged observation the status was judged on. */
  readonly observation: Observation;
  readonly state: StatusState;
  /** Set when the status changed with this observation. */
  readonly change: StatusChange | null;
  /** Active conditions; while the device does not answer, the last known ones (see `conditionsAsOf`). */
  readonly conditions: readonly string[];
  /** null: the conditions are current; else when the device last reported them. */
  readonly conditionsAsOf: number | null;
}

/** A fall, a recovery or any other change of a device's status (event bus: `status-changed`). */
export interface StatusChangedEvent extends StatusChange {
  readonly deviceId: string;
}

/** The conditions to show for a device after an observation: current ones, or the last known. */
export function shownConditions(obs: Observation): { names: string[]; asOf: number | null } {
  if (obs.reachable || !obs.lastKnown) return { names: obs.conditions.map((c) => c.name), asOf: null };
  return { names: obs.lastKnown.conditions.map((c) => c.name), asOf: obs.lastKnown.at };
}
