import { type HygienePlan, taskNames } from '../domain/hygiene-plan.js';
import type { Language } from '../domain/messages.js';
import type { HygieneRecord } from '../hygiene/repo.js';

/**
 * What `zoneops hygiene record` says to a person, in Chinese (the default) or English. Targets are
 * named as the config names them (`查阅区`), tasks as the office says them (清洁, 消毒). `--json` is
 * never translated.
 */

type Targets = HygienePlan['targets'];

const nameOf = (targets: Targets, id: string) => targets.find((t) => t.id === id)?.name ?? id;

/** `reading-area（查阅区）、waiting-area（等候区）`: what `--target` accepts, for a refusal. */
const choices = (targets: Targets) => targets.map((t) => `${t.id}（${t.name}）`).join('、');

/** One line per stored record. */
export function recordedLine(r: HygieneRecord, targets: Targets, lang: Language): string {
  const target = nameOf(targets, r.target);
  if (lang === 'en') {
    const corrects = r.correctsId !== null ? `, correcting #${r.correctsId}` : '';
    const late = r.backdated ? ' (back-dated, counts as late)' : '';
    return `recorded #${r.id}: ${taskNames.en[r.task]} of ${target} by ${r.actor}${corrects}${late}`;
  }
  const corrects = r.correctsId !== null ? `，更正第 ${r.correctsId} 号记录` : '';
  const late = r.backdated ? '（补登，计为迟报）' : '';
  return `已登记第 ${r.id} 号记录：${target}${taskNames['zh-CN'][r.task]}，执行人：${r.actor}${corrects}${late}`;
}

/** The command's own refusals of its options, before anything is stored. */
export const refusals = {
  emptyBy: (lang: Language) => (lang === 'en' ? '--by: must not be empty' : '--by：执行人不能为空'),
  badAt: (got: string, lang: Language) =>
    lang === 'en'
      ? `--at: expected an ISO 8601 time with offset (e.g. 2025-10-09T08:30+08:00), got "${got}"`
      : `--at：应为带时区的时间，例如 2025-10-09T08:30+08:00（北京时间 2025 年 10 月 9 日 8:30），实际是 "${got}"`,
  badCorrects: (got: string, lang: Language) =>
    lang === 'en'
      ? `--corrects: expected a record id, got "${got}"`
      : `--corrects：应为要更正的记录号（正整数），实际是 "${got}"`,
};

/**
 * The hygiene service's refusals (src/hygiene/service.ts) in Chinese; in English they are the service's
 * own words, as the API gives them (its `doneAt` called `--at`, as the CLI does).
 */
const serviceZh: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray, targets: Targets) => string]> = [
  [/^give at least one target$/, () => '--target：至少要写一个区域或设备'],
  [/^a target is listed twice$/, () => '--target：同一个区域或设备写了两次'],
  [
    /^unknown target "(.*)"$/,
    (m, t) => `--target：清洁消毒计划里没有 "${m[1]}"，可写的有：${choices(t) || '（计划里没有区域或设备）'}`,
  ],
  [
    /^target "(.*)" has no task "(.*)" in the plan$/,
    (m, t) => {
      const target = t.find((x) => x.id === m[1]);
      const has = (target?.tasks ?? []).map((x) => taskNames['zh-CN'][x.task]).join('、');
      const task = taskNames['zh-CN'][m[2] as 'clean' | 'disinfect'] ?? m[2];
      return `--task：${nameOf(t, m[1] as string)}的计划里没有${task}，只有：${has}`;
    },
  ],
  [/^doneAt is in the future$/, () => '--at：完成时间不能晚于现在'],
  [/^doneAt is more than 31 days ago$/, () => '--at：只能补登 31 天以内完成的清洁消毒'],
  [
    /^a correction replaces one record: give exactly one target$/,
    () => '--corrects：一条更正只替换一条记录，--target 只能写一个区域或设备',
  ],
  [/^no hygiene record (\d+)$/, (m) => `--corrects：没有第 ${m[1]} 号清洁消毒记录`],
  [
    /^record (\d+) is already corrected by record (\d+); correct that one$/,
    (m) => `--corrects：第 ${m[1]} 号记录已被第 ${m[2]} 号记录更正，请更正第 ${m[2]} 号记录`,
  ],
  [/^record (\d+) is already corrected$/, (m) => `--corrects：第 ${m[1]} 号记录已被更正`],
];

export function serviceRefusal(message: string, targets: Targets, lang: Language): string {
  // The API's field `doneAt` is the CLI's `--at`.
  if (lang === 'en') return message.replace(/^doneAt is /, '--at: the time is ');
  for (const [re, say] of serviceZh) {
    const m = re.exec(message);
    if (m) return say(m, targets);
  }
  return `登记未成功：${message}`;
}

/** `zoneops hygiene record: …` / `zoneops hygiene record：…`, as the other commands write theirs. */
export const refusalLine = (message: string, lang: Language) =>
  `zoneops hygiene record${lang === 'en' ? ': ' : '：'}${message}\n`;
