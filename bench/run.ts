/**
 * `npm run bench [-- --sizes 2000,5000,10000 --seconds 10 --concurrency 64 --host 127.0.0.1 --out bench
 * --profile DIR]`: runs the SNMP, IPP, MQTT and API benchmarks on loopback and writes results.json and
 * results.md into --out (default bench/). Targets are reported, never asserted. `--host` must be a
 * loopback address (anything else is refused before a peer starts). `--profile DIR` adds --cpu-prof
 * to the zoneops SNMP and MQTT worker processes. The 1-minute load average is sampled every 5 s.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ApiResult, runApi } from './api-bench.js';
import { type IppResult, runIpp } from './ipp-bench.js';
import { argOf } from './lib/child.js';
import { assertLoopback, loadSampler } from './lib/loopback.js';
import { type Machine, machine } from './lib/proc.js';
import { type MqttRow, runMqtt } from './mqtt-bench.js';
import { renderMarkdown } from './report.js';
import { runSnmp, type SnmpRow } from './snmp/run.js';

export interface BenchResults {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: Machine;
  readonly sizes: readonly number[];
  readonly snmp: readonly SnmpRow[];
  readonly ipp: IppResult;
  readonly mqtt: readonly MqttRow[];
  readonly api: ApiResult;
  /** 1-minute load average sampled during the run (other engineers share the machine). */
  readonly load: { samples: number; min: number; mean: number; max: number };
  readonly commit: string;
  readonly concurrency: number;
}

let host: string;
try {
  host = assertLoopback(argOf('host', '127.0.0.1'), '--host');
} catch (err) {
  process.stderr.write(`bench: ${(err as Error).message}\n`);
  process.exit(2);
}
const sizes = argOf('sizes', '2000,5000,10000').split(',').map(Number);
const concurrency = Number(argOf('concurrency', '64'));
const load = loadSampler();
const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
})();
const seconds = Number(argOf('seconds', '10'));
const out = argOf('out', fileURLToPath(new URL('.', import.meta.url)));
const profile = process.argv.includes('--profile') ? argOf('profile', '') : '';
const log = (line: string) => process.stdout.write(`${line}\n`);
const startedAt = new Date().toISOString();
const max = Math.max(...sizes);

const snmp: SnmpRow[] = [];
for (const n of sizes) {
  snmp.push(
    await runSnmp(n, {
      log,
      concurrency,
      bulkwalkSample: Math.min(n, 20),
      ...(profile ? { cpuProfileDir: profile } : {}),
    }),
  );
}
log(`IPP: ${seconds} s per side`);
const ipp = await runIpp({ seconds, printers: 2 });
const mqtt: MqttRow[] = [];
for (const d of [...new Set([Math.min(...sizes), max])]) {
  log(`MQTT: ${d} devices`);
  mqtt.push(
    await runMqtt(d, Math.max(2000, seconds * 5000), {
      commands: Math.min(200, seconds * 20),
      ...(profile ? { cpuProfileDir: profile } : {}),
    }),
  );
}
log(`API: ${max} devices`);
const api = await runApi(max, seconds, host);
const results: BenchResults = {
  startedAt,
  finishedAt: new Date().toISOString(),
  machine: machine(),
  sizes,
  snmp,
  ipp,
  mqtt,
  api,
  load: load.stop(),
  commit,
  concurrency,
};
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(out, 'results.md'), renderMarkdown(results));
log(`wrote ${join(out, 'results.json')} and results.md`);
// Child processes are all stopped; keep-alive sockets must not hold the run open.
process.exit(0);
