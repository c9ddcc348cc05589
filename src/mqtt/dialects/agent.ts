import type { AgentTemplates } from '../../config/sections/mqtt.js';
import { fillTemplate, matchesFilter } from '../topic-filter.js';
import { payloadText } from './payload.js';
import { bad, type Decoded, type MqttCommand, update } from './types.js';

/**
 * PC agents in the style of HASS.Agent (../shared/fixtures/mqtt/hass-agent.md): an availability
 * topic (`online` birth / `offline` last will), sensor state topics, and a shutdown command topic.
 * All topics come from configurable templates so another agent can be mapped without code.
 */
export function agentFilters(name: string, t: AgentTemplates): string[] {
  return [fillTemplate(t.availabilityTopic, name), fillTemplate(t.sensorTopic, name)];
}

export function agentShutdown(name: string, t: AgentTemplates): MqttCommand {
  return { topic: fillTemplate(t.shutdownTopic, name), payload: t.shutdownPayload };
}

export function decodeAgent(
  name: string,
  t: AgentTemplates,
  topic: string,
  payload: Uint8Array,
): Decoded | null {
  if (topic === fillTemplate(t.availabilityTopic, name)) {
    const text = payloadText(payload);
    if (!text.ok) return text.bad;
    if (text.value === t.onlinePayload) return update({ online: true });
    if (text.value === t.offlinePayload) return update({ online: false });
    return bad('bad-value', `availability is neither ${t.onlinePayload} nor ${t.offlinePayload}`);
  }
  if (matchesFilter(fillTemplate(t.sensorTopic, name), topic)) {
    // A sensor value (CPU load, logged-in user, …) proves the agent is alive; the value itself
    // is not part of a power reading, but it must still be sane text.
    const text = payloadText(payload);
    return text.ok ? update({}) : text.bad;
  }
  return null;
}
