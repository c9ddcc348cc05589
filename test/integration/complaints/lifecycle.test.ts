import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ComplaintZone, startComplaintZone, tokens } from './zone.js';

// The whole daemon on the fake clock: a citizen's report from the QR form or the API to the answer,
// the deadlines on the working calendar (the zone's minute ticker), and the monthly report's figures.

let zone: ComplaintZone;
beforeAll(async () => {
  zone = await startComplaintZone();
}, 60_000);
afterAll(() => zone?.stop());

const caseOf = (r: { json: unknown }) => (r.json as { caseNo: string }).caseNo;
async function complaintByCase(caseNo: string) {
  const r = await zone.api('GET', `/complaints?case=${caseNo}`, { token: tokens.staff });
  const list = (r.json as { complaints: Array<{ id: number; state: string; contact: string | null }> })
    .complaints;
  return list[0] as { id: number; state: string; contact: string | null };
}
const csrfOf = (body: string) => /name="csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';

describe('a jammed copier reported with a phone number', () => {
  it('gives a complaint and a jam fault; accepted, repaired and answered, it closes and counts "answered on time"', async () => {
    const r = await zone.api('POST', '/public-reports', {
      body: {
        deviceId: 'copier-01',
        problem: 'jam',
        description: '复印机卡纸了，拿不出来',
        contact: '138 1234 5678',
      },
      ip: '127.0.20.1',
    });
    expect(r.status).toBe(202);
    // Tuesday 1 December 2026, the first case of the day; accept by the end of the next working day.
    expect(r.json).toMatchObject({
      caseNo: 'ZS-20261201-001',
      state: 'received',
      acceptBy: '2026-12-02T09:30:00.000Z',
      answerBy: '2026-12-08T09:30:00.000Z',
      message: '工作人员将在 1 个工作日内处理；留了电话的，我们会回电告知结果。',
    });
    const faults = (await zone.api('GET', '/faults?kind=jam&device=copier-01', { token: tokens.staff }))
      .json as {
      faults: Array<{ id: number; state: string }>;
    };
    expect(faults.faults).toHaveLength(1);
    const faultId = faults.faults[0]?.id as number;
    const c = await complaintByCase('ZS-20261201-001');
    expect(c).toMatchObject({ state: 'received', contact: '138****5678' });
    // The attendants' group hears of the jam with the case number, never the number itself.
    await zone.dispatch();
    const told = zone.messages().find((m) => m.includes('ZS-20261201-001')) ?? '';
    expect(told).toContain('复印机 C-01（二楼办事大厅）卡纸');
    expect(told).toContain('群众报告 ZS-20261201-001：卡纸');
    expect(told).not.toMatch(/13812345678|138 1234 5678/);

    // The attendant on the A post accepts it on the complaint page (the jam fault is linked already).
    const a = await zone.browser('a');
    const page = await a.page(`/complaints/${c.id}`);
    expect(page.body).toContain(`href="/faults/${faultId}"`);
    const accepted = await a.post(`/complaints/${c.id}/accept`, {
      csrf: csrfOf(page.body),
      note: '已到现场查看',
    });
    expect(accepted.status).toBe(303);
    // The jam is cleared and resolved; then the citizen is called back, and the answer recorded.
    expect(
      (await a.post(`/faults/${faultId}/resolve`, { csrf: csrfOf(page.body), note: '已清除卡纸' })).status,
    ).toBe(303);
    await zone.clock.advance(30 * 60_000);
    expect((await complaintByCase('ZS-20261201-001')).state).toBe('accepted');
    const answered = await a.post(`/complaints/${c.id}/answer`, {
      csrf: csrfOf(page.body),
      method: 'phone',
      at: '2026-12-01T10:25',
      by: '李娟',
      text: '已清除卡纸，复印机可以正常使用了。',
    });
    expect(answered.status).toBe(303);
    const closed = (await zone.api('GET', `/complaints/${c.id}`, { token: tokens.staff })).json as {
      complaint: { state: string; answeredAt: number; answerMethod: string };
      events: Array<{ type: string; data: Record<string, unknown> }>;
    };
    expect(closed.complaint.state).toBe('closed');
    expect(closed.complaint.answeredAt).toBe(Date.parse('2026-12-01T10:25:00+08:00'));
    expect(closed.events.map((e) => e.type)).toEqual([
      'received',
      'linked',
      'accepted',
      'answered',
      'closed',
    ]);
    expect(closed.events.at(-1)?.data).toEqual({ reason: 'answered' });

    const report = (await zone.api('GET', '/reports/monthly?month=2026-12', { token: tokens.staff }))
      .json as {
      complaints: { byType: { complaint: Record<string, number> } };
    };
    expect(report.complaints.byType.complaint).toMatchObject({
      received: 1,
      accepted: 1,
      answeredOnTime: 1,
      answeredLate: 0,
      open: 0,
    });
    const md = (await zone.api('GET', '/reports/monthly?month=2026-12&format=md', { token: tokens.staff }))
      .body;
    // The register's table in the report's 六、服务情况 (issue 19's frame).
    expect(md).toContain('## 六、服务情况');
    expect(md).toContain('**服务情况：群众投诉和意见建议**');
    expect(md).toContain('| 投诉 | 1 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 |');
  });
});

describe('a complaint about the service with no contact', () => {
  it('is not accepted on the attachment-5 ground, with a note, and closes: nobody can be answered', async () => {
    const pub = await zone.browser('public');
    const form = await pub.page('/report');
    const sent = await pub.post('/report', {
      csrf: csrfOf(form.body),
      nonce: /name="nonce" value="([^"]+)"/.exec(form.body)?.[1] ?? '',
      device: 'none',
      problem: 'service',
      description: '服务不好',
    });
    expect(sent.status).toBe(303);
    const caseNo = new URL(sent.headers.get('location') ?? '', zone.base).searchParams.get('case') ?? '';
    expect(caseNo).toBe('ZS-20261201-002');
    const c = await complaintByCase(caseNo);
    expect(c.contact).toBeNull();
    // No fault for a service complaint.
    const detail = (await zone.api('GET', `/complaints/${c.id}`, { token: tokens.staff })).json as {
      faultIds: number[];
    };
    expect(detail.faultIds).toEqual([]);
    // A ground that is not on the list, or no note, is refused and changes nothing.
    const staff = await zone.browser('b');
    const csrf = csrfOf((await staff.page(`/complaints/${c.id}`)).body);
    const bad = await staff.post(`/complaints/${c.id}/not-accept`, { csrf, ground: 'rude', note: '' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('请从列表中选择不予受理的理由');
    expect((await complaintByCase(caseNo)).state).toBe('received');
    const ok = await staff.post(`/complaints/${c.id}/not-accept`, {
      csrf,
      ground: 'no-contact-or-evidence',
      note: '未说明具体人员和时间，也未留联系方式，无法核实。',
    });
    expect(ok.status).toBe(303);
    const after = (await zone.api('GET', `/complaints/${c.id}`, { token: tokens.staff })).json as {
      complaint: { state: string; ground: string; decidedBy: string };
      events: Array<{ type: string; data: Record<string, unknown> }>;
    };
    expect(after.complaint).toMatchObject({
      state: 'closed',
      ground: 'no-contact-or-evidence',
      decidedBy: '王芳',
    });
    expect(after.events.at(-1)).toMatchObject({ type: 'closed', data: { reason: 'no-contact' } });
    const report = (await zone.api('GET', '/reports/monthly?month=2026-12', { token: tokens.staff }))
      .json as {
      complaints: {
        notAcceptedByGround: Record<string, number>;
        byType: { complaint: Record<string, number> };
      };
    };
    expect(report.complaints.notAcceptedByGround['no-contact-or-evidence']).toBe(1);
    expect(report.complaints.byType.complaint).toMatchObject({ received: 2, notAccepted: 1, noContact: 1 });
  });
});

describe('deadlines', () => {
  it('a suggestion nobody takes up: first notice, a reminder before the deadline, then the escalation', async () => {
    const r = await zone.api('POST', '/public-reports', {
      body: { problem: 'suggestion', description: '建议增加一台自助复印机', contact: '023-71234567' },
      ip: '127.0.20.2',
    });
    expect(r.status).toBe(202);
    const caseNo = caseOf(r);
    const mine = () => zone.messages().filter((m) => m.includes(caseNo));
    // The next minute tick tells the on-duty post (working time, no fault announced it).
    await zone.clock.advance(60_000);
    await zone.dispatch();
    expect(mine()).toEqual([
      expect.stringContaining(`收到群众意见建议（编号 ${caseNo}），请在 2026-12-02 17:30 前受理`),
    ]);
    // Wednesday 15:30, two hours before the accepting deadline: the reminder to the A post and the lead.
    await zone.clock.advance(Date.parse('2026-12-02T15:30:00+08:00') - zone.clock.now());
    await zone.dispatch();
    expect(mine()).toHaveLength(2);
    expect(mine()[1]).toContain(`【提醒】群众意见建议（编号 ${caseNo}）尚未受理，受理期限 2026-12-02 17:30`);
    expect(mine()[1]).toContain('李娟、赵主任');
    // 17:30: missed — the whole on-duty chain, the lead and the technician hear of it.
    await zone.clock.advance(Date.parse('2026-12-02T17:31:00+08:00') - zone.clock.now());
    await zone.dispatch();
    expect(mine()).toHaveLength(3);
    expect(mine()[2]).toContain(
      `【超期】群众意见建议（编号 ${caseNo}）已超过受理期限（2026-12-02 17:30）仍未受理，请专区负责人督办`,
    );
    const rows = zone.app.zone ? await zone.app.zone.notifier.outbox.byEventPrefix(`complaint:`) : [];
    const to = rows
      .filter((n) => n.eventKey.endsWith(':accept-overdue'))
      .flatMap((n) => n.payload.to.map((p) => p.name));
    expect(to).toEqual(['李娟', '王芳', '赵主任', '陈刚']);
    // Nothing is told twice, however many minutes pass.
    await zone.clock.advance(10 * 60_000);
    await zone.dispatch();
    expect(mine()).toHaveLength(3);
    for (const m of mine()) expect(m).not.toMatch(/71234567|023-7123/);
    const list = (await zone.api('GET', '/complaints?overdue=1', { token: tokens.staff })).json as {
      complaints: Array<{ caseNo: string; due: { stage: string; overdue: boolean } }>;
    };
    expect(list.complaints.map((c) => c.caseNo)).toContain(caseNo);
    const metrics = await (await fetch(`${zone.base}/metrics`)).text();
    expect(metrics).toMatch(/^zoneops_complaints_overdue\{site="zhuoshui"\} 1$/m);
    expect(metrics).toMatch(
      /^zoneops_complaint_notices_total\{notice="accept-overdue",site="zhuoshui"\} 1$/m,
    );
  }, 120_000);
});

describe('rate limits', () => {
  it('count only stored reports, per address, device and cookie, under a zone-wide ceiling', async () => {
    const ip = '127.0.30.1';
    const send = (body: Record<string, unknown>, from = ip) =>
      zone.api('POST', '/public-reports', { body, ip: from });
    // Refused reports never count.
    for (const body of [
      { deviceId: 'copier-01', problem: 'broken' },
      { deviceId: 'plug-01', problem: 'device-broken' },
      { deviceId: 'pc-01', problem: 'jam', contact: '12345' },
      { deviceId: 'pc-01', problem: 'other', description: '<b>x</b>' },
    ])
      expect((await send(body)).status).toBe(400);
    const ok = { deviceId: 'pc-01', problem: 'device-broken' };
    for (let i = 0; i < 3; i++) expect((await send(ok)).status).toBe(202);
    const limited = await send(ok);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(3000);
    expect((limited.json as { detail: string }).detail).toBe(
      '提交太频繁了，请稍后再试；着急的话，请直接告诉现场的工作人员。',
    );
    // The same address about another device is another visitor.
    expect((await send({ deviceId: 'printer-01', problem: 'supplies' })).status).toBe(202);
    // Many addresses together stop at the zone's ceiling (20 an hour in this zone, 5 stored above and before).
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++)
      statuses.push((await send({ deviceId: 'printer-01', problem: 'supplies' }, `127.0.31.${i}`)).status);
    // 4 stored in the last hour above: 16 more, then the ceiling.
    expect(statuses.filter((s) => s === 202)).toHaveLength(16);
    expect(statuses.slice(16)).toEqual([429, 429, 429, 429]);
    // The same one-time key twice: one case, answered twice with its number.
    await zone.clock.advance(61 * 60_000);
    const key = { 'idempotency-key': 'retry-7f3a2c' };
    const first = await zone.api('POST', '/public-reports', { body: ok, ip: '127.0.32.1', headers: key });
    const again = await zone.api('POST', '/public-reports', { body: ok, ip: '127.0.32.1', headers: key });
    expect([first.status, again.status]).toEqual([202, 200]);
    expect(caseOf(again)).toBe(caseOf(first));
  }, 60_000);
});

describe('who hears a complaint', () => {
  it('the first notice goes to whoever holds the A post today by the rota (a swap applied), as a fault’s would', async () => {
    // 王芳 (B post) takes Thursday's A post: the notice is hers, not 李娟's, whom the config names A.
    const today = '2026-12-03';
    await zone.clock.advance(Date.parse(`${today}T10:00:00+08:00`) - zone.clock.now());
    const swap = await zone.api('POST', '/duty/swaps', {
      token: tokens.technician,
      body: { date: today, post: 'A', personId: 'wang-fang', reason: '调班' },
    });
    expect(swap.status).toBe(201);
    const r = await zone.api('POST', '/public-reports', {
      body: { problem: 'suggestion', description: '建议查阅区多放几把椅子' },
      ip: '127.0.20.3',
    });
    expect(r.status).toBe(202);
    const caseNo = caseOf(r);
    await zone.clock.advance(60_000);
    await zone.dispatch();
    const rows = zone.app.zone ? await zone.app.zone.notifier.outbox.byEventPrefix('complaint:') : [];
    const received = rows.filter((n) => n.eventKey.endsWith(':received') && n.payload.title.includes(caseNo));
    expect(received.flatMap((n) => n.payload.to.map((p) => p.name))).toEqual(['王芳']);
    const undo = await zone.api('DELETE', `/duty/swaps/${(swap.json as { id: number }).id}`, {
      token: tokens.technician,
    });
    expect(undo.status).toBe(200);
  }, 60_000);
});
