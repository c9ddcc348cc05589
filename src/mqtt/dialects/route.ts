import type { AgentTemplates } from '../../config/sections/mqtt.js';
import type { PowerAction } from '../../domain/power-switch.js';
import { isPlainTopic } from '../topic-filter.js';
import { agentFilters, agentShutdown, decodeAgent } from './agent.js';
import { decodeTelemetry, telemetryTopic } from './generic.js';
import {
  decodeShelly1,
  decodeShelly2,
  shelly1Command,
  shelly1Filters,
  shelly2Command,
  shelly2Filters,
} from './shelly.js';
import { decodeTasmota, tasmotaCommand, tasmotaFilters } from './tasmota.js';
import type { Decoded, MqttCommand, MqttFamily } from './types.js';

/** How zoneops talks to one device over MQTT: what to subscribe to, how to read it, how to switch it. */
export interface DeviceRoute {
  readonly deviceId: string;
  readonly family: MqttFamily;
  readonly filters: readonly string[];
  /** null when the topic is not this device's. */
  decode(topic: string, payload: Uint8Array): Decoded | null;
  /** The command for an action, or a reason the family cannot do it. */
  command(action: PowerAction, seq: number): MqttCommand | { unsupported: string };
  /** A message that makes the device report its relay state now (sent on every connect), if the family has one. */
  readonly stateQuery?: MqttCommand;
}

interface RouteContext {
  readonly site: string;
  readonly clientId: string;
  readonly agent: AgentTemplates;
}

export function deviceRoute(
  deviceId: string,
  mqtt: { family: MqttFamily; topic: string },
  ctx: RouteContext,
): DeviceRoute | { problem: string } {
  const t = mqtt.topic;
  if (!isPlainTopic(t)) return { problem: `mqtt.topic ${JSON.stringify(t)} must not contain + or #` };
  switch (mqtt.family) {
    case 'tasmota':
      return {
        deviceId,
        family: 'tasmota',
        filters: tasmotaFilters(t),
        decode: (topic, payload) => decodeTasmota(t, topic, payload),
        command: (action) => tasmotaCommand(t, action),
        // An empty POWER command is Tasmota's status query: it answers stat/<t>/POWER at once, instead of
        // zoneops knowing the relay only at the next telemetry period (300 s by default).
        stateQuery: { topic: `cmnd/${t}/POWER`, payload: '' },
      };
    case 'shelly1':
      return {
        deviceId,
        family: 'shelly1',
        filters: shelly1Filters(t),
        decode: (topic, payload) => decodeShelly1(t, topic, payload),
        command: (action) => shelly1Command(t, action),
      };
    case 'shelly2':
      return {
        deviceId,
        family: 'shelly2',
        filters: shelly2Filters(t),
        decode: (topic, payload) => decodeShelly2(t, topic, payload),
        command: (action, seq) => shelly2Command(t, action, ctx.clientId, seq),
      };
    case 'agent':
      return {
        deviceId,
        family: 'agent',
        filters: agentFilters(t, ctx.agent),
        decode: (topic, payload) => decodeAgent(t, ctx.agent, topic, payload),
        command: (action) =>
          action === 'off'
            ? agentShutdown(t, ctx.agent)
            : { unsupported: 'a PC agent cannot switch its PC on (use power.method wol)' },
      };
    case 'generic': {
      // The documented topic is zoneops/<site>/devices/<id>/telemetry; a custom one is honoured too.
      const topics = new Set([telemetryTopic(ctx.site, deviceId), t]);
      return {
        deviceId,
        family: 'generic',
        filters: [...topics],
        decode: (topic, payload) => (topics.has(topic) ? decodeTelemetry(payload) : null),
        command: () => ({ unsupported: 'generic telemetry devices take no power commands' }),
      };
    }
  }
}
