import type { z } from 'zod';
import type { Language } from '../domain/messages.js';

/**
 * The messages a technician reads when a config (or an API body) is wrong, in English or Chinese.
 * Each message is written in both languages where it is made (`say(en, zh)`); which one a parse gives
 * is the language of that parse (`inLanguage`, set by config/load.ts for the length of one synchronous
 * parse; English otherwise, e.g. for the API's problem documents).
 */
let current: Language = 'en';

export function say(en: string, zh: string): string {
  return current === 'zh-CN' ? zh : en;
}

/** Runs a synchronous parse (building the schema included) with its messages in `language`. */
export function inLanguage<T>(language: Language, fn: () => T): T {
  const before = current;
  current = language;
  try {
    return fn();
  } finally {
    current = before;
  }
}

/** Shows an input value in an error message: strings quoted, long values cut short. */
export function show(value: unknown): string {
  if (value === undefined) return say('nothing', '空');
  if (value === null) return 'null';
  if (Array.isArray(value)) return say('a list', '一个列表');
  if (typeof value === 'object') return say('a mapping', '一组键值');
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `devices[3].snmp.port` from zod's path array (the API's machine form, counting from 0). */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(top level)' : out;
}

/**
 * Common slips of a Chinese input method: the value written in Chinese where the config wants its
 * English keyword (`role: 值班人员` → `staff`). Only keywords the field really allows are suggested.
 */
const chineseWords: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(值班人员|值班员|工作人员|管理员岗|窗口人员|专区工作人员)$/, 'staff'],
  [/^(技术员|技术人员|信息员|网管)$/, 'technician'],
  [/^(负责人|专区负责人|领导|主任)$/, 'lead'],
  [/^(管理员|系统管理员)$/, 'admin'],
  [/^(电脑|查阅电脑|计算机|台式机)$/, 'pc'],
  [/^(自助机|自助终端|查询机)$/, 'kiosk'],
  [/^(打印机)$/, 'printer'],
  [/^(复印机)$/, 'copier'],
  [/^(一体机|复印打印一体机|多功能一体机)$/, 'mfp'],
  [/^(插座|智能插座)$/, 'plug'],
  [/^(其他|其它)$/, 'other'],
  [/^(a|A)\s*岗$/, 'A'],
  [/^(b|B)\s*岗$/, 'B'],
  [/^(清洁|保洁|清扫)$/, 'clean'],
  [/^(消毒)$/, 'disinfect'],
  [/^(中文|简体中文|汉语)$/, 'zh-CN'],
  [/^(英文|英语)$/, 'en'],
  [/^(网络唤醒|唤醒)$/, 'wol'],
  [/^(代理|代理程序)$/, 'agent'],
  [/^(无|不控制|仅监测)$/, 'none'],
  [/^(保持开机|不关机)$/, 'keep-on'],
  [/^(关机)$/, 'off'],
  [/^周一$/, 'mon'],
  [/^周二$/, 'tue'],
  [/^周三$/, 'wed'],
  [/^周四$/, 'thu'],
  [/^周五$/, 'fri'],
  [/^周六$/, 'sat'],
  [/^周日|周天$/, 'sun'],
  [/^(是|开|开启)$/, 'true'],
  [/^(否|关|关闭)$/, 'false'],
];

/** ` (write 值班人员 as "staff")` when a Chinese word stands where one of `allowed` belongs. */
export function imeHint(input: unknown, allowed: readonly unknown[]): string {
  if (typeof input !== 'string') return '';
  const word = input.trim();
  for (const [re, keyword] of chineseWords) {
    if (re.test(word) && allowed.map(String).includes(keyword))
      return say(` (write ${word} as "${keyword}")`, `（提示：“${word}”应写作 "${keyword}"）`);
  }
  return '';
}

const typeNames = (): Record<string, string> => ({
  string: say('text', '文字'),
  number: say('number', '数字'),
  int: say('integer', '整数'),
  boolean: say('true or false', 'true 或 false'),
  object: say('a mapping', '一组键值'),
  array: say('a list', '列表'),
});

/**
 * The one place that turns zod's issues into the messages a technician reads, e.g.
 * `expected integer 1..65535, got "abc"`. Field-specific messages set in the schema win over these.
 */
export const describeIssue: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return say('required', '必填');
      const t = typeNames()[issue.expected] ?? issue.expected;
      return say(`expected ${t}, got ${show(issue.input)}`, `应为${t}，实际是 ${show(issue.input)}`);
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(v)).join(' | ');
      return (
        say(
          `expected one of ${values}, got ${show(issue.input)}`,
          `应为 ${values} 之一，实际是 ${show(issue.input)}`,
        ) + imeHint(issue.input, issue.values)
      );
    }
    case 'unrecognized_keys': {
      const keys = issue.keys.map((k) => JSON.stringify(k)).join(', ');
      return say(`unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}`, `未知字段 ${keys}`);
    }
    case 'too_small':
      if (issue.origin === 'string')
        return issue.minimum === 1
          ? say('must not be empty', '不能为空')
          : say(`must be at least ${issue.minimum} characters`, `至少 ${issue.minimum} 个字符`);
      if (issue.origin === 'array')
        return say(`must have at least ${issue.minimum} entries`, `至少要有 ${issue.minimum} 项`);
      return say(
        `must be at least ${issue.minimum}, got ${show(issue.input)}`,
        `不能小于 ${issue.minimum}，实际是 ${show(issue.input)}`,
      );
    case 'too_big':
      if (issue.origin === 'string')
        return say(`must be at most ${issue.maximum} characters`, `最多 ${issue.maximum} 个字符`);
      if (issue.origin === 'array')
        return say(`must have at most ${issue.maximum} entries`, `最多 ${issue.maximum} 项`);
      return say(
        `must be at most ${issue.maximum}, got ${show(issue.input)}`,
        `不能大于 ${issue.maximum}，实际是 ${show(issue.input)}`,
      );
    case 'invalid_format':
      return say(
        `expected ${issue.format}, got ${show(issue.input)}`,
        `格式应为 ${issue.format}，实际是 ${show(issue.input)}`,
      );
    case 'invalid_union':
      return say(`not a valid value: ${show(issue.input)}`, `不是有效的值：${show(issue.input)}`);
    default:
      return issue.message ?? say('invalid value', '值无效');
  }
};

/** `(also #1)`: where the first of two duplicates is, counted from 1 as people count. */
export function alsoAt(index: number): string {
  return say(` (also #${index + 1})`, `（与第 ${index + 1} 项相同）`);
}

/** What kind of value it was, for a message that must not show the value itself. */
function kindOf(value: unknown): string {
  if (value === undefined) return say('nothing', '空');
  if (value === null) return 'null';
  if (Array.isArray(value)) return say('a list', '一个列表');
  if (typeof value === 'object') return say('a mapping', '一组键值');
  if (typeof value === 'string') return say('text', '文字');
  return typeof value === 'number' ? say('a number', '数字') : typeof value;
}

/**
 * The same messages for a file the config only names (power.calendarFile, …): the path could point at any
 * file (`/etc/passwd`), so a problem says what kind of value was found, never the value or a line of it.
 */
export const describeIssueQuietly: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return say('required', '必填');
      const t = typeNames()[issue.expected] ?? issue.expected;
      return say(`expected ${t}, got ${kindOf(issue.input)}`, `应为${t}，实际是${kindOf(issue.input)}`);
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(v)).join(' | ');
      return say(
        `expected one of ${values}, got ${kindOf(issue.input)}`,
        `应为 ${values} 之一，实际是${kindOf(issue.input)}`,
      );
    }
    case 'unrecognized_keys':
      return say(`unknown field${issue.keys.length > 1 ? 's' : ''}`, '未知字段');
    case 'invalid_format':
      return say(`expected ${issue.format}`, `格式应为 ${issue.format}`);
    case 'invalid_union':
      return say('not a valid value', '不是有效的值');
    default: {
      const m = describeIssue(issue);
      const text = typeof m === 'string' ? m : (m?.message ?? say('invalid value', '值无效'));
      return text.replace(/(, got |，实际是).*$/, '');
    }
  }
};

/** A YAML parser message with anything quoted from the file taken out. */
export function quietYamlMessage(message: string): string {
  return (message.split('\n')[0] ?? '')
    .replace(/"[^"]*"|'[^']*'/g, '"…"')
    .replace(/ at line \d+, column \d+:?$/, '');
}
