import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { ComplaintRepo } from '../../../src/complaints/repo.js';
import { SatisfactionRepo } from '../../../src/complaints/satisfaction-repo.js';
import { type ComplaintService, createComplaintService } from '../../../src/complaints/service.js';
import type { Config } from '../../../src/config/schema.js';
import { createFaultService, type FaultService } from '../../../src/faults/fault-service.js';
import { type Listening, listen } from '../../../src/http/server.js';
import { PhotoStore } from '../../../src/hygiene/photos.js';
import { planFromConfig } from '../../../src/hygiene/plan.js';
import { HygieneRepo } from '../../../src/hygiene/repo.js';
import { createHygieneService } from '../../../src/hygiene/service.js';
import { assetFromConfig } from '../../../src/inventory/assets.js';
import { createLogger } from '../../../src/log.js';
import { createNotifier } from '../../../src/notify/dispatcher.js';
import { openStore, type Store } from '../../../src/store/store.js';
import { hashPin } from '../../../src/web/pin-hash.js';
import { webRoutes } from '../../../src/web/routes.js';
import { minimalConfigData, testConfig } from '../../helpers/config.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { testSchedule } from '../../helpers/schedule.js';

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
  store: Store;
  faults: FaultService;
  complaints: ComplaintService;
  clock: FakeClock;
  stop(): Promise<void>;
}

/** The web pages over real HTTP on 127.0.0.1 with a real store, fault service and hygiene service. */
export async function startWebStack(config: Config): Promise<WebStack> {
  const dir = mkdtempSync(join(tmpdir(), 'zoneops-web-'));
  // Tuesday 2025-05-06 10:00 in Shanghai: a working day, office open.
  const clock = new FakeClock('2025-05-06T02:00:00Z');
  const logger = createLogger('silent');
  const store = await openStore(join(dir, 'z.db'), clock.now());
  await store.devices.sync(config.devices.map(assetFromConfig), clock.now());
  const notifier = createNotifier({
    db: store.db,
    clock,
    logger,
    site: config.site,
    siteName: config.siteName,
    language: 'zh-CN',
    notifiers: config.notifiers,
    people: config.people,
  });
  const faults = createFaultService({
    db: store.db,
    clock,
    logger,
    notifier,
    devices: store.devices,
    people: config.people,
    notifiers: config.notifiers,
    siteName: config.siteName,
    language: 'zh-CN',
    timeZone: config.timezone,
  });
  const plan = planFromConfig(config.hygiene);
  const repo = new HygieneRepo(store.db);
  const photos = new PhotoStore(join(dir, 'photos'));
  const hygiene = createHygieneService({
    repo,
    audit: store.audit,
    clock,
    plan,
    photos,
    photoMaxBytes: config.hygiene.photoMaxBytes,
    backdateToleranceMinutes: 10,
  });
  const schedule = testSchedule({ hours: config.officeHours });
  const complaints = createComplaintService({
    db: store.db,
    clock,
    logger,
    audit: store.audit,
    config: config.complaints,
    limits: config.web.publicReports,
    language: config.language,
    timeZone: config.timezone,
    people: config.people,
    devices: store.devices,
    faults,
    deadline: (from, days) => schedule.deadline(from, days),
    repo: new ComplaintRepo(store.db),
    ratings: new SatisfactionRepo(store.db),
  });
  const app = express();
  app.set('trust proxy', 'loopback');
  app.use(
    webRoutes({
      db: store.db,
      audit: store.audit,
      clock,
      logger,
      siteName: config.siteName,
      language: config.language,
      timeZone: config.timezone,
      web: config.web,
      people: config.people,
      devices: store.devices,
      faults,
      hygiene: {
        service: hygiene,
        repo,
        plan,
        days: { isWorkingDay: () => true, openingMinutes: () => 9 * 60 },
        photoMaxBytes: config.hygiene.photoMaxBytes,
      },
      schedule,
      complaints: { service: complaints, acceptWorkingDays: config.complaints.acceptWithinWorkingDays },
      duty: faults.duty,
    }),
  );
  const server: Listening = await listen(app, '127.0.0.1', 0);
  return {
    base: `http://127.0.0.1:${server.port}`,
    store,
    faults,
    complaints,
    clock,
    async stop() {
      await server.close();
      await faults.stop();
      await store.close();
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
