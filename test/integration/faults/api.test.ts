import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { condition } from '../../../src/domain/conditions.js';
import { createGuard } from '../../../src/http/guard.js';
import { apiErrors } from '../../../src/http/problem.js';
import { dutyRoutes } from '../../../src/http/routes/duty.js';
import { faultRoutes } from '../../../src/http/routes/faults.js';
import { createLogger } from '../../../src/log.js';
import { startZone, type Zone } from './harness.js';

// The faults API mounted on a small express app of our own, on an ephemeral 127.0.0.1 port.

const sha = (t: string) => createHash('sha256').update(t).digest('hex');
const tokens = [
  { name: 'duty', sha256: sha('staff-token'), role: 'staff' as const },
  { name: 'tech', sha256: sha('tech-token'), role: 'technician' as const },
];

let zone: Zone;
let server: Server;
let base: string;

beforeEach(async () => {
  zone = await startZone();
  const app = express();
  app.set('trust proxy', 'loopback');
  const api = express.Router();
  api.use(express.json({ limit: 64 * 1024 }));
  api.use(
    faultRoutes({
      faults: zone.faults,
      audit: zone.store.audit,
      clock: zone.clock,
      guard: createGuard(tokens, zone.store.audit, zone.clock),
    }),
  );
  api.use(
    dutyRoutes({
      duty: zone.duty,
      audit: zone.store.audit,
      clock: zone.clock,
      guard: createGuard(tokens, zone.store.audit, zone.clock),
      language: 'zh-CN',
    }),
  );
  app.use('/api/v1', api);
  app.use(apiErrors(createLogger('silent')));
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/api/v1`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await zone.close();
});

function call(path: string, opts: { token?: string; body?: unknown; method?: string; ip?: string } = {}) {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.ip) headers['x-forwarded-for'] = opts.ip;
  return fetch(`${base}${path}`, {
    method: opts.method ?? (opts.body !== undefined ? 'POST' : 'GET'),
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
}

describe('faults API', () => {
  it('lists, filters and shows a fault with its timeline; ack and resolve are audited', async () => {
    await zone.observe('printer-01', { conditions: [condition('paper-out'), condition('toner-low')] });
    expect((await call('/faults')).status).toBe(401);

    const all = (await (await call('/faults', { token: 'staff-token' })).json()) as {
      faults: Array<{ kind: string }>;
    };
    expect(all.faults.map((f) => f.kind).sort()).toEqual(['paper-out', 'toner-low']);
    const paper = (await (
      await call('/faults?kind=paper-out&state=open&device=printer-01', { token: 'staff-token' })
    ).json()) as {
      faults: Array<{ id: number; summary: string }>;
    };
    expect(paper.faults).toHaveLength(1);
    expect(paper.faults[0]?.summary).toBe('打印机 P-01（一楼查阅区）缺纸');
    const bad = await call('/faults?kind=coffee', { token: 'staff-token' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toContain('query.kind');

    const id = paper.faults[0]?.id as number;
    const ack = await call(`/faults/${id}/ack`, { token: 'staff-token', body: { note: '正在加纸' } });
    expect(ack.status).toBe(200);
    expect(((await ack.json()) as { state: string }).state).toBe('acknowledged');
    expect((await call(`/faults/${id}/ack`, { token: 'staff-token', body: {} })).status).toBe(409);

    const resolved = await call(`/faults/${id}/resolve`, { token: 'staff-token', body: { note: '已加纸' } });
    expect(resolved.status).toBe(200);
    const shown = (await (await call(`/faults/${id}`, { token: 'staff-token' })).json()) as {
      fault: { state: string };
      events: Array<{ type: string; actor: string }>;
      notifications: Array<{ channel: string; event: string }>;
    };
    expect(shown.fault.state).toBe('resolved');
    expect(shown.events.map((e) => `${e.type}:${e.actor}`)).toEqual([
      'opened:probe:snmp',
      'notified:zoneops',
      'acknowledged:duty',
      'resolved:duty',
    ]);
    expect(shown.notifications.map((n) => `${n.event} ${n.channel}`)).toEqual([`fault:${id}:L0 duty-group`]);
    expect((await call('/faults/999', { token: 'staff-token' })).status).toBe(404);
    expect((await call('/faults/abc', { token: 'staff-token' })).status).toBe(404);

    const audit = await zone.store.audit.list();
    expect(audit.map((a) => `${a.action} ${a.target} ${a.actor}`).reverse()).toEqual([
      `fault.ack fault:${id} duty`,
      `fault.resolve fault:${id} duty`,
    ]);
  });

  it('vendor contact needs the technician; device faults are resolved by the technician', async () => {
    const id = await zone.faults.raise({ deviceId: 'pc-01', kind: 'power-on-failed' });
    const body = {
      party: 'vendor',
      whom: '联想服务热线',
      ticket: 'T-1',
      promisedAt: '2025-05-06T16:00:00+08:00',
    };
    expect((await call(`/faults/${id}/vendor-contact`, { token: 'staff-token', body })).status).toBe(403);
    const bad = await call(`/faults/${id}/vendor-contact`, {
      token: 'tech-token',
      body: { ...body, party: 'friend' },
    });
    expect(bad.status).toBe(400);
    const ok = await call(`/faults/${id}/vendor-contact`, { token: 'tech-token', body });
    expect(ok.status).toBe(200);
    expect((await call(`/faults/${id}/resolve`, { token: 'staff-token', body: { note: 'ok' } })).status).toBe(
      403,
    );
    expect((await call(`/faults/${id}/resolve`, { token: 'tech-token', body: {} })).status).toBe(400);
    expect(
      (await call(`/faults/${id}/resolve`, { token: 'tech-token', body: { note: '已更换主板' } })).status,
    ).toBe(200);
    // Both refusals are audited alike: the guard's (vendor contact) and the service's (resolve a device fault).
    const denied = (await zone.store.audit.list()).filter((a) => a.action === 'denied');
    expect(denied.map((a) => [a.target, a.role, a.detail]).sort()).toEqual([
      [`POST /api/v1/faults/${id}/resolve`, 'staff', { needed: 'technician', via: 'api' }],
      [`POST /api/v1/faults/${id}/vendor-contact`, 'staff', { needed: 'technician', via: 'api' }],
    ]);
  });

  it('silences and absences are validated and audited', async () => {
    const none = await call('/silences', {
      token: 'tech-token',
      body: { endsAt: '2025-05-06T12:00:00+08:00', reason: '保养' },
    });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { detail: string }).detail).toContain('give deviceId, kind or both');
    const past = await call('/silences', {
      token: 'tech-token',
      body: { deviceId: 'printer-01', endsAt: '2025-05-06T09:00:00+08:00', reason: '保养' },
    });
    expect(past.status).toBe(400);
    const ok = await call('/silences', {
      token: 'tech-token',
      body: { deviceId: 'printer-01', endsAt: '2025-05-06T12:00:00+08:00', reason: '厂家保养' },
    });
    expect(ok.status).toBe(201);
    expect(
      (
        await call('/silences', {
          token: 'staff-token',
          body: { kind: 'jam', endsAt: '2025-05-06T12:00:00+08:00', reason: 'x' },
        })
      ).status,
    ).toBe(403);
    expect(
      (await call('/absences', { token: 'staff-token', body: { personId: 'staff-a', date: '2025-05-06' } }))
        .status,
    ).toBe(201);
    const nobody = await call('/absences', {
      token: 'staff-token',
      body: { personId: 'nobody', date: '2025-05-06' },
    });
    expect(nobody.status).toBe(400);
    expect(((await nobody.json()) as { detail: string }).detail).toBe('personId：没有编号为 "nobody" 的人员');
    const actions = (await zone.store.audit.list()).map((a) => a.action).reverse();
    expect(actions).toEqual(['silence.create', 'denied', 'absence.mark']);
  });
});
