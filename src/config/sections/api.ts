import { z } from 'zod';
import { text } from '../fields.js';
import { say } from '../problems.js';

/** `api.tokens[]`: bearer tokens, stored only as their SHA-256. */
export function tokenSchema() {
  return z.strictObject({
    name: text(),
    sha256: z.custom<string>((v) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v), {
      error: () =>
        say(
          'expected the SHA-256 of the token as 64 lowercase hex digits (never the token itself)',
          '应为令牌的 SHA-256（64 位小写十六进制），不能直接写令牌',
        ),
    }),
    role: z.enum(['admin', 'technician', 'staff']),
  });
}
