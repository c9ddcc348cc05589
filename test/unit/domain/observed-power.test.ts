import { describe, expect, it } from 'vitest';
import type { Observation, PowerReading, PrinterReading } from '../../../src/domain/observation.js';
import { observePower } from '../../../src/domain/observed-power.js';

/** The rule in src/domain/observed-power.ts: what the latest fresh readings say about a device's power. */
const now = 1_000_000;
const stale = 60_000;
const o = (x: Partial<Observation>): Observation => ({
  deviceId: 'd',
  source: 'snmp',
  at: now,
  reachable: true,
  conditions: [],
  ...x,
});
const power = (p: Partial<PowerReading>): PowerReading => ({
  online: true,
  relay: null,
  watts: null,
  energyKWh: null,
  deviceOn: null,
  lastSeen: now,
  ...p,
});
const printer = (p: Partial<PrinterReading>): PrinterReading => ({
  status: 'idle',
  queuedJobs: 0,
  supplies: [],
  trays: [],
  alerts: [],
  pageCount: null,
  ...p,
});
const agent = (online: boolean, at = now) => o({ source: 'mqtt', at, power: power({ online }) });

describe('observed power', () => {
  it('nothing fresh: unknown on every count', () => {
    expect(observePower([o({ at: now - stale - 1 })], [], now, stale)).toEqual({
      on: null,
      agentOnline: null,
      plugRelay: null,
      plugDeviceOn: null,
      printer: { state: 'unknown', printing: false, queued: 0, detail: 'no printer reading' },
    });
  });

  it('a reading exactly staleMs old is still fresh; one ms older is not', () => {
    expect(observePower([o({ at: now - stale })], [], now, stale).on).toBe(true);
    expect(observePower([o({ at: now - stale - 1 })], [], now, stale).on).toBeNull();
  });

  it('an SNMP/IPP answer says on; a fresh silence says off', () => {
    expect(observePower([o({})], [], now, stale).on).toBe(true);
    expect(observePower([o({ reachable: false })], [], now, stale).on).toBe(false);
    expect(observePower([o({ source: 'ipp', reachable: false })], [], now, stale).on).toBe(false);
  });

  it('an answer wins over a silence of another probe', () => {
    expect(observePower([o({ source: 'ipp', reachable: false }), o({})], [], now, stale).on).toBe(true);
  });

  it('the agent online says on; offline says off, and offline holds however old it is', () => {
    expect(observePower([agent(true)], [], now, stale)).toMatchObject({ on: true, agentOnline: true });
    expect(observePower([agent(false)], [], now, stale)).toMatchObject({ on: false, agentOnline: false });
    expect(observePower([agent(false, now - 10 * stale)], [], now, stale)).toMatchObject({
      on: false,
      agentOnline: false,
    });
    // "online" must be fresh.
    expect(observePower([agent(true, now - stale - 1)], [], now, stale)).toMatchObject({
      on: null,
      agentOnline: null,
    });
  });

  it('only the latest agent reading counts (the list is newest first)', () => {
    expect(observePower([agent(false), agent(true)], [], now, stale).agentOnline).toBe(false);
    expect(observePower([agent(true), agent(false)], [], now, stale).agentOnline).toBe(true);
  });

  it('a connected plug tells its relay and whether the device draws power; an offline plug tells nothing', () => {
    const plug = (p: Partial<PowerReading>) => [o({ source: 'mqtt', power: power(p) })];
    expect(observePower([], plug({ relay: 'on', deviceOn: true }), now, stale)).toMatchObject({
      on: true,
      plugRelay: 'on',
      plugDeviceOn: true,
    });
    expect(observePower([], plug({ relay: 'on', deviceOn: false }), now, stale)).toMatchObject({
      on: false,
      plugDeviceOn: false,
    });
    expect(observePower([], plug({ relay: 'off', deviceOn: null }), now, stale)).toMatchObject({
      on: false,
      plugRelay: 'off',
      plugDeviceOn: null,
    });
    expect(observePower([], plug({ relay: 'on', deviceOn: null }), now, stale).on).toBeNull();
    expect(observePower([], plug({ online: false, relay: 'on', deviceOn: true }), now, stale)).toMatchObject({
      on: null,
      plugRelay: null,
      plugDeviceOn: null,
    });
    // A plug reading too old tells nothing either.
    expect(
      observePower(
        [],
        [o({ source: 'mqtt', at: now - stale - 1, power: power({ relay: 'off' }) })],
        now,
        stale,
      ).plugRelay,
    ).toBeNull();
  });

  it('"on" from any source wins over "off" from another', () => {
    const offPlug = [o({ source: 'mqtt', power: power({ relay: 'off', deviceOn: false }) })];
    expect(observePower([agent(true)], offPlug, now, stale).on).toBe(true);
    expect(observePower([o({})], offPlug, now, stale).on).toBe(true);
  });

  it('printing interlock: printing or queued jobs are busy, with the count; otherwise idle with the status', () => {
    const p = (r: Partial<PrinterReading>, reachable = true) =>
      observePower([o({ reachable, printer: printer(r) })], [], now, stale).printer;
    const busy = (printing: boolean, queued: number, detail: string) => ({
      state: 'busy',
      printing,
      queued,
      detail,
    });
    const idle = (detail: string) => ({ state: 'idle', printing: false, queued: 0, detail });
    expect(p({ status: 'printing', queuedJobs: 2 })).toEqual(busy(true, 2, 'printing, 2 job(s) queued'));
    expect(p({ status: 'printing', queuedJobs: null })).toEqual(busy(true, 0, 'printing, 0 job(s) queued'));
    expect(p({ status: 'idle', queuedJobs: 1 })).toEqual(busy(false, 1, '1 job(s) queued'));
    expect(p({ status: 'idle', queuedJobs: 0 })).toEqual(idle('idle'));
    expect(p({ status: 'warmup', queuedJobs: null })).toEqual(idle('warmup'));
    // A reading from a device that did not answer is no reading.
    expect(p({ status: 'printing' }, false)).toEqual({
      state: 'unknown',
      printing: false,
      queued: 0,
      detail: 'no printer reading',
    });
  });
});
