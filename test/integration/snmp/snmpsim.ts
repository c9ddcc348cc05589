import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Secret } from '../../../src/config/secret.js';
import { openClient } from '../../../src/probes/snmp/transport.js';
import { freeUdpPort } from '../../helpers/net.js';
import { type Peer, requireBinary, startPeer } from '../../helpers/proc.js';

/** The shared recordings (others' data, read-only, never copied into the repo). */
export const sharedRecordings = fileURLToPath(
  new URL('../../../../shared/fixtures/snmprec', import.meta.url),
);
/** Our own hand-made fixtures. */
export const ownFixtures = fileURLToPath(new URL('../../fixtures/snmp', import.meta.url));

export function requireSharedRecordings(): string {
  if (!existsSync(join(sharedRecordings, 'SOURCES.md'))) {
    throw new Error(
      `the shared SNMP recordings are missing at ${sharedRecordings}: this conformance suite needs ../shared/fixtures/snmprec`,
    );
  }
  return sharedRecordings;
}

export interface Snmpsim {
  readonly port: number;
  readonly peer: Peer;
  stop(): Promise<void>;
}

/** An SNMPv3 user for snmpsimd (SHA + AES); v3 requests pick the data file by context name. */
export const simV3 = { user: 'zoneops', authKey: 'auth-key-for-tests', privKey: 'priv-key-for-tests' };

/**
 * Starts snmpsimd on 127.0.0.1 (its own PID, stopped by `stop`); the community is the file name.
 * With `v3`, it also answers the SNMPv3 user `simV3`; snmpsimd selects the data file by the request's
 * context name, and the default (empty) context over UDP/IPv4 by the file `1.3.6.1.6.1.1.0.snmprec`
 * (the transport domain; snmpsim's probeContext in /usr/bin/snmpsimd).
 */
export async function startSnmpsim(
  dataDir: string,
  probeCommunity: string,
  opts: { v3?: boolean } = {},
): Promise<Snmpsim> {
  const bin = requireBinary('snmpsimd');
  const port = await freeUdpPort();
  const cache = mkdtempSync(join(tmpdir(), 'zoneops-snmpsim-'));
  chmodSync(cache, 0o777);
  const asRoot = process.getuid?.() === 0;
  const peer = startPeer(bin, [
    `--data-dir=${dataDir}`,
    `--agent-udpv4-endpoint=127.0.0.1:${port}`,
    `--cache-dir=${cache}`,
    // snmpsimd logs every request; unread, that log would fill the pipe and stall it.
    '--logging-method=null',
    ...(opts.v3
      ? [
          `--v3-user=${simV3.user}`,
          `--v3-auth-key=${simV3.authKey}`,
          '--v3-auth-proto=SHA',
          `--v3-priv-key=${simV3.privKey}`,
          '--v3-priv-proto=AES',
        ]
      : []),
    ...(asRoot ? ['--process-user=nobody', '--process-group=nogroup'] : []),
  ]);
  await waitForAgent(peer, port, probeCommunity, 'snmpsimd');
  return {
    port,
    peer,
    async stop() {
      await peer.stop();
      rmSync(cache, { recursive: true, force: true });
    },
  };
}

/** Waits (up to 20 s) until an agent answers a v2c get of sysDescr; fails with its output if it never does. */
export async function waitForAgent(
  peer: Peer,
  port: number,
  probeCommunity: string,
  name: string,
): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const opened = await openClient({
      host: '127.0.0.1',
      port,
      version: '2c',
      community: new Secret(probeCommunity, 'test'),
      timeoutMs: 300,
      retries: 0,
    });
    if (opened.ok) {
      const r = await opened.value.get(['1.3.6.1.2.1.1.1.0']);
      opened.value.close();
      if (r.ok) return;
    }
    if (peer.proc.exitCode !== null || Date.now() > deadline) {
      await peer.stop();
      throw new Error(`${name} did not answer on 127.0.0.1:${port}:\n${peer.output().slice(-2000)}`);
    }
  }
}

export function community(name: string): Secret {
  return new Secret(name, 'test');
}
