import { z } from 'zod';
import { text } from '../fields.js';

/** `api.tokens[]`: bearer tokens, stored only as their SHA-256. */
export function tokenSchema() {
  return z.strictObject({
    name: text(),
    sha256: z.custom<string>((v) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v), {
      error: () => 'expected the SHA-256 of the token as 64 lowercase hex digits (never the token itself)',
    }),
    role: z.enum(['admin', 'technician', 'staff']),
  });
}
