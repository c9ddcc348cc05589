import { describe, expect, it } from 'vitest';
import type { Observation } from '../../../src/domain/observation.js';
import { defaultSupplyThresholds } from '../../../src/domain/supply-rules.js';
import { createLogger } from '../../../src/log.js';
import { MemoryBaselineStore } from '../../../src/probes/snmp/baseline-store.js';
import { createSnmpRead, type SnmpDevice } from '../../../src/probes/snmp/poll.js';
import type { SnmpReading } from '../../../src/probes/snmp/read-device.js';
import { defaultForbiddenPatterns } from '../../../src/probes/snmp/software-policy.js';

const device: SnmpDevice = {
  id: 'pc-01',
  type: 'pc',
  intervalMs: 60_000,
  budgetMs: 30_000,
  target: { host: 'pc-01.test', port: 161, version: '2c', timeoutMs: 1000, retries: 0 },
};

function reading(observation: Observation): SnmpReading {
  return {
    observation,
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
const host = (installed: string[], processes: string[] = []) => ({
  uptimeSeconds: 1,
  cpuLoadPercent: 1,
  storage: [],
  processes,
  installed,
  hardware: [{ index: 1, type: 'processor', description: 'Intel' }],
});

describe('SNMP read for the poll loop', () => {
  it('takes a baseline on the first poll, then reports software changes and forbidden software', async () => {
    const installs = [['WPS Office'], ['WPS Office', '迅雷11']];
    const baselines = new MemoryBaselineStore();
    let now = 0;
    const read = createSnmpRead({
      baselines,
      forbiddenPatterns: defaultForbiddenPatterns,
      supplies: defaultSupplyThresholds,
      now: () => now,
      logger: createLogger('silent'),
      read: async (_t, o) =>
        reading({
          deviceId: o.deviceId,
          source: 'snmp',
          at: o.now(),
          reachable: true,
          conditions: [],
          host: host(installs.shift() ?? [], ['explorer.exe', 'Winmine.exe']),
        }),
    });
    const first = await read(device);
    expect(first.conditions.map((c) => c.name)).toEqual(['forbidden-software']);
    expect((await baselines.get('pc-01'))?.installed).toEqual(['WPS Office']);
    now = 60_000;
    const second = await read(device);
    expect(second.conditions).toEqual([
      { name: 'forbidden-software', severity: 'warning', detail: 'Winmine.exe, 迅雷11' },
      { name: 'software-changed', severity: 'warning', detail: 'added: 迅雷11' },
    ]);
  });

  it('passes an unreachable reading through unchanged', async () => {
    const read = createSnmpRead({
      baselines: new MemoryBaselineStore(),
      forbiddenPatterns: [],
      supplies: defaultSupplyThresholds,
      now: () => 5,
      logger: createLogger('silent'),
      read: async (_t, o) =>
        reading({
          deviceId: o.deviceId,
          source: 'snmp',
          at: o.now(),
          reachable: false,
          conditions: [],
          problem: { reason: 'timeout', message: 'no answer' },
        }),
    });
    expect(await read(device)).toEqual({
      deviceId: 'pc-01',
      source: 'snmp',
      at: 5,
      reachable: false,
      conditions: [],
      problem: { reason: 'timeout', message: 'no answer' },
    });
  });
});
