import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Express } from 'express';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { createLogger } from '../../src/log.js';
import { hashPin } from '../../src/web/pin-hash.js';
import { testConfig } from '../helpers/config.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { servedRoutes } from '../helpers/routes.js';
import { Browser } from '../integration/web/stack.js';
import { capture } from './helpers/capture.js';
import { device, zoneConfig } from './helpers/daemon.js';
import { call, looksLikeCrash, type Reply, type Role } from './helpers/http.js';
import { secrets } from './helpers/secrets.js';
import { httpOutcome, type InputOutcome, Tally } from './helpers/summary.js';

/**
 * Every way into the HTTP API and the pages, in-process (`createApp` with the web pages, features off,
 * a fake clock) over real HTTP on 127.0.0.1: the role table, hostile and random bodies and queries,
 * SQL injection, XSS in every stored text, photo uploads and the public rate limit. Every input is
 * counted by what became of it (refused cleanly, accepted as valid, crashed, mishandled) before any
 * assertion; its logs, answers and metrics are captured for the final secrets check.
 */
const xss = '<script>alert("x")</script><img src=x onerror=alert(1)>';
const tally = new Tally('api-security');
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
  data.web = {
    accounts: [
      { person: 'staff-a', pinHash: await hashPin(secrets.pin) },
      { person: 'tech', pinHash: await hashPin(secrets.pin) },
    ],
    sessionMinutes: 30,
  };
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
  routes = apiRoutesOfTheApp();
});

afterAll(async () => {
  const m = base ? await send('GET', '/metrics').catch((e: unknown) => ({ body: String(e) })) : undefined;
  capture('api-security', [...logged, ...answers, m?.body ?? ''].join('\n'));
  await app?.stop();
  tally.save();
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
  'complaints',
  'satisfaction',
  'silences',
  'power_overrides',
  'notifications',
  'duty_absences',
  'duty_swaps',
  'duty_rota',
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
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  need: Need;
  body?: () => unknown;
}
/**
 * The role each API route needs (the README's table) and a valid body where one is needed, keyed by the
 * route as the routers declare it. The list the tests run is read from the routers of the running app
 * (test/helpers/routes.ts): a route that is served but has no entry here fails the suite.
 */
const apiTable: Record<string, Omit<Route, 'method' | 'path'>> = {
  'GET /api/v1/devices': { need: 'staff' },
  'GET /api/v1/devices/:id': { need: 'staff' },
  'GET /api/v1/devices/:id/maintenance': { need: 'staff' },
  'POST /api/v1/devices/:id/maintenance': {
    need: 'technician',
    body: () => ({ kind: 'repair', note: 'n', performedBy: 'x', performedOn: '2025-05-06' }),
  },
  'GET /api/v1/audit': { need: 'admin' },
  'GET /api/v1/faults': { need: 'staff' },
  'GET /api/v1/faults/:id': { need: 'staff' },
  'POST /api/v1/faults/:id/ack': { need: 'staff', body: () => ({}) },
  'POST /api/v1/faults/:id/vendor-contact': {
    need: 'technician',
    body: () => ({ party: 'vendor', whom: '厂家' }),
  },
  'POST /api/v1/faults/:id/resolve': { need: 'staff', body: () => ({ note: 'ok' }) },
  'POST /api/v1/silences': {
    need: 'technician',
    body: () => ({ deviceId: 'pc-01', endsAt: '2025-05-06T12:00:00+08:00', reason: 'r' }),
  },
  'POST /api/v1/absences': { need: 'staff', body: () => ({ personId: 'staff-a', date: '2025-05-06' }) },
  'GET /api/v1/duty': { need: 'staff' },
  'POST /api/v1/duty/absences': {
    need: 'technician',
    body: () => ({
      personId: 'staff-a',
      from: '2025-05-07',
      to: '2025-05-07',
      reason: '年假',
      confirmCover: true,
    }),
  },
  'DELETE /api/v1/duty/absences/:id': { need: 'technician' },
  'POST /api/v1/duty/swaps': {
    need: 'technician',
    body: () => ({ date: '2025-05-08', post: 'B', personId: 'staff-a' }),
  },
  'DELETE /api/v1/duty/swaps/:id': { need: 'technician' },
  'POST /api/v1/duty/rota': { need: 'technician', body: () => ({ weekday: 'sat', A: 'staff-a', B: '' }) },
  'DELETE /api/v1/duty/rota/:id': { need: 'technician' },
  'GET /api/v1/schedule': { need: 'staff' },
  'POST /api/v1/power/overrides': { need: 'staff', body: () => ({ kind: 'keep-on', until: '23:00' }) },
  'DELETE /api/v1/power/overrides/:id': { need: 'staff' },
  'POST /api/v1/power/:deviceId': { need: 'technician', body: () => ({ action: 'on' }) },
  'POST /api/v1/hygiene/records': {
    need: 'staff',
    body: () => ({ target: 'reading-area', task: 'clean', by: '甲' }),
  },
  'POST /api/v1/hygiene/photos': { need: 'staff' },
  'GET /api/v1/hygiene/photos/:sha256': { need: 'staff' },
  'GET /api/v1/hygiene/records': { need: 'staff' },
  'GET /api/v1/hygiene/records.csv': { need: 'staff' },
  'GET /api/v1/hygiene/plan': { need: 'staff' },
  'GET /api/v1/hygiene/compliance': { need: 'staff' },
  'GET /api/v1/hygiene/compliance.html': { need: 'staff' },
  'GET /api/v1/reports/monthly': { need: 'staff' },
  'GET /api/v1/reports/service': { need: 'staff' },
  'POST /api/v1/public-reports': {
    need: 'none',
    body: () => ({ deviceId: 'printer-01', description: '打不出来' }),
  },
  'POST /api/v1/satisfaction': {
    need: 'none',
    body: () => ({ deviceId: 'printer-01', rating: 'satisfied' }),
  },
  'GET /api/v1/complaints': { need: 'staff' },
  'GET /api/v1/complaints/export.csv': { need: 'technician' },
  'GET /api/v1/complaints/:id': { need: 'staff' },
  'POST /api/v1/complaints/:id/accept': { need: 'staff', body: () => ({ note: '受理' }) },
  'POST /api/v1/complaints/:id/not-accept': {
    need: 'staff',
    body: () => ({ ground: 'not-specific', note: '内容不明确' }),
  },
  'POST /api/v1/complaints/:id/link': { need: 'staff', body: () => ({ faultId: 1 }) },
  'POST /api/v1/complaints/:id/assign': { need: 'technician', body: () => ({ personId: 'staff-a' }) },
  'POST /api/v1/complaints/:id/answer': { need: 'staff', body: () => ({ method: 'phone', text: '已修好' }) },
  'POST /api/v1/complaints/:id/close': { need: 'staff', body: () => ({}) },
  'POST /api/v1/complaints/:id/satisfaction': { need: 'staff', body: () => ({ rating: 'satisfied' }) },
  'GET /healthz': { need: 'none' },
  'GET /metrics': { need: 'none' },
};
/** Who may use each page (the staff web UI), keyed the same way; checked against the routers too. */
const pageTable: Record<string, 'public' | 'staff' | 'technician'> = {
  'GET /static/app.js': 'public',
  'GET /login': 'public',
  'GET /lang': 'public',
  'POST /login': 'public',
  'POST /logout': 'staff',
  'GET /lockouts': 'technician',
  'POST /lockouts/:person/lift': 'technician',
  'GET /': 'staff',
  'GET /qr': 'staff',
  'GET /faults/:id': 'staff',
  'POST /faults/:id/ack': 'staff',
  'POST /faults/:id/vendor-contact': 'technician',
  'POST /faults/:id/resolve': 'staff',
  'GET /faults': 'staff',
  'GET /devices': 'staff',
  'GET /devices/:id': 'staff',
  'POST /devices/:id/maintenance': 'technician',
  'GET /power': 'staff',
  'POST /power/keep-on': 'staff',
  'POST /power/force': 'technician',
  // Staff cancel a keep-on, only the technician a forced on/off (domain/access.ts mayOverride).
  'POST /power/overrides/:id/cancel': 'staff',
  'GET /hygiene/record': 'staff',
  'POST /hygiene/record': 'staff',
  'GET /hygiene/record/done': 'staff',
  'GET /report': 'public',
  'POST /report': 'public',
  'GET /report/received': 'public',
  'GET /satisfaction': 'public',
  'POST /satisfaction': 'public',
  'GET /satisfaction/thanks': 'public',
  'GET /complaints': 'staff',
  'GET /complaints/export.csv': 'technician',
  'GET /complaints/:id': 'staff',
  'POST /complaints/:id/accept': 'staff',
  'POST /complaints/:id/not-accept': 'staff',
  'POST /complaints/:id/link': 'staff',
  'POST /complaints/:id/assign': 'technician',
  'POST /complaints/:id/answer': 'staff',
  'POST /complaints/:id/close': 'staff',
  'POST /complaints/:id/satisfaction': 'staff',
  'GET /duty': 'staff',
  'GET /reports': 'staff',
  'GET /reports/download': 'staff',
  'GET /reports/hygiene': 'staff',
  'POST /duty/absences': 'technician',
  'POST /duty/absences/:id/undo': 'technician',
  'POST /duty/swaps': 'technician',
  'POST /duty/swaps/:id/undo': 'technician',
  'POST /duty/rota': 'technician',
  'POST /duty/rota/:id/undo': 'technician',
};
/** A concrete value for each path parameter the routers use. */
const params: Record<string, string> = {
  id: '1',
  deviceId: 'pc-01',
  sha256: 'a'.repeat(64),
  person: 'staff-a',
};
const concrete = (pattern: string) =>
  pattern.replace(/:(\w+)/g, (_, k: string) => params[k] ?? `unknown-${k}`);
/** Every API route the running app serves, with what it needs (filled in beforeAll). */
let routes: Route[] = [];
function apiRoutesOfTheApp(): Route[] {
  const served = servedRoutes(app.http as Express).filter(
    (r) => r.path.startsWith('/api/') || r.path === '/healthz' || r.path === '/metrics',
  );
  const missing = served.map((r) => `${r.method} ${r.path}`).filter((k) => !(k in apiTable));
  if (missing.length > 0)
    throw new Error(`API routes without an entry in the security table: ${missing.join(', ')}`);
  return served.map((r) => ({
    method: r.method as Route['method'],
    path: concrete(r.path),
    ...(apiTable[`${r.method} ${r.path}`] as Omit<Route, 'method' | 'path'>),
  }));
}
const lower: Record<Role, Role | undefined> = { staff: undefined, technician: 'staff', admin: 'technician' };

describe('authentication and roles, route by route', () => {
  it('no token → 401, invalid or malformed token → 401, a role too low → 403, never the handler', async () => {
    const mark = tally.mark();
    let protectedRoutes = 0;
    let refused = 0;
    let tried = 0;
    for (const r of routes) {
      if (r.need === 'none') continue;
      protectedRoutes++;
      const body = r.body?.();
      const withBody = body !== undefined ? { body } : {};
      const low = lower[r.need];
      const attempts: Array<[string, Parameters<typeof call>[3], number]> = [
        ['no token', withBody, 401],
        ['invalid token', { token: 'not-a-token', ...withBody }, 401],
        ['malformed header', { headers: { authorization: 'Basic Zm9vOmJhcg==' }, ...withBody }, 401],
        ...(low
          ? [[`as ${low}`, { role: low, ...withBody }, 403] as [string, Parameters<typeof call>[3], number]]
          : []),
      ];
      for (const [what, opts, status] of attempts) {
        const before = await snapshot();
        const res = await send(r.method, r.path, opts);
        const o = httpOutcome(res, { statuses: [status], changed: (await snapshot()) !== before });
        tried++;
        if (tally.mustRefuse(`${r.method} ${r.path} ${what}`, o.outcome, o.detail) === 'refused') refused++;
      }
    }
    tally.note(
      `role table: ${protectedRoutes} protected routes × (no token, invalid, malformed, lower role): ${tried} tried, ${refused} refused with 401/403 and nothing changed`,
    );
    // The same routes with the right role get past the guard (not 401/403).
    const blocked: string[] = [];
    for (const r of routes) {
      if (r.need === 'none' || r.path.endsWith('/photos')) continue;
      const ok = await send(r.method, r.path, { role: r.need, ...(r.body ? { body: r.body() } : {}) });
      if ([401, 403].includes(ok.status)) blocked.push(`${r.method} ${r.path} as ${r.need}: ${ok.status}`);
    }
    expect(tally.failuresSince(mark)).toEqual([]);
    expect(blocked).toEqual([]);
  });

  it('the tables cover exactly the routes the routers serve (a new route cannot be missed)', () => {
    const served = servedRoutes(app.http as Express).map((r) => `${r.method} ${r.path}`);
    const tabled = [...Object.keys(apiTable), ...Object.keys(pageTable)];
    expect(
      served.filter((k) => !tabled.includes(k)),
      'served but not in a table',
    ).toEqual([]);
    expect(
      tabled.filter((k) => !served.includes(k)),
      'in a table but not served',
    ).toEqual([]);
    tally.note(`route tables: ${served.length} routes served by the routers, all in the security tables`);
  });

  it('every page: signed out → sign-in (GET) or 401 (POST); staff on a technician page → 403, the refused change audited like the API', async () => {
    const mark = tally.mark();
    const staff = new Browser(base);
    expect((await staff.signIn('staff-a', secrets.pin)).status).toBe(303);
    const tech = new Browser(base);
    expect((await tech.signIn('tech', secrets.pin)).status).toBe(303);
    const staffCsrf = (await staff.page('/')).csrf ?? '';
    let checked = 0;
    for (const r of servedRoutes(app.http as Express).filter((x) => `${x.method} ${x.path}` in pageTable)) {
      const key = `${r.method} ${r.path}`;
      const need = pageTable[key];
      const path = concrete(r.path);
      if (need === 'public') continue;
      checked++;
      const before = await snapshot();
      const anon = new Browser(base);
      const out = r.method === 'GET' ? await anon.request(path) : await anon.post(path, {});
      const wanted =
        r.method === 'GET'
          ? out.status === 303 && /^\/login\?next=/.test(out.headers.get('location') ?? '')
          : out.status === 401;
      const changed = (await snapshot()) !== before;
      tally.mustRefuse(
        `${key} signed out`,
        out.status >= 500 ? 'crashed' : wanted && !changed ? 'refused' : 'mishandled',
        `${out.status} ${out.headers.get('location') ?? ''}`,
      );
      if (need === 'technician') {
        const res =
          r.method === 'GET' ? await staff.request(path) : await staff.post(path, { csrf: staffCsrf });
        const unchanged = (await snapshot()) === before;
        tally.mustRefuse(
          `${key} as staff`,
          res.status >= 500 ? 'crashed' : res.status === 403 && unchanged ? 'refused' : 'mishandled',
          String(res.status),
        );
      }
      if (r.method === 'GET') {
        const ok = await (need === 'technician' ? tech : staff).request(path);
        if ([401, 403].includes(ok.status)) tally.input(`${key} as ${need}`, 'mishandled', String(ok.status));
      }
    }
    // A refused change is one audit row of the same shape from a page as from the API.
    await send('POST', '/api/v1/faults/1/vendor-contact', {
      role: 'staff',
      body: { party: 'vendor', whom: 'x' },
    });
    const denied = (await app.store?.audit.list({}))?.filter((e) => e.action === 'denied') ?? [];
    expect(denied.find((e) => e.target === 'POST /lockouts/staff-a/lift')).toMatchObject({
      role: 'staff',
      detail: { needed: 'technician', via: 'web' },
    });
    // A refusal the service makes (complaints: only the technician assigns) is audited the same way.
    expect(denied.find((e) => e.target === 'POST /complaints/1/assign')).toMatchObject({
      role: 'staff',
      detail: { needed: 'technician', via: 'web' },
    });
    // And one the duty service makes (only the technician, the lead or an admin changes the rota).
    expect(denied.find((e) => e.target === 'POST /duty/rota')).toMatchObject({
      role: 'staff',
      detail: { needed: 'technician', via: 'web' },
    });
    expect(denied.find((e) => e.target === 'POST /api/v1/faults/1/vendor-contact')).toMatchObject({
      role: 'staff',
      detail: { needed: 'technician', via: 'api' },
    });
    tally.note(
      `page table: ${checked} staff and technician pages refused signed out, technician ones to staff`,
    );
    expect(tally.failuresSince(mark)).toEqual([]);
  });

  it('web pages: signed-out → login; a session past its lifetime is refused like no session', async () => {
    const mark = tally.mark();
    const toLogin = (r: { status: number; headers: Headers }): InputOutcome =>
      r.status >= 500
        ? 'crashed'
        : r.status === 303 && /^\/login/.test(r.headers.get('location') ?? '')
          ? 'refused'
          : r.status < 300
            ? 'accepted'
            : 'mishandled';
    const b = new Browser(base);
    const signedOut = await b.request('/');
    tally.mustRefuse(
      'GET / signed out',
      toLogin(signedOut),
      `${signedOut.status} ${signedOut.headers.get('location')}`,
    );
    const signIn = await b.signIn('staff-a', secrets.pin);
    expect(signIn.status).toBe(303);
    expect((await b.page('/')).status).toBe(200);
    await clock.advance(31 * 60_000); // sessionMinutes: 30
    const after = await b.request('/');
    tally.mustRefuse(
      'GET / with a session 31 min old',
      toLogin(after),
      `${after.status} ${after.headers.get('location')}`,
    );
    clock.set(Date.parse('2025-05-06T02:00:00Z') + 40 * 60_000);
    expect(tally.failuresSince(mark)).toEqual([]);
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
    const mark = tally.mark();
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
        const o = httpOutcome(res, { changed: res.status >= 400 && (await snapshot()) !== before });
        tally.input(`${r.path} ${JSON.stringify(body).slice(0, 200)}`, o.outcome, o.detail);
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
        const o = httpOutcome(res, { changed: res.status >= 400 && (await snapshot()) !== before });
        tally.input(`${r.path} ${type} ${raw.slice(0, 40)}`, o.outcome, o.detail);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(tally.failuresSince(mark)).toEqual([]);
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
    const mark = tally.mark();
    for (const r of get) {
      const before = await snapshot();
      const outcomes: Array<[string, ReturnType<typeof httpOutcome>]> = [];
      for (const s of hostileStrings) {
        for (const p of params.slice(0, 6)) {
          const q = `${r.path}?${p}=${enc(s.slice(0, 3000))}&${params[(p.length * 7) % params.length]}=${enc(s.slice(0, 50))}`;
          outcomes.push([q.slice(0, 200), httpOutcome(await send('GET', q, { role: 'admin' }))]);
        }
      }
      // A GET changes nothing, whatever its query: checked once per route (a change marks all its inputs).
      const changed = (await snapshot()) !== before;
      for (const [q, o] of outcomes)
        tally.input(
          q,
          changed ? 'mishandled' : o.outcome,
          changed ? `GET changed the database: ${o.detail}` : o.detail,
        );
    }
    for (const s of hostileStrings) {
      for (const path of [
        `/api/v1/devices/${enc(s.slice(0, 2000))}`,
        `/api/v1/faults/${enc(s.slice(0, 2000))}`,
        `/api/v1/hygiene/photos/${enc(s.slice(0, 2000))}`,
      ]) {
        const res = await send('GET', path, { role: 'admin' });
        // 404 (no such id), or 400 when the path itself is not valid UTF-8 percent-encoding.
        const o = httpOutcome(res, { statuses: [400, 404] });
        tally.mustRefuse(`GET ${path.slice(0, 100)}`, o.outcome, o.detail);
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
    const back = await send('GET', '/api/v1/devices/pc-01/maintenance', { role: 'staff' });
    const intact = !(await snapshot()).includes('=-1');
    tally.input(
      'maintenance note with SQL in it',
      mt.status === 201 && back.body.includes('DROP TABLE maintenance_records; --') && intact
        ? 'accepted'
        : 'mishandled',
      `${mt.status}; stored verbatim: ${back.body.includes('DROP TABLE maintenance_records; --')}; tables intact: ${intact}`,
    );
    expect(tally.failuresSince(mark)).toEqual([]);
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
    const mark = tally.mark();
    for (const [what, body, type, expected] of cases) {
      const before = await snapshot();
      const res = await send('POST', '/api/v1/hygiene/photos', {
        role: 'staff',
        body: typeof body === 'string' ? Buffer.from(body) : body,
        contentType: type,
      });
      const o = httpOutcome(res, {
        statuses: expected,
        changed: res.status >= 400 && (await snapshot()) !== before,
      });
      // Accepted is right only where the case expects 201.
      const outcome = o.outcome === 'accepted' && !expected.includes(res.status) ? 'mishandled' : o.outcome;
      tally.input(`photo: ${what}`, outcome, `${o.detail} (expected ${expected.join('/')})`);
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
    const escaped = readdirSync('/tmp').filter((f) => f === 'zoneops-owned.jpg').length > 0;
    tally.input(
      'photo file name ../../../../tmp/zoneops-owned.jpg',
      tricks.status === 201 && !escaped ? 'accepted' : looksLikeCrash(tricks) ? 'crashed' : 'mishandled',
      `${tricks.status}; wrote /tmp/zoneops-owned.jpg: ${escaped}`,
    );
    const wrongB64 = await send('POST', '/api/v1/hygiene/records', {
      role: 'staff',
      body: {
        target: 'reading-area',
        task: 'clean',
        photoBase64: `data:image/svg+xml;base64,${Buffer.from(xss).toString('base64')}`,
      },
    });
    const o = httpOutcome(wrongB64);
    tally.mustRefuse('photoBase64 holding an SVG data: URL', o.outcome, o.detail);
    expect(tally.failuresSince(mark)).toEqual([]);
  });
});

describe('stored text in pages', () => {
  it('XSS in every stored text comes back escaped in compliance.html and the web pages', async () => {
    const mark = tally.mark();
    const stored: Array<[string, number]> = [];
    for (const field of ['note', 'by', 'method', 'agent'] as const) {
      const r = await send('POST', '/api/v1/hygiene/records', {
        role: 'staff',
        body: { target: 'reading-area', task: 'disinfect', [field]: xss },
      });
      stored.push([`hygiene record ${field} with <script>`, r.status]);
    }
    // A citizen's report with markup is refused with a Chinese message and nothing stored (issue 18:
    // public endpoints take no tags or scripts), unlike the staff-side fields above, stored and escaped.
    const beforeReport = await snapshot();
    const rep = await send('POST', '/api/v1/public-reports', {
      body: { deviceId: 'printer-01', description: 'a <b>bold</b> "quote" & más' },
    });
    const refusal = httpOutcome(rep, { statuses: [400], changed: (await snapshot()) !== beforeReport });
    tally.mustRefuse('public report with HTML', refusal.outcome, refusal.detail);
    expect(rep.body).toContain('请用文字描述');
    const fault = await app.zone?.faults.raise({ deviceId: 'pc-01', kind: 'jam', detail: xss });
    stored.push(['fault detail with <script>', fault !== undefined ? 201 : 500]);
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
    const raw = pages.filter((b) => b.includes('<script>alert') || b.includes('<img src=x onerror')).length;
    const escapedSeen = pages.join('\n').includes('&lt;script&gt;alert');
    for (const [what, status] of stored)
      tally.input(
        what,
        status >= 500 ? 'crashed' : status < 300 && raw === 0 && escapedSeen ? 'accepted' : 'mishandled',
        `${status}; pages with the raw markup: ${raw}; escaped text shown: ${escapedSeen}`,
      );
    expect(tally.failuresSince(mark)).toEqual([]);
  });
});

describe('public reports', () => {
  it('5 per client per hour, then 429 with Retry-After; forged X-Forwarded-For gets no fresh address (http.trustProxy: none)', async () => {
    clock.set(Date.parse('2025-05-06T06:00:00Z'));
    const mark = tally.mark();
    // 100 per hour in total whatever the address (src/http/routes/faults.ts default).
    const totalCap = 100;
    let accepted = 0;
    /** `expected`: what the limit says this one gets ('either' in the flood: the total cap decides). */
    const report = async (what: string, forwardedFor: string, expected: 'accept' | 'refuse' | 'either') => {
      const r = await send('POST', '/api/v1/public-reports', {
        body: { deviceId: 'printer-01', description: what },
        headers: { 'x-forwarded-for': forwardedFor },
      });
      if (r.status === 202) accepted++;
      const o = httpOutcome(r, { statuses: [429] });
      const retry = Number(r.headers.get('retry-after'));
      if (o.outcome === 'refused' && expected === 'accept')
        return tally.input(what, 'mishandled', 'refused within the 5 per hour');
      if (o.outcome === 'refused' && !(retry > 0))
        return tally.input(what, 'mishandled', `429 without a Retry-After: ${r.headers.get('retry-after')}`);
      if (o.outcome === 'accepted' && (expected === 'refuse' || accepted > totalCap))
        return tally.input(what, 'mishandled', `accepted past the limit (${accepted} so far)`);
      return tally.input(what, o.outcome, o.detail);
    };
    for (let i = 0; i < 7; i++)
      await report(`第${i}次 from 127.0.0.9`, '127.0.0.9', i < 5 ? 'accept' : 'refuse');
    for (let i = 0; i < 130; i++) await report(`flood ${i}`, `127.1.${i >> 8}.${i & 255}`, 'either');
    expect(tally.failuresSince(mark)).toEqual([]);
    // The header is not believed (http.trustProxy defaults to nobody): every one came from one client,
    // which had its 5. Were the header believed, each forged address would get 5 more, up to the cap.
    expect(accepted).toBe(5);
  }, 60_000);
});

describe('dates far off', () => {
  it('every date and month the API takes is range-checked: 400 naming the field, nothing stored', async () => {
    const mark = tally.mark();
    const far = [
      ['/api/v1/hygiene/records?from=2025-05-01&to=9999-12-31', 'query.to'],
      ['/api/v1/hygiene/records.csv?from=0001-01-01', 'query.from'],
      ['/api/v1/hygiene/plan?date=9999-12-31', 'query.date'],
      ['/api/v1/hygiene/compliance?month=9999-12', 'query.month'],
      ['/api/v1/hygiene/compliance.html?month=1999-12', 'query.month'],
      // The report checks its month itself (domain/report-month.ts) and names it as the problem's field.
      ['/api/v1/reports/monthly?month=9999-12', '"field":"month"'],
      ['/api/v1/reports/service?month=9999-12', '"field":"month"'],
      ['/api/v1/schedule?from=9999-12-31', 'query.from'],
      ['/api/v1/audit?to=99999999999999999', 'query.to'],
    ] as const;
    for (const [path, field] of far) {
      const r = await send('GET', path, { role: 'admin' });
      const o = httpOutcome(r, { statuses: [400] });
      tally.mustRefuse(
        `GET ${path}`,
        o.outcome === 'refused' && !r.body.includes(field) ? 'mishandled' : o.outcome,
        r.body.slice(0, 200),
      );
    }
    const bodies: Array<[string, unknown, string]> = [
      [
        '/api/v1/devices/pc-01/maintenance',
        { kind: 'repair', note: 'n', performedBy: 'x', performedOn: '9999-12-31' },
        'body.performedOn',
      ],
      // The duty service checks its own fields (API and page alike) and names them in the zone's language.
      ['/api/v1/absences', { personId: 'staff-a', date: '9999-12-31' }, 'date：'],
      [
        '/api/v1/duty/absences',
        { personId: 'staff-a', from: '2025-05-07', to: '9999-12-31', reason: '年假', confirmCover: true },
        'to：',
      ],
      ['/api/v1/duty/swaps', { date: '0001-01-01', post: 'B', personId: 'staff-a' }, 'date：'],
      [
        '/api/v1/silences',
        { deviceId: 'pc-01', endsAt: '9999-12-31T00:00:00+08:00', reason: 'r' },
        'body.endsAt',
      ],
      [
        '/api/v1/hygiene/records',
        { target: 'reading-area', task: 'clean', doneAt: '9999-12-31T08:00:00+08:00' },
        'body.doneAt',
      ],
      [
        '/api/v1/faults/1/vendor-contact',
        { party: 'vendor', whom: 'x', promisedAt: '0001-01-01T00:00:00Z' },
        'body.promisedAt',
      ],
    ];
    for (const [path, body, field] of bodies) {
      const before = await snapshot();
      const r = await send('POST', path, { role: 'technician', body });
      const o = httpOutcome(r, { statuses: [400], changed: (await snapshot()) !== before });
      tally.mustRefuse(
        `POST ${path}`,
        o.outcome === 'refused' && !r.body.includes(field) ? 'mishandled' : o.outcome,
        r.body.slice(0, 200),
      );
    }
    expect(tally.failuresSince(mark)).toEqual([]);
  });
});

describe('public pages', () => {
  it('the citizens’ report page shows no attendant’s phone number', async () => {
    // The secrets check over everything this file captured runs last, in test/final/secrets.test.ts.
    const report = await new Browser(base).page('/report');
    answers.push(report.body);
    expect(report.status).toBe(200);
    expect(report.body).not.toContain('13800000001');
  });
});
