import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PowerOverridesRepo } from '../../../src/calendar/overrides-repo.js';
import { createScheduleService } from '../../../src/calendar/schedule-service.js';
import { createGuard } from '../../../src/http/guard.js';
import { apiErrors } from '../../../src/http/problem.js';
import { scheduleRoutes } from '../../../src/http/routes/schedule.js';
import { type Listening, listen } from '../../../src/http/server.js';
import { assetFromConfig } from '../../../src/inventory/assets.js';
import { createLogger } from '../../../src/log.js';
import { openStore, type Store } from '../../../src/store/store.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { context, exampleConfig } from '../../unit/power/harness.js';

// Tokens of config/zoneops.example.yaml (demo only): demo-staff-token, demo-technician-token.
const staff = { authorization: 'Bearer demo-staff-token', 'content-type': 'application/json' };
const tech = { authorization: 'Bearer demo-technician-token', 'content-type': 'application/json' };

let store: Store;
let server: Listening;
let base: string;
let reconciles = 0;
const clock = new FakeClock('2026-10-08T09:00:00Z'); // Thu 17:00 in Shanghai

beforeAll(async () => {
  store = await openStore(':memory:', clock.now());
  await store.devices.sync(exampleConfig.devices.map(assetFromConfig), clock.now());
  const guard = createGuard(exampleConfig.api.tokens, store.audit, clock);
  const app = express();
  const api = express.Router();
  api.use(express.json());
  api.use(
    scheduleRoutes({
      schedule: createScheduleService({
        context: context(),
        devices: new Map(exampleConfig.devices.map((d) => [d.id, d.type])),
        overrides: new PowerOverridesRepo(store.db),
      }),
      devices: store.devices,
      audit: store.audit,
      clock,
      guard,
      reconcileNow: async () => {
        reconciles++;
      },
    }),
  );
  app.use('/api/v1', api);
  app.use(apiErrors(createLogger('silent')));
  server = await listen(app, '127.0.0.1', 0);
  base = `http://127.0.0.1:${server.port}/api/v1`;
});

afterAll(async () => {
  await server?.close();
  await store?.close();
});

describe('schedule and power override routes', () => {
  it('GET /schedule gives the calendar with planned power times (staff may read)', async () => {
    const res = await fetch(`${base}/schedule?from=2026-10-09&days=3`, { headers: staff });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      days: Array<{
        date: string;
        workday: boolean;
        reason: string;
        source: string;
        power: Record<string, unknown>;
      }>;
      overrides: unknown[];
    };
    expect(body.days.map((d) => [d.date, d.workday, d.reason, d.source])).toEqual([
      ['2026-10-09', true, '工作日', 'package'],
      ['2026-10-10', true, '调休上班', 'package'],
      ['2026-10-11', false, '周末', 'package'],
    ]);
    expect(body.days[1]?.power.printer).toEqual([{ on: '08:40', off: '18:00' }]);
    expect(body.overrides).toEqual([]);
    expect((await fetch(`${base}/schedule`)).status).toBe(401);
    const bad = await fetch(`${base}/schedule?days=1000`, { headers: staff });
    expect(bad.status).toBe(400);
  });

  it('staff may keep the zone on until a time today; the override is audited', async () => {
    const res = await fetch(`${base}/power/overrides`, {
      method: 'POST',
      headers: staff,
      body: JSON.stringify({ kind: 'keep-on', until: '19:30', note: '晚间政策宣讲' }),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: number; until: number; deviceId: string | null };
    expect(created).toMatchObject({
      kind: 'keep-on',
      deviceId: null,
      until: Date.parse('2026-10-08T11:30:00Z'),
    });
    expect(reconciles).toBe(1);
    const audit = await store.audit.list();
    expect(audit[0]).toMatchObject({ actor: 'demo-staff', action: 'power.keep-on', target: 'zone' });
  });

  it('staff may not force; a technician may, and only on devices zoneops can switch', async () => {
    const denied = await fetch(`${base}/power/overrides`, {
      method: 'POST',
      headers: staff,
      body: JSON.stringify({ kind: 'force-off', deviceId: 'pc-01' }),
    });
    expect(denied.status).toBe(403);
    expect(
      (await fetch(`${base}/power/pc-01`, { method: 'POST', headers: staff, body: '{"action":"off"}' }))
        .status,
    ).toBe(403);
    const ok = await fetch(`${base}/power/kiosk-01`, {
      method: 'POST',
      headers: tech,
      body: '{"action":"off"}',
    });
    expect(ok.status).toBe(202);
    // Without `until`, a force lasts to the end of today (midnight in Shanghai).
    expect(await ok.json()).toMatchObject({
      kind: 'force-off',
      deviceId: 'kiosk-01',
      until: Date.parse('2026-10-08T16:00:00Z'),
    });
    const plug = await fetch(`${base}/power/plug-01`, {
      method: 'POST',
      headers: tech,
      body: '{"action":"on"}',
    });
    expect(plug.status).toBe(409);
    const unknown = await fetch(`${base}/power/nope`, {
      method: 'POST',
      headers: tech,
      body: '{"action":"on"}',
    });
    expect(unknown.status).toBe(404);
    const past = await fetch(`${base}/power/kiosk-01`, {
      method: 'POST',
      headers: tech,
      body: JSON.stringify({ action: 'on', until: '08:00' }),
    });
    expect(past.status).toBe(400);
    const audit = await store.audit.list();
    expect(audit.map((a) => [a.actor, a.action, a.target]).slice(0, 4)).toEqual([
      ['demo-technician', 'power.force-off', 'device:kiosk-01'],
      ['demo-staff', 'denied', 'POST /api/v1/power/pc-01'],
      ['demo-staff', 'denied', 'POST /api/v1/power/overrides'],
      ['demo-staff', 'power.keep-on', 'zone'],
    ]);
    const sched = (await (await fetch(`${base}/schedule?days=1`, { headers: staff })).json()) as {
      overrides: Array<{ kind: string }>;
    };
    expect(sched.overrides.map((o) => o.kind)).toEqual(['keep-on', 'force-off']);
  });
});
