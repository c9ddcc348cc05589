/**
 * IPP: Get-Printer-Attributes polls per second against CUPS `ippeveprinter` instances on 127.0.0.1,
 * zoneops' probe (src/probes/ipp/probe.ts, in this process) vs `ipptool get-printer-attributes.test`
 * (one process per poll, as a script would run it; and one process repeating with -n). Run alone:
 * `npm run bench:ipp [-- --seconds 5 --printers 2]`.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { probeIpp } from '../src/probes/ipp/probe.js';
import { type IppPrinter, startIppPrinter } from '../test/helpers/ipp-peer.js';
import { requireBinary } from '../test/helpers/proc.js';
import { argOf } from './lib/child.js';
import { assertLoopbackUrl } from './lib/loopback.js';
import { cpuOf, percentile, reapedChildrenCpuSeconds, round } from './lib/proc.js';

export interface IppSide {
  readonly polls: number;
  readonly failed: number;
  readonly seconds: number;
  readonly pollsPerSecond: number;
  /** CPU of the poller (zoneops: this process; ipptool: the reaped ipptool processes). */
  readonly cpuMsPerPoll: number;
  /** CPU of the ippeveprinter processes per poll. */
  readonly printerCpuMsPerPoll: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface IppResult {
  readonly printers: number;
  readonly concurrency: number;
  readonly zoneops: IppSide;
  readonly ipptoolPerProcess: IppSide;
  readonly ipptoolRepeat: IppSide;
  /** zoneops polls/s ÷ ipptool (process per poll) polls/s. */
  readonly speedup: number;
}

async function timed(
  seconds: number,
  concurrency: number,
  printers: readonly IppPrinter[],
  one: (p: IppPrinter) => Promise<boolean>,
  cpu: () => number,
): Promise<IppSide> {
  const pids = printers.map((p) => p.peer.proc.pid ?? -1);
  const lat: number[] = [];
  let failed = 0;
  const p0 = cpuOf(pids);
  const c0 = cpu();
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  let turn = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const p = printers[turn++ % printers.length] as IppPrinter;
        const s = performance.now();
        if (!(await one(p))) failed++;
        lat.push(performance.now() - s);
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  const n = lat.length;
  return {
    polls: n,
    failed,
    seconds: round(secs, 2),
    pollsPerSecond: round(n / secs, 1),
    cpuMsPerPoll: round(((cpu() - c0) * 1000) / Math.max(1, n), 3),
    printerCpuMsPerPoll: round(((cpuOf(pids) - p0) * 1000) / Math.max(1, n), 3),
    p50Ms: round(percentile(lat, 50), 2),
    p99Ms: round(percentile(lat, 99), 2),
  };
}

const selfCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const exec = (cmd: string, args: readonly string[]) =>
  new Promise<boolean>((resolve) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'ignore'] });
    p.on('error', () => resolve(false));
    p.on('exit', (code) => resolve(code === 0));
  });

export async function runIpp(opts: {
  seconds: number;
  printers: number;
  concurrency?: number;
}): Promise<IppResult> {
  const ipptool = requireBinary('ipptool');
  const concurrency = opts.concurrency ?? 4;
  const printers: IppPrinter[] = [];
  try {
    for (let i = 0; i < opts.printers; i++) printers.push(await startIppPrinter({ name: `Bench MFP ${i}` }));
    const probe = async (p: IppPrinter) => {
      const r = await probeIpp(
        { deviceId: 'bench', uri: assertLoopbackUrl(p.uri, 'IPP printer'), timeoutMs: 5000 },
        { now: Date.now },
      );
      return r.observation.reachable;
    };
    for (let i = 0; i < 20; i++) await probe(printers[i % printers.length] as IppPrinter); // warm-up
    const zoneops = await timed(opts.seconds, concurrency, printers, probe, selfCpu);
    const perProcess = await timed(
      opts.seconds,
      concurrency,
      printers,
      (p) => exec(ipptool, ['-q', '-T', '5', p.uri, 'get-printer-attributes.test']),
      reapedChildrenCpuSeconds,
    );
    // One ipptool per worker repeating the request (-n): no process start-up per poll.
    const repeat = 50;
    const repeated = await timed(
      opts.seconds,
      concurrency,
      printers,
      (p) =>
        exec(ipptool, [
          '-q',
          '-T',
          '5',
          '-i',
          '0.001',
          '-n',
          String(repeat),
          p.uri,
          'get-printer-attributes.test',
        ]),
      reapedChildrenCpuSeconds,
    );
    const scale = (s: IppSide): IppSide => ({
      ...s,
      polls: s.polls * repeat,
      pollsPerSecond: round(s.pollsPerSecond * repeat, 1),
      cpuMsPerPoll: round(s.cpuMsPerPoll / repeat, 3),
      printerCpuMsPerPoll: round(s.printerCpuMsPerPoll / repeat, 3),
      p50Ms: round(s.p50Ms / repeat, 2),
      p99Ms: round(s.p99Ms / repeat, 2),
    });
    return {
      printers: printers.length,
      concurrency,
      zoneops,
      ipptoolPerProcess: perProcess,
      ipptoolRepeat: scale(repeated),
      speedup: round(zoneops.pollsPerSecond / perProcess.pollsPerSecond, 2),
    };
  } finally {
    for (const p of printers) await p.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await runIpp({
    seconds: Number(argOf('seconds', '5')),
    printers: Number(argOf('printers', '2')),
  });
  process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
}
