/**
 * Child process: one full SNMP poll cycle of the given devices through zoneops' real poll loop
 * (createPollLoop → createSnmpRead → readDevice → net-snmp), measured from the inside: wall time, this process'
 * CPU (user+sys), peak RSS, event-loop delay p99, and memory held per device after the cycle.
 * Args: --devices JSON file of BenchDevice[] --concurrency N. Prints `RESULT {…}`.
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { systemClock } from '../../src/clock.js';
import { Secret } from '../../src/config/secret.js';
import type { Observation } from '../../src/domain/observation.js';
import { defaultSupplyThresholds } from '../../src/domain/supply-rules.js';
import { createLogger } from '../../src/log.js';
import { createPollLoop } from '../../src/probes/poll-loop.js';
import { MemoryBaselineStore } from '../../src/probes/snmp/baseline-store.js';
import { createSnmpRead, type SnmpDevice } from '../../src/probes/snmp/poll.js';
import { argOf, sendResult } from '../lib/child.js';
import { assertLoopback } from '../lib/loopback.js';
import type { BenchDevice } from './agents.js';
import { benchCommunity } from './agents.js';

export interface ZoneopsCycle {
  readonly devices: number;
  readonly answered: number;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly peakRssBytes: number;
  readonly rssBeforeBytes: number;
  readonly rssAfterBytes: number;
  readonly heapBeforeBytes: number;
  readonly heapAfterBytes: number;
  readonly eventLoopP99Ms: number;
  readonly eventLoopMaxMs: number;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const list = JSON.parse(readFileSync(argOf('devices', ''), 'utf8')) as BenchDevice[];
const concurrency = Number(argOf('concurrency', '32'));
const quiet = createLogger('silent');

const toDevice = (d: BenchDevice): SnmpDevice => ({
  id: d.id,
  type: d.kind,
  intervalMs: 60_000,
  budgetMs: 60_000,
  target: {
    host: assertLoopback(d.host, `device ${d.id}`),
    port: d.port,
    version: '2c',
    community: new Secret(benchCommunity, 'bench'),
    timeoutMs: 5000,
    retries: 1,
  },
});

// Warm-up (module loading, JIT) on a few devices with a throw-away poller: not what is measured.
const loopOf = (devices: SnmpDevice[], patterns: string[], onObservation: (o: Observation) => void) =>
  createPollLoop({
    protocol: 'snmp',
    targets: devices,
    read: createSnmpRead({
      baselines: new MemoryBaselineStore(),
      forbiddenPatterns: patterns,
      supplies: defaultSupplyThresholds,
      now: () => systemClock.now(),
      logger: quiet,
    }),
    onObservation,
    clock: systemClock,
    logger: quiet,
    maxConcurrent: concurrency,
    maxBackoffMs: 900_000,
    isAsleep: () => false,
  });
const warm = loopOf(list.slice(0, Math.min(10, list.length)).map(toDevice), [], () => {});
// start() first: a stopped poller drops results. pollNow cancels the spread-out first polls.
warm.start();
await Promise.all(list.slice(0, 10).map((d) => warm.pollNow(d.id)));
await warm.stop();

gc();
const rssBefore = process.memoryUsage().rss;
const heapBefore = process.memoryUsage().heapUsed;
// Like the daemon's device state: the latest observation of every device is kept.
const latest = new Map<string, Observation>();
let answered = 0;
const poller = loopOf(list.map(toDevice), ['*steam*', '*迅雷*'], (o) => {
  latest.set(o.deviceId, o);
  if (o.reachable) answered++;
});
const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
poller.start();
await Promise.all(list.map((d) => poller.pollNow(d.id)));
const wallSeconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
loop.disable();
await poller.stop();
gc();
const result: ZoneopsCycle = {
  devices: list.length,
  answered,
  wallSeconds,
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
  peakRssBytes: process.resourceUsage().maxRSS * 1024,
  rssBeforeBytes: rssBefore,
  rssAfterBytes: process.memoryUsage().rss,
  heapBeforeBytes: heapBefore,
  heapAfterBytes: process.memoryUsage().heapUsed,
  eventLoopP99Ms: loop.percentile(99) / 1e6,
  eventLoopMaxMs: loop.max / 1e6,
};
if (latest.size !== list.length) throw new Error(`only ${latest.size} of ${list.length} devices reported`);
sendResult(result);
