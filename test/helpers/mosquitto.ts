import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForTcp } from './net.js';
import { type Peer, requireBinary, startPeer } from './proc.js';

export interface Mosquitto {
  readonly port: number;
  /** mqtt://127.0.0.1:<port> */
  readonly url: string;
  /** Everything the broker printed (for failure messages). */
  output(): string;
  /** Stops the broker (its own PID); connected clients see the connection drop. `start()` brings it back. */
  stop(): Promise<void>;
  /** Starts a stopped broker again on the same port (retained messages and sessions are gone unless `persistence`). */
  start(): Promise<void>;
  /** stop() + start(). */
  restart(): Promise<void>;
  /** Stops it for good and removes its temp dir (use in afterAll). */
  close(): Promise<void>;
  readonly running: boolean;
}

/**
 * A real Debian mosquitto on a free 127.0.0.1 port with a config in a temp dir, for tests.
 * `extraConfig` lines are appended (e.g. `password_file …`). Fails when mosquitto is missing.
 */
export async function startMosquitto(
  opts: {
    extraConfig?: readonly string[] /** keep sessions and retained messages across restart() */;
    persistence?: boolean;
    /** false: only clients of the `password_file` given in extraConfig (default true). */
    allowAnonymous?: boolean;
  } = {},
): Promise<Mosquitto> {
  const bin = requireBinary('mosquitto');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'zoneops-mosquitto-'));
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      `allow_anonymous ${opts.allowAnonymous === false ? 'false' : 'true'}`,
      ...(opts.persistence
        ? ['persistence true', `persistence_location ${dir}/`, 'autosave_interval 0']
        : ['persistence false']),
      'log_dest stderr',
      'log_type error',
      'log_type warning',
      // Running as root, mosquitto would switch to the "mosquitto" user; the temp dir is ours.
      ...(process.getuid?.() === 0 ? ['user root'] : []),
      ...(opts.extraConfig ?? []),
      '',
    ].join('\n'),
  );
  let peer: Peer | undefined;
  let log = '';
  const launch = async () => {
    const p = startPeer(bin, ['-c', conf]);
    peer = p;
    try {
      await waitForTcp(port, 10_000);
    } catch (err) {
      await p.stop();
      throw new Error(`mosquitto did not start on 127.0.0.1:${port}: ${p.output()}`, { cause: err });
    }
  };
  const halt = async () => {
    const p = peer;
    peer = undefined;
    if (!p) return;
    await p.stop();
    log += p.output();
  };
  await launch();
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    output: () => log + (peer?.output() ?? ''),
    get running() {
      return peer !== undefined;
    },
    stop: halt,
    async start() {
      if (!peer) await launch();
    },
    async restart() {
      await halt();
      await launch();
    },
    async close() {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
