import { describe, expect, it } from 'vitest';
import { cleanText, safeNext } from '../../../src/web/context.js';
import { anonymousToken, cookie, newToken, parseCookies, tokensMatch } from '../../../src/web/csrf.js';
import { lockState } from '../../../src/web/lockout.js';
import { boundaryOf, parseMultipart } from '../../../src/web/multipart.js';
import { hashPin, pinHashPattern, verifyPin } from '../../../src/web/pin-hash.js';

const policy = { maxFailures: 3, windowMinutes: 15, lockMinutes: 10 };
const min = 60_000;

describe('PIN hashing (scrypt)', () => {
  it('hashes with a fresh salt and verifies only the right PIN', async () => {
    const a = await hashPin('2468', { N: 1024, r: 8, p: 1 });
    const b = await hashPin('2468', { N: 1024, r: 8, p: 1 });
    expect(a).toMatch(pinHashPattern);
    expect(a.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(a).not.toBe(b);
    expect(a).not.toContain('2468');
    expect(await verifyPin('2468', a)).toBe(true);
    expect(await verifyPin('2469', a)).toBe(false);
    expect(await verifyPin('', a)).toBe(false);
  });

  it('never matches a malformed or absurd stored hash', async () => {
    expect(await verifyPin('2468', 'plain-2468')).toBe(false);
    expect(
      await verifyPin(
        '2468',
        'scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      ),
    ).toBe(false);
    await expect(hashPin('12')).rejects.toThrow(/at least 4/);
  });
});

describe('lockout', () => {
  it('locks after maxFailures within the window, until lockMinutes after the last failure', () => {
    const t0 = 1_000_000_000;
    const fails = [0, 1, 2].map((i) => ({ at: t0 + i * min, ok: false }));
    expect(lockState(fails.slice(0, 2), t0 + 2 * min, policy)).toEqual({ locked: false, failuresLeft: 1 });
    expect(lockState(fails, t0 + 3 * min, policy)).toEqual({ locked: true, until: t0 + 12 * min });
    expect(lockState(fails, t0 + 12 * min, policy)).toEqual({ locked: false, failuresLeft: 3 });
  });

  it('a success resets the count; failures outside the window do not count', () => {
    const t0 = 1_000_000_000;
    const a = [
      { at: t0, ok: false },
      { at: t0 + min, ok: false },
      { at: t0 + 2 * min, ok: true },
      { at: t0 + 3 * min, ok: false },
    ];
    expect(lockState(a, t0 + 4 * min, policy)).toEqual({ locked: false, failuresLeft: 2 });
    const old = [0, 1, 20].map((m) => ({ at: t0 + m * min, ok: false }));
    expect(lockState(old, t0 + 21 * min, policy)).toEqual({ locked: false, failuresLeft: 2 });
  });
});

describe('CSRF tokens and cookies', () => {
  it('matches only the same token, in constant time, refusing non-strings', () => {
    const t = newToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokensMatch(t, t)).toBe(true);
    expect(tokensMatch(t, `${t}x`)).toBe(false);
    expect(tokensMatch(t, newToken())).toBe(false);
    expect(tokensMatch(t, undefined)).toBe(false);
    expect(tokensMatch(t, [t])).toBe(false);
    expect(tokensMatch(t, '')).toBe(false);
  });

  it('binds anonymous tokens to the visitor cookie and the server key', () => {
    const key = Buffer.alloc(32, 1);
    const a = anonymousToken(key, 'visitor-a');
    expect(anonymousToken(key, 'visitor-a')).toBe(a);
    expect(anonymousToken(key, 'visitor-b')).not.toBe(a);
    expect(anonymousToken(Buffer.alloc(32, 2), 'visitor-a')).not.toBe(a);
  });

  it('writes HttpOnly SameSite=Strict cookies and reads only well-formed ones', () => {
    expect(cookie('zo_session', 'abc', { maxAgeSeconds: 60, secure: true })).toBe(
      'zo_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=60; Secure',
    );
    const c = parseCookies('a=1; zo_session=abc_-; bad=<x>; zo_session=second');
    expect(c.get('zo_session')).toBe('abc_-');
    expect(c.has('bad')).toBe(false);
  });
});

describe('form helpers', () => {
  it('allows only local redirect targets', () => {
    expect(safeNext('/faults/3')).toBe('/faults/3');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('/\\evil')).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext(undefined)).toBe('/');
  });

  it('folds line breaks, refuses control characters and over-long text', () => {
    expect(cleanText(' 屏幕\r\n不亮 ', 10)).toBe('屏幕 不亮');
    expect(cleanText('a\u0000b', 10)).toBeNull();
    expect(cleanText('abcdef', 5)).toBeNull();
    expect(cleanText('   ', 5)).toBeUndefined();
  });

  it('parses multipart fields and a file, treating an empty file input as no file', () => {
    const type = 'multipart/form-data; boundary=XyZ';
    const body = Buffer.from(
      '--XyZ\r\nContent-Disposition: form-data; name="task"\r\n\r\nclean\r\n' +
        '--XyZ\r\nContent-Disposition: form-data; name="photo"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n' +
        '--XyZ\r\nContent-Disposition: form-data; name="empty"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n' +
        '--XyZ--\r\n',
      'latin1',
    );
    const boundary = boundaryOf(type) as string;
    expect(boundary).toBe('XyZ');
    const r = parseMultipart(body, boundary);
    if (!r.ok) throw new Error(r.problem);
    expect(r.fields.get('task')).toBe('clean');
    expect([...(r.files.get('photo')?.data ?? [])]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(r.files.has('empty')).toBe(false);
    expect(parseMultipart(Buffer.from('--XyZ\r\nno headers'), 'XyZ').ok).toBe(false);
  });
});
