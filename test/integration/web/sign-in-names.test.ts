import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../../src/config/schema.js';
import { verifyPin } from '../../../src/web/pin-hash.js';
import { runCli } from '../../helpers/cli.js';
import { Browser, pins, startWebStack, type WebStack, webConfig } from './stack.js';

/**
 * `web.listNames: false`: the sign-in page names nobody, staff type their name, and a name that does not
 * exist is answered exactly like a wrong PIN for one that does (README "Security", "Listing names").
 */
let stack: WebStack;
beforeAll(async () => {
  const config = await webConfig(3);
  stack = await startWebStack({ ...config, web: { ...config.web, listNames: false } } as Config);
});
afterAll(() => stack?.stop());

const withoutToken = (body: string) => body.replace(/name="csrf" value="[^"]+"/g, 'name="csrf" value=""');

describe('a sign-in page that lists no names (web.listNames: false)', () => {
  it('shows no account, signs in by typed name, and answers a made-up name like a wrong PIN', async () => {
    const b = new Browser(stack.base);
    const { status, body, csrf } = await b.page('/login');
    expect(status).toBe(200);
    expect(body).not.toContain('<select');
    // The two accounts' names (test/fixtures/foundation/minimal.yaml "甲", stack.ts "技术员乙").
    expect(body).not.toContain('甲');
    expect(body).not.toContain('技术员乙');
    expect(body).toMatch(/<input id="person" name="name"[^>]*autocomplete="username"/);

    // One typo each from two separate addresses (X-Forwarded-For from the trusted local proxy of the stack),
    // so neither is slowed down by the other.
    const known = new Browser(stack.base, '127.0.0.21');
    const t1 = (await known.page('/login')).csrf ?? '';
    const wrongPin = await known.post('/login', { csrf: t1, name: '甲', pin: '000000', next: '/' });
    const unknown = new Browser(stack.base, '127.0.0.22');
    const t2 = (await unknown.page('/login')).csrf ?? '';
    const noSuchName = await unknown.post('/login', { csrf: t2, name: '丙', pin: '000000', next: '/' });
    expect([wrongPin.status, noSuchName.status]).toEqual([401, 401]);
    const wrongPinPage = await wrongPin.text();
    expect(wrongPinPage).toContain('姓名或密码不正确。');
    expect(withoutToken(await noSuchName.text())).toBe(withoutToken(wrongPinPage));

    const res = await b.post('/login', { csrf: csrf ?? '', name: '甲', pin: pins.staff, next: '/' });
    expect(res.status).toBe(303);
    expect(b.cookies.has('zo_session')).toBe(true);
    expect((await b.page('/')).status).toBe(200);
  });
});

describe('zoneops web-pin-hash', () => {
  it('refuses a PIN shorter than 6 digits with a clear message, and hashes a 6-digit one at the shipped cost', async () => {
    const short = runCli(['web-pin-hash'], {}, 20_000, '2468\n');
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('PIN 至少 6 位');
    expect(short.stdout).toBe('');
    const ok = runCli(['web-pin-hash'], {}, 20_000, '246813\n');
    expect(ok.code).toBe(0);
    // scrypt N=2^16, r=8, p=1 (README "Security", "PIN cost").
    expect(ok.stdout).toMatch(/^scrypt\$65536\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}\n$/);
    expect(await verifyPin('246813', ok.stdout.trim())).toBe(true);
    expect(await verifyPin('246814', ok.stdout.trim())).toBe(false);
  });
});
