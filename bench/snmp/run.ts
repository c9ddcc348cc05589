import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChild } from '../lib/child.js';
import { round } from '../lib/proc.js';
import { startZone } from './agents.js';
import { type BulkwalkCycle, bulkwalkCycle } from './bulkwalk.js';
import { type ExporterCycle, exporterCycle } from './exporter.js';
import type { ZoneopsCycle } from './zoneops-worker.js';

export interface SnmpRow {
  readonly n: number;
  readonly printers: number;
  readonly pcs: number;
  readonly agents: { replayProcesses: number; snmpdProcesses: number; recordingSource: string };
  readonly zoneops: ZoneopsCycle & {
    readonly cpuSecondsPer1000: number;
    readonly agentCpuSeconds: number;
    readonly memoryPerDeviceKB: number;
  };
  readonly exporter: ExporterCycle & { readonly cpuSecondsPer1000: number; readonly agentCpuSeconds: number };
  readonly bulkwalk: BulkwalkCycle & {
    readonly cpuSecondsPer1000: number;
    readonly agentCpuSeconds: number;
    /** wall time extrapolated from the sample to all N devices. */
    readonly wallSecondsForN: number;
  };
  /** zoneops / snmp_exporter. */
  readonly ratio: { readonly cpu: number; readonly wall: number; readonly peakRss: number };
}

export interface SnmpOptions {
  readonly concurrency?: number;
  readonly bulkwalkSample?: number;
  readonly cpuProfileDir?: string;
  readonly log?: (line: string) => void;
}

const worker = fileURLToPath(new URL('./zoneops-worker.ts', import.meta.url));

export async function runSnmp(n: number, opts: SnmpOptions = {}): Promise<SnmpRow> {
  const concurrency = opts.concurrency ?? 32;
  const log = opts.log ?? (() => {});
  const zone = await startZone(n);
  const tmp = mkdtempSync(join(tmpdir(), 'zoneops-bench-snmp-'));
  try {
    const file = join(tmp, 'devices.json');
    writeFileSync(file, JSON.stringify(zone.devices));
    const pcs = zone.devices.filter((d) => d.kind === 'pc').length;
    log(
      `SNMP N=${n}: ${n - pcs} printers (${zone.agents.replayProcesses} replay agents), ${pcs} PCs (${zone.agents.snmpdProcesses} snmpd)`,
    );

    let a0 = zone.agentCpuSeconds();
    const prof = opts.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfileDir}`] : [];
    const z = await runChild<ZoneopsCycle>(
      worker,
      ['--devices', file, '--concurrency', String(concurrency)],
      {
        nodeArgs: ['--expose-gc', ...prof],
      },
    ).result;
    const zAgent = zone.agentCpuSeconds() - a0;
    log(`  zoneops: ${z.answered}/${n} in ${z.wallSeconds.toFixed(2)} s, CPU ${z.cpuSeconds.toFixed(2)} s`);

    a0 = zone.agentCpuSeconds();
    const e = await exporterCycle(zone.devices, concurrency);
    const eAgent = zone.agentCpuSeconds() - a0;
    log(
      `  snmp_exporter: ${e.answered}/${n} in ${e.wallSeconds.toFixed(2)} s, CPU ${e.cpuSeconds.toFixed(2)} s`,
    );

    a0 = zone.agentCpuSeconds();
    const b = await bulkwalkCycle(zone.devices, opts.bulkwalkSample ?? 100, 8);
    const bAgent = zone.agentCpuSeconds() - a0;
    log(
      `  snmpbulkwalk: ${b.answered}/${b.sampled} in ${b.wallSeconds.toFixed(2)} s, CPU ${b.cpuSeconds.toFixed(2)} s`,
    );

    const per1000 = (cpu: number, count: number) => round((cpu / Math.max(1, count)) * 1000, 3);
    const zPer = per1000(z.cpuSeconds, n);
    const ePer = per1000(e.cpuSeconds, n);
    return {
      n,
      printers: n - pcs,
      pcs,
      agents: zone.agents,
      zoneops: {
        ...z,
        cpuSecondsPer1000: zPer,
        agentCpuSeconds: round(zAgent, 2),
        memoryPerDeviceKB: round((z.rssAfterBytes - z.rssBeforeBytes) / n / 1024, 1),
      },
      exporter: { ...e, cpuSecondsPer1000: ePer, agentCpuSeconds: round(eAgent, 2) },
      bulkwalk: {
        ...b,
        cpuSecondsPer1000: per1000(b.cpuSeconds, b.sampled),
        agentCpuSeconds: round(bAgent, 2),
        wallSecondsForN: round((b.wallSeconds / Math.max(1, b.sampled)) * n, 1),
      },
      ratio: {
        cpu: round(zPer / ePer, 2),
        wall: round(z.wallSeconds / e.wallSeconds, 2),
        peakRss: round(z.peakRssBytes / e.peakRssBytes, 2),
      },
    };
  } finally {
    await zone.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}
