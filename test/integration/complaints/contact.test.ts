import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '../web/stack.js';
import { type ComplaintZone, people, startComplaintZone, tokens } from './zone.js';

// Attachment 5: whoever leaks a complainant's information is held responsible. The number a citizen
// leaves is in full only on the complaint page of the people who handle complaints (technician, lead,
// admin, the staff member it is assigned to) and in the register export; everywhere else it is masked
// or absent. This test collects every log line, message, metric, API answer and page, role by role,
// and looks for the number however it is written.

const typed = '138 1234 5678';
// The digits in order with at most two separators between them: "13812345678", "138-1234-5678",
// "138 1234 5678" — but not the masked "138****5678".
const leak = /1\D{0,2}3\D{0,2}8\D{0,2}1\D{0,2}2\D{0,2}3\D{0,2}4\D{0,2}5\D{0,2}6\D{0,2}7\D{0,2}8/;

let zone: ComplaintZone;
beforeAll(async () => {
  zone = await startComplaintZone();
}, 60_000);
afterAll(() => zone?.stop());

interface Seen {
  readonly who: string;
  readonly what: string;
  readonly body: string;
}
const seen: Seen[] = [];
async function page(b: Browser, who: string, path: string): Promise<string> {
  const r = await b.request(path);
  const body = await r.text();
  seen.push({ who, what: `GET ${path} → ${r.status}`, body });
  return body;
}
const csrfOf = (body: string) => /name="csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';

describe('the complainant’s phone number', () => {
  it('is shown in full only where the rules allow, and every such view is audited', async () => {
    // A citizen's report from the QR form, with the number in the description as well.
    const citizen = await zone.browser('public');
    const form = await page(citizen, 'citizen', '/report?device=printer-01');
    const fields = {
      csrf: csrfOf(form),
      nonce: /name="nonce" value="([^"]+)"/.exec(form)?.[1] ?? '',
      device: 'printer-01',
      problem: 'jam',
      contact: typed,
    };
    // First with a mistake: the form comes back with the number still in its own field (the
    // citizen's own page), and the message about the mistake does not repeat it.
    const wrong = await citizen.post('/report', {
      ...fields,
      description: '卡纸了 <b>急</b>，电话 13812345678',
    });
    expect(wrong.status).toBe(400);
    const wrongPage = await wrong.text();
    expect(wrongPage).toContain(`value="${typed}"`);
    const messages = [...wrongPage.matchAll(/<p class="field-err"[^>]*>([^<]*)<\/p>/g)]
      .map((m) => m[1])
      .join(' ');
    expect(messages).not.toMatch(leak);
    const sent = await citizen.post('/report', { ...fields, description: '卡纸了，电话 13812345678' });
    expect(sent.status).toBe(303);
    await page(citizen, 'citizen', sent.headers.get('location') ?? '');
    // The API refuses a wrong body without echoing the contact, right or wrong.
    for (const body of [
      { deviceId: 'printer-01', problem: 'jam', description: '<script>', contact: typed },
      { deviceId: 'printer-01', problem: 'jam', contact: '1381234567' },
    ]) {
      const r = await zone.api('POST', '/public-reports', { body, ip: '127.0.40.1', who: 'citizen-api' });
      expect(r.status).toBe(400);
      expect(r.body).not.toMatch(leak);
      expect(r.body).not.toContain('1381234567');
    }
    const list = (await zone.api('GET', '/complaints', { token: tokens.staff })).json as {
      complaints: Array<{ id: number; caseNo: string; contact: string }>;
    };
    const c = list.complaints[0] as { id: number; caseNo: string; contact: string };
    expect(c.contact).toBe('138****5678');
    const faultId = (
      (await zone.api('GET', '/faults?kind=jam', { token: tokens.staff })).json as {
        faults: Array<{ id: number }>;
      }
    ).faults[0]?.id as number;

    // Role by role, the pages. Allowed: the complaint page for technician, lead, admin (and B once assigned).
    const allowed = new Set<string>();
    const browsers = {
      a: await zone.browser('a'),
      b: await zone.browser('b'),
      lead: await zone.browser('lead'),
      tech: await zone.browser('tech'),
      admin: await zone.browser('admin'),
    };
    const staffPages = [
      '/',
      '/complaints',
      `/complaints/${c.id}`,
      `/faults/${faultId}`,
      '/qr',
      '/complaints/export.csv',
    ];
    for (const [who, b] of Object.entries(browsers)) for (const p of staffPages) await page(b, who, p);
    for (const who of ['lead', 'tech', 'admin']) {
      allowed.add(`${who} GET /complaints/${c.id} → 200`);
      allowed.add(`${who} GET /complaints/export.csv → 200`);
    }
    // The technician assigns it to the B post; now B sees it in full, A still masked.
    const techPage = await page(browsers.tech, 'tech', `/complaints/${c.id}`);
    const assigned = await browsers.tech.post(`/complaints/${c.id}/assign`, {
      csrf: csrfOf(techPage),
      personId: people.b.id,
    });
    expect(assigned.status).toBe(303);
    await page(browsers.b, 'b-assigned', `/complaints/${c.id}`);
    await page(browsers.a, 'a-after', `/complaints/${c.id}`);
    allowed.add(`b-assigned GET /complaints/${c.id} → 200`);
    const bPage = seen.find((s) => s.who === 'b-assigned')?.body ?? '';
    expect(bPage).toContain('href="tel:13812345678"');
    expect(bPage).toContain('卡纸了，电话 13812345678');
    const aPage = seen.find((s) => s.who === 'a-after')?.body ?? '';
    expect(aPage).toContain('138****5678');
    expect(aPage).toContain('卡纸了，电话 138****5678');
    // The assigned staff member accepts it (the answer to the form is a redirect, nothing more).
    const accepted = await browsers.b.post(`/complaints/${c.id}/accept`, { csrf: csrfOf(bPage) });
    expect(accepted.status).toBe(303);

    // The API, for each token, every read there is; the register export is the one place with the number.
    for (const token of [tokens.staff, tokens.technician]) {
      for (const path of [
        '/complaints',
        `/complaints/${c.id}`,
        '/faults',
        `/faults/${faultId}`,
        '/complaints?state=active',
        '/audit',
      ])
        await zone.api('GET', path, { token });
      await zone.api('POST', `/complaints/${c.id}/link`, { token, body: { faultId } });
    }
    const csv = await zone.api('GET', '/complaints/export.csv', { token: tokens.technician });
    expect(csv.status).toBe(200);
    // UTF-8 with a byte-order mark (fetch's text() drops the mark, so the bytes are read as well).
    expect(csv.body.startsWith('编号,类型,问题,设备,内容,联系电话')).toBe(true);
    const raw = await fetch(`${zone.base}/api/v1/complaints/export.csv`, {
      headers: { authorization: `Bearer ${tokens.technician}` },
    });
    expect([...new Uint8Array(await raw.arrayBuffer()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.body).toContain(
      `${c.caseNo},投诉,卡纸,打印机 P-01,卡纸了，电话 13812345678,13812345678,2026-12-01 10:00,`,
    );
    expect((await zone.api('GET', '/complaints/export.csv', { token: tokens.staff })).status).toBe(403);

    // Messages, metrics, logs.
    await zone.dispatch();
    const outbox = zone.app.zone ? await zone.app.zone.notifier.outbox.all() : [];
    expect(outbox.length).toBeGreaterThan(0);
    const metrics = await (await fetch(`${zone.base}/metrics`)).text();
    const audit = zone.app.store ? await zone.app.store.audit.list() : [];
    const everything: Seen[] = [
      ...seen,
      ...zone.seen.filter(
        (s) => !(s.what === 'GET /complaints/export.csv' && s.who === `token:${tokens.technician}`),
      ),
      ...zone.messages().map((m, i) => ({ who: 'wecom', what: `message ${i}`, body: m })),
      ...outbox.map((n) => ({ who: 'outbox', what: n.eventKey, body: JSON.stringify(n.payload) })),
      { who: 'anyone', what: '/metrics', body: metrics },
      ...zone.logs.map((l, i) => ({ who: 'log', what: `line ${i}`, body: l })),
      ...audit.map((a) => ({ who: 'audit', what: a.action, body: JSON.stringify(a) })),
    ];
    expect(everything.length).toBeGreaterThan(60);
    const leaked = everything.filter((s) => !allowed.has(`${s.who} ${s.what}`) && leak.test(s.body));
    expect(leaked.map((s) => `${s.who} ${s.what}`)).toEqual([]);
    // …and the places that are allowed do show it (the test can find it).
    for (const key of allowed) {
      const s = everything.find((x) => `${x.who} ${x.what}` === key);
      expect(s && leak.test(s.body), key).toBe(true);
    }
    // Staff who may not see it in full are told who can.
    expect(aPage).toContain('如需回电，请联系技术员或专区负责人');
    // Every unmasked view is in the audit log: tech (twice), lead, admin, B; and each export (the API twice).
    const views = audit.filter((a) => a.action === 'complaint.contact-view');
    expect(views.map((a) => a.actor).sort()).toEqual(['王芳', '管理员', '赵主任', '陈刚', '陈刚'].sort());
    expect(
      audit
        .filter((a) => a.action === 'complaint.export')
        .map((a) => a.actor)
        .sort(),
    ).toEqual(['tech-token', 'tech-token', '管理员', '赵主任', '陈刚'].sort());
  }, 60_000);
});
