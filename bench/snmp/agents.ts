import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Peer, requireBinary, startPeer, waitUntil } from '../../test/helpers/proc.js';
import { type ChildRun, runChild } from '../lib/child.js';
import { cpuOf } from '../lib/proc.js';

/**
 * The simulated zone for the SNMP benchmark, all on 127.0.0.1: printers/copiers from replay agents
 * (bench/snmp/replay-agent.ts, several processes, recordings read in place from
 * ../shared/fixtures/snmprec or our own test/fixtures/snmp), PCs from real net-snmp `snmpd`
 * processes each listening on many ports (their HOST-RESOURCES is this machine's). One device
 * per port; every agent accepts the community below.
 */
export const benchCommunity = 'zonebench';

const shared = fileURLToPath(new URL('../../../shared/fixtures/snmprec', import.meta.url));
const own = fileURLToPath(new URL('../../test/fixtures/snmp', import.meta.url));

export function printerRecordings(): { dir: string; files: string[]; source: string } {
  if (existsSync(join(shared, 'SOURCES.md'))) {
    const names = [
      'ricoh_mpc3002',
      'sharp',
      'konica_c250i',
      'brother_hl5370dw',
      'jetdirect_m252dw',
      'xerox',
      'epson',
      'utax',
    ];
    return {
      dir: shared,
      files: names.map((n) => join(shared, `${n}.snmprec`)),
      source: '../shared/fixtures/snmprec',
    };
  }
  const names = ['cn-copier', 'ricoh-coarse', 'canon-steps', 'brother-over'];
  return { dir: own, files: names.map((n) => join(own, `${n}.snmprec`)), source: 'test/fixtures/snmp' };
}

export interface BenchDevice {
  readonly id: string;
  readonly kind: 'printer' | 'pc';
  /** Always loopback (bench/lib/loopback.ts): the agents listen on 127.0.0.1. */
  readonly host: string;
  readonly port: number;
}

export interface Zone {
  readonly devices: readonly BenchDevice[];
  readonly agentPids: readonly number[];
  readonly agents: { replayProcesses: number; snmpdProcesses: number; recordingSource: string };
  agentCpuSeconds(): number;
  stop(): Promise<void>;
}

/** One PC for four printers, like a zone; `n` devices in all. */
export async function startZone(
  n: number,
  opts: { replayProcesses?: number; snmpdProcesses?: number } = {},
): Promise<Zone> {
  const pcs = Math.floor(n / 5) || (n >= 2 ? 1 : 0);
  const printers = n - pcs;
  const rec = printerRecordings();
  const replayCount = Math.max(1, Math.min(opts.replayProcesses ?? 3, printers));
  // snmpd keeps its agentAddress list in a 2,560-byte buffer (SPRINT_MAX_LEN): ≤ 100 ports each.
  const snmpdCount = pcs === 0 ? 0 : Math.max(Math.ceil(pcs / 100), Math.min(opts.snmpdProcesses ?? 2, pcs));
  const replays: ChildRun<number[]>[] = [];
  const resolvers: Array<(ports: number[]) => void> = [];
  const snmpds: { peer: Peer; dir: string }[] = [];
  const stop = async () => {
    for (const r of replays) r.kill();
    await Promise.allSettled(replays.map((r) => r.result));
    await Promise.all(snmpds.map((s) => s.peer.stop()));
    for (const s of snmpds) rmSync(s.dir, { recursive: true, force: true });
  };
  try {
    // Printers: ports handed out by the kernel inside each replay process.
    const printerPorts: number[] = [];
    const replayPorts: Promise<number[]>[] = [];
    for (let k = 0; k < replayCount; k++) {
      const share = Math.floor(printers / replayCount) + (k < printers % replayCount ? 1 : 0);
      // Rotate the recordings so each process serves a mix.
      const files = rec.files.map((_, i) => rec.files[(i + k) % rec.files.length] as string);
      const child = runChild<number[]>(
        fileURLToPath(new URL('./replay-agent.ts', import.meta.url)),
        ['--files', files.join(','), '--ports', String(share)],
        {
          onLine: (line) => {
            if (line.startsWith('RESULT ')) resolvers[k]?.(JSON.parse(line.slice(7)) as number[]);
          },
        },
      );
      replays.push(child);
      replayPorts.push(new Promise((resolve) => (resolvers[k] = resolve)));
      child.result.catch(() => undefined);
    }
    for (const ports of await Promise.race([
      Promise.all(replayPorts),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('replay agents did not start')), 60_000),
      ),
    ])) {
      printerPorts.push(...ports);
    }
    // PCs: snmpd with many agentAddress entries.
    const pcPorts: number[] = [];
    const snmpd = pcs > 0 ? requireBinary('snmpd') : '';
    for (let k = 0; k < snmpdCount; k++) {
      const share = Math.floor(pcs / snmpdCount) + (k < pcs % snmpdCount ? 1 : 0);
      // snmpd exits if any of its ports is taken by the time it binds: then try again with others.
      for (let attempt = 1; ; attempt++) {
        const ports = await freeFixedPorts(share, new Set([...pcPorts, ...printerPorts]));
        const dir = mkdtempSync(join(tmpdir(), 'zoneops-bench-snmpd-'));
        const conf = join(dir, 'snmpd.conf');
        writeFileSync(
          conf,
          [
            `[snmp] persistentDir ${dir}`,
            `agentAddress ${ports.map((p) => `udp:127.0.0.1:${p}`).join(',')}`,
            `rocommunity ${benchCommunity} 127.0.0.1`,
            '',
          ].join('\n'),
        );
        const peer = startPeer(snmpd, [
          '-f',
          '-Lf',
          join(dir, 'snmpd.log'),
          '-C',
          '-c',
          conf,
          '-p',
          join(dir, 'pid'),
        ]);
        await new Promise((r) => setTimeout(r, 500));
        if (peer.proc.exitCode === null) {
          snmpds.push({ peer, dir });
          pcPorts.push(...ports);
          break;
        }
        rmSync(dir, { recursive: true, force: true });
        if (attempt >= 3)
          throw new Error(`snmpd would not start on ${share} ports: ${peer.output().slice(-500)}`);
      }
    }
    const devices: BenchDevice[] = [];
    let p = 0;
    let c = 0;
    for (let i = 0; i < n; i++) {
      const isPc = pcs > 0 && (i % 5 === 4 || p >= printerPorts.length) && c < pcPorts.length;
      const host = '127.0.0.1';
      if (isPc) devices.push({ id: `pc-${i}`, kind: 'pc', host, port: pcPorts[c++] as number });
      else devices.push({ id: `printer-${i}`, kind: 'printer', host, port: printerPorts[p++] as number });
    }
    // Every snmpd answers on its last port before we measure anything.
    for (const s of snmpds) {
      await waitUntil(() => s.peer.proc.exitCode === null, 1000, 'snmpd running');
    }
    await waitForSnmp(devices.filter((d) => d.kind === 'pc').map((d) => d.port));
    const agentPids = [...replays.map((r) => r.pid), ...snmpds.map((s) => s.peer.proc.pid ?? -1)];
    return {
      devices,
      agentPids,
      agents: { replayProcesses: replayCount, snmpdProcesses: snmpdCount, recordingSource: rec.source },
      agentCpuSeconds: () => cpuOf(agentPids),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * `count` UDP ports free right now, below the kernel's ephemeral range (32768+) so that client
 * sockets opened meanwhile (ours and other programs') do not take them before snmpd binds.
 */
async function freeFixedPorts(count: number, avoid: ReadonlySet<number>): Promise<number[]> {
  const { createSocket } = await import('node:dgram');
  const out: number[] = [];
  let candidate = 20_000 + Math.floor(Math.random() * 8000);
  while (out.length < count && candidate < 32_000) {
    const port = candidate++;
    if (avoid.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const sock = createSocket('udp4');
      sock.once('error', () => resolve(false));
      sock.bind(port, '127.0.0.1', () => sock.close(() => resolve(true)));
    });
    if (free) out.push(port);
  }
  if (out.length < count) throw new Error(`only ${out.length} free UDP ports found for snmpd`);
  return out;
}

/** Waits until snmpget answers on the first and last of these ports (snmpd binds them all at start). */
async function waitForSnmp(ports: readonly number[]): Promise<void> {
  if (ports.length === 0) return;
  const { execFile } = await import('node:child_process');
  const probe = (port: number) =>
    new Promise<boolean>((resolve) =>
      execFile(
        'snmpget',
        ['-v2c', '-c', benchCommunity, '-t', '0.5', '-r', '0', `127.0.0.1:${port}`, '1.3.6.1.2.1.1.3.0'],
        (err) => resolve(err === null),
      ),
    );
  for (const port of [ports[0] as number, ports.at(-1) as number]) {
    await waitUntil(() => probe(port), 30_000, `snmpd on 127.0.0.1:${port}`);
  }
}
