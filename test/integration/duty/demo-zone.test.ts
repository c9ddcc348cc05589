import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../../src/app.js';
import { systemClock } from '../../../src/clock.js';
import { demoConfig, demoPeople } from '../../../src/demo/demo-config.js';
import { localTime } from '../../../src/domain/local-time.js';
import { createLogger } from '../../../src/log.js';
import { hashPin } from '../../../src/web/pin-hash.js';
import { testConfig } from '../../helpers/config.js';
import { waitUntil } from '../../helpers/proc.js';
import { type Receiver, startReceiver } from '../../helpers/receivers.js';
import { Browser } from '../web/stack.js';

// The "done means" on the demo zone's own config (src/demo/demo-config.ts: the A post 王小明, the
// B post 刘芳, the lead 赵主任 and the technician 李技术, open every day all day), run by the whole daemon
// (createApp) on 127.0.0.1 without its pollers; its webhook goes to a receiver standing in for the demo
// inbox. What a user checks: the status page, the messages, the fault's notifications, /metrics.

let app: App;
let hook: Receiver;
let base: string;
const token = 'zo_demo_test_technician_token';

beforeAll(async () => {
  hook = await startReceiver({ kind: 'webhook' });
  const keys = Object.keys(demoPeople) as Array<keyof typeof demoPeople>;
  const hashes = await Promise.all(keys.map((k) => hashPin(demoPeople[k].pin, { N: 1024, r: 8, p: 1 })));
  const pinHashes = Object.fromEntries(keys.map((k, i) => [k, hashes[i] as string])) as Record<
    keyof typeof demoPeople,
    string
  >;
  const dir = mkdtempSync(join(tmpdir(), 'zoneops-demo-duty-'));
  const data = demoConfig(
    {
      snmp: { pc01: 16171, pc02: 16172, printer01: 16173, printer02: 16174 },
      mqttPort: 1,
      inboxUrl: `${hook.url}/`,
      ippUri: 'ipp://127.0.0.1:1/ipp/print',
      httpPort: 9,
    },
    {
      community: 'demo-duty',
      technicianToken: token,
      pinHashes,
      mqttPasswords: { zoneops: 'mqtt-zoneops', 'pc-01': 'mqtt-pc-01', 'plug-02': 'mqtt-plug-02' },
    },
    join(dir, 'zoneops.db'),
    Date.now(),
  );
  app = createApp({
    config: testConfig(data),
    clock: systemClock,
    logger: createLogger('silent'),
    listen: { host: '127.0.0.1', port: 0 },
    withoutFeatures: true,
  });
  await app.start();
  base = `http://127.0.0.1:${app.address?.port}`;
});
afterAll(async () => {
  await app.stop();
  await hook.close();
});

async function api(path: string, body?: unknown) {
  const r = await fetch(`${base}/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}
const text = (html: string) =>
  html
    .replace(/<br>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ');
const messages = () =>
  hook.accepted.map((r) => r.json as { title: string; text: string; to: Array<{ name: string }> });

describe('the demo zone: nobody is never the answer', () => {
  it('A away: the status page says who covers; everyone away: 无人值守, the technician is told, a public report reaches a person', async () => {
    const today = localTime(Date.now(), 'Asia/Shanghai').date;
    const lead = new Browser(base);
    expect((await lead.signIn(demoPeople.lead.id, demoPeople.lead.pin)).status).toBe(303);

    const a = await api('/duty/absences', {
      personId: demoPeople.staff.id,
      from: today,
      to: today,
      reason: '病假',
    });
    expect(a.status).toBe(201);
    const covered = text((await lead.page('/')).body);
    expect(covered).toContain('A 岗：王小明（请假：病假） B 岗：刘芳 值班提醒由B 岗 刘芳 接收');

    const b = { personId: demoPeople.staffB.id, from: today, to: today, reason: '事假' };
    expect((await api('/duty/absences', b)).status).toBe(409);
    expect((await api('/duty/absences', { ...b, confirmCover: true })).status).toBe(201);
    const status = await lead.page('/');
    expect(status.body).toContain('<strong>无人值守</strong>');
    expect(text(status.body)).toContain('值班提醒改发给负责人 赵主任');
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^zoneops_duty_uncovered\{site="demo"\} 1$/m);

    // The technician and the lead are told at once.
    await waitUntil(() => messages().some((m) => m.text.includes('无人值守')), 10_000, 'the 无人值守 notice');
    const notice = messages().find((m) => m.text.includes('无人值守'));
    expect(notice?.to.map((p) => p.name).sort()).toEqual(
      [demoPeople.lead.name, demoPeople.technician.name].sort(),
    );
    expect(notice?.text).toBe(
      `【演示镇政务公开专区（模拟）】${today} 无人值守：A 岗 王小明 请假（病假）；B 岗 刘芳 请假（事假）。` +
        '值班提醒将发给负责人 赵主任，请尽快安排代岗。',
    );

    // A citizen's report now: it reaches a person (the lead covers).
    const report = await fetch(`${base}/api/v1/public-reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deviceId: 'printer-02', description: '复印机不出纸', problem: 'other' }),
    });
    expect(report.status).toBe(202);
    const list = (await api('/faults?kind=public-report')).body.faults as Array<{ id: number }>;
    expect(list).toHaveLength(1);
    await waitUntil(
      async () => {
        const d = (await api(`/faults/${list[0]?.id}`)).body as { notifications: Array<{ state: string }> };
        return d.notifications.some((n) => n.state === 'sent');
      },
      10_000,
      'the report notified',
    );
    const detail = (await api(`/faults/${list[0]?.id}`)).body as {
      notifications: Array<{ to: string[]; state: string }>;
    };
    expect(detail.notifications.map((n) => n.to)).toEqual([[demoPeople.lead.name]]);
  });
});
