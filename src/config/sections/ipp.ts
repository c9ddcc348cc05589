import { z } from 'zod';
import { integer } from '../fields.js';

/**
 * The top-level `ipp:` section (all optional): how the IPP poll loop runs. Per-device settings (uri,
 * TLS policy, interval, timeout) stay in each device's `ipp:` block.
 */
export function ippSettingsSchema() {
  return z
    .strictObject({
      /** How many printers are polled at the same time. */
      maxConcurrent: integer(1, 1000).default(32),
      /** Longest interval for a printer that keeps failing. */
      maxBackoffSeconds: integer(60, 86_400).default(900),
    })
    .prefault({});
}
