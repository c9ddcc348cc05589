import type { Condition } from '../domain/conditions.js';
import type { Observation, ProbeProblem } from '../domain/observation.js';
import type { MqttFamily, PowerUpdate } from './dialects/types.js';

/** What zoneops currently knows of one plug or agent, folded from its messages. */
export interface PowerState {
  /** From availability (LWT) messages; null until one arrives. */
  readonly online: boolean | null;
  readonly relay: 'on' | 'off' | null;
  readonly watts: number | null;
  readonly energyKWh: number | null;
  readonly deviceOn: boolean | null;
  readonly conditions: readonly Condition[];
  /** Epoch ms of the last live (not retained) message; null when only retained ones were seen. */
  readonly lastLive: number | null;
  /** Epoch ms of the first message of any kind, so lastSeen always has a value. */
  readonly firstSeen: number;
}

export function initialState(at: number): PowerState {
  return {
    online: null,
    relay: null,
    watts: null,
    energyKWh: null,
    deviceOn: null,
    conditions: [],
    lastLive: null,
    firstSeen: at,
  };
}

/**
 * Folds one decoded message into the state. A retained message may be old, so it never counts as
 * proof of life; only availability (kept by the broker as the device's last will) sets `online`.
 */
export function applyUpdate(prev: PowerState, u: PowerUpdate, at: number, retained: boolean): PowerState {
  return {
    online: u.online ?? prev.online,
    relay: u.relay ?? prev.relay,
    watts: u.watts ?? prev.watts,
    energyKWh: u.energyKWh ?? prev.energyKWh,
    deviceOn: u.deviceOn ?? prev.deviceOn,
    conditions: u.conditions ?? prev.conditions,
    lastLive: retained ? prev.lastLive : at,
    firstSeen: prev.firstSeen,
  };
}

interface ReadingOptions {
  readonly family: MqttFamily;
  /** A plug reading above this many watts means the device behind it is on. */
  readonly onAboveWatts: number;
  readonly offlineAfterSeconds: number;
}

/**
 * Whether a device counts as online now. A broker-kept availability (LWT) is authoritative: the
 * broker publishes the will when the device's keep-alive fails, and Tasmota's TelePeriod (300 s by
 * default) may well be longer than offlineAfterSeconds. Without it (generic telemetry, or no
 * availability seen yet) silence longer than offlineAfterSeconds means offline.
 */
export function isOnline(s: PowerState, o: ReadingOptions, now: number): boolean | null {
  if (s.online === false) return false;
  if (s.online === true && o.family !== 'generic') return true;
  if (s.lastLive === null) return o.family === 'generic' ? null : s.online;
  return now - s.lastLive <= o.offlineAfterSeconds * 1000;
}

/** Pure: is the device behind the plug/agent really on? null when it cannot be told. */
export function deviceOn(s: PowerState, o: ReadingOptions, online: boolean | null): boolean | null {
  if (o.family === 'agent') return online;
  if (o.family === 'generic' && s.deviceOn !== null) return online === false ? null : s.deviceOn;
  // An offline plug may still be powering its device: we cannot know.
  if (online !== true) return null;
  if (s.relay === 'off') return false;
  if (s.watts !== null) return s.watts > o.onAboveWatts;
  return null;
}

export function toObservation(deviceId: string, s: PowerState, o: ReadingOptions, now: number): Observation {
  const online = isOnline(s, o, now);
  const lastSeen = s.lastLive ?? s.firstSeen;
  const power = {
    online: online === true,
    relay: s.relay,
    watts: s.watts,
    energyKWh: s.energyKWh,
    deviceOn: deviceOn(s, o, online),
    lastSeen,
  };
  const base = { deviceId, source: 'mqtt' as const, at: now, conditions: s.conditions, power };
  if (online === true) return { ...base, reachable: true };
  return { ...base, reachable: false, problem: offlineProblem(s, o, now) };
}

function offlineProblem(s: PowerState, o: ReadingOptions, now: number): ProbeProblem {
  const what = o.family === 'agent' ? 'agent' : o.family === 'generic' ? 'device' : 'plug';
  if (s.online === false) {
    return { reason: 'unreachable', message: `${what} reported offline (MQTT availability/last will)` };
  }
  if (s.lastLive === null) {
    return { reason: 'timeout', message: `no live MQTT message from the ${what} yet (only retained ones)` };
  }
  const silent = Math.round((now - s.lastLive) / 1000);
  return {
    reason: 'timeout',
    message: `no MQTT message from the ${what} for ${silent} s (offlineAfterSeconds ${o.offlineAfterSeconds})`,
  };
}
