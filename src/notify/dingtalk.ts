import { createHmac } from 'node:crypto';
import type { Secret } from '../config/secret.js';
import { checkRobotReply, postJson } from './http-post.js';
import type { Channel, OutgoingMessage } from './types.js';
import { truncateUtf8 } from './wecom.js';

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
 * Markdown message per DingTalk's "自定义机器人发送群消息" documentation:
 * `{"msgtype":"markdown","markdown":{"title":"…","text":"…"},"at":{"atMobiles":[…],"isAtAll":false}}`.
 * An @ only shows in markdown when the text itself contains `@mobile`, so the phones are appended.
 */
export function dingtalkBody(msg: Pick<OutgoingMessage, 'payload'>) {
  const phones = msg.payload.to.flatMap((r) => (r.phone ? [r.phone] : []));
  const mentions = phones.length > 0 ? `\n\n${phones.map((p) => `@${p}`).join(' ')}` : '';
  return {
    msgtype: 'markdown' as const,
    markdown: {
      title: msg.payload.title.slice(0, 60),
      text: truncateUtf8(msg.payload.markdown, 4000) + mentions,
    },
    at: { atMobiles: phones, isAtAll: false },
  };
}

/**
 * DingTalk custom robot. The reply is HTTP 200 with an errcode (0 = sent). Each robot takes at most 20
 * messages a minute and is throttled for 10 minutes beyond that, so the dispatcher queues (perMinute);
 * 130101 / 410100 are DingTalk's "sent too fast" errcodes, retried after a minute.
 */
export function createDingtalkChannel(
  cfg: { id: string; accessToken: Secret; secret?: Secret; baseUrl: string },
  now: () => number,
  timeoutMs = 10_000,
): Channel {
  return {
    id: cfg.id,
    type: 'dingtalk',
    perMinute: 20,
    async send(msg: OutgoingMessage) {
      const url = dingtalkUrl(cfg.baseUrl, cfg.accessToken.reveal(), cfg.secret?.reveal(), now());
      return checkRobotReply(
        await postJson(url, JSON.stringify(dingtalkBody(msg)), {}, timeoutMs),
        [130101, 410100],
      );
    },
  };
}
