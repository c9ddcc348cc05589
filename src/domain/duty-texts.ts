import type { ChainLevel, ChainSlot, DutyDay } from './duty.js';
import { inputYears } from './local-time.js';
import type { Language } from './messages.js';

/**
 * What the duty rules say to people (pure): the refusals of the rota's API and page, each naming the
 * field, and the 无人值守 notice. Simplified Chinese by default, English selectable.
 */
const zh = {
  slot: { A: 'A 岗', B: 'B 岗', lead: '负责人', technician: '技术员' } as Record<ChainSlot, string>,
  list: '、',
  required: (f: string) => `${f}：必填`,
  badText: (f: string, max: number) => `${f}：请填写文字（不超过 ${max} 字，不含控制字符）`,
  badDate: (f: string, got: string) => `${f}：日期格式应为 YYYY-MM-DD（如 2025-05-06），收到 ${got}`,
  farDate: (f: string, got: string) =>
    `${f}：日期应在 ${inputYears.first}-01-01 至 ${inputYears.last}-12-31 之间，收到 ${got}`,
  badPost: (got: string) => `post：应为 A 或 B，收到 ${got}`,
  badBool: (f: string) => `${f}：应为 true 或 false`,
  unknownPerson: (f: string, id: string) => `${f}：没有编号为 "${id}" 的人员`,
  notStaff: (f: string, name: string) =>
    `${f}：${name} 不是值班人员（只有 role 为 staff 的人员值 A/B 岗，也只有他们登记请假）`,
  toBeforeFrom: (from: string, to: string) => `to：结束日期 ${to} 早于开始日期 ${from}`,
  tooLong: 'to：一次登记的请假最长 366 天',
  past: (f: string, date: string, today: string) =>
    `${f}：${date} 已经过去（今天是 ${today}），只有管理员可以登记过去的日期`,
  overlap: (name: string, from: string, to: string) =>
    `from/to：与 ${name} 已登记的请假（${from} 至 ${to}）重叠，请先撤销那一条再登记`,
  swapTaken: (date: string, post: string) => `date/post：${date} 的 ${post}已有调班，请先撤销那一条再登记`,
  swapAbsent: (name: string, date: string) => `personId：${name} 在 ${date} 请假，不能值岗`,
  swapSame: (name: string, date: string, post: string) => `personId：${name} 在 ${date} 本来就值 ${post}`,
  lastPost: (name: string, dates: string) =>
    `confirmCover：${name} 请假后，${dates} 将无人值守（A、B 岗都不在岗），值班提醒将发给负责人和技术员。` +
    '请确认由负责人或技术员代岗后再提交（confirmCover: true，或在页面上勾选“已安排代岗”）',
  noAbsence: (id: number) => `没有编号为 ${id} 的请假记录（或已撤销）`,
  noSwap: (id: number) => `没有编号为 ${id} 的调班记录（或已撤销）`,
  forbidden: '只有技术员、负责人或管理员可以修改值班安排',
  badWeekday: (got: string) => `weekday：应为 mon、tue、wed、thu、fri、sat 或 sun，收到 ${got}`,
  badHolders: (f: string) => `${f}：应为人员编号，或人员编号的列表`,
  rotaNoA: (day: string) => `A：${day}是工作日，必须有人值 A 岗`,
  rotaBoth: (name: string) => `B：${name} 已经值 A 岗，同一天不能兼值 B 岗`,
  noRota: (id: number) => `没有编号为 ${id} 的值班表修改记录（或已撤销）`,
  absentWhy: (reason: string) => (reason ? `请假（${reason}）` : '请假'),
  noChannel: '没有可用的通知渠道',
  // A space between Chinese and a Latin letter (没有 B 岗), none before Chinese (没有负责人).
  noHolder: (slot: string) => `没有${/^[A-Za-z]/.test(slot) ? ' ' : ''}${slot}`,
  uncovered: (site: string, date: string, why: string, covers: string) =>
    `【${site}】${date} 无人值守：${why}。值班提醒将发给${covers}，请尽快安排代岗。`,
  nobodyCovers: '管理员',
};

type DutyTexts = typeof zh;

const en: DutyTexts = {
  slot: { A: 'A post', B: 'B post', lead: 'the lead', technician: 'the technician' },
  list: ', ',
  required: (f) => `${f}: required`,
  badText: (f, max) => `${f}: expected text of at most ${max} characters without control characters`,
  badDate: (f, got) => `${f}: expected a date YYYY-MM-DD (e.g. 2025-05-06), got ${got}`,
  farDate: (f, got) =>
    `${f}: expected a date between ${inputYears.first}-01-01 and ${inputYears.last}-12-31, got ${got}`,
  badPost: (got) => `post: expected A or B, got ${got}`,
  badBool: (f) => `${f}: expected true or false`,
  unknownPerson: (f, id) => `${f}: no person with id "${id}"`,
  notStaff: (f, name) =>
    `${f}: ${name} is not an attendant (only role staff hold the A/B posts or take leave here)`,
  toBeforeFrom: (from, to) => `to: the end date ${to} is before the start date ${from}`,
  tooLong: 'to: one absence is at most 366 days',
  past: (f, date, today) =>
    `${f}: ${date} is in the past (today is ${today}); only an admin may record past dates`,
  overlap: (name, from, to) =>
    `from/to: overlaps ${name}'s recorded absence (${from} to ${to}); undo that one first`,
  swapTaken: (date, post) => `date/post: the ${post} on ${date} is already swapped; undo that one first`,
  swapAbsent: (name, date) => `personId: ${name} is absent on ${date} and cannot hold a post`,
  swapSame: (name, date, post) => `personId: ${name} already holds the ${post} on ${date}`,
  lastPost: (name, dates) =>
    `confirmCover: with ${name} away, nobody holds a post on ${dates}; on-duty alerts would go to the lead and ` +
    'the technician. Confirm that they cover (confirmCover: true, or tick "cover arranged" on the page)',
  noAbsence: (id) => `no absence with id ${id} (or it was undone)`,
  noSwap: (id) => `no swap with id ${id} (or it was undone)`,
  forbidden: 'only the technician, the lead or an admin may change the rota',
  badWeekday: (got) => `weekday: expected mon, tue, wed, thu, fri, sat or sun, got ${got}`,
  badHolders: (f) => `${f}: expected a person id or a list of person ids`,
  rotaNoA: (day) => `A: ${day} is a working day and needs someone on the A post`,
  rotaBoth: (name) => `B: ${name} already holds the A post that day`,
  noRota: (id) => `no rota change with id ${id} (or it was undone)`,
  absentWhy: (reason) => (reason ? `absent (${reason})` : 'absent'),
  noChannel: 'has no working notification channel',
  noHolder: (slot) => `no ${slot}`,
  uncovered: (site, date, why, covers) =>
    `【${site}】${date}: nobody on duty: ${why}. On-duty alerts go to ${covers}; please arrange cover.`,
  nobodyCovers: 'the admins',
};

export function dutyTexts(language: Language): DutyTexts {
  return language === 'en' ? en : zh;
}

/** Why a post has nobody present, in words: `A 岗 李娟 请假（病假）`, `没有 B 岗`. */
export function postGap(
  level: ChainLevel,
  t: DutyTexts,
  reasonOf: (personId: string) => string | undefined,
): string {
  const slot = t.slot[level.slot];
  if (level.holders.length === 0) return t.noHolder(slot);
  return level.skipped
    .map(
      (s) =>
        `${slot} ${s.person.name} ${s.why === 'absent' ? t.absentWhy(reasonOf(s.person.id) ?? '') : t.noChannel}`,
    )
    .join(t.list);
}

/** The 无人值守 notice for the technician and the lead. */
export function uncoveredNotice(
  day: DutyDay,
  siteName: string,
  language: Language,
  reasonOf: (personId: string) => string | undefined,
): string {
  const t = dutyTexts(language);
  const why = day.chain
    .slice(0, 2)
    .map((l) => postGap(l, t, reasonOf))
    .join(language === 'en' ? '; ' : '；');
  const covers = day.covers
    ? day.covers.present.map((p) => `${t.slot[day.covers?.slot ?? 'lead']} ${p.name}`).join(t.list)
    : t.nobodyCovers;
  return t.uncovered(siteName, day.date, why, covers);
}
