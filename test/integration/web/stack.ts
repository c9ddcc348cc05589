import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, createApp } from '../../../src/app.js';
import type { ComplaintService } from '../../../src/complaints/service.js';
import type { Config } from '../../../src/config/schema.js';
import type { FaultService } from '../../../src/faults/fault-service.js';
import { createLogger } from '../../../src/log.js';
import type { Store } from '../../../src/store/store.js';
import { hashPin } from '../../../src/web/pin-hash.js';
import { minimalConfigData, testConfig } from '../../helpers/config.js';
import { FakeClock } from '../../helpers/fake-clock.js';

export const pins = { staff: '246813', tech: '975310' };

/** Our own test config: the minimal one plus a technician, web accounts and a hygiene plan. */
export async function webConfig(perHour = 3): Promise<Config> {
  const data = minimalConfigData();
  const people = data.people as Array<Record<string, unknown>>;
  people.push({ id: 'tech-a', name: '技术员乙', role: 'technician', notify: [] });
  data.web = {
    accounts: [
      { person: 'staff-a', pinHash: await hashPin(pins.staff) },
      { person: 'tech-a', pinHash: await hashPin(pins.tech) },
    ],
    lockout: { maxFailures: 3, windowMinutes: 15, lockMinutes: 15 },
    publicReports: { perHour, totalPerHour: 100 },
  };
  // Browser(base, address) sends X-Forwarded-For: a reverse proxy on this machine (README "Security").
  data.http = { ...(data.http as Record<string, unknown> | undefined), trustProxy: 'loopback' };
  data.hygiene = {
    targets: [
      { id: 'reading-area', name: '查阅区', tasks: ['clean', 'disinfect'] },
      { id: 'pc-01-t', name: '电脑 1', device: 'pc-01', tasks: ['clean'] },
    ],
  };
  return testConfig(data);
}

export interface WebStack {
  base: string;
  app: App;
  store: Store;
  faults: FaultService;
  complaints: ComplaintService;
  clock: FakeClock;
  stop(): Promise<void>;
}

/**
 * The whole daemon's HTTP side (createApp without pollers, MQTT or tickers) over real HTTP on 127.0.0.1:
 * the pages with a real store, fault service, hygiene service and schedule, on a fake clock.
 */
export async function startWebStack(
  config: Config,
  // Tuesday 2025-05-06 10:00 in Shanghai: a working day, office open.
  start = '2025-05-06T02:00:00Z',
): Promise<WebStack> {
  const dir = mkdtempSync(join(tmpdir(), 'zoneops-web-'));
  const clock = new FakeClock(start);
  const app = createApp({
    config,
    clock,
    logger: createLogger('silent'),
    listen: { host: '127.0.0.1', port: 0 },
    dbPath: join(dir, 'z.db'),
    withoutFeatures: true,
  });
  await app.start();
  const addr = app.address as { port: number };
  return {
    base: `http://127.0.0.1:${addr.port}`,
    app,
    store: app.store as Store,
    faults: app.zone?.faults as FaultService,
    complaints: app.features?.complaints.service as ComplaintService,
    clock,
    async stop() {
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A tiny cookie-keeping browser for tests: GET pages, pick the CSRF token, POST forms. */
export class Browser {
  readonly cookies = new Map<string, string>();
  /** `from`: the client address a trusted local proxy reports (X-Forwarded-For; loopback addresses only). */
  constructor(
    readonly base: string,
    readonly from?: string,
  ) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.from) headers.set('x-forwarded-for', this.from);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const go = () => fetch(this.base + path, { ...init, headers, redirect: 'manual' });
    let res: Response;
    try {
      res = await go();
    } catch (err) {
      // A kept-alive connection the server closed as the request went out: a GET is retried once, as
      // browsers do for idempotent requests (RFC 9110 §9.2.2); anything else is the test's failure.
      if ((init.method ?? 'GET') !== 'GET') throw err;
      res = await go();
    }
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = (pair ?? '').split('=');
      if (!k) continue;
      if (/Max-Age=0/.test(c)) this.cookies.delete(k);
      else this.cookies.set(k, v ?? '');
    }
    return res;
  }

  async page(path: string): Promise<{ status: number; body: string; csrf: string | undefined }> {
    const res = await this.request(path);
    const body = await res.text();
    return { status: res.status, body, csrf: /name="csrf" value="([^"]+)"/.exec(body)?.[1] };
  }

  post(path: string, form: Record<string, string>): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }

  async signIn(person: string, pin: string): Promise<Response> {
    const { csrf } = await this.page('/login');
    return this.post('/login', { csrf: csrf ?? '', person, pin, next: '/' });
  }
}
