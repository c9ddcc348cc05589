import { Command } from 'commander';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMqtt, registerProbeMqtt } from '../../../src/cli/probe-mqtt.js';
import { type Mosquitto, startMosquitto } from '../../helpers/mosquitto.js';
import { freePort } from '../../helpers/net.js';
import { readFixture, tasmotaMessages } from '../../unit/mqtt/fixture-messages.js';

describe('zoneops probe mqtt against a real Mosquitto', () => {
  let broker: Mosquitto;
  beforeAll(async () => {
    broker = await startMosquitto();
    const pub = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
    // Retained, as a plug with SensorRetain/StateRetain would leave them (tasmota.md "Retain flags").
    for (const m of tasmotaMessages().filter((m) => m.topic.split('/')[1] === 'pow1')) {
      await pub.publishAsync(m.topic, m.payload, { qos: 1, retain: true });
    }
    await pub.publishAsync('tele/pow1/LWT', 'Online', { qos: 1, retain: true });
    await pub.endAsync();
  });
  afterAll(async () => {
    await broker?.close();
  });

  it('prints the normalised reading from retained messages (tasmota.md line 61: 2629 W, 6.404 kWh)', async () => {
    expect(readFixture('tasmota.md')).toContain('"Total":6.404');
    const out: string[] = [];
    const program = new Command('zoneops').exitOverride();
    const probe = program.command('probe');
    registerProbeMqtt(probe, { write: (s: string) => out.push(s) } as unknown as NodeJS.WritableStream);
    await program.parseAsync(
      [
        'probe',
        'mqtt',
        '--broker',
        broker.url,
        '--family',
        'tasmota',
        '--topic',
        'pow1',
        '--seconds',
        '1',
        '--json',
      ],
      { from: 'user' },
    );
    const result = JSON.parse(out.join('')) as Record<string, unknown>;
    expect(result).toMatchObject({
      broker: `${broker.url}`,
      family: 'tasmota',
      topic: 'pow1',
      online: true,
      watts: 2629,
      energyKWh: 6.404,
      deviceOn: true,
      badMessages: 0,
    });
    expect(result.relay).toBeNull();
    expect(typeof result.lastSeen).toBe('string');
    expect(result.problem).toBeUndefined();
  });

  it('says clearly when the plug is silent or the broker is not there', async () => {
    const silent = await probeMqtt({ url: broker.url, family: 'shelly1', topic: 'shelly1-none', seconds: 1 });
    expect(silent).toMatchObject({
      messages: 0,
      problem: { reason: 'timeout', message: 'no usable message from shelly1 "shelly1-none" in 1 s' },
    });
    const port = await freePort();
    const down = await probeMqtt({
      url: `mqtt://127.0.0.1:${port}`,
      family: 'tasmota',
      topic: 'x',
      seconds: 1,
    });
    expect(down.problem?.reason).toBe('refused');
  });

  const runProbe = async (args: string[]) => {
    const out: string[] = [];
    const program = new Command('zoneops').exitOverride();
    registerProbeMqtt(program.command('probe'), {
      write: (x: string) => out.push(x),
    } as unknown as NodeJS.WritableStream);
    await program.parseAsync(['probe', 'mqtt', '--broker', broker.url, '--seconds', '1', ...args], {
      from: 'user',
    });
    return out.join('');
  };

  it('--family agent prints the shutdown topic the agent announced in its discovery config, and where from', async () => {
    // HASS.Agent's retained discovery config for a command its user made a Button
    // (HomeAssistant/Commands/CustomCommand.cs GetAutoDiscoveryConfig; hass-agent.md "Correction and additions").
    const agent = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
    await agent.publishAsync(
      'homeassistant/button/READING-PC2/shutdown/config',
      JSON.stringify({
        availability_topic: 'homeassistant/sensor/READING-PC2/availability',
        command_topic: 'homeassistant/button/READING-PC2/shutdown/set',
        state_topic: 'homeassistant/button/READING-PC2/shutdown/state',
        device: {
          identifiers: 'hass.agent-READING-PC2',
          manufacturer: 'HASS.Agent Team',
          name: 'READING-PC2',
        },
        name: 'shutdown',
      }),
      { qos: 1, retain: true },
    );
    await agent.publishAsync('homeassistant/sensor/READING-PC2/availability', 'online', {
      qos: 1,
      retain: true,
    });
    await agent.endAsync();
    const text = await runProbe(['--family', 'agent', '--topic', 'READING-PC2']);
    expect(text).toContain('online     yes');
    expect(text).toContain(
      'shutdown   homeassistant/button/READING-PC2/shutdown/set PRESS  (from discovery homeassistant/button/READING-PC2/shutdown/config)',
    );
    // Not announced: HASS.Agent's default switch template, said so.
    expect(text).toContain('restart    homeassistant/switch/READING-PC2/restart/set ON  (from template)');
  });

  it('--family shelly2 asks a Gen2 plug that only answers RPC and prints its relay, watts and kWh', async () => {
    const plug = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
    plug.on('message', (_topic, payload) => {
      const frame = JSON.parse(payload.toString()) as { id: number; src: string; method: string };
      if (frame.method !== 'Switch.GetStatus') return;
      // Switch.GetStatus result fields (shelly.md "Additions"; gen2 Switch component page)
      const result = {
        id: 0,
        source: 'init',
        output: true,
        apower: 47.3,
        voltage: 229.9,
        aenergy: { total: 5120 },
      };
      void plug.publishAsync(
        `${frame.src}/rpc`,
        JSON.stringify({ id: frame.id, src: 'shellyplusplugs-c0ffee', dst: frame.src, result }),
      );
    });
    await plug.subscribeAsync('shellyplusplugs-c0ffee/rpc', { qos: 1 });
    const result = JSON.parse(
      await runProbe(['--family', 'shelly2', '--topic', 'shellyplusplugs-c0ffee', '--json']),
    ) as Record<string, unknown>;
    await plug.endAsync();
    expect(result).toMatchObject({ relay: 'on', watts: 47.3, energyKWh: 5.12, badMessages: 0 });
  });
});
