import type { Secret } from '../config/secret.js';
import { checkRobotReply, postJson } from './http-post.js';
import type { Channel, OutgoingMessage } from './types.js';

/**
 * WeCom group robot (企业微信群机器人). Per the WeCom "群机器人配置说明" documentation
 * (developer.work.weixin.qq.com/document/path/91770, also summarised at /document/path/99398):
 * POST `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY` with
 * `{"msgtype":"markdown","markdown":{"content":"..."}}` (content ≤ 4096 bytes, UTF-8); the reply is
 * HTTP 200 with `{"errcode":0,"errmsg":"ok"}`, a non-zero errcode is a failure. A robot accepts at most
 * 20 messages a minute; errcode 45009 means "api freq out of limit".
 */
export function createWecomChannel(
  cfg: { id: string; key: Secret; baseUrl: string },
  timeoutMs = 10_000,
): Channel {
  return {
    id: cfg.id,
    type: 'wecom',
    perMinute: 20,
    async send(msg: OutgoingMessage) {
      const url = `${cfg.baseUrl}?key=${encodeURIComponent(cfg.key.reveal())}`;
      const body = JSON.stringify(wecomBody(msg));
      return checkRobotReply(await postJson(url, body, {}, timeoutMs), [45009]);
    },
  };
}

export function wecomBody(msg: Pick<OutgoingMessage, 'payload'>): {
  msgtype: 'markdown';
  markdown: { content: string };
} {
  const names = msg.payload.to.map((r) => r.name).join('、');
  const content = names
    ? `${msg.payload.markdown}\n<font color="comment">${names}</font>`
    : msg.payload.markdown;
  return { msgtype: 'markdown', markdown: { content: truncateUtf8(content, 4096) } };
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
