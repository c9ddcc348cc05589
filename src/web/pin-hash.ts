import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { pinHashPattern } from '../config/sections/web.js';

export { pinHashPattern };

/**
 * Staff PINs and passwords as slow hashes (scrypt, node:crypto): a stolen config or database does not
 * give the PINs away by brute force cheaply. Stored as `scrypt$N$r$p$<salt b64url>$<hash b64url>` so the
 * cost can be raised later without breaking existing hashes.
 */

/**
 * N=2^16, r=8: 64 MiB and about half a second per try on one core (README "Security": measured with
 * `npm run bench:security`), so guessing every 6-digit PIN offline from a stolen hash takes days of one core.
 */
export const pinCost = { N: 65536, r: 8, p: 1 };
const defaults = pinCost;

/** New PINs have at least this many characters (the digits of a 6-digit PIN); older hashes still verify. */
export const minPinLength = 6;
const keyLength = 32;

function derive(pin: string, salt: Buffer, o: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { N: o.N, r: o.r, p: o.p, maxmem: 256 * o.N * o.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(pin.normalize('NFC'), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPin(
  pin: string,
  cost: { N: number; r: number; p: number } = defaults,
): Promise<string> {
  if (pin.length < minPinLength) throw new Error(`a PIN needs at least ${minPinLength} characters`);
  const salt = randomBytes(16);
  const key = await derive(pin, salt, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Constant-time check; a malformed stored hash never matches (and never throws). */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const m = pinHashPattern.exec(stored);
  if (!m) return false;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // N must be a power of two; refuse absurd costs a typo could ask for.
  if (N < 1024 || N > 1 << 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const expected = Buffer.from(m[5] as string, 'base64url');
  const key = await derive(pin, Buffer.from(m[4] as string, 'base64url'), { N, r, p });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * A fixed hash to check against when the account does not exist, at the same cost as `like` (a real
 * account's hash), so the answer takes as long as for a real name.
 */
export function dummyPinHash(like?: string): string {
  const m = like ? pinHashPattern.exec(like) : null;
  const [N, r, p] = m ? [m[1], m[2], m[3]] : [defaults.N, defaults.r, defaults.p];
  return `scrypt$${N}$${r}$${p}$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
}
