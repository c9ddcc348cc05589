import { z } from 'zod';
import { integer, listenAddress, secret, text } from '../fields.js';
import type { SecretSources } from '../secret.js';

/**
 * The top-level `snmp:` section (all optional). Per-device settings (host, version, community,
 * interval, timeout, retries) stay in each device's `snmp:` block.
 */
export function snmpSettingsSchema(sources: SecretSources) {
  return z
    .strictObject({
      /** How many devices are polled at the same time. */
      maxConcurrent: integer(1, 1000).default(32),
      /** Longest interval for a device that keeps timing out. */
      maxBackoffSeconds: integer(60, 86_400).default(900),
      /** Replaces the built-in list of forbidden process/software name patterns (globs, case-insensitive). */
      forbiddenSoftware: z.array(text('a name pattern')).optional(),
      /** Added to the built-in (or replaced) list. */
      extraForbiddenSoftware: z.array(text('a name pattern')).default([]),
      trapReceiver: z
        .strictObject({
          enabled: z.boolean().default(false),
          listen: listenAddress().default({ host: '127.0.0.1', port: 162 }),
          communities: z.array(secret(sources)).default([]),
        })
        .prefault({}),
    })
    .prefault({});
}

export type SnmpSettings = z.output<ReturnType<typeof snmpSettingsSchema>>;
