/**
 * API: the daemon's HTTP side with N configured devices (own process, bench/api/app-worker.ts)
 * under steady load from a second process (Debian `wrk`): `/api/v1/devices` p50/p99 latency and
 * requests/s with 4 connections, while a second `wrk` (1 connection) scrapes `/metrics` and
 * measures its scrape time. Run alone: `npm run bench:api [-- --devices 2000 --seconds 10]`.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { requireBinary } from '../test/helpers/proc.js';
import { argOf, runChild } from './lib/child.js';
import { assertLoopback } from './lib/loopback.js';
import { percentile, round } from './lib/proc.js';

const execFileP = promisify(execFile);

export interface WrkRun {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly errors: number;
}

export interface ApiResult {
  readonly devices: number;
  readonly seconds: number;
  readonly devicesEndpoint: WrkRun;
  readonly metricsEndpoint: WrkRun;
  /** Median of 5 sequential /metrics scrapes before the load starts. */
  readonly metricsIdleMs: number;
  readonly metricsBytes: number;
  readonly devicesBytes: number;
  readonly serverCpuSeconds: number;
  readonly serverPeakRssBytes: number;
}

const token = 'demo-staff-token'; // its SHA-256 is the t-staff token of test/fixtures/foundation/minimal.yaml

function toMs(v: string, unit: string): number {
  const x = Number(v);
  return unit === 'us' ? x / 1000 : unit === 's' ? x * 1000 : unit === 'm' ? x * 60_000 : x;
}

/** Parses `wrk --latency` output. */
export function parseWrk(out: string): WrkRun {
  const pct = (p: string) => {
    const m = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s|m)`, 'm').exec(out);
    return m ? round(toMs(m[1] as string, m[2] as string), 2) : Number.NaN;
  };
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
  const total = /(\d+) requests in/.exec(out);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const sockErrors = sock ? sock.slice(1).reduce((s, x) => s + Number(x), 0) : 0;
  return {
    requestsPerSecond: rps ? Number(rps[1]) : 0,
    p50Ms: pct('50'),
    p90Ms: pct('90'),
    p99Ms: pct('99'),
    requests: total ? Number(total[1]) : 0,
    errors: (non2xx ? Number(non2xx[1]) : 0) + sockErrors,
  };
}

export async function runApi(devices: number, seconds: number, host = '127.0.0.1'): Promise<ApiResult> {
  const wrk = requireBinary('wrk');
  let readyPort = 0;
  let ready: () => void = () => {};
  const isReady = new Promise<void>((r) => (ready = r));
  const server = runChild<{ cpuSeconds: number; peakRssBytes: number }>(
    fileURLToPath(new URL('./api/app-worker.ts', import.meta.url)),
    ['--devices', String(devices)],
    {
      onLine: (l) => {
        if (l.startsWith('READY ')) {
          readyPort = Number(l.slice(6));
          ready();
        }
      },
    },
  );
  try {
    await Promise.race([isReady, server.result]);
    const base = `http://${assertLoopback(host, 'API server')}:${readyPort}`;
    const auth = { Authorization: `Bearer ${token}` };
    const devicesBody = await (await fetch(`${base}/api/v1/devices`, { headers: auth })).text();
    // Idle scrape time first (no other load), then under load.
    let metricsBody = '';
    const idle: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      metricsBody = await (await fetch(`${base}/metrics`)).text();
      idle.push(performance.now() - t);
    }
    const run = (path: string, connections: number) =>
      execFileP(
        wrk,
        [
          '-t1',
          `-c${connections}`,
          `-d${seconds}s`,
          '--latency',
          '-H',
          `Authorization: Bearer ${token}`,
          `${base}${path}`,
        ],
        { timeout: (seconds + 30) * 1000 },
      ).then((r) => parseWrk(r.stdout));
    const [devicesEndpoint, metricsEndpoint] = await Promise.all([
      run('/api/v1/devices', 4),
      run('/metrics', 1),
    ]);
    server.kill();
    const usage = await server.result;
    return {
      devices,
      seconds,
      devicesEndpoint,
      metricsEndpoint,
      metricsIdleMs: round(percentile(idle, 50), 1),
      metricsBytes: metricsBody.length,
      devicesBytes: devicesBody.length,
      serverCpuSeconds: round(usage.cpuSeconds, 2),
      serverPeakRssBytes: usage.peakRssBytes,
    };
  } finally {
    server.kill();
    await server.result.catch(() => undefined);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await runApi(Number(argOf('devices', '2000')), Number(argOf('seconds', '10')));
  process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
}
