import { afterEach, describe, expect, it } from 'vitest';
import { condition } from '../../../src/domain/conditions.js';
import { decodeMail } from '../../helpers/receivers.js';
import { actor, dingTexts, startZone, wecomTexts, type Zone } from './harness.js';

// Scenario tests that read like the zone's day: fake clock, real SQLite in a temp dir, local WeCom /
// DingTalk / SMTP receivers on 127.0.0.1. Expected texts are written out here, not produced by the code.

let zone: Zone | undefined;
afterEach(async () => {
  await zone?.close();
  zone = undefined;
});

const MIN = 60_000;

describe('a day in the zone', () => {
  it('printer out of paper: A post told in Chinese, B post after 15 min, refilled, cleared with a timeline', async () => {
    zone = await startZone();
    const z = zone;
    await z.observe('printer-01', { conditions: [condition('paper-out')] });
    await z.notifier.dispatchDue();

    const first = wecomTexts(z.wecom);
    expect(first).toHaveLength(1);
    expect(first[0]).toBe(
      '**【濯水镇政务公开专区】打印机 P-01（一楼查阅区）缺纸，请值班人员处理。**\n' +
        '[详情](http://127.0.0.1:9464/faults/1)\n' +
        '<@lijuan>',
    );
    // The technician is not bothered with paper.
    expect(z.ding.accepted).toHaveLength(0);

    // Nobody acknowledges. Just before 15 minutes: still only the A post.
    await z.observe('printer-01', { conditions: [condition('paper-out')] });
    await z.run(14 * MIN + 45_000);
    expect(wecomTexts(z.wecom)).toHaveLength(1);
    await z.run(30_000);
    const texts = wecomTexts(z.wecom);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toContain('【升级】打印机 P-01（一楼查阅区）缺纸，已 15 分钟无人确认，请值班人员处理。');
    expect(texts[1]).toContain('王芳');
    expect(texts[1]).not.toContain('李娟');
    // The B post also has e-mail.
    expect(z.smtp.messages).toHaveLength(1);
    const mail = decodeMail(z.smtp.messages[0]?.data ?? '');
    expect(z.smtp.messages[0]?.to).toEqual(['wangfang@localhost']);
    expect(mail.subject).toBe('【濯水镇政务公开专区】【升级】打印机 P-01（一楼查阅区）缺纸');
    expect(mail.text).toContain('详情：http://127.0.0.1:9464/faults/1');

    // Paper refilled: two good polls (clearAfterGoodPolls default 2) clear the fault.
    await z.observe('printer-01', {});
    expect((await z.faults.get(1))?.fault.state).toBe('open');
    await z.observe('printer-01', {});
    const detail = await z.faults.get(1);
    expect(detail?.fault.state).toBe('cleared');
    expect(detail?.events.map((e) => e.type)).toEqual(['opened', 'notified', 'notified', 'cleared']);
    expect(detail?.events[2]?.data).toMatchObject({ type: 'escalate', level: 1, to: ['staff-b'] });
    expect(detail?.notifications.every((n) => n.state === 'sent')).toBe(true);

    // Cleared: no more escalation or reminders.
    await z.run(90 * MIN, 5 * MIN);
    expect(wecomTexts(z.wecom)).toHaveLength(2);
  });

  it('PC fails to come up after power-on: technician gets vendor contacts, vendor contacted, resolved', async () => {
    zone = await startZone();
    const z = zone;
    const id = await z.faults.raise({
      deviceId: 'pc-01',
      kind: 'power-on-failed',
      detail: '开机 10 分钟后仍无响应',
    });
    await z.notifier.dispatchDue();

    const ding = dingTexts(z.ding);
    expect(ding).toHaveLength(1);
    expect(ding[0]).toContain(
      '**【濯水镇政务公开专区】查阅电脑 1（一楼查阅区）按计划开机后未能启动（开机 10 分钟后仍无响应），请党政办技术员及时联系厂家和技术服务商。**',
    );
    expect(ding[0]).toContain('> 厂家：演示设备厂 400-000-0003');
    expect(ding[0]).toContain('> 技术服务商：演示办公设备维修部（孙师傅） 023-00000002');
    expect(ding[0]).toContain('> 资产编号：ZS-ZW-2023-001；保修：在保（至 2026-05-09）');
    // @-mention of the technician's phone (DingTalk shows it only if the text contains it too).
    expect(ding[0]).toContain('@13800000003');
    expect((z.ding.accepted[0]?.json as { at: unknown } | undefined)?.at).toEqual({
      atMobiles: ['13800000003'],
      isAtAll: false,
    });
    expect(z.smtp.messages.map((m) => m.to)).toEqual([['chengang@localhost']]);
    expect(z.wecom.accepted).toHaveLength(0);

    await z.clock.advance(5 * MIN);
    await z.faults.vendorContact(id, actor('tech'), {
      party: 'service-provider',
      whom: '孙师傅',
      ticket: 'WX-20250506-01',
      promisedAt: Date.parse('2025-05-06T14:30:00+08:00'),
    });
    // The PC comes up for a while: a vendor-contacted fault stays open until the technician resolves it.
    await z.observe('pc-01', {});
    await z.observe('pc-01', {});
    await z.observe('pc-01', {});
    expect((await z.faults.get(id))?.fault.state).toBe('vendor-contacted');
    // No escalation while the vendor is on it.
    await z.run(60 * MIN, 5 * MIN);
    expect(z.ding.accepted).toHaveLength(1);

    await z.faults.resolve(id, actor('tech'), '服务商更换电源适配器后恢复');
    const d = await z.faults.get(id);
    expect(d?.fault.state).toBe('resolved');
    expect(d?.events.map((e) => [e.type, e.actor])).toEqual([
      ['opened', 'zoneops'],
      ['notified', 'zoneops'],
      ['vendor-contacted', 'tech'],
      ['condition-gone', 'probe:snmp'],
      ['resolved', 'tech'],
    ]);
    expect(d?.events[2]?.data).toMatchObject({
      party: 'service-provider',
      whom: '孙师傅',
      ticket: 'WX-20250506-01',
    });
  });

  it('flapping copier produces exactly one fault', async () => {
    zone = await startZone();
    const z = zone;
    const fail = {
      reachable: false,
      problem: { reason: 'timeout' as const, message: 'no SNMP answer in 3000 ms' },
    };
    for (let cycle = 0; cycle < 5; cycle++) {
      for (let i = 0; i < 3; i++) {
        await z.observe('copier-01', fail);
        await z.clock.advance(MIN);
      }
      for (let i = 0; i < 2; i++) {
        await z.observe('copier-01', {});
        await z.clock.advance(MIN);
      }
    }
    await z.notifier.dispatchDue();
    const list = await z.faults.list({ deviceId: 'copier-01' });
    expect(list).toHaveLength(1);
    expect(list[0]?.kind).toBe('unreachable');
    expect(list[0]?.evidence).toMatchObject({ reopened: 4, flapping: true });
    // One first notice to the technician, not one per flap.
    expect(dingTexts(z.ding).filter((t) => t.includes('复印机 C-01（二楼办事大厅）无法连接'))).toHaveLength(
      1,
    );
    const transitions = await z.tracker.repo.transitions('copier-01');
    expect(transitions.filter((t) => t.to === 'down')).toHaveLength(5);
  });

  it('WeCom endpoint down for 10 minutes: delivered once when it is back, and its failure is reported elsewhere', async () => {
    zone = await startZone();
    const z = zone;
    z.wecom.mode = 'http-500';
    await z.faults.raise({ deviceId: 'printer-01', kind: 'jam', detail: '纸盒 2 卡纸' });
    await z.notifier.dispatchDue();
    await z.run(10 * MIN);
    expect(z.wecom.accepted).toHaveLength(0);
    expect(z.wecom.seen.length).toBeGreaterThanOrEqual(5);
    // The failing group robot raised its own alert on the technician's DingTalk.
    expect(
      dingTexts(z.ding).some((t) => t.includes('通知渠道 duty-group 连续 5 次发送失败（HTTP 500）')),
    ).toBe(true);

    z.wecom.mode = 'ok';
    await z.run(10 * MIN);
    const jam = wecomTexts(z.wecom).filter((t) =>
      t.startsWith('**【濯水镇政务公开专区】打印机 P-01（一楼查阅区）卡纸（纸盒 2 卡纸）'),
    );
    expect(jam).toHaveLength(1);
    expect(await z.notifier.outboxDepth()).toBe(0);
  });

  it('daemon stopped mid-escalation: after restart no duplicate and B is told on time', async () => {
    zone = await startZone();
    const z = zone;
    await z.faults.raise({ deviceId: 'printer-01', kind: 'toner-out' });
    await z.notifier.dispatchDue();
    await z.run(10 * MIN);
    expect(wecomTexts(z.wecom)).toHaveLength(1);

    await z.restart();
    await z.faults.start();
    await z.notifier.start();
    // The start-up tick and dispatch run on the same fake clock; nothing is due yet.
    await z.faults.idle();
    await z.notifier.dispatchDue();
    expect(wecomTexts(z.wecom)).toHaveLength(1);

    await z.run(4 * MIN + 45_000);
    expect(wecomTexts(z.wecom)).toHaveLength(1);
    await z.run(30_000);
    const texts = wecomTexts(z.wecom);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toContain('【升级】打印机 P-01（一楼查阅区）墨粉已用完');
    const rows = await z.notifier.outbox.all();
    expect(rows.map((r) => `${r.eventKey} ${r.channel} ${r.state}`).sort()).toEqual([
      'fault:1:L0 duty-group sent',
      'fault:1:L1 duty-group sent',
      'fault:1:L1 mail sent',
    ]);
  });

  it('non-critical faults wait for office hours; A absent → B is told first', async () => {
    zone = await startZone({ start: '2025-05-06T20:00:00+08:00' });
    const z = zone;
    await z.duty.addDayAbsence(actor('lead', 'staff'), { personId: 'staff-a', date: '2025-05-07' });
    await z.faults.raise({ deviceId: 'printer-01', kind: 'paper-low', detail: '纸盒 1 剩余约 10%' });
    await z.run(12 * 60 * MIN, 5 * MIN); // until 08:00 next day
    expect(z.wecom.accepted).toHaveLength(0);
    await z.run(61 * MIN, 60_000); // office opens at 09:00
    const texts = wecomTexts(z.wecom);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('打印机 P-01（一楼查阅区）纸张不足（纸盒 1 剩余约 10%），请值班人员处理。');
    expect(texts[0]).toContain('王芳');
    expect(texts[0]).not.toContain('李娟');
    const notified = (await z.faults.get(1))?.events.find((e) => e.type === 'notified');
    expect(notified?.at).toBe(Date.parse('2025-05-07T09:00:00+08:00'));
  });

  it('silenced device: nothing sent during the window, sent when it ends if still open', async () => {
    zone = await startZone();
    const z = zone;
    await z.faults.silence({
      deviceId: 'printer-01',
      kind: null,
      startsAt: z.clock.now(),
      endsAt: z.clock.now() + 30 * MIN,
      reason: '厂家上门保养',
      createdBy: 'tech',
    });
    await z.faults.raise({ deviceId: 'printer-01', kind: 'door-open' });
    await z.run(29 * MIN, MIN);
    expect(z.wecom.accepted).toHaveLength(0);
    await z.run(2 * MIN, MIN);
    expect(wecomTexts(z.wecom)).toHaveLength(1);
  });
});
