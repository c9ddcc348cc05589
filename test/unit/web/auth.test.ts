import { describe, expect, it } from 'vitest';
import { cleanText, safeNext } from '../../../src/web/context.js';
import { anonymousToken, cookie, newToken, parseCookies, tokensMatch } from '../../../src/web/csrf.js';
import { accountLock, addressWait, decide } from '../../../src/web/lockout.js';
import { boundaryOf, parseMultipart } from '../../../src/web/multipart.js';
import { hashPin, pinHashPattern, verifyPin } from '../../../src/web/pin-hash.js';
import { PinPool } from '../../../src/web/pin-pool.js';

const policy = { maxFailures: 3, windowMinutes: 15, lockMinutes: 10, freeTries: 3 };
const min = 60_000;

describe('PIN hashing (scrypt)', () => {
  it('hashes with a fresh salt and verifies only the right PIN', async () => {
    const a = await hashPin('246810', { N: 1024, r: 8, p: 1 });
    const b = await hashPin('246810', { N: 1024, r: 8, p: 1 });
    expect(a).toMatch(pinHashPattern);
    expect(a.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(a).not.toBe(b);
    expect(a).not.toContain('246810');
    expect(await verifyPin('246810', a)).toBe(true);
    expect(await verifyPin('246811', a)).toBe(false);
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
    // New PINs have six digits at least; a hash of an older 4-digit PIN still verifies.
    await expect(hashPin('2468')).rejects.toThrow(/at least 6/);
    expect(await hashPin('246810')).toMatch(/^scrypt\$65536\$8\$1\$/);
  });
});

describe('lockout (src/web/lockout.ts)', () => {
  const t0 = 1_000_000_000;
  const fail = (at: number, client = 'a', personId = 'p1') => ({ at, ok: false, personId, client });
  const ok = (at: number, client = 'a', personId = 'p1') => ({ at, ok: true, personId, client });

  it('an account locks only on failures from two addresses or more, until lockMinutes after the last', () => {
    const oneAddress = [0, 1, 2, 3].map((i) => fail(t0 + i * min));
    expect(accountLock(oneAddress, t0 + 4 * min, policy)).toEqual({ locked: false });
    const two = [fail(t0), fail(t0 + min, 'b'), fail(t0 + 2 * min)];
    expect(accountLock(two, t0 + 3 * min, policy)).toEqual({ locked: true, until: t0 + 12 * min });
    expect(accountLock(two, t0 + 12 * min, policy)).toEqual({ locked: false });
  });

  it('a success resets the account count; failures outside the window do not count', () => {
    const a = [fail(t0), fail(t0 + min, 'b'), ok(t0 + 2 * min), fail(t0 + 3 * min, 'c')];
    expect(accountLock(a, t0 + 4 * min, policy)).toEqual({ locked: false });
    const old = [fail(t0), fail(t0 + min, 'b'), fail(t0 + 20 * min, 'c')];
    expect(accountLock(old, t0 + 21 * min, policy)).toEqual({ locked: false });
  });

  it('an address gets freeTries, then waits 5 s, 10 s, 20 s … after its last failure, at most lockMinutes', () => {
    const f = (n: number) => Array.from({ length: n }, (_, i) => fail(t0 + i, 'a', i % 2 ? 'p1' : '?'));
    expect(addressWait(f(2), t0 + 10, policy)).toBe(t0 + 10);
    expect(addressWait(f(3), t0 + 10, policy)).toBe(t0 + 2 + 5000);
    expect(addressWait(f(4), t0 + 10, policy)).toBe(t0 + 3 + 10_000);
    expect(addressWait(f(6), t0 + 10, policy)).toBe(t0 + 5 + 40_000);
    expect(addressWait(f(40), t0 + 10, policy)).toBe(t0 + 39 + 10 * min);
    // A typo the same address then got right does not count; failures over a day old neither.
    expect(addressWait([fail(t0), fail(t0 + 1), fail(t0 + 2), ok(t0 + 3)], t0 + 10, policy)).toBe(t0 + 10);
    expect(addressWait(f(5), t0 + 86_400_010, policy)).toBe(t0 + 86_400_010);
  });

  it('decides: locked before slow-down, both with the time to wait', () => {
    const locked = [fail(t0), fail(t0 + 1, 'b'), fail(t0 + 2)];
    expect(decide(locked, [], t0 + 3, policy)).toEqual({
      allowed: false,
      reason: 'locked',
      until: t0 + 2 + 10 * min,
    });
    expect(decide([], [fail(t0), fail(t0 + 1), fail(t0 + 2)], t0 + 3, policy)).toEqual({
      allowed: false,
      reason: 'slow-down',
      until: t0 + 5002,
    });
    expect(decide([], [], t0, policy)).toEqual({ allowed: true });
  });
});

describe('the PIN hashing pool', () => {
  it('runs at most `concurrency` at once, queues `queue`, and turns the rest away at once', async () => {
    const pool = new PinPool(1, 2);
    let running = 0;
    let most = 0;
    const job = () =>
      pool.run(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return 1;
      });
    const results = await Promise.all([job(), job(), job(), job(), job()]);
    expect(most).toBe(1);
    expect(results.filter((r) => r === undefined)).toHaveLength(2);
    expect(await job()).toEqual({ value: 1 });
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
