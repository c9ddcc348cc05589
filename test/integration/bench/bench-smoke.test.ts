import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { requireBinary } from '../../helpers/proc.js';

/**
 * Smoke run of `npm run bench` at a tiny size (N=3 devices, 1 s per timed part) into a temp dir:
 * every benchmark runs against its real peers (replay agents + snmpd, snmp_exporter, snmpbulkwalk,
 * ippeveprinter + ipptool, Mosquitto, wrk) and the result files have the expected shape. Only shapes
 * and counts are checked, never a speed.
 */
const execFileP = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'zoneops-bench-smoke-'));

afterAll(() => rmSync(out, { recursive: true, force: true }));

const positive = expect.any(Number);

describe('npm run bench (smoke, N=3)', () => {
  it('runs every benchmark and writes results.json and results.md', { timeout: 90_000 }, async () => {
    for (const bin of [
      'snmpd',
      'snmpbulkwalk',
      'prometheus-snmp-exporter',
      'ippeveprinter',
      'ipptool',
      'mosquitto',
      'wrk',
    ]) {
      requireBinary(bin);
    }
    await execFileP(
      process.execPath,
      ['--import', 'tsx', 'bench/run.ts', '--sizes', '3', '--seconds', '1', '--out', out],
      { cwd: root, timeout: 85_000, maxBuffer: 4 * 1024 * 1024 },
    );
    const r = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(r.machine).toMatchObject({ cores: positive, memoryMB: positive, node: process.version });
    expect(r.sizes).toEqual([3]);
    expect(r.snmp).toHaveLength(1);
    const s = r.snmp[0];
    // 3 devices: 2 printers (replay agents) and 1 PC (snmpd); every poller got an answer from each.
    expect(s).toMatchObject({ n: 3, printers: 2, pcs: 1 });
    expect(s.zoneops).toMatchObject({
      devices: 3,
      answered: 3,
      cpuSecondsPer1000: positive,
      peakRssBytes: positive,
    });
    expect(s.exporter).toMatchObject({ devices: 3, answered: 3, cpuSecondsPer1000: positive });
    expect(s.exporter.varbindsPerDevice).toBeGreaterThan(10);
    expect(s.bulkwalk).toMatchObject({ sampled: 3, answered: 3, processes: 2 * 8 + 7 });
    expect(s.ratio.cpu).toBeGreaterThan(0);
    expect(r.ipp.zoneops.polls).toBeGreaterThan(0);
    expect(r.ipp.ipptoolPerProcess.polls).toBeGreaterThan(0);
    expect(r.mqtt[0]).toMatchObject({ devices: 3, commandFailures: 0 });
    expect(r.mqtt[0].observations).toBe(r.mqtt[0].published);
    expect(r.api.devicesEndpoint.requests).toBeGreaterThan(0);
    expect(r.api.devicesEndpoint.errors).toBe(0);
    expect(r.api.metricsEndpoint.requests).toBeGreaterThan(0);
    const md = readFileSync(join(out, 'results.md'), 'utf8');
    for (const heading of ['## Machine', '## SNMP', '## IPP', '## MQTT', '## API at 3 devices']) {
      expect(md).toContain(heading);
    }
    expect(md).toContain('| 3 | zoneops | 3/3 |');
    expect(r.load.samples).toBeGreaterThan(0);
    expect(md).toMatch(/1-minute load average during the run: min [\d.]+, mean [\d.]+, max [\d.]+/);
  });

  it('refuses a non-loopback address before it starts anything (exit 2, says why)', async () => {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): documentation only; nothing is ever sent to it.
    const r = await execFileP(
      process.execPath,
      ['--import', 'tsx', 'bench/run.ts', '--host', '192.0.2.1', '--out', out],
      {
        cwd: root,
        timeout: 30_000,
      },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"192.0.2.1" is not a loopback address');
  });
});
