import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../../src/config/secret.js';
import { readDevice } from '../../../src/probes/snmp/read-device.js';
import type { SnmpTarget } from '../../../src/probes/snmp/transport.js';
import { type Snmpd, startSnmpd, v3 } from './snmpd.js';

let agent: Snmpd;
beforeAll(async () => {
  agent = await startSnmpd();
});
afterAll(async () => {
  await agent?.stop();
});

const s = (v: string) => new Secret(v, 'test');
const base = () => ({ host: '127.0.0.1', port: agent.port, timeoutMs: 2000, retries: 0 }) as const;
const read = (t: SnmpTarget) => readDevice(t, { deviceId: 'pc-v3', kindHint: 'pc', now: Date.now });

describe('SNMPv3 against a real snmpd', () => {
  it('authPriv with SHA + AES reads the host (HOST-RESOURCES of this machine)', async () => {
    const r = await read({
      ...base(),
      version: '3',
      user: v3.privUser,
      securityLevel: 'authPriv',
      authProtocol: 'sha',
      authKey: s(v3.authKey),
      privProtocol: 'aes',
      privKey: s(v3.privKey),
    });
    expect(r.observation.reachable).toBe(true);
    expect(r.sysDescr).toMatch(/^Linux /);
    expect(r.kind).toBe('pc');
    expect(r.observation.host?.processes).toContain('snmpd');
    expect(r.observation.host?.storage.some((x) => x.kind === 'ram' && x.sizeBytes > 0)).toBe(true);
    expect(r.uptimeSeconds).not.toBeNull();
  });

  it('authNoPriv with SHA-256', async () => {
    const r = await read({
      ...base(),
      version: '3',
      user: v3.sha256User,
      securityLevel: 'authNoPriv',
      authProtocol: 'sha256',
      authKey: s(v3.sha256Key),
    });
    expect(r.observation.reachable).toBe(true);
    expect(r.sysDescr).toMatch(/^Linux /);
  });

  it('a wrong auth key is an auth problem, with no key in the message', async () => {
    const r = await read({
      ...base(),
      version: '3',
      user: v3.privUser,
      securityLevel: 'authPriv',
      authProtocol: 'sha',
      authKey: s('wrongpass999'),
      privProtocol: 'aes',
      privKey: s(v3.privKey),
    });
    expect(r.observation.reachable).toBe(false);
    expect(r.observation.problem?.reason).toBe('auth');
    expect(r.observation.problem?.message).not.toContain('wrongpass999');
    expect(r.observation.problem?.message).not.toContain(v3.privKey);
  });

  it('an unknown user is an auth problem', async () => {
    const r = await read({ ...base(), version: '3', user: 'nobody-here', securityLevel: 'noAuthNoPriv' });
    expect(r.observation.reachable).toBe(false);
    expect(r.observation.problem?.reason).toBe('auth');
  });

  it('v2c with a wrong community times out with a hint, never showing the community', async () => {
    const r = await read({ ...base(), timeoutMs: 300, version: '2c', community: s('not-the-community') });
    expect(r.observation.problem?.reason).toBe('timeout');
    expect(r.observation.problem?.message).toContain('community is wrong');
    expect(JSON.stringify(r)).not.toContain('not-the-community');
  });

  it('v1 walks with GetNext', async () => {
    const r = await read({ ...base(), version: '1', community: s(v3.community) });
    expect(r.observation.reachable).toBe(true);
    expect(r.observation.host?.processes).toContain('snmpd');
  });
});
