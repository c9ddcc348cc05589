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
 * robot (limits.ts). The people who must act are @-mentioned: see `wecomBody`.
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
  | {
      msgtype: 'text';
      text: { content: string; mentioned_list?: string[]; mentioned_mobile_list?: string[] };
    };

/**
 * The message, with the people who must act @-mentioned as WeCom documents it (群机器人配置说明,
 * developer.work.weixin.qq.com/document/path/91770): a `text` message carries `mentioned_list` (userids)
 * and `mentioned_mobile_list` (phone numbers); the content of `text` and `markdown` reads `<@userid>`;
 * a `markdown` message has no mention lists. So zoneops chooses the type that mentions:
 * - every recipient has a `wecomUserId` → `markdown` (the card as written), `<@userid>` after it;
 * - a recipient can only be mentioned by `phone` → `text` with `mentioned_mobile_list` (and
 *   `mentioned_list` for the userids): the phone buzzes, the card's bold and link become plain text;
 * - nobody can be mentioned (no userid, no phone) → `markdown` with the names in grey, as before;
 * - text that markdown would garble (robot-text.ts) → `text`, with the mention lists.
 * One message either way: a mention never costs a second send of the 20 a minute.
 */
export function wecomBody(msg: Pick<OutgoingMessage, 'payload'>): WecomBody {
  const p = msg.payload;
  const userIds = p.to.flatMap((r) => (r.wecomUserId ? [r.wecomUserId] : []));
  const phones = p.to.flatMap((r) => (!r.wecomUserId && r.phone ? [r.phone] : []));
  const unmentioned = p.to.filter((r) => !r.wecomUserId && !r.phone).map((r) => r.name);
  if (markdownSafe('wecom', p) && phones.length === 0) {
    const lines = [
      p.markdown,
      ...(userIds.length > 0 ? [userIds.map((u) => `<@${u}>`).join(' ')] : []),
      ...(unmentioned.length > 0 ? [`<font color="comment">${unmentioned.join('、')}</font>`] : []),
    ];
    return { msgtype: 'markdown', markdown: { content: truncateUtf8(lines.join('\n'), 4096) } };
  }
  // The names stay in the text too: the mention lists notify, the names say whom the message is for.
  const names = p.to.map((r) => r.name).join('、');
  const content = neutraliseText('wecom', names ? `${p.text}\n（${names}）` : p.text);
  return {
    msgtype: 'text',
    text: {
      content: truncateUtf8(content, 2048),
      ...(userIds.length > 0 ? { mentioned_list: userIds } : {}),
      ...(phones.length > 0 ? { mentioned_mobile_list: phones } : {}),
    },
  };
}
