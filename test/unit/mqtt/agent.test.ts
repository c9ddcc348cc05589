import { describe, expect, it } from 'vitest';
import { type AgentTemplates, defaultAgentTemplates } from '../../../src/config/sections/mqtt.js';
import { agentRoute } from '../../../src/mqtt/dialects/agent.js';
import { hassAgentMessages } from './fixture-messages.js';

const enc = (s: string) => new TextEncoder().encode(s);
const t = defaultAgentTemplates;

/**
 * A HASS.Agent discovery config for its shutdown command, as HASS.Agent builds it (hass-agent/HASS.Agent
 * @8331d1b: HomeAssistant/Commands/CustomCommand.cs GetAutoDiscoveryConfig, MQTT/MqttManager.cs
 * AnnounceAutoDiscoveryConfigAsync with lower-cased keys and nulls left out; device from
 * CreateDeviceConfigModel). The entity type is a Switch by default (../shared/fixtures/mqtt/hass-agent.md,
 * "Correction and additions").
 */
const shutdownConfig = (node: string, domain = 'switch', object = 'shutdown') => ({
  topic: `homeassistant/${domain}/${node}/${object}/config`,
  payload: JSON.stringify({
    availability_topic: `homeassistant/sensor/${node}/availability`,
    command_topic: `homeassistant/${domain}/${node}/${object}/set`,
    action_topic: `homeassistant/${domain}/${node}/${object}/action`,
    state_topic: `homeassistant/${domain}/${node}/${object}/state`,
    device: {
      identifiers: `hass.agent-${node}`,
      manufacturer: 'HASS.Agent Team',
      name: node,
      sw_version: '2.1.1',
    },
    name: object,
    unique_id: '3b2f5e0c-8a41-4c57-9d3c-6f0e2b7a1c11',
  }),
});

describe('HASS.Agent-style agent on ../shared/fixtures/mqtt/hass-agent.md (replay sequence)', () => {
  const msgs = hassAgentMessages();

  it('replays the fixture sequence: online, a sensor, the (button) shutdown command, offline', () => {
    expect(msgs.map((m) => m.line)).toEqual([38, 39, 40, 41]);
    const route = agentRoute('OFFICE-PC01', t);
    const [online, sensor, shutdown, offline] = msgs.map((m) => route.decode(m.topic, enc(m.payload)));
    expect(online).toEqual({ kind: 'update', update: { online: true } });
    expect(sensor).toEqual({ kind: 'update', update: {} });
    // Our own command topic is not something we read back.
    expect(shutdown).toBeNull();
    expect(offline).toEqual({ kind: 'update', update: { online: false } });
  });

  it('without a discovery config, shutdown goes to HASS.Agent’s default switch topic with ON', () => {
    expect(agentRoute('OFFICE-PC01', t).command('off')).toEqual({
      topic: 'homeassistant/switch/OFFICE-PC01/shutdown/set',
      payload: 'ON',
    });
  });

  it('subscribes to availability, the entities’ states and the discovery configs', () => {
    expect(agentRoute('OFFICE-PC01', t).filters).toEqual([
      'homeassistant/sensor/OFFICE-PC01/availability',
      'homeassistant/+/OFFICE-PC01/+/state',
      'homeassistant/+/OFFICE-PC01/+/config',
    ]);
  });

  it('maps another agent through templates, without code', () => {
    const iot: AgentTemplates = {
      ...t,
      availabilityTopic: 'iotlink/{topic}/lwt',
      onlinePayload: 'ON',
      offlinePayload: 'OFF',
      sensorTopic: 'iotlink/{topic}/+/+',
      shutdownTopic: 'iotlink/{topic}/commands/shutdown',
      shutdownPayload: '',
    };
    const r = agentRoute('pc2', iot, { discovery: false, offCommand: 'shutdown' });
    expect(r.decode('iotlink/pc2/lwt', enc('OFF'))).toEqual({ kind: 'update', update: { online: false } });
    expect(r.decode('iotlink/pc2/cpu/usage', enc('3'))).toEqual({ kind: 'update', update: {} });
    expect(r.command('off')).toEqual({ topic: 'iotlink/pc2/commands/shutdown', payload: '' });
  });

  it('an unknown availability word is bad, not offline', () => {
    expect(agentRoute('PC', t).decode('homeassistant/sensor/PC/availability', enc('gone'))).toMatchObject({
      kind: 'bad',
      reason: 'bad-value',
    });
  });
});

describe('commands learned from the agent’s discovery configs', () => {
  it('a switch-type shutdown config gives its command topic; the command goes there', () => {
    const r = agentRoute('OFFICE-PC01', t);
    const c = shutdownConfig('OFFICE-PC01', 'button');
    const d = r.decode(c.topic, enc(c.payload));
    expect(d).toEqual({
      kind: 'learned',
      command: 'shutdown',
      learned: {
        topic: 'homeassistant/button/OFFICE-PC01/shutdown/set',
        payload: 'PRESS',
        stateTopic: 'homeassistant/button/OFFICE-PC01/shutdown/state',
        from: c.topic,
      },
    });
    if (d?.kind === 'learned') expect(r.learn(d.command, d.learned)).toBe(true);
    expect(r.command('off')).toEqual({
      topic: 'homeassistant/button/OFFICE-PC01/shutdown/set',
      payload: 'PRESS',
    });
    expect(r.commands().find((x) => x.command === 'shutdown')?.source).toBe(`discovery ${c.topic}`);
    // restart was not announced: the template, said so
    expect(r.commands().find((x) => x.command === 'restart')).toEqual({
      command: 'restart',
      topic: 'homeassistant/switch/OFFICE-PC01/restart/set',
      payload: 'ON',
      source: 'template',
    });
  });

  it('an empty retained config removes it again (Home Assistant discovery convention)', () => {
    const r = agentRoute('PC1', t);
    const c = shutdownConfig('PC1', 'button');
    const d = r.decode(c.topic, enc(c.payload));
    if (d?.kind === 'learned') r.learn(d.command, d.learned);
    expect(r.decode(c.topic, new Uint8Array())).toEqual({
      kind: 'learned',
      command: 'shutdown',
      learned: null,
    });
    r.learn('shutdown', null);
    expect(r.command('off')).toEqual({ topic: 'homeassistant/switch/PC1/shutdown/set', payload: 'ON' });
  });

  it('names per device: a German HASS.Agent calls its shutdown "herunterfahren"; hibernate as the off command', () => {
    const r = agentRoute('PC-DE', t, {
      discovery: true,
      offCommand: 'hibernate',
      names: { hibernate: ['ruhezustand'] },
    });
    const c = shutdownConfig('PC-DE', 'switch', 'ruhezustand');
    const d = r.decode(c.topic, enc(c.payload));
    expect(d).toMatchObject({ kind: 'learned', command: 'hibernate' });
    if (d?.kind === 'learned') r.learn(d.command, d.learned);
    expect(r.command('off')).toEqual({ topic: 'homeassistant/switch/PC-DE/ruhezustand/set', payload: 'ON' });
  });

  it('a topic fixed in the config wins over discovery', () => {
    const r = agentRoute('PC2', t, {
      discovery: true,
      offCommand: 'shutdown',
      commands: { shutdown: { topic: 'office/pc2/poweroff', payload: 'go' } },
    });
    const c = shutdownConfig('PC2');
    const d = r.decode(c.topic, enc(c.payload));
    if (d?.kind === 'learned') r.learn(d.command, d.learned);
    expect(r.command('off')).toEqual({ topic: 'office/pc2/poweroff', payload: 'go' });
    expect(r.commands()[0]?.source).toBe('config');
  });

  it('sensor configs and other commands are the agent’s, nothing to learn', () => {
    const r = agentRoute('PC3', t);
    const sensor = { ...shutdownConfig('PC3', 'sensor', 'cpu_load') };
    expect(r.decode(sensor.topic, enc(sensor.payload))).toEqual({ kind: 'ignore' });
    const other = shutdownConfig('PC3', 'switch', 'launch_browser');
    expect(r.decode(other.topic, enc(other.payload))).toEqual({ kind: 'ignore' });
  });

  describe('forged and malformed configs are refused and change nothing', () => {
    const forged = (payload: Record<string, unknown>) => ({
      topic: 'homeassistant/switch/PC4/shutdown/config',
      payload: JSON.stringify({ name: 'shutdown', ...payload }),
    });
    it.each([
      [
        'a command topic of another PC',
        { command_topic: 'homeassistant/switch/OTHER-PC/shutdown/set' },
        'foreign-topic',
      ],
      ['a command topic of a plug', { command_topic: 'cmnd/plug01/POWER' }, 'foreign-topic'],
      ['a wildcard', { command_topic: 'homeassistant/switch/PC4/#' }, 'foreign-topic'],
      ['an empty level', { command_topic: 'homeassistant/switch/PC4//set' }, 'foreign-topic'],
      [
        'a state topic elsewhere',
        { command_topic: 'homeassistant/switch/PC4/shutdown/set', state_topic: 'zoneops/zhuoshui/status' },
        'foreign-topic',
      ],
      [
        'another device name',
        { command_topic: 'homeassistant/switch/PC4/shutdown/set', device: { name: 'PC5' } },
        'foreign-topic',
      ],
      ['no command topic', { state_topic: 'homeassistant/switch/PC4/shutdown/state' }, 'wrong-type'],
      ['a number as topic', { command_topic: 42 }, 'foreign-topic'],
      [
        'a binary payload_on',
        { command_topic: 'homeassistant/switch/PC4/shutdown/set', payload_on: 'O\u0000N' },
        'bad-value',
      ],
    ])('%s', (_what, payload, reason) => {
      const r = agentRoute('PC4', t);
      const c = forged(payload);
      expect(r.decode(c.topic, enc(c.payload))).toMatchObject({ kind: 'bad', reason });
      expect(r.command('off')).toEqual({ topic: 'homeassistant/switch/PC4/shutdown/set', payload: 'ON' });
    });

    it('not JSON, or a JSON array', () => {
      const r = agentRoute('PC4', t);
      expect(r.decode('homeassistant/switch/PC4/shutdown/config', enc('shutdown please'))).toMatchObject({
        reason: 'not-json',
      });
      expect(r.decode('homeassistant/switch/PC4/shutdown/config', enc('[1]'))).toMatchObject({
        reason: 'wrong-type',
      });
    });
  });
});
