import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGuard } from '../../../src/http/guard.js';
import { apiErrors } from '../../../src/http/problem.js';
import { dutyRoutes } from '../../../src/http/routes/duty.js';
import { createLogger } from '../../../src/log.js';
import { startZone, type Zone } from '../faults/harness.js';

// The rota API on a small express app of our own (127.0.0.1, ephemeral port), the fault harness's zone
// behind it (Tuesday 6 May 2025, 09:30). Every refusal: 400 with a Chinese message naming the field, and
// nothing stored.

const sha = (t: string) => createHash('sha256').update(t).digest('hex');
const tokens = [
  { name: 'duty', sha256: sha('staff-token'), role: 'staff' as const },
  { name: 'tech', sha256: sha('tech-token'), role: 'technician' as const },
  { name: 'root', sha256: sha('admin-token'), role: 'admin' as const },
];

let zone: Zone;
let server: Server;
let base: string;

beforeEach(async () => {
  zone = await startZone();
  const app = express();
  const api = express.Router();
  api.use(express.json({ limit: 64 * 1024 }));
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

async function call(path: string, opts: { token?: string; body?: unknown; method?: string } = {}) {
  const r = await fetch(`${base}${path}`, {
    method: opts.method ?? (opts.body !== undefined ? 'POST' : 'GET'),
    headers: {
      authorization: `Bearer ${opts.token ?? 'tech-token'}`,
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await r.text();
  return { status: r.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
}

interface DutyBody {
  today: { posts: { A: Array<{ id: string }>; B: Array<{ id: string }> }; covers: { slot: string } | null };
  week: unknown[];
  absences: Array<{ id: number; personId: string }>;
  swaps: Array<{ id: number }>;
  rota: Array<{ weekday: string; A: Array<{ id: string }>; B: Array<{ id: string }>; source: string }>;
}
const duty = async () => (await call('/duty', { token: 'staff-token' })).body as unknown as DutyBody;

describe('the rota API', () => {
  it('refuses bad absences with a Chinese message naming the field, and stores nothing', async () => {
    const leave = { personId: 'staff-a', from: '2025-05-07', to: '2025-05-08', reason: '年假' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...leave, personId: 'nobody' }, 'personId：没有编号为 "nobody" 的人员'],
      [
        { ...leave, personId: 'tech' },
        'personId：陈刚 不是值班人员（只有 role 为 staff 的人员值 A/B 岗，也只有他们登记请假）',
      ],
      [{ ...leave, from: '2025/05/07' }, 'from：日期格式应为 YYYY-MM-DD（如 2025-05-06），收到 "2025/05/07"'],
      [{ ...leave, to: '2025-02-30' }, 'to：日期格式应为 YYYY-MM-DD（如 2025-05-06），收到 "2025-02-30"'],
      [{ ...leave, to: '2025-05-06' }, 'to：结束日期 2025-05-06 早于开始日期 2025-05-07'],
      [
        { ...leave, from: '2025-05-01' },
        'from：2025-05-01 已经过去（今天是 2025-05-06），只有管理员可以登记过去的日期',
      ],
      [{ ...leave, reason: '' }, 'reason：必填'],
      [{ ...leave, colour: 'red' }, 'body.colour：未知字段'],
      [{ ...leave, confirmCover: 'maybe' }, 'confirmCover：应为 true 或 false'],
    ];
    for (const [body, detail] of cases) {
      const r = await call('/duty/absences', { body });
      expect({ status: r.status, detail: r.body.detail }).toEqual({ status: 400, detail });
    }
    expect((await duty()).absences).toEqual([]);
    // Attendants see the rota but do not change it.
    expect((await call('/duty/absences', { token: 'staff-token', body: leave })).status).toBe(403);
    expect((await duty()).absences).toEqual([]);
  });

  it('records, refuses an overlap, asks before taking the last post, undoes; all audited', async () => {
    const a = await call('/duty/absences', {
      body: { personId: 'staff-a', from: '2025-05-07', to: '2025-05-09', reason: '年假' },
    });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({
      personId: 'staff-a',
      from: '2025-05-07',
      to: '2025-05-09',
      reason: '年假',
    });
    const overlap = await call('/duty/absences', {
      body: { personId: 'staff-a', from: '2025-05-09', to: '2025-05-12', reason: '事假' },
    });
    expect(overlap.body.detail).toBe(
      'from/to：与 李娟 已登记的请假（2025-05-07 至 2025-05-09）重叠，请先撤销那一条再登记',
    );
    // B away on Thursday too: nobody would hold a post. 409 unless the cover is confirmed.
    const sick = { personId: 'staff-b', from: '2025-05-08', to: '2025-05-08', reason: '病假' };
    const last = await call('/duty/absences', { body: sick });
    expect(last.status).toBe(409);
    expect(last.body.detail).toContain('王芳 请假后，2025-05-08 将无人值守（A、B 岗都不在岗）');
    expect(last.body.uncoveredDates).toEqual(['2025-05-08']);
    expect((await duty()).absences.map((x) => x.personId)).toEqual(['staff-a']);
    const confirmed = await call('/duty/absences', { body: { ...sick, confirmCover: true } });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.coverConfirmed).toBe(true);

    const undo = await call(`/duty/absences/${a.body.id}`, { method: 'DELETE' });
    expect(undo.status).toBe(200);
    expect(undo.body).toMatchObject({ id: a.body.id, revokedBy: 'tech' });
    expect((await call(`/duty/absences/${a.body.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await duty()).absences.map((x) => x.personId)).toEqual(['staff-b']);

    // An admin may correct the record for a past date.
    const past = { personId: 'staff-a', from: '2025-05-05', to: '2025-05-05', reason: '补登' };
    expect((await call('/duty/absences', { token: 'admin-token', body: past })).status).toBe(201);

    const actions = (await zone.store.audit.list()).map((x) => x.action).reverse();
    expect(actions).toEqual([
      'duty.absence.add',
      'duty.absence.add',
      'duty.absence.undo',
      'duty.absence.add',
    ]);
  });

  it('swaps: an exchange of posts for one date, validated, undone', async () => {
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ date: '2025-05-07', post: 'C', personId: 'staff-b' }, 'post：应为 A 或 B，收到 "C"'],
      [
        { date: '2025-05-07', post: 'A', personId: 'lead' },
        'personId：张主任 不是值班人员（只有 role 为 staff 的人员值 A/B 岗，也只有他们登记请假）',
      ],
      [{ date: '2025-05-07', post: 'A', personId: 'staff-a' }, 'personId：李娟 在 2025-05-07 本来就值 A 岗'],
      [
        { date: 'tomorrow', post: 'A', personId: 'staff-b' },
        'date：日期格式应为 YYYY-MM-DD（如 2025-05-06），收到 "tomorrow"',
      ],
      // Every date zoneops takes lies in 2000..2100 (README "Security").
      [
        { date: '9999-12-31', post: 'A', personId: 'staff-b' },
        'date：日期应在 2000-01-01 至 2100-12-31 之间，收到 9999-12-31',
      ],
    ];
    for (const [body, detail] of bad) {
      const r = await call('/duty/swaps', { body });
      expect({ status: r.status, detail: r.body.detail }).toEqual({ status: 400, detail });
    }
    // Today 王芳 takes the A post: the two exchange.
    const s = await call('/duty/swaps', {
      body: { date: '2025-05-06', post: 'A', personId: 'staff-b', reason: '调班' },
    });
    expect(s.status).toBe(201);
    const today = (await duty()).today;
    expect(today.posts.A.map((p) => p.id)).toEqual(['staff-b']);
    expect(today.posts.B.map((p) => p.id)).toEqual(['staff-a']);
    const again = await call('/duty/swaps', { body: { date: '2025-05-06', post: 'A', personId: 'staff-a' } });
    expect(again.body.detail).toBe('date/post：2025-05-06 的 A 岗已有调班，请先撤销那一条再登记');
    expect((await call(`/duty/swaps/${s.body.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await duty()).today.posts.A.map((p) => p.id)).toEqual(['staff-a']);
  });

  it('the first API’s one-day absence keeps working (staff), with the same checks', async () => {
    const ok = await call('/absences', {
      token: 'staff-token',
      body: { personId: 'staff-a', date: '2025-05-06' },
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ personId: 'staff-a', date: '2025-05-06' });
    expect((await duty()).today.covers?.slot).toBe('B');
    const old = await call('/absences', {
      token: 'staff-token',
      body: { personId: 'staff-b', date: '2020-01-01' },
    });
    expect(old.body.detail).toBe(
      'date：2020-01-01 已经过去（今天是 2025-05-06），只有管理员可以登记过去的日期',
    );
    const tech = await call('/absences', {
      token: 'staff-token',
      body: { personId: 'tech', date: '2025-05-07' },
    });
    expect(tech.status).toBe(400);
  });

  it('the weekly rota: a weekday’s posts changed, validated, routed by, undone; audited', async () => {
    const tue = { weekday: 'tue', A: 'staff-b', B: 'staff-a', reason: '李娟 周二改值 B 岗' };
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ ...tue, weekday: 'funday' }, 'weekday：应为 mon、tue、wed、thu、fri、sat 或 sun，收到 "funday"'],
      [{ ...tue, weekday: undefined }, 'weekday：必填'],
      [
        { ...tue, A: 'tech' },
        'A：陈刚 不是值班人员（只有 role 为 staff 的人员值 A/B 岗，也只有他们登记请假）',
      ],
      [{ ...tue, A: ['staff-b', 'nobody'] }, 'A[1]：没有编号为 "nobody" 的人员'],
      [{ ...tue, A: 7 }, 'A：应为人员编号，或人员编号的列表'],
      // Tuesday is an office weekday: it keeps an A post (check-config's rule for duty.rota).
      [{ ...tue, A: '' }, 'A：周二是工作日，必须有人值 A 岗'],
      [{ ...tue, B: 'staff-b' }, 'B：王芳 已经值 A 岗，同一天不能兼值 B 岗'],
      [{ ...tue, post: 'A' }, 'body.post：未知字段'],
    ];
    for (const [body, detail] of bad) {
      const r = await call('/duty/rota', { body });
      expect({ status: r.status, detail: r.body.detail }).toEqual({ status: 400, detail });
    }
    expect((await call('/duty/rota', { token: 'staff-token', body: tue })).status).toBe(403);
    // Nothing stored: every weekday still comes from the people's own posts.
    expect(new Set((await duty()).rota.map((d) => d.source))).toEqual(new Set(['people']));

    const set = await call('/duty/rota', { body: tue });
    expect(set.status).toBe(201);
    const view = await duty();
    const tuesday = view.rota.find((d) => d.weekday === 'tue');
    expect(tuesday).toMatchObject({ source: 'page', A: [{ id: 'staff-b' }], B: [{ id: 'staff-a' }] });
    expect(view.today.posts.A.map((p) => p.id)).toEqual(['staff-b']);
    // Today's on-duty alerts go to the new A post first.
    const plan = await zone.duty.planNow(['on-duty']);
    expect(plan.levels[0]?.present.map((p) => p.id)).toEqual(['staff-b']);
    // A Saturday is not an office day: it may have no A post.
    expect((await call('/duty/rota', { body: { weekday: 'sat', A: [], B: [] } })).status).toBe(201);

    const undo = await call(`/duty/rota/${set.body.id}`, { method: 'DELETE' });
    expect(undo.status).toBe(200);
    expect(undo.body).toMatchObject({ id: set.body.id, revokedBy: 'tech' });
    expect((await call(`/duty/rota/${set.body.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await duty()).today.posts.A.map((p) => p.id)).toEqual(['staff-a']);
    // The attendant's refused try is in the audit log too.
    expect((await zone.store.audit.list()).map((x) => x.action).reverse()).toEqual([
      'denied',
      'duty.rota.set',
      'duty.rota.set',
      'duty.rota.undo',
    ]);
  });
});
