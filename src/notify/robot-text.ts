import type { NotificationPayload } from '../domain/delivery-plan.js';

/**
 * How a message is shown in a group chat. Neither robot documents an escape character (a `\*` may
 * show literally), so zoneops never escapes: when the plain text carries a character the platform's
 * markdown would read as markup, the message goes as the platform's `text` type, which shows every
 * character as it is; otherwise as markdown (bold first line, quoted details, a link).
 *
 * - WeCom markdown (群机器人配置说明 · markdown类型, developer.work.weixin.qq.com/document/path/91770):
 *   `#` headings, `**bold**`, `[text](url)`, `` `code` ``, `> quote`, `<font color="…">`; both `text`
 *   and `markdown` content also read `<@userid>` as a mention, so a `<@` in user text is neutralised in
 *   `text` too (a full-width ＜).
 * - DingTalk markdown (自定义机器人发送群聊消息 · markdown类型): `#` headings, `> quote`, `**bold**`,
 *   `*italic*`, `[text](url)`, `![image](url)`, `- ` and `1. ` lists.
 */
const markup = {
  wecom: /[*_`#[\]<>\\]/,
  dingtalk: /[*_`#[\]!<>\\]|^\s*(?:[-+]|\d+\.)\s/m,
} as const;

export type RobotPlatform = keyof typeof markup;

/** Whether `text` would not render as written in the platform's markdown. */
export function carriesMarkup(platform: RobotPlatform, text: string): boolean {
  return markup[platform].test(text);
}

/** The text as a robot's `text` message: a WeCom `<@userid>` mention cannot be smuggled in. */
export function neutraliseText(platform: RobotPlatform, text: string): string {
  return platform === 'wecom' ? text.replace(/<@/g, '＜@') : text;
}

/** Whether the payload can go as markdown: its text and the names shown carry no markup. */
export function markdownSafe(platform: RobotPlatform, p: NotificationPayload): boolean {
  return !carriesMarkup(platform, [p.text, ...p.to.map((r) => r.name)].join('\n'));
}

/** Cuts a string to at most `max` UTF-8 bytes without splitting a character. */
export function truncateUtf8(s: string, max: number): string {
  if (Buffer.byteLength(s, 'utf8') <= max) return s;
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (bytes + n > max - 3) break;
    out += ch;
    bytes += n;
  }
  return `${out}…`;
}
