import { execFile, execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, waitForTcp } from './net.js';
import { type Peer, requireBinary, startPeer, waitUntil } from './proc.js';

/**
 * CUPS ippeveprinter on 127.0.0.1, as ../shared/fixtures/ipp/HOWTO.md does it. CUPS 2.4's ippeveprinter
 * needs a system D-Bus and a running avahi-daemon even with `-r off` (and exits when avahi goes away),
 * so `acquireDnsSd()` starts both — avahi on loopback only, publishing nothing — unless they already
 * run, and holds a lease on them: several test files (in parallel workers) share one pair, and the
 * last lease released stops the daemons this helper started, by PID. Use `startIppPrinter()` once per
 * test file (beforeAll) and `stop()` it in afterAll.
 */

const execFileP = promisify(execFile);
const shared = join(tmpdir(), 'zoneops-test-dnssd');
const leases = join(shared, 'leases');
const lockDir = join(shared, 'lock');
const dbusSocket = '/run/dbus/system_bus_socket';

const avahiConf = `[server]
use-ipv4=yes
use-ipv6=no
allow-interfaces=lo
[wide-area]
enable-wide-area=no
[publish]
disable-publishing=yes
disable-user-service-publishing=yes
[reflector]
enable-reflector=no
`;

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync(shared, { recursive: true });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      // A lock older than 20 s belongs to a worker that died holding it.
      try {
        if (Date.now() - statSync(lockDir).mtimeMs > 20_000)
          rmSync(lockDir, { recursive: true, force: true });
      } catch {}
      if (Date.now() > deadline) throw new Error(`could not take ${lockDir}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** A zombie (exited, not yet reaped: containers often have no init to reap) counts as gone. */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
};

function liveLeases(): string[] {
  mkdirSync(leases, { recursive: true });
  return readdirSync(leases).filter((name) => {
    const pid = Number(name.split('-')[0]);
    if (alive(pid)) return true;
    rmSync(join(leases, name), { force: true });
    return false;
  });
}

const dbusUp = () =>
  new Promise<boolean>((resolve) => {
    const s = connect(dbusSocket);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

const avahiUp = async () => {
  try {
    await execFileP('avahi-daemon', ['--check']);
    return true;
  } catch {
    return false;
  }
};

const readPid = (file: string) => (existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : null);

export interface DnsSdLease {
  release(): Promise<void>;
}

export async function acquireDnsSd(): Promise<DnsSdLease> {
  requireBinary('dbus-daemon');
  requireBinary('avahi-daemon');
  const lease = join(leases, `${process.pid}-${Math.random().toString(36).slice(2)}`);
  await withLock(async () => {
    liveLeases();
    if (!(await dbusUp())) {
      mkdirSync('/run/dbus', { recursive: true });
      const stalePid = readPid('/run/dbus/pid');
      if (stalePid === null || !alive(stalePid)) rmSync('/run/dbus/pid', { force: true });
      const out = execFileSync('dbus-daemon', ['--system', '--fork', '--print-pid'], { encoding: 'utf8' });
      writeFileSync(join(shared, 'dbus.pid'), out.trim().split('\n')[0] ?? '');
      await waitUntil(dbusUp, 10_000, 'the D-Bus system bus');
    }
    if (!(await avahiUp())) {
      const conf = join(shared, 'avahi-lo.conf');
      writeFileSync(conf, avahiConf);
      const child = spawn('avahi-daemon', ['-f', conf, '--no-rlimits', '--no-chroot'], {
        detached: true,
        stdio: 'ignore',
      });
      child.unref();
      writeFileSync(join(shared, 'avahi.pid'), String(child.pid));
      await waitUntil(avahiUp, 10_000, 'avahi-daemon');
    }
    writeFileSync(lease, '');
  });
  return {
    release: () =>
      withLock(async () => {
        rmSync(lease, { force: true });
        if (liveLeases().length > 0) return;
        for (const name of ['avahi.pid', 'dbus.pid']) {
          const pid = readPid(join(shared, name));
          if (pid !== null && alive(pid)) {
            process.kill(pid, 'SIGTERM');
            await waitUntil(() => !alive(pid), 5000, `${name} to exit`).catch(() =>
              process.kill(pid, 'SIGKILL'),
            );
          }
          rmSync(join(shared, name), { force: true });
        }
      }),
  };
}

export interface IppPrinterOptions {
  /** Service name (-v is added). */
  readonly name?: string;
  readonly model?: string;
  /** `-f` formats; text/plain is needed for ipptool's print-job.test with a .txt file. */
  readonly formats?: string;
  /** Install a `-c` command that replays `state.txt` (STATE:/ATTR: lines) and then sleeps this long per job. */
  readonly jobSeconds?: number;
  /** `-a` attribute file (e.g. a fixture's *.ippeveprinter.conf, used in place, never copied). */
  readonly attributes?: string;
  /** `-K` key directory: enables ipps with a self-signed certificate made on first use. */
  readonly tls?: boolean;
}

export interface IppPrinter {
  readonly port: number;
  readonly uri: string;
  readonly ippsUri: string;
  readonly dir: string;
  readonly peer: Peer;
  /** Writes the STATE:/ATTR: lines the `-c` command prints to stderr for the next job. */
  setJobOutput(lines: readonly string[]): void;
  /** Submits a text job with ipptool's print-job.test. */
  printJob(): Promise<void>;
  /** GET one of the web forms (`/supplies?…`, `/media?…`). */
  webForm(pathAndQuery: string): Promise<void>;
  /** SHA-256 fingerprint of the self-signed certificate, read by openssl from the key directory. */
  certificateFingerprint(): Promise<string>;
  stop(): Promise<void>;
}

export async function startIppPrinter(opts: IppPrinterOptions = {}): Promise<IppPrinter> {
  requireBinary('ippeveprinter');
  requireBinary('ipptool');
  const lease = await acquireDnsSd();
  const dir = mkdtempSync(join(tmpdir(), 'zoneops-ipp-'));
  const spool = join(dir, 'spool');
  mkdirSync(spool);
  const port = await freePort();
  const args = ['-p', String(port), '-n', 'localhost', '-r', 'off', '-d', spool, '-M', 'Example'];
  args.push('-m', opts.model ?? 'Office MFP', '-s', '30,20', '-2');
  args.push('-f', opts.formats ?? 'text/plain,application/octet-stream');
  if (opts.jobSeconds !== undefined) {
    const cmd = join(dir, 'state-cmd.sh');
    writeFileSync(
      cmd,
      `#!/bin/sh\ncat "$1" > /dev/null\n[ -f '${dir}/state.txt' ] && cat '${dir}/state.txt' >&2\nsleep ${opts.jobSeconds}\n`,
      { mode: 0o755 },
    );
    args.push('-c', cmd);
  }
  if (opts.attributes) args.push('-a', opts.attributes);
  if (opts.tls) {
    mkdirSync(join(dir, 'ssl'));
    args.push('-K', join(dir, 'ssl'));
  }
  args.push('-v', opts.name ?? 'Office MFP');
  const peer = startPeer('ippeveprinter', args, { cwd: dir });
  try {
    await waitForTcp(port, 15_000);
  } catch (err) {
    await peer.stop();
    await lease.release();
    throw new Error(`ippeveprinter did not start: ${String(err)}\n${peer.output()}`);
  }
  const uri = `ipp://127.0.0.1:${port}/ipp/print`;
  const ippsUri = `ipps://127.0.0.1:${port}/ipp/print`;
  const doc = join(dir, 'doc.txt');
  writeFileSync(doc, 'hello from zoneops tests\n');
  return {
    port,
    uri,
    ippsUri,
    dir,
    peer,
    setJobOutput(lines) {
      writeFileSync(join(dir, 'state.txt'), `${lines.join('\n')}\n`);
    },
    async printJob() {
      try {
        await execFileP('ipptool', ['-tv', '-f', doc, uri, 'print-job.test'], { timeout: 15_000 });
      } catch (err) {
        const e = err as { stdout?: string; stderr?: string };
        throw new Error(
          `ipptool print-job.test failed:\n${e.stdout ?? ''}${e.stderr ?? ''}\n${peer.output()}`,
        );
      }
    },
    async webForm(pathAndQuery) {
      const res = await fetch(`http://127.0.0.1:${port}${pathAndQuery}`);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`web form ${pathAndQuery}: HTTP ${res.status}`);
    },
    async certificateFingerprint() {
      const crt = join(dir, 'ssl', 'localhost.crt');
      // The key pair is made on the first TLS connection: let ipptool make one.
      if (!existsSync(crt)) {
        await execFileP('ipptool', ['-t', ippsUri, 'get-printer-attributes.test'], { timeout: 15_000 });
      }
      const { stdout } = await execFileP('openssl', [
        'x509',
        '-in',
        crt,
        '-noout',
        '-fingerprint',
        '-sha256',
      ]);
      return stdout.trim().split('=')[1] ?? '';
    },
    async stop() {
      await peer.stop();
      rmSync(dir, { recursive: true, force: true });
      await lease.release();
    },
  };
}

/** `ipptool -tv URI get-printer-attributes.test` output, for cross-checks. */
export async function ipptoolGetPrinterAttributes(uri: string): Promise<string> {
  const { stdout } = await execFileP('ipptool', ['-tv', uri, 'get-printer-attributes.test'], {
    timeout: 15_000,
    maxBuffer: 8 * 1024 * 1024,
  });
  return stdout;
}
