import { type AgentCommand, agentCommands } from '../../config/sections/mqtt-device.js';
import { isPlainTopic } from '../topic-filter.js';
import { isObject, type JsonObject, payloadObject, preview } from './payload.js';
import { bad, type Decoded, ignore, type LearnedCommand } from './types.js';

/**
 * Home Assistant MQTT discovery configs of a PC agent, as HASS.Agent publishes them (retained) for
 * every command: topic `<prefix>/<domain>/<device>/<object id>/config` (MQTT/MqttManager.cs
 * AnnounceAutoDiscoveryConfigAsync), payload the CommandDiscoveryConfigModel with lower-cased keys
 * `command_topic`, `state_topic`, `availability_topic`, `action_topic`, `name`, `unique_id`, `device`
 * (Models/HomeAssistant/DiscoveryConfigModel.cs; JsonSerializerSettings ToLowerInvariantNamingStrategy).
 * An empty retained config removes the entity (HA discovery convention; HASS.Agent does it on delete).
 *
 * Configs are untrusted: every topic they name must lie under the agent's own prefix
 * `<prefix>/<any domain>/<device>/…` and be a plain topic, `device.name` (when given) must be this
 * agent, the command payload short text. Anything else is refused and counted as a bad message.
 */
export interface DiscoveryContext {
  readonly prefix: string;
  /** The agent's device name (the device's mqtt.topic). */
  readonly node: string;
  /** Entity names (object ids or friendly names) that mean each command, lower-case. */
  readonly names: Readonly<Record<AgentCommand, readonly string[]>>;
}

/** HASS.Agent's default entity names (HomeAssistant/Commands/CustomCommands/*Command.cs DefaultName). */
export const defaultCommandNames: Readonly<Record<AgentCommand, readonly string[]>> = {
  shutdown: ['shutdown'],
  restart: ['restart'],
  hibernate: ['hibernate'],
  lock: ['lock'],
};

export function discoveryFilter(ctx: Pick<DiscoveryContext, 'prefix' | 'node'>): string {
  return `${ctx.prefix}/+/${ctx.node}/+/config`;
}

const topicKeys = [
  'command_topic',
  'state_topic',
  'availability_topic',
  'action_topic',
  'json_attributes_topic',
];
const commandComponents: Readonly<Record<string, { payloadKey: string; fallback: string }>> = {
  // Home Assistant's MQTT switch sends payload_on ("ON" by default), its button payload_press ("PRESS").
  switch: { payloadKey: 'payload_on', fallback: 'ON' },
  button: { payloadKey: 'payload_press', fallback: 'PRESS' },
};

/** null when the topic is not one of this agent's discovery configs. */
export function decodeDiscovery(ctx: DiscoveryContext, topic: string, payload: Uint8Array): Decoded | null {
  const parts = topic.split('/');
  if (parts.length !== 5 || parts[0] !== ctx.prefix || parts[2] !== ctx.node || parts[4] !== 'config') {
    return null;
  }
  const component = parts[1] as string;
  const objectId = parts[3] as string;
  if (payload.byteLength === 0) {
    const command = commandOf(ctx, component, objectId, undefined);
    return command ? { kind: 'learned', command, learned: null } : ignore;
  }
  const parsed = payloadObject(payload);
  if (!parsed.ok) return parsed.bad;
  const config = parsed.value;
  const foreign = foreignTopic(ctx, config);
  if (foreign) return bad('foreign-topic', foreign);
  if (config.device !== undefined) {
    if (!isObject(config.device)) return bad('wrong-type', 'device is not an object');
    const name = config.device.name;
    if (name !== undefined && name !== ctx.node) {
      return bad('foreign-topic', `device.name ${preview(String(name))} is not this agent (${ctx.node})`);
    }
  }
  const command = commandOf(ctx, component, objectId, config.name);
  if (!command) return ignore;
  const how = commandComponents[component];
  const commandTopic = config.command_topic;
  if (!how || typeof commandTopic !== 'string') {
    return bad('wrong-type', `${command} config has no command_topic`);
  }
  const raw = config[how.payloadKey];
  if (raw !== undefined && (typeof raw !== 'string' || !/^[\x20-\x7e]{1,64}$/.test(raw))) {
    return bad('bad-value', `${how.payloadKey} is not a short text`);
  }
  const learned: LearnedCommand = {
    topic: commandTopic,
    payload: typeof raw === 'string' ? raw : how.fallback,
    stateTopic: typeof config.state_topic === 'string' ? config.state_topic : null,
    from: topic,
  };
  return { kind: 'learned', command, learned };
}

/** Which command an entity is, by its object id or friendly name; only switches and buttons are commands. */
function commandOf(
  ctx: DiscoveryContext,
  component: string,
  objectId: string,
  name: unknown,
): AgentCommand | null {
  if (!(component in commandComponents)) return null;
  const candidates = [objectId.toLowerCase(), typeof name === 'string' ? name.trim().toLowerCase() : ''];
  return agentCommands.find((c) => ctx.names[c].some((n) => candidates.includes(n))) ?? null;
}

/** The first topic field that is not a plain topic under `<prefix>/<domain>/<node>/`, described; or null. */
function foreignTopic(ctx: DiscoveryContext, config: JsonObject): string | null {
  for (const key of topicKeys) {
    const value = config[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' || !isPlainTopic(value)) return `${key} is not a plain MQTT topic`;
    const p = value.split('/');
    if (p.length < 4 || p[0] !== ctx.prefix || p[2] !== ctx.node || p.some((level) => level === '')) {
      return `${key} ${preview(value)} is not under ${ctx.prefix}/+/${ctx.node}/`;
    }
  }
  return null;
}
