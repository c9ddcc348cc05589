import { createHmac } from 'node:crypto';
import type { Secret } from '../config/secret.js';
import { robotReply } from './robot-reply.js';
import { markdownSafe, truncateUtf8 } from './robot-text.js';
import type { Channel, OutgoingMessage } from './types.js';

/**
 * The 加签 signature of DingTalk's custom robot (自定义机器人安全设置, open.dingtalk.com/document/robots/
 * customize-robot-security-settings): string to sign = `timestamp + "\n" + secret`, HmacSHA256 keyed with
 * the secret (UTF-8), Base64, then URL-encoded; timestamp in milliseconds, within an hour of DingTalk's clock.
 * Sent as `&timestamp=…&sign=…` after the access_token.
 */
export function dingtalkSign(timestamp: number, secret: string): string {
  const digest = createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(Buffer.from(`${timestamp}\n${secret}`, 'utf8'))
    .digest('base64');
  return encodeURIComponent(digest);
}

export function dingtalkUrl(
  baseUrl: string,
  accessToken: string,
  secret: string | undefined,
  timestamp: number,
): string {
  const base = `${baseUrl}?access_token=${encodeURIComponent(accessToken)}`;
  return secret === undefined
    ? base
    : `${base}&timestamp=${timestamp}&sign=${dingtalkSign(timestamp, secret)}`;
}

/**
 * Per DingTalk's "自定义机器人发送群聊消息" documentation: markdown
 * `{"msgtype":"markdown","markdown":{"title":"…","text":"…"},"at":{"atMobiles":[…],"isAtAll":false}}`,
 * or `{"msgtype":"text","text":{"content":"…"},"at":{…}}` when the text carries markup (robot-text.ts).
 * An @ only shows when the content itself contains `@mobile`, so the phones are appended.
 */
export function dingtalkBody(msg: Pick<OutgoingMessage, 'payload'>) {
  const p = msg.payload;
  const phones = p.to.flatMap((r) => (r.phone ? [r.phone] : []));
  const mentions = phones.length > 0 ? `\n\n${phones.map((n) => `@${n}`).join(' ')}` : '';
  const at = { atMobiles: phones, isAtAll: false };
  if (markdownSafe('dingtalk', p))
    return {
      msgtype: 'markdown' as const,
      markdown: { title: p.title.slice(0, 60), text: truncateUtf8(p.markdown, 4000) + mentions },
      at,
    };
  return { msgtype: 'text' as const, text: { content: truncateUtf8(p.text, 4000) + mentions }, at };
}

/**
 * DingTalk custom robot. The reply is HTTP 200 with an errcode (0 = sent); errcodes map to outcomes in
 * outcomes.ts, the 20-a-minute limit and the 10-minute block after it are in limits.ts.
 */
export function createDingtalkChannel(
  cfg: { id: string; accessToken: Secret; secret?: Secret; baseUrl: string },
  now: () => number,
  timeoutMs = 10_000,
): Channel {
  return {
    id: cfg.id,
    type: 'dingtalk',
    async send(msg, hooks) {
      const token = cfg.accessToken.reveal();
      const secret = cfg.secret?.reveal();
      const url = dingtalkUrl(cfg.baseUrl, token, secret, now());
      const secrets = secret ? [token, secret] : [token];
      return robotReply('dingtalk', url, JSON.stringify(dingtalkBody(msg)), secrets, timeoutMs, hooks);
    },
  };
}
