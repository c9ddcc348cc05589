import { spawn } from 'node:child_process';
import { hostSubtrees, printerSubtrees, systemScalars } from '../../src/probes/snmp/oids.js';
import { requireBinary } from '../../test/helpers/proc.js';
import { assertLoopback } from '../lib/loopback.js';
import { pool, reapedChildrenCpuSeconds } from '../lib/proc.js';
import { type BenchDevice, benchCommunity } from './agents.js';

/**
 * The technician's way: net-snmp's CLI, one `snmpget` of the system group and one `snmpbulkwalk`
 * per subtree (max-repetitions 25), device after device, `concurrency` devices at once. Its CPU is
 * that of the reaped CLI processes (cutime+cstime of this process), which includes process start-up:
 * that is the real cost of polling this way. Run on a sample of `sample` devices (the cost is per
 * process, so it scales linearly by construction) and extrapolated to N in the report.
 */
export interface BulkwalkCycle {
  readonly sampled: number;
  readonly answered: number;
  readonly processes: number;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
}

const run = (cmd: string, args: readonly string[]) =>
  new Promise<boolean>((resolve) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'ignore'] });
    p.on('error', () => resolve(false));
    p.on('exit', (code) => resolve(code === 0));
  });

export async function bulkwalkCycle(
  devices: readonly BenchDevice[],
  sample: number,
  concurrency: number,
): Promise<BulkwalkCycle> {
  const walk = requireBinary('snmpbulkwalk');
  const get = requireBinary('snmpget');
  const list = devices.slice(0, Math.min(sample, devices.length));
  const common = ['-v2c', '-c', benchCommunity, '-t', '5', '-r', '1', '-On'];
  let answered = 0;
  let processes = 0;
  const cpu0 = reapedChildrenCpuSeconds();
  const t0 = performance.now();
  await pool(list, concurrency, async (d) => {
    const target = `${assertLoopback(d.host, `device ${d.id}`)}:${d.port}`;
    const ok = await run(get, [...common, target, ...systemScalars]);
    processes++;
    for (const base of d.kind === 'printer' ? printerSubtrees : hostSubtrees) {
      await run(walk, [...common, '-Cr25', target, base]);
      processes++;
    }
    if (ok) answered++;
  });
  return {
    sampled: list.length,
    answered,
    processes,
    wallSeconds: (performance.now() - t0) / 1000,
    cpuSeconds: reapedChildrenCpuSeconds() - cpu0,
  };
}
