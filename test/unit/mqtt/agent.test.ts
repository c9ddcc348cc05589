import { describe, expect, it } from 'vitest';
import { defaultAgentTemplates } from '../../../src/config/sections/mqtt.js';
import { agentFilters, agentShutdown, decodeAgent } from '../../../src/mqtt/dialects/agent.js';
import { hassAgentMessages } from './fixture-messages.js';

const enc = (s: string) => new TextEncoder().encode(s);
const t = defaultAgentTemplates;

describe('HASS.Agent-style agent on ../shared/fixtures/mqtt/hass-agent.md (replay sequence)', () => {
  const msgs = hassAgentMessages();

  it('replays the fixture sequence: online, a sensor, the shutdown command, offline', () => {
    expect(msgs.map((m) => m.line)).toEqual([38, 39, 40, 41]);
    const [online, sensor, shutdown, offline] = msgs.map((m) =>
      decodeAgent('OFFICE-PC01', t, m.topic, enc(m.payload)),
    );
    expect(online).toEqual({ kind: 'update', update: { online: true } });
    expect(sensor).toEqual({ kind: 'update', update: {} });
    // Our own command topic is not something we read back.
    expect(shutdown).toBeNull();
    expect(offline).toEqual({ kind: 'update', update: { online: false } });
  });

  it('sends the fixture’s shutdown command (hass-agent.md line 40)', () => {
    const fixture = msgs[2];
    expect(agentShutdown('OFFICE-PC01', t)).toEqual({ topic: fixture?.topic, payload: fixture?.payload });
  });

  it('subscribes to availability and sensor states', () => {
    expect(agentFilters('OFFICE-PC01', t)).toEqual([
      'homeassistant/sensor/OFFICE-PC01/availability',
      'homeassistant/sensor/OFFICE-PC01/+/state',
    ]);
  });

  it('maps another agent through templates, without code', () => {
    const iot = {
      availabilityTopic: 'iotlink/{topic}/lwt',
      onlinePayload: 'ON',
      offlinePayload: 'OFF',
      sensorTopic: 'iotlink/{topic}/+/+',
      shutdownTopic: 'iotlink/{topic}/commands/shutdown',
      shutdownPayload: '',
    };
    expect(decodeAgent('pc2', iot, 'iotlink/pc2/lwt', enc('OFF'))).toEqual({
      kind: 'update',
      update: { online: false },
    });
    expect(decodeAgent('pc2', iot, 'iotlink/pc2/cpu/usage', enc('3'))).toEqual({
      kind: 'update',
      update: {},
    });
    expect(agentShutdown('pc2', iot)).toEqual({ topic: 'iotlink/pc2/commands/shutdown', payload: '' });
  });

  it('an unknown availability word is bad, not offline', () => {
    expect(decodeAgent('PC', t, 'homeassistant/sensor/PC/availability', enc('gone'))).toMatchObject({
      kind: 'bad',
      reason: 'bad-value',
    });
  });
});
