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
});
