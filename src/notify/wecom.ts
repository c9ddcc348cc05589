import type { Secret } from '../config/secret.js';
import { robotReply } from './robot-reply.js';
import { markdownSafe, neutraliseText, truncateUtf8 } from './robot-text.js';
import type { Channel, OutgoingMessage } from './types.js';

/**
 * WeCom group robot (企业微信群机器人). Per the WeCom "群机器人配置说明" documentation
 * (developer.work.weixin.qq.com/document/path/91770, also summarised at /document/path/99398):
 * POST `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY` with
 * `{"msgtype":"markdown","markdown":{"content":"..."}}` (content ≤ 4096 bytes, UTF-8) or
 * `{"msgtype":"text","text":{"content":"..."}}` (content ≤ 2048 bytes); the reply is HTTP 200 with
 * `{"errcode":0,"errmsg":"ok"}`. Errcodes map to outcomes in outcomes.ts; 20 messages a minute per
 * robot (limits.ts). Mentions (`mentioned_mobile_list`) are not sent here.
 */
export function createWecomChannel(
  cfg: { id: string; key: Secret; baseUrl: string },
  timeoutMs = 10_000,
): Channel {
  return {
    id: cfg.id,
    type: 'wecom',
    async send(msg, hooks) {
      const key = cfg.key.reveal();
      const url = `${cfg.baseUrl}?key=${encodeURIComponent(key)}`;
      return robotReply('wecom', url, JSON.stringify(wecomBody(msg)), [key], timeoutMs, hooks);
    },
  };
}

export type WecomBody =
  | { msgtype: 'markdown'; markdown: { content: string } }
  | { msgtype: 'text'; text: { content: string } };

/** Markdown when the text renders as written there; otherwise `text`, shown character for character. */
export function wecomBody(msg: Pick<OutgoingMessage, 'payload'>): WecomBody {
  const p = msg.payload;
  const names = p.to.map((r) => r.name).join('、');
  if (markdownSafe('wecom', p)) {
    const content = names ? `${p.markdown}\n<font color="comment">${names}</font>` : p.markdown;
    return { msgtype: 'markdown', markdown: { content: truncateUtf8(content, 4096) } };
  }
  const content = neutraliseText('wecom', names ? `${p.text}\n（${names}）` : p.text);
  return { msgtype: 'text', text: { content: truncateUtf8(content, 2048) } };
}
