import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeTelemetry, telemetryJsonSchema } from '../../../src/mqtt/dialects/generic.js';
import { applyUpdate, initialState, toObservation } from '../../../src/mqtt/power-state.js';

const enc = (s: string) => new TextEncoder().encode(s);
const T0 = Date.parse('2025-03-03T09:00:00+08:00');

describe('generic telemetry', () => {
  it('the published JSON Schema file is the one generated from the validator', () => {
    const file = JSON.parse(
      readFileSync(new URL('../../../src/mqtt/dialects/telemetry.schema.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(file).toEqual(telemetryJsonSchema());
  });

  it('decodes a full message, conditions included', () => {
    const d = decodeTelemetry(
      enc(
        '{"online":true,"relay":"on","watts":61.5,"energyKWh":12.25,"conditions":[{"name":"disk-full","detail":"C: 97%"},{"name":"mqtt:kiosk-app-down"}]}',
      ),
    );
    expect(d).toEqual({
      kind: 'update',
      update: {
        online: true,
        relay: 'on',
        watts: 61.5,
        energyKWh: 12.25,
        conditions: [
          { name: 'disk-full', severity: 'warning', detail: 'C: 97%' },
          { name: 'mqtt:kiosk-app-down', severity: 'warning' },
        ],
      },
    });
  });

  it('an empty object is a heartbeat: online', () => {
    expect(decodeTelemetry(enc('{}'))).toEqual({ kind: 'update', update: { online: true } });
  });

  it('rejects wrong types and unknown condition names', () => {
    expect(decodeTelemetry(enc('{"watts":"12"}'))).toMatchObject({ kind: 'bad', reason: 'wrong-type' });
    expect(decodeTelemetry(enc('{"relay":"ON"}'))).toMatchObject({ kind: 'bad' });
    expect(decodeTelemetry(enc('{"conditions":[{"name":"made-up"}]}'))).toMatchObject({ kind: 'bad' });
    expect(decodeTelemetry(enc('"x"'))).toMatchObject({ kind: 'bad', reason: 'wrong-type' });
  });
});

describe('power state → Observation', () => {
  const plug = { family: 'tasmota' as const, onAboveWatts: 5, offlineAfterSeconds: 180 };

  it('watts above the threshold mean the device behind the plug is on', () => {
    let s = applyUpdate(initialState(T0), { online: true }, T0, true);
    s = applyUpdate(s, { relay: 'on' }, T0 + 1000, false);
    s = applyUpdate(s, { watts: 2635, energyKWh: 6.294 }, T0 + 2000, false);
    expect(toObservation('plug-1', s, plug, T0 + 2000)).toEqual({
      deviceId: 'plug-1',
      source: 'mqtt',
      at: T0 + 2000,
      reachable: true,
      conditions: [],
      power: {
        online: true,
        relay: 'on',
        watts: 2635,
        energyKWh: 6.294,
        deviceOn: true,
        lastSeen: T0 + 2000,
      },
    });
    const idle = applyUpdate(s, { watts: 3 }, T0 + 3000, false);
    expect(toObservation('plug-1', idle, plug, T0 + 3000).power?.deviceOn).toBe(false);
  });

  it('relay off means the device is off; offline LWT means unknown and unreachable', () => {
    const s = applyUpdate(initialState(T0), { online: true, relay: 'off' }, T0, false);
    expect(toObservation('p', s, plug, T0).power?.deviceOn).toBe(false);
    const off = applyUpdate(s, { online: false }, T0 + 5000, true);
    const obs = toObservation('p', off, plug, T0 + 5000);
    expect(obs.reachable).toBe(false);
    expect(obs.problem).toEqual({
      reason: 'unreachable',
      message: 'plug reported offline (MQTT availability/last will)',
    });
    expect(obs.power).toMatchObject({ online: false, deviceOn: null, relay: 'off' });
  });

  it('a retained message is no proof of life; a live one is', () => {
    const s = applyUpdate(initialState(T0), { relay: 'on' }, T0, true);
    expect(toObservation('p', s, plug, T0)).toMatchObject({
      reachable: false,
      problem: { reason: 'timeout' },
    });
    const live = applyUpdate(s, {}, T0 + 1000, false);
    expect(toObservation('p', live, plug, T0 + 1000).reachable).toBe(true);
  });

  it('LWT online is trusted beyond offlineAfterSeconds (Tasmota TelePeriod is 300 s)', () => {
    const s = applyUpdate(initialState(T0), { online: true }, T0, false);
    expect(toObservation('p', s, plug, T0 + 600_000).reachable).toBe(true);
  });

  it('generic telemetry goes offline after offlineAfterSeconds of silence', () => {
    const g = { family: 'generic' as const, onAboveWatts: 5, offlineAfterSeconds: 60 };
    const s = applyUpdate(initialState(T0), { online: true, deviceOn: true }, T0, false);
    expect(toObservation('k', s, g, T0 + 60_000).power).toMatchObject({ online: true, deviceOn: true });
    const late = toObservation('k', s, g, T0 + 61_000);
    expect(late.reachable).toBe(false);
    expect(late.problem?.message).toBe('no MQTT message from the device for 61 s (offlineAfterSeconds 60)');
  });

  it('an agent PC is on exactly when its agent is online', () => {
    const a = { family: 'agent' as const, onAboveWatts: 5, offlineAfterSeconds: 180 };
    const s = applyUpdate(initialState(T0), { online: true }, T0, true);
    expect(toObservation('pc', s, a, T0).power?.deviceOn).toBe(true);
    expect(toObservation('pc', applyUpdate(s, { online: false }, T0, false), a, T0).power?.deviceOn).toBe(
      false,
    );
  });
});
