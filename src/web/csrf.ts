import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * CSRF protection for every form. A signed-in form carries the session's own random token (stored with
 * the session); an anonymous form (sign-in, public report) carries HMAC(key, anonymous cookie), so a
 * page from another site can neither read nor forge it. Cookies are SameSite=Strict as well.
 */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function anonymousToken(key: Buffer, anonId: string): string {
  return createHmac('sha256', key).update(`zoneops-anon-form:${anonId}`).digest('base64url');
}

/** Constant-time comparison of two tokens (different lengths never match). */
export function tokensMatch(expected: string, presented: unknown): boolean {
  if (typeof presented !== 'string' || presented.length === 0 || presented.length > 200) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b) && expected.length === presented.length;
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    const value = part.slice(i + 1).trim();
    if (name && !out.has(name) && /^[A-Za-z0-9_-]{1,200}$/.test(value)) out.set(name, value);
  }
  return out;
}

interface CookieOptions {
  maxAgeSeconds?: number;
  secure: boolean;
}

/** HttpOnly, SameSite=Strict, Path=/ always; Max-Age=0 deletes. */
export function cookie(name: string, value: string, o: CookieOptions): string {
  const parts = [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict'];
  if (o.maxAgeSeconds !== undefined) parts.push(`Max-Age=${o.maxAgeSeconds}`);
  if (o.secure) parts.push('Secure');
  return parts.join('; ');
}
