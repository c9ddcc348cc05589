import { channelLimits } from './limits.js';
import type { SendResult } from './types.js';

/**
 * Each platform's documented answers, as tables: which mean "slow down" (throttled), which mean the
 * configuration is wrong and retrying cannot help (permanent), and which are worth retrying
 * (transient). Anything not listed is transient: back off and try again, as before.
 */

/**
 * DingTalk custom robot errcodes (自定义机器人发送群聊消息 · 错误码, open.dingtalk.com/document/orgapp/
 * custom-robots-send-group-messages; 310000's errmsg variants — "keywords not in content", "invalid
 * timestamp", "sign not match", "ip X.X.X.X not in whitelist" — are the security settings of
 * 自定义机器人安全设置). 130101 is the older "send too fast, exceed 20 times per minute"; DingTalk then
 * throttles the robot for 10 minutes (自定义机器人接入 · 调用频率限制). -1 is the global "系统繁忙".
 */
export const dingtalkErrcodes: Readonly<Record<number, 'throttled' | 'channel' | 'message'>> = {
  130101: 'throttled',
  410100: 'throttled', // 发送速度太快而限流
  310000: 'channel', // 消息校验未通过：关键词、加签、IP 白名单或时间戳
  300001: 'channel', // token is not exist (older robots)
  400013: 'channel', // 群已被解散
  400101: 'channel', // access_token不存在
  400102: 'channel', // 机器人已停用
  400105: 'channel', // 不支持的消息类型
  400106: 'channel', // 机器人不存在
  430101: 'message', // 含有不安全的外链
  430102: 'message', // 含有不合适的文本
  430103: 'message', // 含有不合适的图片
  430104: 'message', // 含有不合适的内容
};

/**
 * WeCom group robot errcodes (全局错误码, developer.work.weixin.qq.com/document/path/90455): 45009
 * "接口调用超过限制" (the robot's 20 a minute, 群机器人配置说明 /document/path/91770), 93000 "invalid
 * webhook url" (a wrong key or a robot removed from its group) and the 40xxx "不合法的…" family (key,
 * message type, parameters) are configuration errors; -1 "系统繁忙" and 6000 are worth a retry.
 */
export function wecomErrcode(code: number): 'throttled' | 'channel' | 'transient' {
  if (code === 45009) return 'throttled';
  if (code === 93000 || (code >= 40000 && code < 41000)) return 'channel';
  return 'transient';
}

/** Both robots answer HTTP 200 with `{"errcode":0,"errmsg":"ok"}`; non-zero errcodes map as above. */
export function robotOutcome(platform: 'dingtalk' | 'wecom', errcode: number, errmsg: string): SendResult {
  if (errcode === 0) return { kind: 'sent' };
  const error = `errcode ${errcode}${errmsg ? `: ${errmsg}` : ''}`;
  const verdict =
    platform === 'dingtalk' ? (dingtalkErrcodes[errcode] ?? 'transient') : wecomErrcode(errcode);
  if (verdict === 'throttled')
    return { kind: 'throttled', error, waitMs: channelLimits[platform].throttleWaitMs };
  if (verdict === 'channel' || verdict === 'message') return { kind: 'permanent', error, scope: verdict };
  return { kind: 'transient', error };
}

/**
 * HTTP answers of a webhook (Standard Webhooks 1.0.0 · "Delivery success and failure", RFC 9110):
 * 2xx sent; 429, and 503 with Retry-After, throttled — wait as told (RFC 9110 §10.2.3) or a minute;
 * 3xx (redirects are not followed: update the URL), 400/401/403/404/405 and 410 Gone ("the sender
 * should disable the endpoint") are the receiver saying the configuration is wrong; 413/422 refuse
 * this one message; everything else (5xx, 408) is transient.
 */
export function httpOutcome(status: number, retryAfterMs: number | undefined): SendResult {
  if (status >= 200 && status < 300) return { kind: 'sent' };
  const error = `HTTP ${status}`;
  if (status === 429 || (status === 503 && retryAfterMs !== undefined))
    return { kind: 'throttled', error, waitMs: retryAfterMs ?? channelLimits.webhook.throttleWaitMs };
  if ((status >= 300 && status < 400) || [400, 401, 403, 404, 405, 410].includes(status))
    return { kind: 'permanent', error, scope: 'channel' };
  if (status === 413 || status === 422) return { kind: 'permanent', error, scope: 'message' };
  return { kind: 'transient', error, ...(retryAfterMs !== undefined ? { waitMs: retryAfterMs } : {}) };
}

const maxWaitMs = 6 * 60 * 60_000;

/**
 * `Retry-After` per RFC 9110 §10.2.3: either delay-seconds (a non-negative integer) or an HTTP-date;
 * undefined when absent or unreadable. Capped at 6 hours, at least a second.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  let ms: number;
  if (/^\d+$/.test(v)) ms = Number(v) * 1000;
  else {
    const at = Date.parse(v);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(maxWaitMs, Math.max(1000, ms));
}

/** What nodemailer reports on a failed send (smtp-connection's `_formatError`). */
export interface SmtpError {
  readonly code?: string;
  readonly responseCode?: number;
  readonly response?: string;
  readonly command?: string;
  readonly rejected?: readonly string[];
}

/**
 * SMTP replies (RFC 5321 §4.2.1 and §4.3.2) as nodemailer reports them: 421 (service not available),
 * 450/451/452 (mailbox busy, greylisting, insufficient storage) are "come back later" — throttled;
 * a 5xx to RCPT TO refuses that one recipient (nodemailer puts it in `rejected`, usage docs: "info.rejected
 * … recipient addresses that were rejected by the server") and fails only that message; a 5xx to the
 * greeting, AUTH or MAIL FROM is the whole channel's configuration; a 5xx to DATA refuses this message;
 * other 4xx and network errors are transient. The stored error keeps the server's reason text.
 */
export function smtpOutcome(e: SmtpError): SendResult {
  const code = e.responseCode;
  const reason = e.response ? `: ${e.response.replace(/\s+/g, ' ').slice(0, 200)}` : '';
  const error = `SMTP ${code ?? e.code ?? 'error'}${e.command ? ` (${e.command})` : ''}${reason}`;
  if (code === undefined) {
    if (e.code === 'EAUTH') return { kind: 'permanent', error, scope: 'channel' };
    // "Invalid recipient" / "No recipients defined" from nodemailer itself: the address is unusable.
    if (e.code === 'EENVELOPE' && e.command === 'API') return { kind: 'permanent', error, scope: 'message' };
    return { kind: 'transient', error };
  }
  if (code === 421 || code === 450 || code === 451 || code === 452)
    return { kind: 'throttled', error, waitMs: channelLimits.email.throttleWaitMs };
  if (code >= 500) {
    if (e.command === 'RCPT TO')
      return {
        kind: 'permanent',
        error,
        scope: 'message',
        ...(e.rejected?.[0] ? { refused: e.rejected[0] } : {}),
      };
    if (e.command === 'DATA' || e.command === 'DATA END')
      return { kind: 'permanent', error, scope: 'message' };
    return { kind: 'permanent', error, scope: 'channel' };
  }
  return { kind: 'transient', error };
}

/**
 * Removes every secret value (and its URL-encoded form) from a platform's error text. Values shorter
 * than 4 characters are left alone: they would garble the text and no platform echoes its key.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    for (const form of new Set([s, encodeURIComponent(s)])) out = out.split(form).join('[redacted]');
  }
  return out;
}
