import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeUdpPort } from '../../helpers/net.js';
import { type Peer, requireBinary, startPeer } from '../../helpers/proc.js';
import { waitForAgent } from './snmpsim.js';

export const v3 = {
  privUser: 'privUser',
  authKey: 'authpass123',
  privKey: 'privpass123',
  sha256User: 'authUser',
  sha256Key: 'authpass256',
  community: 'v2secret',
};

export interface Snmpd {
  readonly port: number;
  readonly peer: Peer;
  stop(): Promise<void>;
}

/** A real net-snmp snmpd on 127.0.0.1 with two v3 users (SHA+AES authPriv, SHA-256 authNoPriv) and a v2c community. */
export async function startSnmpd(): Promise<Snmpd> {
  const bin = requireBinary('snmpd');
  const port = await freeUdpPort();
  const dir = mkdtempSync(join(tmpdir(), 'zoneops-snmpd-'));
  const conf = join(dir, 'snmpd.conf');
  writeFileSync(
    conf,
    [
      `[snmp] persistentDir ${dir}`,
      `agentAddress udp:127.0.0.1:${port}`,
      `createUser ${v3.privUser} SHA "${v3.authKey}" AES "${v3.privKey}"`,
      `createUser ${v3.sha256User} SHA-256 "${v3.sha256Key}"`,
      `rouser ${v3.privUser} priv`,
      `rouser ${v3.sha256User} auth`,
      `rocommunity ${v3.community} 127.0.0.1`,
      '',
    ].join('\n'),
  );
  const peer = startPeer(bin, ['-f', '-Lo', '-C', '-c', conf, '-p', join(dir, 'pid')]);
  await waitForAgent(peer, port, v3.community, 'snmpd');
  return {
    port,
    peer,
    async stop() {
      await peer.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
