import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HygienePlan } from '../../../src/domain/hygiene-plan.js';
import { createGuard } from '../../../src/http/guard.js';
import { apiErrors } from '../../../src/http/problem.js';
import { hygienePhotoRoutes, hygieneRoutes } from '../../../src/http/routes/hygiene.js';
import { type Listening, listen } from '../../../src/http/server.js';
import { PhotoStore } from '../../../src/hygiene/photos.js';
import { HygieneRepo } from '../../../src/hygiene/repo.js';
import { createHygieneService } from '../../../src/hygiene/service.js';
import { createLogger } from '../../../src/log.js';
import { openStore, type Store } from '../../../src/store/store.js';
import { bj, fakeDays, testPlan } from '../../fixtures/hygiene/fake-calendar.js';
import { FakeClock } from '../../helpers/fake-clock.js';

// Token → SHA-256 pairs as in test/fixtures/foundation/minimal.yaml and config/zoneops.example.yaml.
const staffToken = 'demo-staff-token';
const tokens = [
  {
    name: 'phone-1',
    sha256: '014519f70727c7a3c69e8a1e41b396ceb2f9df7059eff690703bed0858ee014f',
    role: 'staff' as const,
  },
];
const plan: HygienePlan = {
  ...testPlan,
  targets: [
    ...testPlan.targets,
    {
      id: 'desk',
      name: '<b>前台</b> & "咨询"',
      tasks: [
        { task: 'clean', everyDays: 1, anchor: '2024-01-01', deadline: { kind: 'opening' }, post: 'A' },
      ],
    },
  ],
};
// Ten bytes starting with the JPEG / PNG signatures; SHA-256s from `printf '…' | sha256sum` in bash.
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const jpegSha = '45ae705277879f7f01d778f7c95a065bb0c06ab9936cf24307f375211fee13d1';
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]);
const pngSha = '3d5ccb0cef4d3fd8b2474faf2038fbbb654c5c4e992aef8df4a48e8a3372d362';

let dir: string;
let store: Store;
let server: Listening;
let base: string;
const clock = new FakeClock(bj('2025-10-09 08:00'));

const auth = { Authorization: `Bearer ${staffToken}` };
const json = { ...auth, 'Content-Type': 'application/json' };
const post = (body: unknown, headers: Record<string, string> = json) =>
  fetch(`${base}/api/v1/hygiene/records`, { method: 'POST', headers, body: JSON.stringify(body) });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zoneops-hygiene-http-'));
  store = await openStore(join(dir, 'data', 'zoneops.db'), clock.now());
  const photos = new PhotoStore(join(dir, 'data', 'hygiene-photos'));
  const service = createHygieneService({
    repo: new HygieneRepo(store.db),
    audit: store.audit,
    clock,
    plan,
    photos,
    photoMaxBytes: 2048,
    backdateToleranceMinutes: 10,
  });
  const guard = createGuard(tokens, store.audit, clock);
  const deps = {
    service,
    plan,
    days: fakeDays,
    photos,
    photoMaxBytes: 2048,
    clock,
    guard,
    tz: 'Asia/Shanghai',
    language: 'zh-CN' as const,
    siteName: '测试专区',
  };
  // Mounted as the lead mounts it: the raw photo route before the JSON API router.
  const app = express();
  app.use('/api/v1', hygienePhotoRoutes(deps));
  const api = express.Router();
  api.use(express.json({ limit: 64 * 1024 }));
  api.use(hygieneRoutes(deps));
  app.use('/api/v1', api);
  app.use(apiErrors(createLogger('silent')));
  server = await listen(app, '127.0.0.1', 0);
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('hygiene API auth', () => {
  it('answers 401 without a token or with a wrong one, and lets staff in', async () => {
    for (const path of ['records', 'records.csv', 'compliance?month=2025-10', 'compliance.html', 'plan']) {
      expect((await fetch(`${base}/api/v1/hygiene/${path}`)).status).toBe(401);
    }
    expect(
      (await post({ target: 'waiting-area', task: 'clean' }, { 'Content-Type': 'application/json' })).status,
    ).toBe(401);
    const photo = await fetch(`${base}/api/v1/hygiene/photos`, {
      method: 'POST',
      body: jpeg,
      headers: { 'Content-Type': 'image/jpeg' },
    });
    expect(photo.status).toBe(401);
    const wrong = await fetch(`${base}/api/v1/hygiene/records`, {
      headers: { Authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(401);
    expect((await fetch(`${base}/api/v1/hygiene/records`, { headers: auth })).status).toBe(200);
  });
});

describe('recording', () => {
  it('keeps both records when two phones record at the same moment', async () => {
    const [a, b] = await Promise.all([
      post({ target: 'reading-area', task: 'clean', by: '李娟', method: '湿抹布擦拭' }),
      post({ target: 'reading-area', task: 'clean', by: '王芳', method: '75% 酒精擦拭' }),
    ]);
    expect([a?.status, b?.status]).toEqual([201, 201]);
    const list = (await (
      await fetch(`${base}/api/v1/hygiene/records?target=reading-area`, { headers: auth })
    ).json()) as {
      records: Array<{
        actor: string;
        recordedBy: string;
        recordedAt: number;
        backdated: boolean;
        source: string;
      }>;
    };
    // Who did the work is what the phone said; who entered it is the token that was used, for both.
    expect(list.records.map((r) => r.actor).sort()).toEqual(['李娟', '王芳']);
    expect(list.records.map((r) => r.recordedBy)).toEqual(['phone-1', 'phone-1']);
    expect(
      list.records.every(
        (r) => r.recordedAt === bj('2025-10-09 08:00') && !r.backdated && r.source === 'api',
      ),
    ).toBe(true);
  });

  it('records several targets at once, with the server time', async () => {
    clock.set(bj('2025-10-09 08:20'));
    const r = await post({
      targets: ['waiting-area', 'desk'],
      task: 'clean',
      by: '李娟',
      agent: '含氯消毒液 500 mg/L',
    });
    expect(r.status).toBe(201);
    const body = (await r.json()) as { records: Array<{ target: string; doneAt: number; agent: string }> };
    expect(body.records.map((x) => [x.target, x.doneAt, x.agent])).toEqual([
      ['waiting-area', bj('2025-10-09 08:20'), '含氯消毒液 500 mg/L'],
      ['desk', bj('2025-10-09 08:20'), '含氯消毒液 500 mg/L'],
    ]);
  });

  it('stores a claimed earlier time but flags it back-dated; refuses a future time', async () => {
    clock.set(bj('2025-10-09 10:00'));
    const r = await post({
      target: 'reading-area',
      task: 'disinfect',
      by: '王芳',
      doneAt: '2025-10-09T08:30:00+08:00',
    });
    expect(r.status).toBe(201);
    const [rec] = (
      (await r.json()) as { records: Array<{ doneAt: number; recordedAt: number; backdated: boolean }> }
    ).records;
    expect(rec).toMatchObject({
      doneAt: bj('2025-10-09 08:30'),
      recordedAt: bj('2025-10-09 10:00'),
      backdated: true,
    });
    const future = await post({ target: 'reading-area', task: 'clean', doneAt: '2025-10-09T11:00:00+08:00' });
    expect(future.status).toBe(400);
    expect(await future.json()).toMatchObject({ detail: 'doneAt is in the future' });
    const noOffset = await post({ target: 'reading-area', task: 'clean', doneAt: '2025-10-09T08:00:00' });
    expect(noOffset.status).toBe(400);
  });

  it('a correction is a new record referencing the old one; both stay; a record is corrected once', async () => {
    clock.set(bj('2025-10-09 10:05'));
    const first = (await (
      await post({ target: 'waiting-area', task: 'clean', by: '李娟', note: '写错了区域' })
    ).json()) as {
      records: Array<{ id: number }>;
    };
    const oldId = first.records[0]?.id ?? 0;
    const fix = await post({
      target: 'desk',
      task: 'clean',
      by: '李娟',
      corrects: oldId,
      note: '更正：应为前台',
    });
    expect(fix.status).toBe(201);
    const again = await post({ target: 'desk', task: 'clean', by: '李娟', corrects: oldId });
    expect(again.status).toBe(409);
    expect((await post({ target: 'desk', task: 'clean', corrects: 99999 })).status).toBe(404);
    const list = (await (
      await fetch(`${base}/api/v1/hygiene/records?from=2025-10-09&to=2025-10-09`, { headers: auth })
    ).json()) as {
      records: Array<{ id: number; correctsId: number | null; correctedBy: number | null }>;
    };
    const old = list.records.find((r) => r.id === oldId);
    const fixed = list.records.find((r) => r.correctsId === oldId);
    expect(old?.correctedBy).toBe(fixed?.id);
  });

  it('refuses unknown targets, unplanned tasks and unknown fields with a message naming the field', async () => {
    expect(await (await post({ target: 'roof', task: 'clean' })).json()).toMatchObject({
      status: 400,
      detail: 'unknown target "roof"',
    });
    expect(await (await post({ target: 'waiting-area', task: 'disinfect' })).json()).toMatchObject({
      detail: 'target "waiting-area" has no task "disinfect" in the plan',
    });
    const extra = (await (await post({ target: 'desk', task: 'clean', colour: 'red' })).json()) as {
      detail: string;
    };
    expect(extra.detail).toContain('body.colour: unknown field');
  });
});

describe('photos', () => {
  const upload = (body: Buffer, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/v1/hygiene/photos`, {
      method: 'POST',
      body,
      headers: { ...auth, 'Content-Type': 'image/jpeg', ...headers },
    });

  it('stores a JPEG under its content hash, whatever file name the client sends', async () => {
    const r = await upload(jpeg, {
      'Content-Disposition': 'attachment; filename="../../../../tmp/evil.jpg"',
      'X-File-Name': '../../evil.jpg',
    });
    expect(r.status).toBe(201);
    expect(await r.json()).toEqual({ sha256: jpegSha, mime: 'image/jpeg', bytes: 10 });
    const stored = join(dir, 'data', 'hygiene-photos', jpegSha.slice(0, 2), `${jpegSha}.jpg`);
    expect(readFileSync(stored).equals(jpeg)).toBe(true);
    expect(readdirSync(join(dir, 'data', 'hygiene-photos'))).toEqual([jpegSha.slice(0, 2)]);
    expect(existsSync(join(dir, 'evil.jpg'))).toBe(false);
    const rec = await post({ target: 'desk', task: 'clean', photo: jpegSha });
    expect(rec.status).toBe(201);
    const get = await fetch(`${base}/api/v1/hygiene/photos/${jpegSha}`, { headers: auth });
    expect(get.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await get.arrayBuffer()).equals(jpeg)).toBe(true);
  });

  it('rejects a wrong type (whatever Content-Type says) and an oversize photo', async () => {
    const gif = await upload(Buffer.from('GIF89a\x01\x00\x01\x00'), { 'Content-Type': 'image/png' });
    expect(gif.status).toBe(415);
    expect(await gif.json()).toMatchObject({ detail: 'only JPEG or PNG photos are accepted' });
    const big = await upload(Buffer.concat([jpeg, Buffer.alloc(4096)]));
    expect(big.status).toBe(413);
    const b64 = await post({
      target: 'desk',
      task: 'clean',
      photoBase64: Buffer.from('<svg/>').toString('base64'),
    });
    expect(b64.status).toBe(415);
  });

  it('takes a base64 photo in the record, ignoring its file name; refuses unknown hashes and path tricks', async () => {
    const r = await post({
      target: 'desk',
      task: 'clean',
      photoBase64: `data:image/png;base64,${png.toString('base64')}`,
      photoFileName: '../../../etc/cron.d/evil.png',
    });
    expect(r.status).toBe(201);
    const [rec] = ((await r.json()) as { records: Array<{ photo: string }> }).records;
    expect(rec?.photo).toBe(pngSha);
    expect(existsSync(join(dir, 'data', 'hygiene-photos', pngSha.slice(0, 2), `${pngSha}.png`))).toBe(true);
    expect((await post({ target: 'desk', task: 'clean', photo: 'a'.repeat(64) })).status).toBe(400);
    expect((await post({ target: 'desk', task: 'clean', photo: '../../etc/passwd' })).status).toBe(400);
    for (const p of ['..%2F..%2Fetc%2Fpasswd', `..%2F${jpegSha}`, 'a'.repeat(64)]) {
      expect((await fetch(`${base}/api/v1/hygiene/photos/${p}`, { headers: auth })).status).toBe(404);
    }
  });
});

describe('inspection', () => {
  it('exports CSV as UTF-8 with a BOM and correct Chinese bytes', async () => {
    const r = await fetch(`${base}/api/v1/hygiene/records.csv?from=2025-10-01&to=2025-10-31`, {
      headers: auth,
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const buf = Buffer.from(await r.arrayBuffer());
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // 查阅区 = E6 9F A5 E9 98 85 E5 8C BA; 李娟 = U+674E U+5A1F = E6 9D 8E E5 A8 9F.
    expect(buf.includes(Buffer.from([0xe6, 0x9f, 0xa5, 0xe9, 0x98, 0x85, 0xe5, 0x8c, 0xba]))).toBe(true);
    expect(buf.includes(Buffer.from([0xe6, 0x9d, 0x8e, 0xe5, 0xa8, 0x9f]))).toBe(true);
    const lines = buf.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]?.startsWith('编号,对象,对象名称,任务,执行人,登记人,')).toBe(true);
    // Every row names the token that entered it right after who did the work.
    expect(
      lines
        .slice(1)
        .filter((l) => l !== '')
        .every((l) => /,(李娟|王芳|[^,]+),phone-1,/.test(l)),
    ).toBe(true);
    expect(
      lines.some(
        (l) =>
          l.includes(',reading-area,查阅区,消毒,王芳,phone-1,2025-10-09 08:30:00,2025-10-09 10:00:00,') &&
          l.endsWith(',是,api'),
      ),
    ).toBe(true);
  });

  it('summarises the month per target in JSON', async () => {
    clock.set(bj('2025-10-09 12:00'));
    const r = await fetch(`${base}/api/v1/hygiene/compliance?month=2025-10`, { headers: auth });
    const s = (await r.json()) as {
      rows: Array<{ target: string; task: string; counts: Record<string, number> }>;
    };
    const row = (t: string, task: string) => s.rows.find((x) => x.target === t && x.task === task)?.counts;
    // 9 Oct: reading-area cleaned at 08:00 (on time); waiting-area at 08:20 (on time); the disinfection is back-dated.
    expect(row('reading-area', 'clean')).toMatchObject({ 'on-time': 1, late: 0, missed: 0, due: 17 });
    expect(row('waiting-area', 'clean')).toMatchObject({ 'on-time': 1, due: 17 });
    expect(row('reading-area', 'disinfect')).toMatchObject({ 'on-time': 0, late: 1, due: 3 });
    expect((await fetch(`${base}/api/v1/hygiene/compliance?month=2025-13`, { headers: auth })).status).toBe(
      400,
    );
  });

  it('prints the month as an HTML table, Chinese by default, every text escaped', async () => {
    const r = await fetch(`${base}/api/v1/hygiene/compliance.html?month=2025-10`, { headers: auth });
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await r.text();
    expect(html).toContain('<title>测试专区 清洁消毒执行情况 2025-10</title>');
    expect(html).toContain('&#60;b&#62;前台&#60;/b&#62; &#38; &#34;咨询&#34;');
    expect(html).not.toContain('<b>前台</b>');
    expect(html).toContain('<th>按时</th>');
    const en = await (
      await fetch(`${base}/api/v1/hygiene/compliance.html?month=2025-10&lang=en`, { headers: auth })
    ).text();
    expect(en).toContain('<th>on time</th>');
  });

  it('audits every write', async () => {
    const actions = (await store.audit.list()).map((e) => e.action);
    expect(actions.filter((a) => a === 'hygiene.photo').length).toBeGreaterThanOrEqual(2);
    expect(actions).toContain('hygiene.record');
    expect(actions).toContain('hygiene.correct');
  });
});
