import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { createLogger } from '../../src/log.js';
import { hashPin } from '../../src/web/pin-hash.js';
import { testConfig } from '../helpers/config.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { Browser } from '../integration/web/stack.js';
import { allCaptured, capture, leakedSecrets } from './helpers/capture.js';
import { device, tokens, zoneConfig } from './helpers/daemon.js';
import { call, looksLikeCrash, type Reply, type Role } from './helpers/http.js';
import { emptyTally, saveTally } from './helpers/summary.js';

/**
 * Every way into the HTTP API and the pages, in-process (`createApp` with the web pages, features off,
 * a fake clock) over real HTTP on 127.0.0.1: the role table, hostile and random bodies and queries,
 * SQL injection, XSS in every stored text, photo uploads, the public rate limit, and a grep of
 * everything captured for the zone's secrets.
 */
const secrets = {
  community: 'rel-secret-community-91',
  v3auth: 'rel-secret-v3auth-key-33',
  v3priv: 'rel-secret-v3priv-key-44',
  webhookSecret: 'rel-secret-webhook-55',
  wecomKey: 'rel-secret-wecom-key-66',
  dingToken: 'rel-secret-ding-token-77',
  dingSecret: 'SECrel-secret-ding-88',
  smtpPassword: 'rel-secret-smtp-pass-99',
  pin: '864209',
  staffToken: tokens.staff,
  techToken: tokens.technician,
  adminToken: tokens.admin,
};
const xss = '<script>alert("x")</script><img src=x onerror=alert(1)>';
const tally = emptyTally();
const logged: string[] = [];
const answers: string[] = [];
let app: App;
let base = '';
const clock = new FakeClock('2025-05-06T02:00:00Z'); // Tuesday 10:00 in Shanghai

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zoneops-rel-api-'));
  const data = zoneConfig({
    port: 0,
    dbPath: join(dir, 'z.db'),
    devices: [
      device('pc-01', 'pc', {
        snmp: { host: '127.0.0.1', port: 9, version: '2c', community: secrets.community },
      }),
      device('pc-02', 'pc', {
        snmp: {
          host: '127.0.0.1',
          port: 9,
          version: 3,
          user: 'zoneops',
          securityLevel: 'authPriv',
          authProtocol: 'sha',
          authKey: secrets.v3auth,
          privProtocol: 'aes',
          privKey: secrets.v3priv,
        },
      }),
      device('printer-01', 'printer'),
    ],
  });
  data.notifiers = [
    { id: 'hook', type: 'webhook', url: 'http://127.0.0.1:9/hook', secret: secrets.webhookSecret },
    { id: 'wecom', type: 'wecom', key: secrets.wecomKey, baseUrl: 'http://127.0.0.1:9/cgi-bin/webhook/send' },
    {
      id: 'ding',
      type: 'dingtalk',
      accessToken: secrets.dingToken,
      secret: secrets.dingSecret,
      baseUrl: 'http://127.0.0.1:9/robot/send',
    },
    {
      id: 'mail',
      type: 'email',
      from: 'zoneops@localhost',
      smtp: { host: '127.0.0.1', port: 9, user: 'zoneops', password: secrets.smtpPassword },
    },
  ];
  data.people = [
    { id: 'staff-a', name: '甲', role: 'staff', post: 'A', phone: '13800000001', notify: ['hook', 'wecom'] },
    {
      id: 'tech',
      name: '技术员',
      role: 'technician',
      phone: '13800000003',
      email: 'tech@example.invalid',
      notify: ['ding', 'mail'],
    },
  ];
  data.alerts = { nonCritical: 'always', publicReportsPerHour: 5 };
  data.hygiene = {
    targets: [
      { id: 'reading-area', name: `查阅区${xss}`, tasks: ['clean', 'disinfect'] },
      { id: 'pc-01-t', name: '电脑 1', device: 'pc-01', tasks: ['clean'] },
    ],
    photoMaxBytes: 64 * 1024,
  };
  data.web = { accounts: [{ person: 'staff-a', pinHash: await hashPin(secrets.pin) }], sessionMinutes: 30 };
  const config = testConfig(data);
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logged.push(chunk.toString());
      cb();
    },
  });
  const logger = createLogger('debug', sink);
  app = createApp({
    config,
    clock,
    logger,
    listen: { host: '127.0.0.1', port: 0 },
    dbPath: join(dir, 'z.db'),
    withoutFeatures: true,
  });
  await app.start();
  base = `http://127.0.0.1:${app.address?.port}`;
});

afterAll(async () => {
  capture('api-security', [...logged, ...answers].join('\n'));
  await app?.stop();
  saveTally('api-security', tally);
});

async function send(method: string, path: string, opts: Parameters<typeof call>[3] = {}): Promise<Reply> {
  const r = await call(base, method, path, opts);
  answers.push(`${method} ${path} ${r.status} ${r.body.slice(0, 4000)}`);
  return r;
}

const tables = [
  'hygiene_records',
  'hygiene_photos',
  'maintenance_records',
  'faults',
  'public_reports',
  'silences',
  'power_overrides',
  'notifications',
];
async function snapshot(): Promise<string> {
  const db = app.store?.db;
  if (!db) throw new Error('no store');
  const out: string[] = [];
  for (const t of tables) {
    const row = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t}`).catch(() => ({ n: -1 }));
    out.push(`${t}=${row?.n}`);
  }
  return out.join(' ');
}

type Need = 'none' | Role;
interface Route {
  method: 'GET' | 'POST';
  path: string;
  need: Need;
  body?: () => unknown;
}
/** The API as the README lists it: route, method, role needed; a valid body where one is needed. */
const routes: Route[] = [
  { method: 'GET', path: '/api/v1/devices', need: 'staff' },
  { method: 'GET', path: '/api/v1/devices/pc-01', need: 'staff' },
  { method: 'GET', path: '/api/v1/devices/pc-01/maintenance', need: 'staff' },
  {
    method: 'POST',
    path: '/api/v1/devices/pc-01/maintenance',
    need: 'technician',
    body: () => ({ kind: 'repair', note: 'n', performedBy: 'x', performedOn: '2025-05-06' }),
  },
  { method: 'GET', path: '/api/v1/audit', need: 'admin' },
  { method: 'GET', path: '/api/v1/faults', need: 'staff' },
  { method: 'GET', path: '/api/v1/faults/1', need: 'staff' },
  { method: 'POST', path: '/api/v1/faults/1/ack', need: 'staff', body: () => ({}) },
  {
    method: 'POST',
    path: '/api/v1/faults/1/vendor-contact',
    need: 'technician',
    body: () => ({ party: 'vendor', whom: '厂家' }),
  },
  { method: 'POST', path: '/api/v1/faults/1/resolve', need: 'staff', body: () => ({ note: 'ok' }) },
  {
    method: 'POST',
    path: '/api/v1/silences',
    need: 'technician',
    body: () => ({ deviceId: 'pc-01', endsAt: '2025-05-06T12:00:00+08:00', reason: 'r' }),
  },
  {
    method: 'POST',
    path: '/api/v1/absences',
    need: 'staff',
    body: () => ({ personId: 'staff-a', date: '2025-05-06' }),
  },
  { method: 'GET', path: '/api/v1/schedule', need: 'staff' },
  {
    method: 'POST',
    path: '/api/v1/power/overrides',
    need: 'staff',
    body: () => ({ kind: 'keep-on', until: '23:00' }),
  },
  { method: 'POST', path: '/api/v1/power/pc-01', need: 'technician', body: () => ({ action: 'on' }) },
  {
    method: 'POST',
    path: '/api/v1/hygiene/records',
    need: 'staff',
    body: () => ({ target: 'reading-area', task: 'clean', by: '甲' }),
  },
  { method: 'POST', path: '/api/v1/hygiene/photos', need: 'staff' },
  { method: 'GET', path: '/api/v1/hygiene/records', need: 'staff' },
  { method: 'GET', path: '/api/v1/hygiene/records.csv', need: 'staff' },
  { method: 'GET', path: '/api/v1/hygiene/plan', need: 'staff' },
  { method: 'GET', path: '/api/v1/hygiene/compliance', need: 'staff' },
  { method: 'GET', path: '/api/v1/hygiene/compliance.html', need: 'staff' },
  {
    method: 'POST',
    path: '/api/v1/public-reports',
    need: 'none',
    body: () => ({ deviceId: 'printer-01', description: '打不出来' }),
  },
  { method: 'GET', path: '/healthz', need: 'none' },
  { method: 'GET', path: '/metrics', need: 'none' },
];
const lower: Record<Role, Role | undefined> = { staff: undefined, technician: 'staff', admin: 'technician' };

describe('authentication and roles, route by route', () => {
  it('no token → 401, invalid or malformed token → 401, a role too low → 403, never the handler', async () => {
    const table: string[] = [];
    for (const r of routes) {
      if (r.need === 'none') continue;
      const before = await snapshot();
      const body = r.body?.();
      const none = await send(r.method, r.path, body !== undefined ? { body } : {});
      const bad = await send(r.method, r.path, {
        token: 'not-a-token',
        ...(body !== undefined ? { body } : {}),
      });
      const malformed = await send(r.method, r.path, {
        headers: { authorization: 'Basic Zm9vOmJhcg==' },
        ...(body !== undefined ? { body } : {}),
      });
      const low = lower[r.need];
      const wrong = low
        ? await send(r.method, r.path, { role: low, ...(body !== undefined ? { body } : {}) })
        : undefined;
      table.push(
        `${r.method} ${r.path} need=${r.need}: none=${none.status} invalid=${bad.status} malformed=${malformed.status} lower=${wrong?.status ?? '-'}`,
      );
      expect([none.status, bad.status, malformed.status], `${r.method} ${r.path}`).toEqual([401, 401, 401]);
      if (wrong) expect(wrong.status, `${r.method} ${r.path} as ${low}`).toBe(403);
      for (const x of [none, bad, malformed, wrong])
        if (x) expect(x.contentType).toContain('application/problem+json');
      expect(await snapshot()).toBe(before);
      tally.inputsTried += wrong ? 4 : 3;
      tally.inputsRefusedCleanly += wrong ? 4 : 3;
    }
    tally.notes.push(
      `role table: ${table.length} protected routes × (no token, invalid, malformed, lower role) all refused`,
    );
    // The same routes with the right role get past the guard (not 401/403).
    for (const r of routes) {
      if (r.need === 'none' || r.path.endsWith('/photos')) continue;
      const ok = await send(r.method, r.path, { role: r.need, ...(r.body ? { body: r.body() } : {}) });
      expect([401, 403], `${r.method} ${r.path} as ${r.need}: ${ok.body}`).not.toContain(ok.status);
    }
  });

  it('web pages: signed-out → login; a session past its lifetime is refused like no session', async () => {
    const b = new Browser(base);
    expect((await b.request('/')).status).toBe(303);
    const signIn = await b.signIn('staff-a', secrets.pin);
    expect(signIn.status).toBe(303);
    expect((await b.page('/')).status).toBe(200);
    await clock.advance(31 * 60_000); // sessionMinutes: 30
    const after = await b.request('/');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toMatch(/^\/login/);
    clock.set(Date.parse('2025-05-06T02:00:00Z') + 40 * 60_000);
    tally.inputsTried += 2;
    tally.inputsRefusedCleanly += 2;
  });
});

const hostileStrings = [
  "' OR '1'='1",
  "'; DROP TABLE hygiene_records; --",
  '" OR 1=1 --',
  '1; DELETE FROM faults',
  'pc-01\u0000',
  '\uD800',
  '\u202Eevil',
  '\u200B',
  '𠜎'.repeat(300),
  'x'.repeat(100_000),
  '../../../../etc/passwd',
  '%00',
  '${jndi:ldap://127.0.0.1/a}',
  xss,
];
const pollutionBodies: unknown[] = [
  JSON.parse('{"__proto__":{"polluted":"yes"},"target":"reading-area","task":"clean"}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
  { toString: 'x', valueOf: 1, hasOwnProperty: 'x' },
];

/** Percent-encodes; a lone surrogate becomes the invalid UTF-8 bytes of one (a hostile query too). */
const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return s
      .split('')
      .map((c) => (/[\uD800-\uDFFF]/.test(c) ? '%ED%A0%80' : encodeURIComponent(c)))
      .join('');
  }
};

describe('bad input on every route', () => {
  it('random and hostile JSON bodies, wrong types, unicode edges, pollution keys: only 2xx/4xx, problem+json, DB unchanged when refused', async () => {
    const post = routes.filter((r) => r.method === 'POST' && !r.path.endsWith('/photos'));
    const bodies = fc.sample(
      fc.oneof(
        fc.jsonValue(),
        fc.dictionary(
          fc.constantFrom(
            'target',
            'targets',
            'task',
            'kind',
            'note',
            'deviceId',
            'description',
            'by',
            'doneAt',
            'endsAt',
            'personId',
            'date',
            'action',
            'until',
            'photoBase64',
            'corrects',
            'party',
            'whom',
            'performedOn',
            'performedBy',
          ),
          fc.oneof(fc.jsonValue(), fc.constantFrom(...hostileStrings)),
        ),
      ),
      { numRuns: 40, seed: 10 },
    );
    let tried = 0;
    let clean = 0;
    for (const r of post) {
      const role: Role | undefined =
        r.need === 'none' ? undefined : r.need === 'staff' ? 'technician' : r.need;
      for (const body of [
        ...bodies,
        ...pollutionBodies,
        ...hostileStrings.map((s) => ({ note: s, description: s, target: s })),
      ]) {
        const before = await snapshot();
        const res = await send(r.method, r.path, { ...(role ? { role } : {}), body: JSON.stringify(body) });
        tried++;
        expect(
          looksLikeCrash(res),
          `${r.path} ${JSON.stringify(body).slice(0, 200)} → ${res.status} ${res.body.slice(0, 300)}`,
        ).toBe(false);
        if (res.status >= 400) {
          expect(res.contentType).toContain('application/problem+json');
          expect(await snapshot(), `${r.path} refused ${res.status} yet changed the DB`).toBe(before);
        }
        clean++;
      }
      // Not JSON, broken JSON, oversized.
      for (const [raw, type] of [
        ['{"a":', 'application/json'],
        ['target=reading-area', 'application/x-www-form-urlencoded'],
        [`{"note":"${'y'.repeat(1_100_000)}"}`, 'application/json'],
        ['\uFEFF{}', 'application/json'],
        ['{}', 'application/json; charset=utf-16'],
      ] as const) {
        const before = await snapshot();
        const res = await send(r.method, r.path, { ...(role ? { role } : {}), body: raw, contentType: type });
        tried++;
        expect(looksLikeCrash(res), `${r.path} ${type} → ${res.status}`).toBe(false);
        if (res.status >= 400) expect(await snapshot()).toBe(before);
        clean++;
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    tally.inputsTried += tried;
    tally.inputsRefusedCleanly += clean;
  }, 120_000);

  it('hostile query strings and path parameters (SQL injection included): never a 5xx, tables intact', async () => {
    const get = routes.filter((r) => r.method === 'GET');
    const params = [
      'from',
      'to',
      'limit',
      'state',
      'device',
      'kind',
      'target',
      'month',
      'lang',
      'days',
      'date',
      '__proto__',
    ];
    let tried = 0;
    for (const r of get) {
      for (const s of hostileStrings) {
        for (const p of params.slice(0, 6)) {
          const q = `${r.path}?${p}=${enc(s.slice(0, 3000))}&${params[(p.length * 7) % params.length]}=${enc(s.slice(0, 50))}`;
          const res = await send('GET', q, { role: 'admin' });
          tried++;
          expect(looksLikeCrash(res), `${q.slice(0, 200)} → ${res.status} ${res.body.slice(0, 200)}`).toBe(
            false,
          );
        }
      }
    }
    for (const s of hostileStrings) {
      for (const path of [
        `/api/v1/devices/${enc(s.slice(0, 2000))}`,
        `/api/v1/faults/${enc(s.slice(0, 2000))}`,
        `/api/v1/hygiene/photos/${enc(s.slice(0, 2000))}`,
      ]) {
        const res = await send('GET', path, { role: 'admin' });
        tried++;
        expect(looksLikeCrash(res)).toBe(false);
        // 404 (no such id), or 400 when the path itself is not valid UTF-8 percent-encoding.
        expect([400, 404], `${path.slice(0, 100)} → ${res.status}`).toContain(res.status);
      }
    }
    const list = await send('GET', '/api/v1/devices', { role: 'staff' });
    expect((JSON.parse(list.body) as { devices: unknown[] }).devices.length).toBeGreaterThanOrEqual(3);
    const mt = await send('POST', '/api/v1/devices/pc-01/maintenance', {
      role: 'technician',
      body: {
        kind: 'repair',
        note: "'; DROP TABLE maintenance_records; --",
        performedBy: "O'Brien",
        performedOn: '2025-05-06',
      },
    });
    expect(mt.status).toBe(201);
    const back = await send('GET', '/api/v1/devices/pc-01/maintenance', { role: 'staff' });
    expect(back.body).toContain('DROP TABLE maintenance_records; --');
    expect(await snapshot()).not.toContain('=-1');
    tally.inputsTried += tried + 1;
    tally.inputsRefusedCleanly += tried + 1;
  }, 120_000);

  it('photo uploads: wrong type, too big, huge declared dimensions, path tricks', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // A PNG header claiming 100000 × 100000 pixels (a decompression bomb if anyone decoded it).
    const ihdr = Buffer.concat([
      png,
      Buffer.from([0, 0, 0, 13]),
      Buffer.from('IHDR'),
      Buffer.from([0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0, 8, 6, 0, 0, 0, 0, 0, 0, 0]),
    ]);
    const cases: Array<[string, Buffer | string, string, number[]]> = [
      ['empty', Buffer.alloc(0), 'image/png', [400]],
      ['text', 'hello', 'image/jpeg', [415]],
      ['svg with script', `<svg xmlns="http://www.w3.org/2000/svg">${xss}</svg>`, 'image/svg+xml', [415]],
      ['gif', Buffer.from('GIF89a....'), 'image/gif', [415]],
      ['zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, ...Array(60).fill(0)]), 'application/zip', [415]],
      ['too big', Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024)]), 'image/png', [413]],
      ['bomb dimensions', ihdr, 'image/png', [201, 415]],
      ['jpeg claimed png', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), 'image/png', [201]],
    ];
    for (const [what, body, type, expected] of cases) {
      const before = await snapshot();
      const res = await send('POST', '/api/v1/hygiene/photos', {
        role: 'staff',
        body: typeof body === 'string' ? Buffer.from(body) : body,
        contentType: type,
      });
      expect(expected, `${what}: ${res.status} ${res.body}`).toContain(res.status);
      expect(looksLikeCrash(res)).toBe(false);
      if (res.status >= 400) expect(await snapshot()).toBe(before);
    }
    const tricks = await send('POST', '/api/v1/hygiene/records', {
      role: 'staff',
      body: {
        target: 'reading-area',
        task: 'clean',
        photoBase64: Buffer.from([0xff, 0xd8, 0xff, 0xdb, 9, 9]).toString('base64'),
        photoFileName: '../../../../tmp/zoneops-owned.jpg',
      },
    });
    expect(tricks.status).toBe(201);
    expect(readdirSync('/tmp').filter((f) => f === 'zoneops-owned.jpg')).toEqual([]);
    const wrongB64 = await send('POST', '/api/v1/hygiene/records', {
      role: 'staff',
      body: {
        target: 'reading-area',
        task: 'clean',
        photoBase64: `data:image/svg+xml;base64,${Buffer.from(xss).toString('base64')}`,
      },
    });
    expect(wrongB64.status).toBeGreaterThanOrEqual(400);
    expect(wrongB64.status).toBeLessThan(500);
    tally.inputsTried += cases.length + 2;
    tally.inputsRefusedCleanly += cases.length + 2;
  });
});

describe('stored text in pages', () => {
  it('XSS in every stored text comes back escaped in compliance.html and the web pages', async () => {
    for (const field of ['note', 'by', 'method', 'agent'] as const) {
      const r = await send('POST', '/api/v1/hygiene/records', {
        role: 'staff',
        body: { target: 'reading-area', task: 'disinfect', [field]: xss },
      });
      expect(r.status).toBe(201);
    }
    const rep = await send('POST', '/api/v1/public-reports', {
      body: { deviceId: 'printer-01', description: 'a <b>bold</b> "quote" & más' },
    });
    expect([202, 429]).toContain(rep.status);
    const fault = await app.zone?.faults.raise({ deviceId: 'pc-01', kind: 'jam', detail: xss });
    const pages: string[] = [];
    const html = await send('GET', '/api/v1/hygiene/compliance.html', { role: 'staff' });
    expect(html.status).toBe(200);
    pages.push(html.body);
    const b = new Browser(base);
    await b.signIn('staff-a', secrets.pin);
    for (const p of ['/', `/faults/${fault}`, '/hygiene/record', '/qr', '/report', '/login']) {
      const page = await b.page(p);
      answers.push(page.body);
      expect(page.status, p).toBeLessThan(500);
      pages.push(page.body);
    }
    for (const body of pages) {
      expect(body).not.toContain('<script>alert');
      expect(body).not.toContain('<img src=x onerror');
    }
    expect(pages.join('\n')).toContain('&lt;script&gt;alert');
    tally.inputsTried += 6;
    tally.inputsRefusedCleanly += 6;
  });
});

describe('public reports', () => {
  it('5 per client per hour, then 429 with Retry-After; a flood of forged X-Forwarded-For stops at the total cap', async () => {
    clock.set(Date.parse('2025-05-06T06:00:00Z'));
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await send('POST', '/api/v1/public-reports', {
        body: { deviceId: 'printer-01', description: `第${i}次` },
        headers: { 'x-forwarded-for': '127.0.0.9' },
      });
      statuses.push(r.status);
      if (r.status === 429) expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 5).every((s) => s === 202)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429]);
    let accepted = 0;
    for (let i = 0; i < 130; i++) {
      const r = await send('POST', '/api/v1/public-reports', {
        body: { deviceId: 'printer-01', description: 'x' },
        headers: { 'x-forwarded-for': `127.1.${i >> 8}.${i & 255}` },
      });
      if (r.status === 202) accepted++;
    }
    // 100 per hour in total whatever the address (src/http/routes/faults.ts default).
    expect(accepted).toBeLessThanOrEqual(100);
    tally.inputsTried += 137;
    tally.inputsRefusedCleanly += 137;
  }, 60_000);
});

describe('secrets', () => {
  it('no secret appears in logs, API answers, pages, metrics or error messages captured by the suite', async () => {
    const m = await send('GET', '/metrics');
    const everything = [...logged, ...answers, m.body].join('\n');
    expect(everything.length).toBeGreaterThan(10_000);
    // Tokens are sent by the tests in headers; they must never come back or be logged.
    expect(leakedSecrets(everything, secrets)).toEqual([]);
    // What the other reliability files captured (daemon logs, metrics), with the secrets they used.
    for (const [file, text] of allCaptured()) {
      expect(leakedSecrets(text, { ...secrets, daemonCommunity: 'rel-community-7731' }), file).toEqual([]);
    }
    // Phone numbers of attendants are not on the public pages either.
    const report = await new Browser(base).page('/report');
    expect(report.body).not.toContain('13800000001');
  });
});
