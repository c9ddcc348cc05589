import type { AgentCommand } from '../../config/sections/mqtt-device.js';
import type { Condition } from '../../domain/conditions.js';

const mqttFamilies = ['tasmota', 'shelly1', 'shelly2', 'agent', 'generic'] as const;
export type MqttFamily = (typeof mqttFamilies)[number];

/** What one message says about a plug or agent; absent fields say nothing (they keep the last value). */
export interface PowerUpdate {
  /** From an availability topic (LWT, `online`) or, for generic telemetry, the payload itself. */
  readonly online?: boolean;
  readonly relay?: 'on' | 'off';
  readonly watts?: number;
  readonly energyKWh?: number;
  /** Only generic telemetry states this directly; otherwise derived from watts/relay/availability. */
  readonly deviceOn?: boolean;
  /** Conditions the device reports (generic telemetry, a Shelly overload); an array here replaces the previous list. */
  readonly conditions?: readonly Condition[];
}

export const badReasons = [
  'too-large',
  'not-utf8',
  'not-json',
  'wrong-type',
  'bad-value',
  'unknown-topic',
  // a discovery config naming topics outside the agent's own prefix, or another device
  'foreign-topic',
  // an RPC reply to no request zoneops sent
  'unknown-rpc',
] as const;
export type BadReason = (typeof badReasons)[number];

/**
 * The outcome of decoding one message:
 * - `update`: a typed reading (possibly empty: the message only proves the device is alive);
 * - `ignore`: a topic of the device that carries nothing we use (e.g. Tasmota INFO1);
 * - `bad`: the payload cannot be trusted; nothing of it is applied.
 */
export type Decoded =
  | { readonly kind: 'update'; readonly update: PowerUpdate }
  | { readonly kind: 'ignore' }
  | { readonly kind: 'bad'; readonly reason: BadReason; readonly detail: string }
  | { readonly kind: 'learned'; readonly command: AgentCommand; readonly learned: LearnedCommand | null };

/** A PC agent's command as its own discovery config announces it (null: the config was removed). */
export interface LearnedCommand {
  readonly topic: string;
  readonly payload: string;
  readonly stateTopic: string | null;
  /** The discovery config topic it came from, e.g. homeassistant/switch/OFFICE-PC01/shutdown/config. */
  readonly from: string;
}

export const update = (u: PowerUpdate): Decoded => ({ kind: 'update', update: u });
export const ignore: Decoded = { kind: 'ignore' };
export const bad = (reason: BadReason, detail: string): Decoded => ({ kind: 'bad', reason, detail });

/** A command to send to a plug or agent (always QoS 1, never retained: a stale retained command would switch a device later). */
export interface MqttCommand {
  readonly topic: string;
  readonly payload: string;
}

/**
 * The topics one device uses on the broker, as its firmware does (the broker's access rules are made from
 * these, src/mqtt/acl.ts): filters it may publish to (its own state) and subscribe to (its own commands).
 */
export interface DeviceTopics {
  readonly publish: readonly string[];
  readonly subscribe: readonly string[];
}
