import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type App, createApp } from '../../../src/app.js';
import type { Config } from '../../../src/config/schema.js';
import { createLogger } from '../../../src/log.js';
import { hashPin } from '../../../src/web/pin-hash.js';
import { testConfig } from '../../helpers/config.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { freePort } from '../../helpers/net.js';
import { type Receiver, startReceiver } from '../../helpers/receivers.js';
import { Browser } from '../web/stack.js';

/** Who signs in, with their PINs (our own test zone, written for these tests). */
export const people = {
  a: { id: 'li-juan', name: '李娟', pin: '246810' },
  b: { id: 'wang-fang', name: '王芳', pin: '357911' },
  lead: { id: 'zhao-lead', name: '赵主任', pin: '468024' },
  tech: { id: 'chen-gang', name: '陈刚', pin: '135790' },
  admin: { id: 'admin', name: '管理员', pin: '975310' },
} as const;
export const tokens = { staff: 'complaints-staff-token', technician: 'complaints-tech-token' } as const;
const WECOM_KEY = 'complaints-wecom-key';
const sha = (t: string) => createHash('sha256').update(t).digest('hex');

export interface ComplaintZone {
  readonly app: App;
  readonly clock: FakeClock;
  readonly config: Config;
  /** The attendants' WeCom group robot (a local stand-in). */
  readonly wecom: Receiver;
  /** Every log line the daemon wrote. */
  readonly logs: string[];
  readonly base: string;
  /** Everything the test saw come back (API answers, pages), for the contact grep. */
  readonly seen: Array<{ who: string; what: string; body: string }>;
  api(
    method: string,
    path: string,
    o?: { token?: string; body?: unknown; ip?: string; headers?: Record<string, string>; who?: string },
  ): Promise<{ status: number; body: string; json: unknown; headers: Headers }>;
  /** A signed-in browser (cookies, CSRF) for one of `people`. */
  browser(who: keyof typeof people | 'public'): Promise<Browser>;
  /** Lets the running minute tasks finish, then sends what the outbox holds. */
  dispatch(): Promise<void>;
  /** The WeCom messages' texts so far. */
  messages(): string[];
  stop(): Promise<void>;
}

/**
 * The whole daemon (createApp) for 濯水镇 on an ephemeral 127.0.0.1 port and the fake clock, starting
 * Tuesday 1 December 2026 at 10:00: winter office hours (09:00–12:00, 14:00–17:30, Monday to Friday on
 * the real calendar), an A post, a B post, a lead, a technician and an admin, all reached through one
 * WeCom group robot, each with a PIN sign-in; a copier, a printer, a PC and a plug, none of them polled.
 */
export async function startComplaintZone(
  o: { perHour?: number; totalPerHour?: number } = {},
): Promise<ComplaintZone> {
  const wecom = await startReceiver({ kind: 'wecom', token: WECOM_KEY });
  const clock = new FakeClock('2026-12-01T10:00:00+08:00');
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const device = (id: string, name: string, type: string, location: string, assetNo: string) => ({
    id,
    name,
    type,
    location,
    assetNo,
    vendor: { name: '演示设备厂', phone: '400-000-0003' },
    serviceProvider: { name: '演示办公设备维修部', phone: '023-00000002' },
    responsible: '李娟',
  });
  const accounts = await Promise.all(
    Object.values(people).map(async (p) => ({ person: p.id, pinHash: await hashPin(p.pin) })),
  );
  const httpPort = await freePort();
  const config = testConfig({
    site: 'zhuoshui',
    siteName: '濯水镇政务公开专区',
    officeHours: {
      seasons: [{ name: '冬季作息', from: '01-01', periods: ['09:00-12:00', '14:00-17:30'] }],
    },
    people: [
      {
        id: people.a.id,
        name: people.a.name,
        role: 'staff',
        post: 'A',
        phone: '13900000001',
        notify: ['duty'],
      },
      { id: people.b.id, name: people.b.name, role: 'staff', post: 'B', notify: ['duty'] },
      { id: people.lead.id, name: people.lead.name, role: 'lead', notify: ['duty'] },
      { id: people.tech.id, name: people.tech.name, role: 'technician', notify: ['duty'] },
      { id: people.admin.id, name: people.admin.name, role: 'admin', notify: [] },
    ],
    notifiers: [{ id: 'duty', type: 'wecom', key: WECOM_KEY, baseUrl: wecom.url }],
    api: {
      tokens: [
        { name: 'duty-token', sha256: sha(tokens.staff), role: 'staff' },
        { name: 'tech-token', sha256: sha(tokens.technician), role: 'technician' },
      ],
    },
    web: { accounts, publicReports: { perHour: o.perHour ?? 3, totalPerHour: o.totalPerHour ?? 20 } },
    complaints: { casePrefix: 'ZS' },
    devices: [
      device('copier-01', '复印机 C-01', 'copier', '二楼办事大厅', 'ZS-ZW-2022-007'),
      device('printer-01', '打印机 P-01', 'printer', '一楼查阅区', 'ZS-ZW-2023-003'),
      device('pc-01', '查阅电脑 1', 'pc', '一楼查阅区', 'ZS-ZW-2023-001'),
      device('plug-01', '智能插座 1', 'plug', '一楼查阅区', 'ZS-ZW-2023-009'),
    ],
    hygiene: { targets: [{ id: 'reading-area', name: '查阅区', tasks: ['clean'] }] },
    mqtt: { embedded: { listen: '127.0.0.1:0' } },
    // The QR sheet is built only from http.publicUrl (issue 16), so the port is chosen before start.
    // The visitors' addresses come as X-Forwarded-For from a reverse proxy on this machine (README "Security").
    http: {
      listen: `127.0.0.1:${httpPort}`,
      publicUrl: `http://127.0.0.1:${httpPort}`,
      trustProxy: 'loopback',
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'zoneops-complaints-'));
  const app = createApp({
    config,
    clock,
    logger: createLogger('debug', stream),
    listen: { host: '127.0.0.1', port: httpPort },
    dbPath: join(dir, 'zoneops.db'),
  });
  await app.start();
  const base = `http://127.0.0.1:${app.address?.port}`;
  const seen: ComplaintZone['seen'] = [];
  return {
    app,
    clock,
    config,
    wecom,
    logs,
    base,
    seen,
    async api(method, path, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      if (opts.body !== undefined) headers['content-type'] = 'application/json';
      if (opts.ip) headers['x-forwarded-for'] = opts.ip;
      const res = await fetch(`${base}/api/v1${path}`, {
        method,
        headers,
        ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      });
      const body = await res.text();
      seen.push({
        who: opts.who ?? (opts.token ? `token:${opts.token}` : 'public'),
        what: `${method} ${path}`,
        body,
      });
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      return { status: res.status, body, json, headers: res.headers };
    },
    async browser(who) {
      const b = new Browser(base);
      if (who !== 'public') {
        const r = await b.signIn(people[who].id, people[who].pin);
        if (r.status !== 303) throw new Error(`sign-in of ${who} failed: ${r.status}`);
      }
      return b;
    },
    async dispatch() {
      // What the minute ticker started (the deadline checker) finishes first.
      await app.zone?.ticker.idle();
      await app.zone?.faults.idle();
      await app.zone?.notifier.dispatchDue();
    },
    messages() {
      return wecom.accepted.map((q) => {
        const b = q.json as { markdown?: { content: string }; text?: { content: string } };
        return b.markdown?.content ?? b.text?.content ?? '';
      });
    },
    async stop() {
      await app.stop();
      await wecom.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
