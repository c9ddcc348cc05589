import type { AgentTemplates } from '../../config/sections/mqtt.js';
import { type AgentCommand, type AgentOptions, agentCommands } from '../../config/sections/mqtt-device.js';
import type { PowerAction } from '../../domain/power-switch.js';
import { fillTemplate, matchesFilter } from '../topic-filter.js';
import {
  type DiscoveryContext,
  decodeDiscovery,
  defaultCommandNames,
  discoveryFilter,
} from './agent-discovery.js';
import { payloadText } from './payload.js';
import {
  bad,
  type Decoded,
  type DeviceTopics,
  type LearnedCommand,
  type MqttCommand,
  update,
} from './types.js';

/**
 * PC agents in the style of HASS.Agent (../shared/fixtures/mqtt/hass-agent.md): an availability
 * topic (`online` birth / `offline` last will), sensor and command state topics, and commands
 * (shutdown, restart, hibernate, lock). A command's topic is, in order: the device's own config
 * (`mqtt.agent.commands`), what the agent announces in its discovery config, the template
 * (`mqtt.agent.<command>Topic`; HASS.Agent's default is a switch). All topics come from templates,
 * so another agent can be mapped without code.
 */
export interface AgentCommandView {
  readonly command: AgentCommand;
  readonly topic: string;
  readonly payload: string;
  /** `config`, `discovery <config topic>` or `template`. */
  readonly source: string;
}

export interface AgentRoutePart {
  readonly filters: string[];
  /** The agent's own topics, for the broker's access rules (src/mqtt/acl.ts). */
  readonly topics: DeviceTopics;
  decode(topic: string, payload: Uint8Array): Decoded | null;
  command(action: PowerAction): MqttCommand | { unsupported: string };
  learn(command: AgentCommand, learned: LearnedCommand | null): boolean;
  commands(): AgentCommandView[];
}

const templateTopic = (t: AgentTemplates, c: AgentCommand): string =>
  ({ shutdown: t.shutdownTopic, restart: t.restartTopic, hibernate: t.hibernateTopic, lock: t.lockTopic })[c];

export function agentRoute(name: string, t: AgentTemplates, options?: AgentOptions): AgentRoutePart {
  const discovery = options?.discovery ?? true;
  const namesOf = (c: AgentCommand) =>
    (options?.names?.[c] ?? defaultCommandNames[c]).map((n) => n.toLowerCase());
  const ctx: DiscoveryContext = {
    prefix: t.discoveryPrefix,
    node: name,
    names: {
      shutdown: namesOf('shutdown'),
      restart: namesOf('restart'),
      hibernate: namesOf('hibernate'),
      lock: namesOf('lock'),
    },
  };
  const availability = fillTemplate(t.availabilityTopic, name);
  const sensors = fillTemplate(t.sensorTopic, name);
  // Command and sensor state topics of the agent's own entities (HASS.Agent: <prefix>/<domain>/<device>/<object>/state).
  const states = `${t.discoveryPrefix}/+/${name}/+/state`;
  const learned = new Map<AgentCommand, LearnedCommand>();

  const view = (c: AgentCommand): AgentCommandView => {
    const fixed = options?.commands?.[c];
    if (fixed) return { command: c, topic: fixed.topic, payload: fixed.payload, source: 'config' };
    const l = learned.get(c);
    if (l) return { command: c, topic: l.topic, payload: l.payload, source: `discovery ${l.from}` };
    const payload = c === 'shutdown' ? t.shutdownPayload : t.commandPayload;
    return { command: c, topic: fillTemplate(templateTopic(t, c), name), payload, source: 'template' };
  };

  return {
    // The sensor filter is left out when the state filter covers it: overlapping subscriptions may
    // deliver a message twice.
    filters: [
      availability,
      ...(matchesFilter(states, sensors) ? [] : [sensors]),
      states,
      ...(discovery ? [discoveryFilter(ctx)] : []),
    ],
    // HASS.Agent publishes its availability, entity states and (retained) discovery configs, and its
    // media/notification topics (../shared/fixtures/mqtt/hass-agent.md); it listens on its entities'
    // set and action topics — where discovery may move a command, always under <prefix>/<domain>/<device>
    // (agent-discovery.ts) — and on any command topic the config or the templates name.
    get topics() {
      const p = t.discoveryPrefix;
      return {
        publish: [
          ...new Set([
            availability,
            sensors,
            states,
            `${p}/+/${name}/availability`,
            discoveryFilter(ctx),
            `hass.agent/media_player/${name}/state`,
            `hass.agent/notifications/${name}/actions`,
          ]),
        ],
        subscribe: [
          ...new Set([
            `${p}/+/${name}/+/set`,
            `${p}/+/${name}/+/action`,
            ...agentCommands.map((c) => view(c).topic),
          ]),
        ],
      };
    },
    decode(topic, payload) {
      if (topic === availability) {
        const text = payloadText(payload);
        if (!text.ok) return text.bad;
        if (text.value === t.onlinePayload) return update({ online: true });
        if (text.value === t.offlinePayload) return update({ online: false });
        return bad('bad-value', `availability is neither ${t.onlinePayload} nor ${t.offlinePayload}`);
      }
      if (discovery) {
        const d = decodeDiscovery(ctx, topic, payload);
        if (d !== null) return d;
      }
      if (matchesFilter(sensors, topic) || matchesFilter(states, topic)) {
        // A sensor value (CPU load, logged-in user, …) or a command's state proves the agent is alive;
        // the value itself is not part of a power reading, but it must still be sane text.
        const text = payloadText(payload);
        return text.ok ? update({}) : text.bad;
      }
      return null;
    },
    command(action) {
      if (action !== 'off')
        return { unsupported: 'a PC agent cannot switch its PC on (use power.method wol)' };
      const v = view(options?.offCommand ?? 'shutdown');
      return { topic: v.topic, payload: v.payload };
    },
    learn(command, entry) {
      const before = learned.get(command);
      if (entry === null) learned.delete(command);
      else learned.set(command, entry);
      return JSON.stringify(before) !== JSON.stringify(entry ?? undefined);
    },
    commands: () => agentCommands.map(view),
  };
}
