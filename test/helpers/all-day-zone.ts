import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, createApp } from '../../src/app.js';
import { systemClock } from '../../src/clock.js';
import { createLogger } from '../../src/log.js';
import { testConfig } from './config.js';
import { type Receiver, startReceiver } from './receivers.js';

/** The demo technician token of config/zoneops.example.yaml (its SHA-256 below). */
const technicianToken = 'demo-technician-token';
const technicianHash = '32ff96d506aec6d87b0c6f92b2c65c19ab4f077e00372846415797671a5963ad';

export interface AllDayZone {
  readonly app: App;
  /** The webhook both people are notified through. */
  readonly hook: Receiver;
  /** GET /api/v1<path> as the technician. */
  api<T>(path: string): Promise<T>;
  /** One series' value from /metrics (the first line of `name{…labels…}`), or null. */
  metric(name: string, labels: string): Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * The whole daemon (createApp) on an ephemeral 127.0.0.1 port for a zone open all day, every day (so
 * nothing waits for office hours): an attendant on the A post and a technician, both told through a
 * webhook receiver, and the technician API token.
 */
export async function startAllDayZone(opts: {
  site: string;
  devices: readonly Record<string, unknown>[];
  mqtt: Record<string, unknown>;
  hygiene?: Record<string, unknown>;
}): Promise<AllDayZone> {
  const hook = await startReceiver({ kind: 'webhook' });
  const config = testConfig({
    site: opts.site,
    siteName: '测试专区',
    officeHours: {
      weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      seasons: [{ name: '全天', from: '01-01', periods: ['00:00-23:59'] }],
    },
    people: [
      { id: 'staff-a', name: '甲', role: 'staff', post: 'A', notify: ['hook'] },
      { id: 'tech', name: '丙', role: 'technician', notify: ['hook'] },
    ],
    notifiers: [{ id: 'hook', type: 'webhook', url: `${hook.url}/hook` }],
    api: { tokens: [{ name: 'tech', sha256: technicianHash, role: 'technician' }] },
    alerts: { nonCritical: 'always' },
    mqtt: opts.mqtt,
    devices: opts.devices,
    ...(opts.hygiene ? { hygiene: opts.hygiene } : {}),
  });
  const app = createApp({
    config,
    clock: systemClock,
    logger: createLogger('silent'),
    listen: { host: '127.0.0.1', port: 0 },
    dbPath: join(mkdtempSync(join(tmpdir(), `zoneops-${opts.site}-`)), 'zoneops.db'),
  });
  await app.start();
  const base = () => `http://127.0.0.1:${app.address?.port}`;
  return {
    app,
    hook,
    async api<T>(path: string) {
      const r = await fetch(`${base()}/api/v1${path}`, {
        headers: { Authorization: `Bearer ${technicianToken}` },
      });
      return (await r.json()) as T;
    },
    async metric(name, labels) {
      const text = await (await fetch(`${base()}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
      return line === undefined ? null : Number(line.split(' ').at(-1));
    },
    async stop() {
      await app.stop();
      await hook.close();
    },
  };
}
