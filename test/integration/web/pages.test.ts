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

  it('one address: after 3 wrong PINs each try waits (5 s, then 10 s …), even the right PIN; others still sign in', async () => {
    const a = new Browser(stack.base, '127.0.0.11');
    for (let i = 0; i < 3; i++) expect((await a.signIn('tech-a', '000000')).status).toBe(401);
    const wait = await a.signIn('tech-a', pins.tech);
    expect(wait.status).toBe(429);
    expect(wait.headers.get('retry-after')).toBe('5');
    expect(await wait.text()).toContain('请 5 秒后再试');
    expect(a.cookies.has('zo_session')).toBe(false);
    // One address cannot lock the staff member out: from the phone (another address) it works.
    const phone = new Browser(stack.base, '127.0.0.12');
    expect((await phone.signIn('tech-a', pins.tech)).status).toBe(303);
    await stack.clock.advance(5000);
    expect((await a.signIn('tech-a', '000000')).status).toBe(401);
    expect((await a.signIn('tech-a', pins.tech)).headers.get('retry-after')).toBe('10');
    await stack.clock.advance(10_000);
    expect((await a.signIn('tech-a', pins.tech)).status).toBe(303);
  });

  it('wrong PINs from two addresses lock the account for everyone; a technician lifts it on /lockouts', async () => {
    const a = new Browser(stack.base, '127.0.0.21');
    const b = new Browser(stack.base, '127.0.0.22');
    expect((await a.signIn('staff-a', '000000')).status).toBe(401);
    expect((await a.signIn('staff-a', '000001')).status).toBe(401);
    expect((await b.signIn('staff-a', '000002')).status).toBe(429);
    const user = new Browser(stack.base, '127.0.0.23');
    const locked = await user.signIn('staff-a', pins.staff);
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain('账号已锁定至');
    expect((await new Browser(stack.base, '127.0.0.24').page('/lockouts')).status).toBe(303);
    const tech = new Browser(stack.base, '127.0.0.25');
    expect((await tech.signIn('tech-a', pins.tech)).status).toBe(303);
    const view = await tech.page('/lockouts');
    expect(view.status).toBe(200);
    expect(view.body).toContain('已锁定至');
    const lift = await tech.post('/lockouts/staff-a/lift', { csrf: view.csrf ?? '' });
    expect(lift.status).toBe(303);
    expect((await tech.page(lift.headers.get('location') ?? '')).body).toContain('已解除');
    expect((await user.signIn('staff-a', pins.staff)).status).toBe(303);
    // Staff may neither see nor lift lockouts.
    expect((await user.page('/lockouts')).status).toBe(403);
    const { csrf } = await user.page('/');
    expect((await user.post('/lockouts/tech-a/lift', { csrf: csrf ?? '' })).status).toBe(403);
    const audit = await stack.store.audit.list({});
    expect(audit.some((r) => r.action === 'web.lockout-lift' && r.actor === '技术员乙')).toBe(true);
    // The addresses that made the failures are not held back for them either.
    expect((await a.signIn('staff-a', pins.staff)).status).toBe(303);
  });

  it('a locked account unlocks by itself lockMinutes after the last failure', async () => {
    await stack.clock.advance(1000); // after the previous test's sign-in of tech-a
    const a = new Browser(stack.base, '127.0.0.31');
    const b = new Browser(stack.base, '127.0.0.32');
    await a.signIn('tech-a', '000000');
    await a.signIn('tech-a', '000001');
    expect((await b.signIn('tech-a', '000002')).status).toBe(429);
    expect((await b.signIn('tech-a', pins.tech)).status).toBe(429);
    await stack.clock.advance(16 * 60_000);
    expect((await b.signIn('tech-a', pins.tech)).status).toBe(303);
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
    // A citizen's markup is refused with a message, kept in the field (escaped) and not stored.
    const r = await pub.post('/report', {
      csrf: form.csrf ?? '',
      device: 'pc-01',
      problem: 'other',
      description: xss,
    });
    expect(r.status).toBe(400);
    const again = await r.text();
    expect(again).toContain('不要输入网页代码');
    expect(again).not.toMatch(/<script>|<img src=x/);
    expect(again).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(await stack.complaints.list({})).toHaveLength(0);
    const id = await stack.faults.raise({ deviceId: 'pc-01', kind: 'public-report', detail: xss });
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
      `/satisfaction?device=${encodeURIComponent(xss)}&c=${encodeURIComponent(xss)}`,
      `/complaints?case=${encodeURIComponent(xss)}&state=${encodeURIComponent(xss)}`,
    ]) {
      const body = (await tech.page(path)).body;
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
  it('names what is wrong and keeps the input; only stored reports count, per visitor (address, device and cookie)', async () => {
    const clock = stack.clock;
    await clock.advance(2 * 60 * 60_000);
    const pub = new Browser(stack.base);
    const form = await pub.page('/report');
    const csrf = form.csrf ?? '';
    // Without ?device= nothing is preselected; no plug is offered.
    expect(form.body).toContain('<option value="" selected>请选择</option>');
    expect(form.body).not.toContain('value="plug-01"');
    const refused = [
      { device: 'no-such', problem: 'device-broken', field: '没有找到这台设备' },
      { device: '', problem: 'jam', field: '请选择是哪台设备' },
      { device: 'pc-01', problem: 'service', description: '   ', field: '请简单说一下是什么问题' },
      {
        device: 'pc-01',
        problem: 'other',
        description: '坏了',
        contact: 'call me<b>',
        field: '联系电话格式不对',
      },
      { device: 'pc-01', problem: '', description: '坏了', field: '请选择问题类型' },
    ];
    for (const { field, ...f } of refused) {
      const r = await pub.post('/report', { csrf, ...f });
      expect(r.status, field).toBe(400);
      const page = await r.text();
      expect(page, field).toContain(field);
      // What was typed is still there.
      if (f.description?.trim()) expect(page).toContain(f.description);
      if (f.contact) expect(page).toContain('value="call me&lt;b&gt;"');
    }
    // web.publicReports.perHour is 3 in this test config; the refusals above used none of it.
    for (let i = 0; i < 3; i++) {
      const ok = await pub.post('/report', {
        csrf,
        device: 'pc-01',
        problem: 'device-broken',
        description: `屏幕不亮 ${i}`,
      });
      expect(ok.status).toBe(303);
      expect(ok.headers.get('location')).toMatch(/^\/report\/received\?case=GK-20250506-00\d&sig=/);
    }
    const limited = await pub.post('/report', {
      csrf,
      device: 'pc-01',
      problem: 'device-broken',
      description: '还是不亮',
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    const text = await limited.text();
    expect(text).toContain('请直接告诉现场的工作人员');
    expect(text).toContain('还是不亮');
    // Another citizen on the same Wi-Fi address (another cookie) is still heard, and so is this one about another device.
    const other = new Browser(stack.base);
    const c2 = (await other.page('/report?device=pc-01')).csrf ?? '';
    expect((await other.post('/report', { csrf: c2, device: 'pc-01', problem: 'jam' })).status).toBe(303);
    expect(
      (await pub.post('/report', { csrf, device: 'none', problem: 'service', description: '窗口没人' }))
        .status,
    ).toBe(303);
    expect(await stack.complaints.list({})).toHaveLength(5);
  });
});

describe('hygiene record', () => {
  it('records a cleaning with a photo in one submit and shows it done on the status page', async () => {
    const b = new Browser(stack.base);
    await b.signIn('staff-a', pins.staff);
    const before = await b.page('/');
    expect(before.body).toMatch(
      /查阅区<\/td><td data-label="[^"]+">清洁<\/td><td data-label="[^"]+">.*?<\/td><td data-label="[^"]+"><span class="st st-(due|overdue)/,
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
    const done = res.headers.get('location') ?? '';
    expect(done).toMatch(/^\/hygiene\/record\/done\?id=\d+$/);
    // The success page says what was recorded, whether on time, and that the photo was kept.
    const donePage = await b.page(done);
    expect(donePage.status).toBe(200);
    expect(donePage.body).toContain('已登记：查阅区清洁');
    expect(donePage.body).toMatch(/(按时|逾期)完成（截止 [^）]+）/);
    expect(donePage.body).toContain('照片已保存');
    const after = await b.page('/');
    expect(after.body).toMatch(
      /查阅区<\/td><td data-label="[^"]+">清洁<\/td><td data-label="[^"]+">.*?<\/td><td data-label="[^"]+"><span class="st st-(on-time|late)/,
    );
    const photos = await stack.store.db.all<{ mime: string }>('SELECT mime FROM hygiene_photos');
    expect(photos).toEqual([{ mime: 'image/png' }]);
  });
});

describe('bad query strings on the staff pages', () => {
  it('answers a Chinese page, never a 5xx, for any query string', async () => {
    const b = new Browser(stack.base);
    await b.signIn('staff-a', pins.staff);
    const month = await b.page('/reports?month=9999-12');
    expect(month.status).toBe(400);
    // The report's own refusal (domain/report-month.ts), beside the month field and announced.
    expect(month.body).toContain('9999年12月尚未开始，无法生成月报');
    expect(month.body).toMatch(/<p class="field-err" id="month-err" role="alert">/);
    // The printable inspection sheet of the month (hygiene/compliance-html.ts), for a session.
    const sheet = await b.page('/reports/hygiene?month=2025-05');
    expect(sheet.status).toBe(200);
    expect(sheet.body).toContain('清洁消毒执行情况');
    expect(sheet.body).toContain('检查人签字');
    expect((await b.page('/reports/hygiene?month=9999-12')).status).toBe(400);
    expect(month.body).toContain('value="9999-12"'); // the input is kept
    const weird = [
      '/reports?month=2025-13',
      '/reports?month[]=x',
      `/faults?state=%00&kind=%ff&device=${'x'.repeat(5000)}`,
      '/faults/abc',
      '/faults/99999999999999999999',
      '/devices?type=toaster&state=<b>',
      '/devices/%2e%2e%2fetc',
      '/power?x=1',
    ];
    for (const path of weird) {
      const r = await b.page(path);
      expect(r.status, path).toBeLessThan(500);
      expect(r.body, path).toMatch(/<html lang="zh-CN"/);
      expect(r.body, path).not.toContain('<b>');
    }
    const unknown = await b.page('/devices/no-such-device');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatch(/[\u4e00-\u9fff]/);
  });
});
