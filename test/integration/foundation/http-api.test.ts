import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../../src/app.js';
import { systemClock } from '../../../src/clock.js';
import { createLogger } from '../../../src/log.js';
import { minimalConfigData, testConfig } from '../../helpers/config.js';
import { requireBinary } from '../../helpers/proc.js';

// Tokens whose SHA-256 we configure below (the config holds only hashes).
const tokens = { staff: 'demo-staff-token', technician: 'demo-technician-token', admin: 'demo-admin-token' };

let app: App;
let base: string;
const logLines: string[] = [];

beforeAll(async () => {
  const data = minimalConfigData();
  data.api = {
    tokens: [
      {
        name: 't-staff',
        sha256: '014519f70727c7a3c69e8a1e41b396ceb2f9df7059eff690703bed0858ee014f',
        role: 'staff',
      },
      {
        name: 't-tech',
        sha256: '32ff96d506aec6d87b0c6f92b2c65c19ab4f077e00372846415797671a5963ad',
        role: 'technician',
      },
      {
        name: 't-admin',
        sha256: '91c16f0d6cc1bec3c3603972182a07c66ff4fa71618a975e963d6dbe42b6dd37',
        role: 'admin',
      },
    ],
  };
  data.http = { bodyLimitBytes: 4096 };
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logLines.push(String(chunk));
      cb();
    },
  });
  app = createApp({
    config: testConfig(data),
    clock: systemClock,
    logger: createLogger('debug', sink),
    listen: { host: '127.0.0.1', port: 0 },
    dbPath: join(mkdtempSync(join(tmpdir(), 'zoneops-http-')), 'zoneops.db'),
  });
  await app.start();
  base = `http://127.0.0.1:${app.address?.port}`;
});

afterAll(async () => {
  await app.stop();
});

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const json = { 'Content-Type': 'application/json' };

describe('HTTP API', () => {
  it('GET /healthz answers without auth', async () => {
    const r = await fetch(`${base}/healthz`);
    expect(r.status).toBe(200);
    const body = (await r.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ok', version: '0.1.0', db: 'ok' });
    expect(typeof body.uptimeSeconds).toBe('number');
  });

  it('refuses the API without a token (401), with a wrong token (401), and lets a valid one in', async () => {
    const none = await fetch(`${base}/api/v1/devices`);
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    expect(await none.json()).toMatchObject({ status: 401, detail: 'missing bearer token' });

    const wrong = await fetch(`${base}/api/v1/devices`, { headers: auth('not-a-token') });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ detail: 'invalid token' });

    const basic = await fetch(`${base}/api/v1/devices`, { headers: { Authorization: 'Basic abc' } });
    expect(basic.status).toBe(401);

    const ok = await fetch(`${base}/api/v1/devices`, { headers: auth(tokens.staff) });
    expect(ok.status).toBe(200);
  });

  it('lists the asset register with status and no secrets or addresses', async () => {
    const r = await fetch(`${base}/api/v1/devices`, { headers: auth(tokens.staff) });
    const text = await r.text();
    const body = JSON.parse(text) as { devices: Array<Record<string, unknown>> };
    expect(body.devices.map((d) => d.id)).toEqual(['pc-01', 'plug-01']);
    expect(body.devices[0]).toMatchObject({
      id: 'pc-01',
      name: '电脑 1',
      type: 'pc',
      assetNo: 'T-001',
      vendor: { name: '厂家' },
      protocols: ['snmp'],
      status: 'unknown',
    });
    // The community string and the device address from test/fixtures/foundation/minimal.yaml never leave.
    expect(text).not.toContain('test-community-secret');
    expect(text).not.toContain('16161');
  });

  it('pages the register by id with a cursor, filters by type and status, and refuses a bad filter', async () => {
    const get = async (q: string) => {
      const r = await fetch(`${base}/api/v1/devices${q}`, { headers: auth(tokens.staff) });
      return {
        status: r.status,
        body: (await r.json()) as { devices?: Array<{ id: string }>; next?: string | null; detail?: string },
      };
    };
    const first = await get('?limit=1');
    expect(first.body.devices?.map((d) => d.id)).toEqual(['pc-01']);
    expect(first.body.next).toBe('pc-01');
    const second = await get(`?limit=1&cursor=${first.body.next}`);
    expect(second.body.devices?.map((d) => d.id)).toEqual(['plug-01']);
    expect(second.body.next).toBeNull();
    expect((await get('?type=plug')).body.devices?.map((d) => d.id)).toEqual(['plug-01']);
    expect((await get('?status=unknown')).body.devices).toHaveLength(2);
    expect((await get('?status=down')).body.devices).toEqual([]);
    const bad = await get('?status=broken&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('query.status: expected one of');
    expect(bad.body.detail).toContain('query.limit: expected 1..1000');
  });

  it('answers a repeated list with 304 Not Modified while its ETag still matches (RFC 9110 §13.1.2)', async () => {
    const r = await fetch(`${base}/api/v1/devices?type=plug`, { headers: auth(tokens.staff) });
    const etag = r.headers.get('etag');
    expect(etag).toMatch(/^W\/".+"$/);
    // Our own Cache-Control: with a conditional header, fetch would add `no-cache`, which forbids a 304
    // (Fetch standard, HTTP-network-or-cache fetch); curl or a script sends none.
    const again = await fetch(`${base}/api/v1/devices?type=plug`, {
      headers: { ...auth(tokens.staff), 'If-None-Match': etag ?? '', 'Cache-Control': 'max-age=0' },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const other = await fetch(`${base}/api/v1/devices`, {
      headers: { ...auth(tokens.staff), 'If-None-Match': etag ?? '' },
    });
    expect(other.status).toBe(200);
  });

  it('GET /api/v1/devices/:id gives one device, 404 for an unknown one', async () => {
    const r = await fetch(`${base}/api/v1/devices/plug-01`, { headers: auth(tokens.staff) });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ id: 'plug-01', type: 'plug', protocols: ['mqtt'] });
    const missing = await fetch(`${base}/api/v1/devices/nope`, { headers: auth(tokens.staff) });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ detail: 'no device with id "nope"' });
  });

  it('refuses a staff token on a technician action (403) and audits the attempt', async () => {
    const r = await fetch(`${base}/api/v1/devices/pc-01/maintenance`, {
      method: 'POST',
      headers: { ...auth(tokens.staff), ...json },
      body: JSON.stringify({ kind: 'repair', note: 'x', performedBy: 'y', performedOn: '2026-11-20' }),
    });
    expect(r.status).toBe(403);
    expect(await r.json()).toMatchObject({ detail: 'role staff may not do this (needs technician)' });
    const audit = await fetch(`${base}/api/v1/audit`, { headers: auth(tokens.admin) });
    const entries = ((await audit.json()) as { entries: Array<Record<string, unknown>> }).entries;
    expect(entries).toContainEqual(
      expect.objectContaining({
        actor: 't-staff',
        role: 'staff',
        action: 'denied',
        target: 'POST /api/v1/devices/pc-01/maintenance',
        remoteAddr: '127.0.0.1',
      }),
    );
  });

  it('records maintenance by a technician and writes who, what, when and from where to the audit log', async () => {
    const before = Date.now();
    const r = await fetch(`${base}/api/v1/devices/pc-01/maintenance`, {
      method: 'POST',
      headers: { ...auth(tokens.technician), ...json },
      body: JSON.stringify({
        kind: 'repair',
        note: '更换硬盘',
        performedBy: '服务商 赵工',
        performedOn: '2026-11-20',
      }),
    });
    expect(r.status).toBe(201);
    const record = (await r.json()) as { id: number };
    const list = await fetch(`${base}/api/v1/devices/pc-01/maintenance`, { headers: auth(tokens.staff) });
    expect(((await list.json()) as { records: unknown[] }).records).toContainEqual(
      expect.objectContaining({ id: record.id, note: '更换硬盘', recordedBy: 't-tech' }),
    );
    const audit = await fetch(`${base}/api/v1/audit`, { headers: auth(tokens.admin) });
    const entries = ((await audit.json()) as { entries: Array<{ at: number } & Record<string, unknown>> })
      .entries;
    const row = entries.find((e) => e.action === 'maintenance.record');
    expect(row).toMatchObject({
      actor: 't-tech',
      role: 'technician',
      target: 'device:pc-01',
      remoteAddr: '127.0.0.1',
    });
    expect(row?.at).toBeGreaterThanOrEqual(before);
  });

  it('only the admin reads the audit log', async () => {
    const r = await fetch(`${base}/api/v1/audit`, { headers: auth(tokens.technician) });
    expect(r.status).toBe(403);
  });

  it('answers malformed JSON with 400 and a clear message, never 500', async () => {
    const r = await fetch(`${base}/api/v1/devices/pc-01/maintenance`, {
      method: 'POST',
      headers: { ...auth(tokens.technician), ...json },
      body: '{"kind": "repair",',
    });
    expect(r.status).toBe(400);
    const body = (await r.json()) as { detail: string };
    expect(body.detail).toMatch(/^malformed JSON body/);
    expect(JSON.stringify(body)).not.toMatch(/node_modules|\.js:\d+/);
  });

  it('names the bad field of a body that is valid JSON but wrong', async () => {
    const r = await fetch(`${base}/api/v1/devices/pc-01/maintenance`, {
      method: 'POST',
      headers: { ...auth(tokens.technician), ...json },
      body: JSON.stringify({
        kind: 'magic',
        note: 'x',
        performedBy: 'y',
        performedOn: '2026-13-45',
        extra: 1,
      }),
    });
    expect(r.status).toBe(400);
    const { detail } = (await r.json()) as { detail: string };
    expect(detail).toContain(
      'body.kind: expected one of "repair" | "service" | "inspection" | "replacement" | "other", got "magic"',
    );
    expect(detail).toContain(
      'body.performedOn: expected a date YYYY-MM-DD between 2000-01-01 and 2100-12-31',
    );
    expect(detail).toContain('body.extra: unknown field');
  });

  it('refuses an oversized body (413) and a non-JSON content type (415)', async () => {
    const big = await fetch(`${base}/api/v1/devices/pc-01/maintenance`, {
      method: 'POST',
      headers: { ...auth(tokens.technician), ...json },
      body: JSON.stringify({ note: 'x'.repeat(10_000) }),
    });
    expect(big.status).toBe(413);
    const form = await fetch(`${base}/api/v1/devices/pc-01/maintenance`, {
      method: 'POST',
      headers: { ...auth(tokens.technician), 'Content-Type': 'text/plain' },
      body: 'kind=repair',
    });
    expect(form.status).toBe(415);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const r = await fetch(`${base}/api/v1/nothing-here`, { headers: auth(tokens.staff) });
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
  });

  it('serves /metrics in Prometheus text format that promtool accepts', async () => {
    const promtool = requireBinary('promtool');
    const r = await fetch(`${base}/metrics`);
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(text).toContain('zoneops_build_info{version="0.1.0",site="testzone"} 1');
    expect(text).toContain('zoneops_devices{type="pc",status="unknown",site="testzone"} 1');
    expect(text).toMatch(/^process_cpu_seconds_total\{site="testzone"\} /m);
    const file = join(mkdtempSync(join(tmpdir(), 'zoneops-metrics-')), 'metrics.txt');
    writeFileSync(file, text);
    // promtool exits non-zero on a format error; it reads the exposition from stdin.
    const out = execFileSync('sh', ['-c', `${promtool} check metrics < ${file} 2>&1; echo "rc=$?"`], {
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('rc=0');
  });

  it('never logs a token or a secret', () => {
    const all = logLines.join('');
    for (const t of Object.values(tokens)) expect(all).not.toContain(t);
    expect(all).not.toContain('test-community-secret');
  });
});
