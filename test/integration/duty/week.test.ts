import { afterEach, describe, expect, it } from 'vitest';
import { condition } from '../../../src/domain/conditions.js';
import { wecomMentions } from '../../helpers/receivers.js';
import { actor, dingTexts, startZone, wecomTexts, type Zone } from '../faults/harness.js';

// The zone's week on the fake clock (Mon 12 – Fri 16 May 2025, ordinary working days in the 2025
// arrangement of ../shared/fixtures/calendar/): the A post 李娟 on leave Tuesday–Thursday, the B post
// 王芳 covers, and is away herself on Wednesday — then the lead 张主任 answers. Real fault service,
// outbox and SQLite; WeCom, DingTalk and SMTP stand-ins on 127.0.0.1. Expected texts written out here.

let zone: Zone | undefined;
afterEach(async () => {
  await zone?.close();
  zone = undefined;
});

const lead = actor('张主任', 'technician');
const at = (local: string) => Date.parse(`2025-05-${local}+08:00`);

async function paperOut(z: Zone, deviceId = 'printer-01') {
  await z.observe(deviceId, { conditions: [condition('paper-out')] });
  await z.notifier.dispatchDue();
}
/** Paper refilled: two good polls clear the fault. */
async function refilled(z: Zone, deviceId = 'printer-01') {
  await z.observe(deviceId, {});
  await z.observe(deviceId, {});
}

describe('a week on the rota', () => {
  it('A on leave Tue–Thu, B covers, B away Wednesday: the lead gets it and 无人值守 shows; A back Thursday is told again', async () => {
    zone = await startZone({ start: '2025-05-12T08:30:00+08:00' });
    const z = zone;

    // Monday: the lead records the leave.
    const leave = await z.duty.addAbsence(lead, {
      personId: 'staff-a',
      from: '2025-05-13',
      to: '2025-05-15',
      reason: '年假',
    });
    // B away on Wednesday as well would leave no post: refused until the lead confirms the cover.
    const sick = { personId: 'staff-b', from: '2025-05-14', to: '2025-05-14', reason: '病假' };
    await expect(z.duty.addAbsence(lead, sick)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('王芳 请假后，2025-05-14 将无人值守'),
    });
    expect((await z.duty.view()).absences.map((a) => a.personId)).toEqual(['staff-a']);
    await z.duty.addAbsence(lead, { ...sick, confirmCover: true });

    // Tuesday 10:00: paper out. A is away, so B is told first — @-mentioned by her phone.
    z.clock.set(at('13T10:00:00'));
    const tuesday = await z.duty.view();
    expect(tuesday.today.posts.A).toEqual([
      { id: 'staff-a', name: '李娟', absent: { absenceId: leave.id, reason: '年假' }, reachable: true },
    ]);
    expect(tuesday.today.covers).toEqual({ slot: 'B', people: [{ id: 'staff-b', name: '王芳' }] });
    expect(tuesday.today.uncovered).toBe(false);
    await paperOut(z);
    expect(z.wecom.accepted).toHaveLength(1);
    expect(wecomMentions(z.wecom.accepted[0] as (typeof z.wecom.accepted)[number])).toEqual({
      userIds: [],
      mobiles: ['13800000002'],
    });
    expect(wecomTexts(z.wecom)[0]).toBe(
      '【濯水镇政务公开专区】打印机 P-01（一楼查阅区）缺纸，请值班人员处理。\n详情：http://127.0.0.1:9464/faults/1\n（王芳）',
    );
    const notified = (await z.faults.get(1))?.events.find((e) => e.type === 'notified');
    expect(notified?.data).toMatchObject({
      level: 1,
      to: ['staff-b'],
      skipped: [{ id: 'staff-a', why: 'absent' }],
    });
    await refilled(z);

    // Wednesday 08:00, the minute tick: nobody holds a post today. The technician and the lead are told once.
    z.clock.set(at('14T08:00:00'));
    expect(await z.duty.check()).toBe(true);
    expect(await z.duty.check()).toBe(true);
    await z.notifier.dispatchDue();
    const notice =
      '【濯水镇政务公开专区】2025-05-14 无人值守：A 岗 李娟 请假（年假）；B 岗 王芳 请假（病假）。' +
      '值班提醒将发给负责人 张主任，请尽快安排代岗。';
    // DingTalk @-mentions the technician by phone (自定义机器人: `at.atMobiles`, and `@phone` in the text).
    expect(dingTexts(z.ding)).toEqual([`${notice}\n\n@13800000003`]);
    expect(wecomTexts(z.wecom).slice(1)).toEqual([`${notice}\n（张主任）`]);
    const wednesday = await z.duty.view();
    expect(wednesday.today.uncovered).toBe(true);
    expect(wednesday.today.covers).toEqual({ slot: 'lead', people: [{ id: 'lead', name: '张主任' }] });

    // Wednesday 10:00: paper out again — the lead is told at once, mentioned by phone.
    z.clock.set(at('14T10:00:00'));
    await paperOut(z);
    const toLead = z.wecom.accepted.at(-1);
    expect(wecomTexts(z.wecom).at(-1)).toContain('打印机 P-01（一楼查阅区）缺纸，请值班人员处理。');
    expect(toLead && wecomMentions(toLead)).toEqual({ userIds: [], mobiles: ['13800000004'] });
    const wed = (await z.faults.list({ kind: 'paper-out' }))[0];
    const wedNotified = (await z.faults.get(wed?.id ?? 0))?.events.find((e) => e.type === 'notified');
    expect(wedNotified?.data).toMatchObject({ level: 2, to: ['lead'] });
    await refilled(z);

    // Thursday 09:30: B is back, A still away — B again.
    z.clock.set(at('15T09:30:00'));
    expect((await z.duty.view()).today.uncovered).toBe(false);
    await paperOut(z);
    expect(wecomMentions(z.wecom.accepted.at(-1) as (typeof z.wecom.accepted)[number]).mobiles).toEqual([
      '13800000002',
    ]);
    await refilled(z);

    // Thursday 10:00: A comes back early; the lead undoes the leave. The next fault goes to A, by her WeCom account.
    z.clock.set(at('15T10:00:00'));
    await z.duty.undoAbsence(lead, leave.id);
    expect((await z.duty.view()).today.covers).toEqual({
      slot: 'A',
      people: [{ id: 'staff-a', name: '李娟' }],
    });
    const before = z.wecom.accepted.length;
    await z.observe('copier-01', { conditions: [condition('jam')] });
    await z.notifier.dispatchDue();
    expect(z.wecom.accepted).toHaveLength(before + 1);
    expect(wecomMentions(z.wecom.accepted.at(-1) as (typeof z.wecom.accepted)[number])).toEqual({
      userIds: ['lijuan'],
      mobiles: [],
    });
    expect(wecomTexts(z.wecom).at(-1)).toBe(
      '**【濯水镇政务公开专区】复印机 C-01（二楼办事大厅）卡纸，请值班人员处理。**\n' +
        '[详情](http://127.0.0.1:9464/faults/4)\n<@lijuan>',
    );
    // The undone leave is kept, marked with who undid it and when.
    expect((await z.duty.view()).absences.map((a) => a.personId)).toEqual([]);
  });
});
