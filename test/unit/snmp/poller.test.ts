import { describe, expect, it } from 'vitest';
import type { Observation } from '../../../src/domain/observation.js';
import { MemoryBaselineStore } from '../../../src/probes/snmp/baseline-store.js';
import { createSnmpPoller, type SnmpDevice } from '../../../src/probes/snmp/poller.js';
import type { ReadOptions, SnmpReading } from '../../../src/probes/snmp/read-device.js';
import { defaultForbiddenPatterns } from '../../../src/probes/snmp/software-policy.js';
import type { SnmpTarget } from '../../../src/probes/snmp/transport.js';
import { FakeClock } from '../../helpers/fake-clock.js';

const quiet = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };
const device = (id: string, type: SnmpDevice['type'] = 'pc'): SnmpDevice => ({
  id,
  type,
  intervalSeconds: 60,
  target: { host: `${id}.test`, port: 161, version: '2c', timeoutMs: 1000, retries: 0 },
});

function reading(o: Partial<Observation> & { deviceId: string; at: number }): SnmpReading {
  return {
    observation: { source: 'snmp', reachable: true, conditions: [], ...o },
    kind: 'pc',
    evidence: 'test',
    context: null,
    sysDescr: 'x',
    sysName: null,
    sysObjectID: null,
    uptimeSeconds: 1,
    errors: [],
    quirks: [],
  };
}
const timeout = (deviceId: string, at: number) =>
  reading({ deviceId, at, reachable: false, problem: { reason: 'timeout', message: 'no answer' } });
const host = (installed: string[], processes: string[] = []) => ({
  uptimeSeconds: 1,
  cpuLoadPercent: 1,
  storage: [],
  processes,
  installed,
  hardware: [{ index: 1, type: 'processor', description: 'Intel' }],
});

describe('SNMP poller schedule', () => {
  it('polls each device on its interval', async () => {
    const clock = new FakeClock('2025-03-03T09:00:00+08:00');
    const calls: string[] = [];
    const poller = createSnmpPoller({
      devices: [device('a'), device('b')],
      clock,
      logger: quiet,
      onObservation: () => {},
      baselines: new MemoryBaselineStore(),
      forbiddenPatterns: [],
      read: async (_t: SnmpTarget, o: ReadOptions) => {
        calls.push(o.deviceId);
        return reading({ deviceId: o.deviceId, at: o.now() });
      },
    });
    poller.start();
    await clock.advance(10_000); // first polls are spread over the first 10 s
    expect(calls.sort()).toEqual(['a', 'b']);
    await clock.advance(60_000);
    expect(calls.length).toBe(4);
    await poller.stop();
    await clock.advance(600_000);
    expect(calls.length).toBe(4);
  });

  it('backs off a device that keeps timing out, and recovers at once when it answers', async () => {
    const clock = new FakeClock(0);
    const at: number[] = [];
    let answer = false;
    const poller = createSnmpPoller({
      devices: [device('dead')],
      clock,
      logger: quiet,
      onObservation: () => {},
      baselines: new MemoryBaselineStore(),
      forbiddenPatterns: [],
      maxBackoffSeconds: 300,
      read: async (_t, o) => {
        at.push(o.now());
        return answer ? reading({ deviceId: o.deviceId, at: o.now() }) : timeout(o.deviceId, o.now());
      },
    });
    poller.start();
    await clock.advance(1_100_000);
    // 0, then 60 (1st timeout → normal interval), then 120 s, 240 s, then capped at 300 s
    expect(at.slice(0, 6)).toEqual([0, 60_000, 180_000, 420_000, 720_000, 1_020_000]);
    answer = true;
    const before = at.length;
    await clock.advance(220_000); // the backed-off poll at 1 320 s answers…
    await clock.advance(60_000); // …so the next one comes a normal interval later
    expect(at.slice(before)).toEqual([1_320_000, 1_380_000]);
    await poller.stop();
  });

  it('silence while asleep by schedule is "asleep", not down; a jammed printer keeps its last faults', async () => {
    const clock = new FakeClock(0);
    const seen: Observation[] = [];
    let step = 0;
    let asleep = false;
    const poller = createSnmpPoller({
      devices: [device('printer', 'printer')],
      clock,
      logger: quiet,
      onObservation: (o) => seen.push(o),
      baselines: new MemoryBaselineStore(),
      forbiddenPatterns: [],
      isAsleep: () => asleep,
      read: async (_t, o) => {
        step++;
        if (step === 1) {
          return reading({
            deviceId: o.deviceId,
            at: o.now(),
            conditions: [{ name: 'jam', severity: 'critical' }],
          });
        }
        return timeout(o.deviceId, o.now());
      },
    });
    poller.start();
    await clock.advance(1);
    await clock.advance(60_000);
    expect(seen[1]?.reachable).toBe(false);
    expect(seen[1]?.conditions).toEqual([{ name: 'jam', severity: 'critical', detail: 'jam (last known)' }]);
    asleep = true;
    await clock.advance(60_000);
    expect(seen[2]?.conditions).toEqual([
      { name: 'snmp:asleep', severity: 'info', detail: 'asleep by schedule' },
    ]);
    await poller.stop();
  });

  it('takes a baseline on the first poll, then reports software changes and forbidden software', async () => {
    const clock = new FakeClock(0);
    const seen: Observation[] = [];
    const installs = [['WPS Office'], ['WPS Office', '迅雷11']];
    const baselines = new MemoryBaselineStore();
    const poller = createSnmpPoller({
      devices: [device('pc-01')],
      clock,
      logger: quiet,
      onObservation: (o) => seen.push(o),
      baselines,
      forbiddenPatterns: defaultForbiddenPatterns,
      read: async (_t, o) => {
        const installed = installs.shift() ?? [];
        return reading({
          deviceId: o.deviceId,
          at: o.now(),
          host: host(installed, ['explorer.exe', 'Winmine.exe']),
        });
      },
    });
    poller.start();
    await clock.advance(1);
    expect(seen[0]?.conditions.map((c) => c.name)).toEqual(['forbidden-software']);
    expect((await baselines.get('pc-01'))?.installed).toEqual(['WPS Office']);
    await clock.advance(60_000);
    expect(seen[1]?.conditions).toEqual([
      { name: 'forbidden-software', severity: 'warning', detail: 'Winmine.exe, 迅雷11' },
      { name: 'software-changed', severity: 'warning', detail: 'added: 迅雷11' },
    ]);
    await poller.stop();
  });

  it('a bug in a read is logged and the loop goes on', async () => {
    const clock = new FakeClock(0);
    const errors: unknown[] = [];
    let n = 0;
    const poller = createSnmpPoller({
      devices: [device('a')],
      clock,
      logger: { ...quiet, error: (o) => errors.push(o) },
      onObservation: () => {},
      baselines: new MemoryBaselineStore(),
      forbiddenPatterns: [],
      read: async (_t, o) => {
        n++;
        if (n === 1) throw new Error('boom');
        return reading({ deviceId: o.deviceId, at: o.now() });
      },
    });
    poller.start();
    await clock.advance(60_001);
    expect(errors.length).toBe(1);
    expect(n).toBe(2);
    await poller.stop();
  });
});
