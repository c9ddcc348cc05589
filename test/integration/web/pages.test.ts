import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../../src/config/schema.js';
import { Browser, pins, startWebStack, type WebStack, webConfig } from './stack.js';

// A 1×1 PNG written by us (not a fixture).
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const xss = '<script>alert("x")</script><img src=x onerror=alert(1)>';

function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer }) {
  const boundary = '----zoneopsTestBoundary42';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

let config: Config;
let stack: WebStack;
beforeAll(async () => {
  config = await webConfig(3);
  stack = await startWebStack(config);
});
afterAll(() => stack.stop());

describe('sign-in and sessions', () => {
  it('redirects to sign-in, then signs in with a HttpOnly SameSite=Strict expiring cookie', async () => {
    const b = new Browser(stack.base);
    const first = await b.request('/');
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/login?next=%2F');
    const { csrf } = await b.page('/login');
    const res = await b.post('/login', { csrf: csrf ?? '', person: 'staff-a', pin: pins.staff, next: '/' });
    expect(res.status).toBe(303);
    const set = res.headers.getSetCookie().find((c) => c.startsWith('zo_session='));
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    // web.sessionMinutes default 600 → Max-Age 36000 s.
    expect(set).toMatch(/Max-Age=36000/);
    const status = await b.page('/');
    expect(status.status).toBe(200);
    expect(status.body).toContain('电脑 1');
    expect(status.body).toContain('插座 1');
    expect(status.body).toContain('查阅区');
  });

  it('locks an account after 3 wrong PINs, refuses even the right PIN while locked, unlocks later', async () => {
    const b = new Browser(stack.base);
    for (let i = 0; i < 2; i++) expect((await b.signIn('tech-a', '0000')).status).toBe(401);
    expect((await b.signIn('tech-a', '0000')).status).toBe(429);
    const locked = await b.signIn('tech-a', pins.tech);
    expect(locked.status).toBe(429);
    expect(b.cookies.has('zo_session')).toBe(false);
    await stack.clock.advance(16 * 60_000);
    expect((await b.signIn('tech-a', pins.tech)).status).toBe(303);
    expect(b.cookies.has('zo_session')).toBe(true);
  });

  it('signs out only with the CSRF token, and the session is gone afterwards', async () => {
    const b = new Browser(stack.base);
    await b.signIn('staff-a', pins.staff);
    expect((await b.post('/logout', {})).status).toBe(403);
    const { csrf } = await b.page('/');
    expect((await b.post('/logout', { csrf: csrf ?? '' })).status).toBe(303);
    expect((await b.request('/')).status).toBe(303);
  });
});

describe('CSRF', () => {
  it('refuses every form without (or with a foreign) token', async () => {
    const id = await stack.faults.raise({ deviceId: 'pc-01', kind: 'unreachable', detail: 'test' });
    const staff = new Browser(stack.base);
    await staff.signIn('staff-a', pins.staff);
    const other = new Browser(stack.base);
    await other.signIn('staff-a', pins.staff);
    const foreign = (await other.page('/')).csrf ?? '';
    expect((await staff.post(`/faults/${id}/ack`, {})).status).toBe(403);
    expect((await staff.post(`/faults/${id}/ack`, { csrf: foreign })).status).toBe(403);
    expect((await staff.post(`/faults/${id}/resolve`, { note: 'x' })).status).toBe(403);
    expect(
      (await new Browser(stack.base).post('/login', { person: 'staff-a', pin: pins.staff })).status,
    ).toBe(403);
    expect(
      (await new Browser(stack.base).post('/report', { device: 'pc-01', description: 'broken' })).status,
    ).toBe(403);
    const m = multipart({ target: 'reading-area', task: 'clean' });
    const h = await staff.request('/hygiene/record', {
      method: 'POST',
      headers: { 'content-type': m.type },
      body: m.body,
    });
    expect(h.status).toBe(403);
    const f = await stack.faults.get(id);
    expect(f?.fault.state).toBe('open');
  });
});

describe('roles', () => {
  it('a staff session cannot record vendor contact or resolve a technician fault; a technician can', async () => {
    const id = await stack.faults.raise({ deviceId: 'plug-01', kind: 'unreachable', detail: 'test' });
    const staff = new Browser(stack.base);
    await staff.signIn('staff-a', pins.staff);
    const page = await staff.page(`/faults/${id}`);
    expect(page.body).not.toContain(`action="/faults/${id}/vendor-contact"`);
    const csrf = page.csrf ?? '';
    expect(
      (await staff.post(`/faults/${id}/vendor-contact`, { csrf, party: 'vendor', whom: '张三' })).status,
    ).toBe(403);
    expect((await staff.post(`/faults/${id}/resolve`, { csrf, note: '修好了' })).status).toBe(403);
    expect((await stack.faults.get(id))?.fault.state).toBe('open');
    // Attendants may acknowledge.
    expect((await staff.post(`/faults/${id}/ack`, { csrf })).status).toBe(303);

    const tech = new Browser(stack.base);
    await tech.signIn('tech-a', pins.tech);
    const t = (await tech.page(`/faults/${id}`)).csrf ?? '';
    expect(
      (await tech.post(`/faults/${id}/vendor-contact`, { csrf: t, party: 'vendor', whom: '张三' })).status,
    ).toBe(303);
    expect((await tech.post(`/faults/${id}/resolve`, { csrf: t, note: '更换网线' })).status).toBe(303);
    expect((await stack.faults.get(id))?.fault.state).toBe('resolved');
  });
});

describe('XSS', () => {
  it('escapes hostile text in every field that is shown again', async () => {
    const pub = new Browser(stack.base);
    const form = await pub.page('/report?device=pc-01');
    const r = await pub.post('/report', { csrf: form.csrf ?? '', device: 'pc-01', description: xss });
    expect(r.status).toBe(201);
    const list = await stack.faults.list({ state: 'active', deviceId: 'pc-01', kind: 'public-report' });
    const id = list[0]?.id as number;
    const tech = new Browser(stack.base);
    await tech.signIn('tech-a', pins.tech);
    const csrf = (await tech.page(`/faults/${id}`)).csrf ?? '';
    expect((await tech.post(`/faults/${id}/ack`, { csrf, note: xss })).status).toBe(303);
    const v = { csrf, party: 'vendor', whom: xss, ticket: xss.slice(0, 90), note: xss };
    expect((await tech.post(`/faults/${id}/vendor-contact`, v)).status).toBe(303);
    expect((await tech.post(`/faults/${id}/resolve`, { csrf, note: xss })).status).toBe(303);
    const shown = (await tech.page(`/faults/${id}`)).body;
    expect(shown).not.toMatch(/<script>|<img src=x/);
    expect(shown).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    // Query strings that are echoed into forms.
    for (const path of [
      `/login?next=${encodeURIComponent(`"><script>x</script>`)}`,
      `/report?device=${encodeURIComponent(xss)}`,
    ]) {
      const body = (await pub.page(path)).body;
      expect(body).not.toMatch(/<script>|<img src=x/);
    }
    const staff = new Browser(stack.base);
    await staff.signIn('staff-a', pins.staff);
    const h = await staff.page(
      `/hygiene/record?target=${encodeURIComponent(xss)}&task=${encodeURIComponent(xss)}`,
    );
    expect(h.body).not.toMatch(/<script>|<img src=x/);
  });
});

describe('public report', () => {
  it('validates the device, the description and the phone number, then rate-limits per address', async () => {
    const clock = stack.clock;
    await clock.advance(2 * 60 * 60_000);
    const pub = new Browser(stack.base);
    const csrf = (await pub.page('/report')).csrf ?? '';
    expect((await pub.post('/report', { csrf, device: 'no-such', description: '坏了' })).status).toBe(400);
    expect((await pub.post('/report', { csrf, device: 'pc-01', description: '   ' })).status).toBe(400);
    expect(
      (await pub.post('/report', { csrf, device: 'pc-01', description: '坏了', contact: 'call me<b>' }))
        .status,
    ).toBe(400);
    // web.publicReports.perHour is 3 in this test config and the three refused above count too.
    const ok = await pub.post('/report', {
      csrf,
      device: 'pc-01',
      description: '坏了',
      contact: '13800000000',
    });
    expect(ok.status).toBe(429);
    await clock.advance(61 * 60_000);
    const good = await pub.post('/report', {
      csrf,
      device: 'pc-01',
      description: '屏幕不亮',
      contact: '13800000000',
    });
    expect(good.status).toBe(201);
    expect(await good.text()).toMatch(/谢谢/);
    await pub.post('/report', { csrf, device: 'pc-01', description: '还是不亮' });
    await pub.post('/report', { csrf, device: 'pc-01', description: '还是不亮' });
    const limited = await pub.post('/report', { csrf, device: 'pc-01', description: '还是不亮' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('hygiene record', () => {
  it('records a cleaning with a photo in one submit and shows it done on the status page', async () => {
    const b = new Browser(stack.base);
    await b.signIn('staff-a', pins.staff);
    const before = await b.page('/');
    expect(before.body).toMatch(
      /查阅区<\/td><td>清洁<\/td><td>[^<]*<\/td>\s*<td><span class="st st-(due|overdue)/,
    );
    const csrf = (await b.page('/hygiene/record?target=reading-area')).csrf ?? '';
    const m = multipart(
      { csrf, target: 'reading-area', task: 'clean', method: '湿抹布', agent: '', note: xss },
      { name: 'photo', data: png },
    );
    const res = await b.request('/hygiene/record', {
      method: 'POST',
      headers: { 'content-type': m.type },
      body: m.body,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/hygiene\/record\?saved=1/);
    const after = await b.page('/');
    expect(after.body).toMatch(
      /查阅区<\/td><td>清洁<\/td><td>[^<]*<\/td>\s*<td><span class="st st-(on-time|late)/,
    );
    const photos = await stack.store.db.all<{ mime: string }>('SELECT mime FROM hygiene_photos');
    expect(photos).toEqual([{ mime: 'image/png' }]);
  });
});
