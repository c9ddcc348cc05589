import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { type Mosquitto, startMosquitto } from '../../helpers/mosquitto.js';

describe('test/helpers/mosquitto', () => {
  let broker: Mosquitto | undefined;
  afterAll(async () => {
    await broker?.close();
  });

  it('starts a real mosquitto on 127.0.0.1, stops and restarts it on the same port', async () => {
    broker = await startMosquitto();
    expect(broker.url).toBe(`mqtt://127.0.0.1:${broker.port}`);
    const c = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
    await c.endAsync();
    await broker.restart();
    expect(broker.running).toBe(true);
    const c2 = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0 });
    await c2.endAsync();
    await broker.stop();
    expect(broker.running).toBe(false);
    await expect(
      mqtt.connectAsync(broker.url, { reconnectPeriod: 0, connectTimeout: 1000 }),
    ).rejects.toThrow();
  });
});
