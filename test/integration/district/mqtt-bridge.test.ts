import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDistrictRender } from '../../../src/cli/district.js';
import { type Mosquitto, startMosquitto } from '../../helpers/mosquitto.js';
import { waitUntil } from '../../helpers/proc.js';
import { writeDistrictFile } from './district-file.js';

/**
 * The Mosquitto bridge `zoneops district render` writes for a town, between two real Mosquitto brokers on
 * 127.0.0.1: the town's broker bridges `zoneops/<site>/#` out to the central one (mosquitto.conf(5),
 * "Configuring Bridges": `connection`, `address`, `topic pattern [out|in|both] qos`, `notification_topic`).
 * Only zoneops' own topics cross, only outwards; device command topics stay in the town.
 */

let central: Mosquitto;
let town: Mosquitto;

beforeAll(async () => {
  central = await startMosquitto();
  const file = writeDistrictFile({
    mqtt: { central: `127.0.0.1:${central.port}` },
    towns: [{ site: 'townb', name: '乙镇', prometheus: '127.0.0.1:9191' }],
  });
  const dir = dirname(file);
  expect(runDistrictRender(file, join(dir, 'out')).code).toBe(0);
  const bridge = readFileSync(join(dir, 'out/towns/townb/mosquitto-bridge.conf'), 'utf8');
  town = await startMosquitto({ extraConfig: bridge.split('\n').filter((l) => l && !l.startsWith('#')) });
}, 30_000);

afterAll(async () => {
  await town?.close();
  await central?.close();
});

describe('Mosquitto bridge town → central', () => {
  it('carries the town’s zoneops topics to the central broker, retained, and nothing else', async () => {
    const seen: Array<{ topic: string; payload: string; retain: boolean }> = [];
    const atCentral = await mqtt.connectAsync(central.url);
    atCentral.on('message', (topic, payload, packet) =>
      seen.push({ topic, payload: payload.toString(), retain: packet.retain }),
    );
    await atCentral.subscribeAsync('#');
    // The bridge announces itself on its notification topic: "1" once connected.
    await waitUntil(
      () => seen.some((m) => m.topic === 'zoneops/townb/bridge/state' && m.payload === '1'),
      15_000,
      `the bridge to connect (${town.output()})`,
    );

    const atTown = await mqtt.connectAsync(town.url);
    const status = JSON.stringify({ deviceId: 'pc-01', status: 'up' });
    await atTown.publishAsync('zoneops/townb/devices/pc-01/status', status, { qos: 1, retain: true });
    await atTown.publishAsync('cmnd/plug01/POWER', 'OFF', { qos: 1 });
    await atTown.publishAsync('zoneops/towna/devices/pc-09/status', 'not ours', { qos: 1 });
    await waitUntil(
      () => seen.some((m) => m.topic === 'zoneops/townb/devices/pc-01/status'),
      10_000,
      'status',
    );
    expect(seen.find((m) => m.topic === 'zoneops/townb/devices/pc-01/status')?.payload).toBe(status);

    // Out only: a message published at the central broker under the town's prefix does not go back.
    const backAtTown: string[] = [];
    atTown.on('message', (topic) => backAtTown.push(topic));
    await atTown.subscribeAsync('zoneops/townb/hygiene/#');
    await atCentral.publishAsync('zoneops/townb/hygiene/reading/clean', '{}', { qos: 1 });
    // A later status crossing proves the bridge has handled everything published before it.
    await atTown.publishAsync('zoneops/townb/devices/pc-01/status', status.replace('up', 'down'), { qos: 1 });
    await waitUntil(
      () => seen.filter((m) => m.topic === 'zoneops/townb/devices/pc-01/status').length >= 2,
      10_000,
    );
    expect(seen.map((m) => m.topic)).not.toContain('cmnd/plug01/POWER');
    expect(seen.map((m) => m.topic)).not.toContain('zoneops/towna/devices/pc-09/status');
    expect(backAtTown).toEqual([]);

    // Retained across the bridge: a dashboard or district tool connecting later still gets the last status.
    const late = await mqtt.connectAsync(central.url);
    const retained: string[] = [];
    late.on('message', (_t, p, packet) => {
      if (packet.retain) retained.push(p.toString());
    });
    await late.subscribeAsync('zoneops/townb/devices/+/status');
    await waitUntil(() => retained.length > 0, 5000, 'the retained status');
    expect(retained[0]).toBe(status);
    await Promise.all([late.endAsync(), atTown.endAsync(), atCentral.endAsync()]);
  });
});
