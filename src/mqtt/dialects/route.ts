import type { AgentTemplates } from '../../config/sections/mqtt.js';
import type { AgentCommand, MqttDeviceConfig } from '../../config/sections/mqtt-device.js';
import type { PowerAction } from '../../domain/power-switch.js';
import { isPlainTopic } from '../topic-filter.js';
import { type AgentCommandView, agentRoute } from './agent.js';
import { decodeTelemetry, telemetryTopic, telemetryTopics } from './generic.js';
import { decodeShelly1, shelly1Command, shelly1Filters, shelly1Topics } from './shelly-gen1.js';
import { rpcSource, shelly2Route } from './shelly-gen2.js';
import { tasmotaRoute } from './tasmota.js';
import type { Decoded, DeviceTopics, LearnedCommand, MqttCommand, MqttFamily } from './types.js';

/** How zoneops talks to one device over MQTT: what to subscribe to, how to read it, how to switch it. */
export interface DeviceRoute {
  readonly deviceId: string;
  readonly family: MqttFamily;
  readonly filters: readonly string[];
  /** What the device itself publishes and subscribes to: its access rules on the broker (src/mqtt/acl.ts). */
  readonly topics: DeviceTopics;
  /** null when the topic is not this device's. */
  decode(topic: string, payload: Uint8Array): Decoded | null;
  /** The command for an action, or a reason the family cannot do it. */
  command(action: PowerAction, seq: number): MqttCommand | { unsupported: string };
  /**
   * A message that makes the device report its state now (sent on every connect, and for a Shelly
   * Gen2 whenever it comes online), if the family has one.
   */
  stateQuery?(): MqttCommand;
  /** Ask again whenever the device announces it is online (a Gen2 plug that restarted says nothing else). */
  readonly queryWhenOnline?: boolean;
  /** A PC agent's command learned from (or removed from) its discovery configs; true when it changed. */
  learn?(command: AgentCommand, learned: LearnedCommand | null): boolean;
  /** A PC agent's commands and where each topic comes from. */
  agentCommands?(): AgentCommandView[];
}

interface RouteContext {
  readonly site: string;
  readonly clientId: string;
  readonly agent: AgentTemplates;
}

export type RouteConfig = Pick<MqttDeviceConfig, 'family' | 'topic'> &
  Partial<Pick<MqttDeviceConfig, 'tasmota' | 'agent'>>;

export function deviceRoute(
  deviceId: string,
  mqtt: RouteConfig,
  ctx: RouteContext,
): DeviceRoute | { problem: string } {
  const t = mqtt.topic;
  if (!isPlainTopic(t)) return { problem: `mqtt.topic ${JSON.stringify(t)} must not contain + or #` };
  switch (mqtt.family) {
    case 'tasmota': {
      const r = tasmotaRoute(t, mqtt.tasmota);
      return {
        deviceId,
        family: 'tasmota',
        filters: r.filters,
        topics: r.topics,
        decode: r.decode,
        command: (action) => r.command(action),
        stateQuery: r.stateQuery,
      };
    }
    case 'shelly1':
      return {
        deviceId,
        family: 'shelly1',
        filters: shelly1Filters(t),
        topics: shelly1Topics(t),
        decode: (topic, payload) => decodeShelly1(t, topic, payload),
        command: (action) => shelly1Command(t, action),
      };
    case 'shelly2': {
      const r = shelly2Route(t, rpcSource(ctx.clientId, deviceId));
      return {
        deviceId,
        family: 'shelly2',
        filters: r.filters,
        topics: r.topics,
        decode: r.decode,
        command: (action) => r.command(action),
        stateQuery: r.stateQuery,
        queryWhenOnline: true,
      };
    }
    case 'agent': {
      const r = agentRoute(t, ctx.agent, mqtt.agent);
      return {
        deviceId,
        family: 'agent',
        filters: r.filters,
        topics: r.topics,
        decode: r.decode,
        command: (action) => r.command(action),
        learn: r.learn,
        agentCommands: r.commands,
      };
    }
    case 'generic': {
      // The documented topic is zoneops/<site>/devices/<id>/telemetry; a custom one is honoured too.
      const topics = new Set([telemetryTopic(ctx.site, deviceId), t]);
      return {
        deviceId,
        family: 'generic',
        filters: [...topics],
        topics: telemetryTopics(ctx.site, deviceId, t),
        decode: (topic, payload) => (topics.has(topic) ? decodeTelemetry(payload) : null),
        command: () => ({ unsupported: 'generic telemetry devices take no power commands' }),
      };
    }
  }
}
