import { describe, expect, it } from 'vitest';
import type { ChainLevel, ChainSlot, DutyDay, DutyPerson, SkipReason } from '../../../src/domain/duty.js';
import { dutyTexts, postGap, uncoveredNotice } from '../../../src/domain/duty-texts.js';

/**
 * What the duty rules say to the people who keep the rota (src/domain/duty-texts.ts): each refusal names
 * the field, and the 无人值守 notice says who is missing and why. Chinese by default, English selectable.
 */

describe('the refusals of the rota, in Chinese', () => {
  const t = dutyTexts('zh-CN');
  it('the posts and the list separator', () => {
    expect(t.slot).toEqual({ A: 'A 岗', B: 'B 岗', lead: '负责人', technician: '技术员' });
    expect(t.list).toBe('、');
  });
  it('wrong or missing fields', () => {
    expect(t.required('name')).toBe('name：必填');
    expect(t.badText('reason', 200)).toBe('reason：请填写文字（不超过 200 字，不含控制字符）');
    expect(t.badDate('from', '2025/05/06')).toBe(
      'from：日期格式应为 YYYY-MM-DD（如 2025-05-06），收到 2025/05/06',
    );
    expect(t.farDate('to', '2101-01-01')).toBe('to：日期应在 2000-01-01 至 2100-12-31 之间，收到 2101-01-01');
    expect(t.badPost('C')).toBe('post：应为 A 或 B，收到 C');
    expect(t.badBool('confirmCover')).toBe('confirmCover：应为 true 或 false');
    expect(t.badWeekday('monday')).toBe('weekday：应为 mon、tue、wed、thu、fri、sat 或 sun，收到 monday');
    expect(t.badHolders('A')).toBe('A：应为人员编号，或人员编号的列表');
  });
  it('people who are not there or may not hold a post', () => {
    expect(t.unknownPerson('personId', 'li')).toBe('personId：没有编号为 "li" 的人员');
    expect(t.notStaff('personId', '张主任')).toBe(
      'personId：张主任 不是值班人员（只有 role 为 staff 的人员值 A/B 岗，也只有他们登记请假）',
    );
    expect(t.forbidden).toBe('只有技术员、负责人或管理员可以修改值班安排');
  });
  it('absences', () => {
    expect(t.toBeforeFrom('2026-12-10', '2026-12-08')).toBe(
      'to：结束日期 2026-12-08 早于开始日期 2026-12-10',
    );
    expect(t.tooLong).toBe('to：一次登记的请假最长 366 天');
    expect(t.past('from', '2026-12-01', '2026-12-02')).toBe(
      'from：2026-12-01 已经过去（今天是 2026-12-02），只有管理员可以登记过去的日期',
    );
    expect(t.overlap('李娟', '2026-12-01', '2026-12-05')).toBe(
      'from/to：与 李娟 已登记的请假（2026-12-01 至 2026-12-05）重叠，请先撤销那一条再登记',
    );
    expect(t.lastPost('李娟', '2026-12-03、2026-12-04')).toBe(
      'confirmCover：李娟 请假后，2026-12-03、2026-12-04 将无人值守（A、B 岗都不在岗），值班提醒将发给负责人和技术员。' +
        '请确认由负责人或技术员代岗后再提交（confirmCover: true，或在页面上勾选“已安排代岗”）',
    );
    expect(t.noAbsence(12)).toBe('没有编号为 12 的请假记录（或已撤销）');
  });
  it('swaps and rota changes', () => {
    expect(t.swapTaken('2026-12-03', 'A 岗')).toBe(
      'date/post：2026-12-03 的 A 岗已有调班，请先撤销那一条再登记',
    );
    expect(t.swapAbsent('李娟', '2026-12-03')).toBe('personId：李娟 在 2026-12-03 请假，不能值岗');
    expect(t.swapSame('李娟', '2026-12-03', 'A 岗')).toBe('personId：李娟 在 2026-12-03 本来就值 A 岗');
    expect(t.noSwap(5)).toBe('没有编号为 5 的调班记录（或已撤销）');
    expect(t.rotaNoA('周一')).toBe('A：周一是工作日，必须有人值 A 岗');
    expect(t.rotaBoth('李娟')).toBe('B：李娟 已经值 A 岗，同一天不能兼值 B 岗');
    expect(t.noRota(3)).toBe('没有编号为 3 的值班表修改记录（或已撤销）');
  });
  it('why somebody is missing', () => {
    expect(t.absentWhy('病假')).toBe('请假（病假）');
    expect(t.absentWhy('')).toBe('请假');
    expect(t.noChannel).toBe('没有可用的通知渠道');
    expect(t.noHolder('负责人')).toBe('没有负责人');
    // A space between Chinese and a Latin letter, as everywhere else on the pages.
    expect(t.noHolder('B 岗')).toBe('没有 B 岗');
    expect(t.nobodyCovers).toBe('管理员');
  });
});

describe('the refusals of the rota, in English', () => {
  const t = dutyTexts('en');
  it('the posts and the list separator', () => {
    expect(t.slot).toEqual({ A: 'A post', B: 'B post', lead: 'the lead', technician: 'the technician' });
    expect(t.list).toBe(', ');
  });
  it('wrong or missing fields', () => {
    expect(t.required('name')).toBe('name: required');
    expect(t.badText('reason', 200)).toBe(
      'reason: expected text of at most 200 characters without control characters',
    );
    expect(t.badDate('from', '2025/05/06')).toBe(
      'from: expected a date YYYY-MM-DD (e.g. 2025-05-06), got 2025/05/06',
    );
    expect(t.farDate('to', '1999-12-31')).toBe(
      'to: expected a date between 2000-01-01 and 2100-12-31, got 1999-12-31',
    );
    expect(t.badPost('C')).toBe('post: expected A or B, got C');
    expect(t.badBool('confirmCover')).toBe('confirmCover: expected true or false');
    expect(t.badWeekday('monday')).toBe('weekday: expected mon, tue, wed, thu, fri, sat or sun, got monday');
    expect(t.badHolders('A')).toBe('A: expected a person id or a list of person ids');
  });
  it('people who are not there or may not hold a post', () => {
    expect(t.unknownPerson('personId', 'li')).toBe('personId: no person with id "li"');
    expect(t.notStaff('personId', 'Zhang')).toBe(
      'personId: Zhang is not an attendant (only role staff hold the A/B posts or take leave here)',
    );
    expect(t.forbidden).toBe('only the technician, the lead or an admin may change the rota');
  });
  it('absences', () => {
    expect(t.toBeforeFrom('2026-12-10', '2026-12-08')).toBe(
      'to: the end date 2026-12-08 is before the start date 2026-12-10',
    );
    expect(t.tooLong).toBe('to: one absence is at most 366 days');
    expect(t.past('from', '2026-12-01', '2026-12-02')).toBe(
      'from: 2026-12-01 is in the past (today is 2026-12-02); only an admin may record past dates',
    );
    expect(t.overlap('Li Juan', '2026-12-01', '2026-12-05')).toBe(
      "from/to: overlaps Li Juan's recorded absence (2026-12-01 to 2026-12-05); undo that one first",
    );
    expect(t.lastPost('Li Juan', '2026-12-03, 2026-12-04')).toBe(
      'confirmCover: with Li Juan away, nobody holds a post on 2026-12-03, 2026-12-04; on-duty alerts would go ' +
        'to the lead and the technician. Confirm that they cover (confirmCover: true, or tick "cover arranged" on the page)',
    );
    expect(t.noAbsence(12)).toBe('no absence with id 12 (or it was undone)');
  });
  it('swaps and rota changes', () => {
    expect(t.swapTaken('2026-12-03', 'A post')).toBe(
      'date/post: the A post on 2026-12-03 is already swapped; undo that one first',
    );
    expect(t.swapAbsent('Li Juan', '2026-12-03')).toBe(
      'personId: Li Juan is absent on 2026-12-03 and cannot hold a post',
    );
    expect(t.swapSame('Li Juan', '2026-12-03', 'A post')).toBe(
      'personId: Li Juan already holds the A post on 2026-12-03',
    );
    expect(t.noSwap(5)).toBe('no swap with id 5 (or it was undone)');
    expect(t.rotaNoA('mon')).toBe('A: mon is a working day and needs someone on the A post');
    expect(t.rotaBoth('Li Juan')).toBe('B: Li Juan already holds the A post that day');
    expect(t.noRota(3)).toBe('no rota change with id 3 (or it was undone)');
  });
  it('why somebody is missing', () => {
    expect(t.absentWhy('sick leave')).toBe('absent (sick leave)');
    expect(t.absentWhy('')).toBe('absent');
    expect(t.noChannel).toBe('has no working notification channel');
    expect(t.noHolder('B post')).toBe('no B post');
    expect(t.nobodyCovers).toBe('the admins');
  });
});

const person = (id: string, name: string, role: DutyPerson['role'] = 'staff'): DutyPerson => ({
  id,
  name,
  role,
});
/** A level of the chain: its holders, and those of them skipped and why; the rest are present. */
const level = (
  slot: ChainSlot,
  holders: DutyPerson[],
  skipped: [DutyPerson, SkipReason][] = [],
): ChainLevel => ({
  slot,
  holders,
  present: holders.filter((h) => !skipped.some(([p]) => p.id === h.id)),
  skipped: skipped.map(([p, why]) => ({ person: p, why })),
});
const reasons = new Map([
  ['li', '病假'],
  ['wang', ''],
  ['lj', 'sick leave'],
]);
const reasonOf = (id: string) => reasons.get(id);
const day = (chain: ChainLevel[], covers: ChainLevel | undefined): DutyDay => ({
  date: '2026-12-02',
  weekday: 'wed',
  chain,
  covers,
  postsEmpty: true,
});

describe('postGap: why a post has nobody present', () => {
  it('each skipped holder with the slot, the name and the reason', () => {
    const li = person('li', '李娟');
    const chen = person('chen', '陈静');
    const zhao = person('zhao', '赵敏');
    const a = level(
      'A',
      [li, chen, zhao],
      [
        [li, 'absent'],
        [chen, 'absent'],
        [zhao, 'no-channel'],
      ],
    );
    expect(postGap(a, dutyTexts('zh-CN'), reasonOf)).toBe(
      'A 岗 李娟 请假（病假）、A 岗 陈静 请假、A 岗 赵敏 没有可用的通知渠道',
    );
  });
  it('an absence recorded without a reason is just 请假', () => {
    const wang = person('wang', '王强');
    expect(postGap(level('B', [wang], [[wang, 'absent']]), dutyTexts('zh-CN'), reasonOf)).toBe(
      'B 岗 王强 请假',
    );
  });
  it('a slot nobody holds', () => {
    expect(postGap(level('lead', []), dutyTexts('zh-CN'), reasonOf)).toBe('没有负责人');
    expect(postGap(level('B', []), dutyTexts('en'), reasonOf)).toBe('no B post');
  });
  it('in English, joined with commas', () => {
    const lj = person('lj', 'Li Juan');
    const wq = person('wq', 'Wang Qiang');
    expect(
      postGap(
        level(
          'A',
          [lj, wq],
          [
            [lj, 'absent'],
            [wq, 'no-channel'],
          ],
        ),
        dutyTexts('en'),
        reasonOf,
      ),
    ).toBe('A post Li Juan absent (sick leave), A post Wang Qiang has no working notification channel');
  });
});

describe('uncoveredNotice: the 无人值守 notice for the technician and the lead', () => {
  const li = person('li', '李娟');
  const wang = person('wang', '王强');
  const boss = person('boss', '张主任', 'lead');
  const tech1 = person('t1', '赵工', 'technician');
  const tech2 = person('t2', '钱工', 'technician');
  it('names both posts and who gets the alerts instead', () => {
    const chain = [
      level('A', [li], [[li, 'absent']]),
      level('B', [wang], [[wang, 'no-channel']]),
      level('lead', [boss]),
      level('technician', [tech1]),
    ];
    expect(uncoveredNotice(day(chain, chain[2]), '濯水镇政务公开专区', 'zh-CN', reasonOf)).toBe(
      '【濯水镇政务公开专区】2026-12-02 无人值守：A 岗 李娟 请假（病假）；B 岗 王强 没有可用的通知渠道。' +
        '值班提醒将发给负责人 张主任，请尽快安排代岗。',
    );
  });
  it('only the two posts are explained; several who cover are listed', () => {
    const chain = [
      level('A', [li], [[li, 'absent']]),
      level('B', [wang], [[wang, 'absent']]),
      level('lead', [boss], [[boss, 'absent']]),
      level('technician', [tech1, tech2]),
    ];
    expect(uncoveredNotice(day(chain, chain[3]), '濯水镇政务公开专区', 'zh-CN', reasonOf)).toBe(
      '【濯水镇政务公开专区】2026-12-02 无人值守：A 岗 李娟 请假（病假）；B 岗 王强 请假。' +
        '值班提醒将发给技术员 赵工、技术员 钱工，请尽快安排代岗。',
    );
  });
  it('nobody covers: the alerts go to the admins', () => {
    const chain = [level('A', [li], [[li, 'absent']]), level('B', [wang], [[wang, 'absent']])];
    expect(uncoveredNotice(day(chain, undefined), '濯水镇政务公开专区', 'zh-CN', reasonOf)).toBe(
      '【濯水镇政务公开专区】2026-12-02 无人值守：A 岗 李娟 请假（病假）；B 岗 王强 请假。值班提醒将发给管理员，请尽快安排代岗。',
    );
  });
  it('in English', () => {
    const lj = person('lj', 'Li Juan');
    const lead = person('boss', 'Zhang', 'lead');
    const chain = [level('A', [lj], [[lj, 'absent']]), level('B', []), level('lead', [lead])];
    expect(uncoveredNotice(day(chain, chain[2]), 'Zone', 'en', reasonOf)).toBe(
      '【Zone】2026-12-02: nobody on duty: A post Li Juan absent (sick leave); no B post. ' +
        'On-duty alerts go to the lead Zhang; please arrange cover.',
    );
    expect(uncoveredNotice(day(chain, undefined), 'Zone', 'en', reasonOf)).toBe(
      '【Zone】2026-12-02: nobody on duty: A post Li Juan absent (sick leave); no B post. ' +
        'On-duty alerts go to the admins; please arrange cover.',
    );
    const techs = [person('t1', 'Zhao', 'technician'), person('t2', 'Qian', 'technician')];
    const withTechs = [...chain.slice(0, 2), level('technician', techs)];
    expect(uncoveredNotice(day(withTechs, withTechs[2]), 'Zone', 'en', reasonOf)).toBe(
      '【Zone】2026-12-02: nobody on duty: A post Li Juan absent (sick leave); no B post. ' +
        'On-duty alerts go to the technician Zhao, the technician Qian; please arrange cover.',
    );
  });
});
