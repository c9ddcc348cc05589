import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type App, createApp } from '../../../src/app.js';
import type { Config } from '../../../src/config/schema.js';
import { createLogger } from '../../../src/log.js';
import { PowerActionsRepo } from '../../../src/power/actions-repo.js';
import { testConfig } from '../../helpers/config.js';
import { waitUntil } from '../../helpers/proc.js';
import type { ShiftedClock } from './clock.js';

/** The demo technician token of config/zoneops.example.yaml (its SHA-256 below). */
export const technicianToken = 'demo-technician-token';
const technicianHash = '32ff96d506aec6d87b0c6f92b2c65c19ab4f077e00372846415797671a5963ad';

export function device(id: string, type: string, extra: Record<string, unknown> = {}) {
  const contact = { name: '测试厂家', phone: '400-000-0000' };
  return {
    id,
    name: id,
    type,
    location: '查阅区',
    assetNo: `T-${id}`,
    vendor: contact,
    serviceProvider: contact,
    responsible: '甲',
    ...extra,
  };
}

/**
 * A zone config on the external broker: the office hours of config/zoneops.example.yaml (winter from
 * 1 Oct: 09:00-12:00, 14:00-17:30) with the default lead/lag (PCs and kiosks 15/15 min,
 * printers 20/30 min), two posts notified through a webhook receiver.
 */
export function zoneConfig(opts: {
  site: string;
  brokerUrl: string;
  hookUrl: string;
  devices: readonly Record<string, unknown>[];
  power?: Record<string, unknown>;
  hygiene?: Record<string, unknown>;
  alerts?: Record<string, unknown>;
}): Config {
  return testConfig({
    site: opts.site,
    siteName: '测试专区',
    officeHours: {
      weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
      lunchBreak: 'keep-on',
      seasons: [
        { name: '夏季作息', from: '05-01', periods: ['09:00-12:00', '14:30-18:00'] },
        { name: '冬季作息', from: '10-01', periods: ['09:00-12:00', '14:00-17:30'] },
      ],
    },
    people: [
      { id: 'staff-a', name: '甲', role: 'staff', post: 'A', notify: ['hook'] },
      { id: 'staff-b', name: '乙', role: 'staff', post: 'B', notify: ['hook'] },
    ],
    notifiers: [{ id: 'hook', type: 'webhook', url: opts.hookUrl }],
    api: { tokens: [{ name: 'tech', sha256: technicianHash, role: 'technician' }] },
    mqtt: { url: opts.brokerUrl, commandTimeoutSeconds: 5 },
    ...(opts.power ? { power: opts.power } : {}),
    ...(opts.hygiene ? { hygiene: opts.hygiene } : {}),
    ...(opts.alerts ? { alerts: opts.alerts } : {}),
    devices: opts.devices,
  });
}

export interface Daemon {
  readonly app: App;
  readonly logs: string[];
  /**
   * The minute the clock was jumped to begins: the timers the jump made due run (the minute ticker's
   * power pass among them), and this resolves once the pass and its commands are done.
   */
  tick(): Promise<void>;
  api<T>(path: string, init?: RequestInit): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

export const tempDb = (name: string) => join(mkdtempSync(join(tmpdir(), `zoneops-${name}-`)), 'zoneops.db');

/** The whole daemon (createApp, as `zoneops run` builds it) on an ephemeral 127.0.0.1 port. */
export async function startDaemon(config: Config, clock: ShiftedClock, dbPath: string): Promise<Daemon> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _e, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const app = createApp({
    config,
    clock,
    logger: createLogger('info', sink),
    listen: { host: '127.0.0.1', port: 0 },
    dbPath,
  });
  await app.start();
  try {
    await waitUntil(
      () => logs.some((l) => l.includes('"msg":"MQTT connected"')),
      10_000,
      'zoneops on the broker',
    );
  } catch (err) {
    await app.stop();
    throw err;
  }
  return {
    app,
    logs,
    async tick() {
      const power = app.features?.power;
      if (!power) throw new Error('the daemon is not started');
      clock.runDue();
      await app.zone?.ticker.idle();
      await power.reconciler.settled();
    },
    async api<T>(path: string, init: RequestInit = {}) {
      const r = await fetch(`http://127.0.0.1:${app.address?.port}/api/v1${path}`, {
        ...init,
        headers: {
          Authorization: `Bearer ${technicianToken}`,
          'Content-Type': 'application/json',
          ...(init.headers ?? {}),
        },
      });
      const text = await r.text();
      return { status: r.status, body: (text === '' ? null : JSON.parse(text)) as T };
    },
    stop: () => app.stop(),
  };
}

export interface FaultView {
  id: number;
  deviceId: string;
  kind: string;
  state: string;
  severity: string;
  evidence: { detail?: string };
}

export async function powerFaults(d: Daemon): Promise<FaultView[]> {
  const r = await d.api<{ faults: FaultView[] }>('/faults');
  if (r.status !== 200) throw new Error(`GET /faults: HTTP ${r.status}`);
  return r.body.faults.filter((f) => f.kind === 'power-on-failed' || f.kind === 'still-on-after-hours');
}

/** The daemon's record of its power commands (power_actions), oldest first: [device, action, result]. */
export async function powerActions(d: Daemon, from = 0): Promise<Array<[string, string, string]>> {
  const store = d.app.store;
  if (!store) throw new Error('the daemon is not started');
  const rows = await new PowerActionsRepo(store.db).list({ from });
  return rows.sort((a, b) => a.id - b.id).map((r) => [r.deviceId, r.action, r.result]);
}
