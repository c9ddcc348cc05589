import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { repoRoot, zoneopsBin } from '../../helpers/cli.js';
import { waitUntil } from '../../helpers/proc.js';

/** The API tokens of the reliability zone (ours, test-only); the config holds only their SHA-256. */
export const tokens = {
  staff: 'rel-staff-token-5f1c9a',
  technician: 'rel-tech-token-8b2d7e',
  admin: 'rel-admin-token-3e6a0f',
} as const;

export const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

export function tokenConfig() {
  return (Object.keys(tokens) as Array<keyof typeof tokens>).map((role) => ({
    name: `rel-${role}`,
    sha256: sha256(tokens[role]),
    role,
  }));
}

/** A device entry of our own (loopback only); `extra` adds its protocol sections. */
export function device(
  id: string,
  type: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id,
    name: `设备 ${id}`,
    type,
    location: '查阅区',
    assetNo: `REL-${id}`,
    vendor: { name: '厂家', phone: '400-000-0000' },
    serviceProvider: { name: '服务商', contact: '孙师傅', phone: '023-00000000' },
    responsible: '甲',
    ...extra,
  };
}

/**
 * The reliability zone's config: always open (every day 00:00-23:59, so schedule never puts a device
 * to sleep during a test), non-critical messages sent at once, one webhook for the A post.
 */
export function zoneConfig(opts: {
  port: number;
  dbPath: string;
  webhookUrl?: string;
  devices?: Array<Record<string, unknown>>;
  extra?: Record<string, unknown>;
}): Record<string, unknown> {
  return {
    site: 'reliability',
    siteName: '可靠性测试专区',
    http: { listen: `127.0.0.1:${opts.port}` },
    store: { path: opts.dbPath },
    officeHours: {
      weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      seasons: [{ name: '全年', from: '01-01', periods: ['00:00-23:59'] }],
    },
    people: [
      { id: 'staff-a', name: '甲', role: 'staff', post: 'A', phone: '13800000001', notify: ['hook'] },
      { id: 'tech', name: '技术员', role: 'technician', phone: '13800000003', notify: [] },
    ],
    notifiers: [{ id: 'hook', type: 'webhook', url: opts.webhookUrl ?? 'http://127.0.0.1:9/hook' }],
    api: { tokens: tokenConfig() },
    alerts: { nonCritical: 'always', publicReportsPerHour: 1000 },
    hygiene: {
      targets: [
        { id: 'reading-area', name: '查阅区', tasks: ['clean', 'disinfect'] },
        { id: 'waiting-area', name: '等候区', tasks: ['clean'] },
      ],
    },
    devices: opts.devices ?? [device('pc-01', 'pc')],
    ...opts.extra,
  };
}

export function writeZoneConfig(
  data: Record<string, unknown>,
  dir = mkdtempSync(join(tmpdir(), 'zoneops-rel-')),
) {
  const file = join(dir, 'zoneops.yaml');
  writeFileSync(file, stringify(data));
  return file;
}

export interface Daemon {
  readonly child: ChildProcess;
  readonly base: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Spawns the built daemon (`bin/zoneops.js run`), its own PID. `fsizeBytes` starts it under
 * `prlimit --fsize` (RLIMIT_FSIZE: a write past it fails with EFBIG, as on a full disk).
 */
export function spawnDaemon(
  configPath: string,
  port: number,
  opts: { env?: NodeJS.ProcessEnv; fsizeBytes?: number } = {},
): Daemon {
  const args = [zoneopsBin, 'run', '--config', configPath, '--log-level', 'debug'];
  const child =
    opts.fsizeBytes !== undefined
      ? spawn('prlimit', [`--fsize=${opts.fsizeBytes}`, process.execPath, ...args], {
          cwd: repoRoot,
          env: { ...process.env, ...opts.env },
          stdio: ['ignore', 'pipe', 'pipe'],
        })
      : spawn(process.execPath, args, {
          cwd: repoRoot,
          env: { ...process.env, ...opts.env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => {
    out += b.toString();
  });
  child.stderr?.on('data', (b: Buffer) => {
    out += b.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    child,
    base: `http://127.0.0.1:${port}`,
    exited,
    output: () => out,
    async kill9() {
      if (!gone()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (gone()) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 6000);
      await exited;
      clearTimeout(t);
    },
  };
}

export async function waitHealthy(d: Daemon, timeoutMs = 20_000): Promise<void> {
  await waitUntil(
    async () => {
      if (d.child.exitCode !== null) throw new Error(`zoneops exited early:\n${d.output().slice(-3000)}`);
      try {
        return (await fetch(`${d.base}/healthz`)).ok;
      } catch {
        return false;
      }
    },
    timeoutMs,
    `zoneops /healthz at ${d.base}`,
  );
}
