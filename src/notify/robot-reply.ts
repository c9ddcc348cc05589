import { postJson } from './http-post.js';
import { redact, robotOutcome } from './outcomes.js';
import type { SendHooks, SendResult } from './types.js';

/**
 * POSTs to a robot and reads its answer: WeCom and DingTalk answer HTTP 200 with
 * `{"errcode":0,"errmsg":"ok"}` on success and a non-zero errcode otherwise (outcomes.ts says which
 * mean throttled, permanent or transient). The platform's errmsg is kept, with the channel's secrets
 * removed; a non-200 status or an unreadable reply is transient.
 */
export async function robotReply(
  platform: 'dingtalk' | 'wecom',
  url: string,
  body: string,
  secrets: readonly string[],
  timeoutMs: number,
  hooks: SendHooks,
): Promise<SendResult> {
  const reply = await postJson(url, body, {}, { timeoutMs, beforeWrite: hooks.beforeWrite });
  if ('error' in reply) return { kind: 'transient', error: reply.error };
  if (reply.status < 200 || reply.status >= 300) return { kind: 'transient', error: `HTTP ${reply.status}` };
  let parsed: { errcode?: unknown; errmsg?: unknown };
  try {
    parsed = JSON.parse(reply.body) as typeof parsed;
  } catch {
    return { kind: 'transient', error: 'reply is not JSON' };
  }
  if (typeof parsed.errcode !== 'number') return { kind: 'transient', error: 'reply has no errcode' };
  const errmsg = typeof parsed.errmsg === 'string' ? redact(parsed.errmsg.slice(0, 300), secrets) : '';
  return robotOutcome(platform, parsed.errcode, errmsg);
}
