import type { SendResult } from './types.js';

interface PostReply {
  readonly status: number;
  readonly body: string;
}

/**
 * POSTs JSON and gives back the status and body, or a failure value. Error texts never contain the
 * URL: WeCom keys and DingTalk tokens travel in the query string.
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string> = {},
  timeoutMs = 10_000,
): Promise<PostReply | { error: string }> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
      body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    return { status: res.status, body: (await res.text()).slice(0, 2000) };
  } catch (err) {
    return { error: describeFetchError(err) };
  }
}

function describeFetchError(err: unknown): string {
  const e = err as { name?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return 'timed out';
  const code = e.cause?.code;
  if (code) return `connection failed (${code})`;
  return 'request failed';
}

/**
 * Checks a robot's reply: WeCom and DingTalk answer HTTP 200 with `{"errcode":0,"errmsg":"ok"}` on
 * success and a non-zero errcode on failure (bad key, bad signature, keyword missing, rate limit).
 * `throttleCodes` are the platform's "too fast" errors: retried after a minute, not counted as broken.
 */
export function checkRobotReply(
  reply: PostReply | { error: string },
  throttleCodes: readonly number[],
): SendResult {
  if ('error' in reply) return { ok: false, error: reply.error };
  if (reply.status < 200 || reply.status >= 300) return { ok: false, error: `HTTP ${reply.status}` };
  let parsed: { errcode?: unknown; errmsg?: unknown };
  try {
    parsed = JSON.parse(reply.body) as typeof parsed;
  } catch {
    return { ok: false, error: 'reply is not JSON' };
  }
  if (parsed.errcode === 0) return { ok: true };
  const code = typeof parsed.errcode === 'number' ? parsed.errcode : NaN;
  const msg = typeof parsed.errmsg === 'string' ? parsed.errmsg.slice(0, 200) : '';
  const error = Number.isNaN(code) ? 'reply has no errcode' : `errcode ${code}${msg ? `: ${msg}` : ''}`;
  return throttleCodes.includes(code) ? { ok: false, error, retryAfterMs: 60_000 } : { ok: false, error };
}
