import type { DeviceConfig } from '../../config/schema.js';
import type { SnmpTarget } from './transport.js';

type SnmpConfig = NonNullable<DeviceConfig['snmp']>;

/** A device's `snmp:` block → the transport target (secrets stay Secrets). */
export function targetFromConfig(s: SnmpConfig): SnmpTarget {
  return {
    host: s.host,
    port: s.port,
    version: s.version,
    timeoutMs: s.timeoutMs,
    retries: s.retries,
    ...(s.community ? { community: s.community } : {}),
    ...(s.user ? { user: s.user } : {}),
    ...(s.securityLevel ? { securityLevel: s.securityLevel } : {}),
    ...(s.authProtocol ? { authProtocol: s.authProtocol } : {}),
    ...(s.authKey ? { authKey: s.authKey } : {}),
    ...(s.privProtocol ? { privProtocol: s.privProtocol } : {}),
    ...(s.privKey ? { privKey: s.privKey } : {}),
    ...(s.context ? { context: s.context } : {}),
  };
}
