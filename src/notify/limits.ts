import type { ChannelType } from './types.js';

/**
 * What each kind of channel documents about itself, as data (the README's notification table mirrors
 * it). `perMinute` is enforced before sending; `throttleWaitMs` is how long to wait after the platform
 * answers "too fast" without a Retry-After; `dedupe` says whether a receiver can drop a repeat after a
 * crash between "sent" and "marked sent" (then the dispatcher resends; otherwise it resends only when
 * the first attempt never wrote a byte to the socket).
 */
export interface ChannelLimits {
  readonly perMinute?: number;
  readonly throttleWaitMs: number;
  readonly dedupe: 'receiver' | 'none';
  /** Where the figures come from. */
  readonly source: string;
}

const minute = 60_000;

export const channelLimits: Readonly<Record<ChannelType, ChannelLimits>> = {
  dingtalk: {
    // 自定义机器人接入 · 调用频率限制 (open.dingtalk.com/document/orgapp/custom-robot-access): "每个机器人
    // 每分钟最多发送20条消息到群里，如果超过20条，会限流10分钟" — and it advises a markdown digest
    // ("通过markdown消息以摘要的形式发送到群里") for bursts such as monitoring alarms.
    perMinute: 20,
    throttleWaitMs: 10 * minute,
    dedupe: 'none',
    source: 'DingTalk 自定义机器人接入 · 调用频率限制',
  },
  wecom: {
    // 群机器人配置说明 (developer.work.weixin.qq.com/document/path/91770): "每个机器人发送的消息不能超过
    // 20条/分钟"; 45009 is the global "接口调用超过限制" (document/path/90455).
    perMinute: 20,
    throttleWaitMs: minute,
    dedupe: 'none',
    source: 'WeCom 群机器人配置说明 · 消息发送频率限制',
  },
  // Standard Webhooks: the receiver drops a repeat by its webhook-id ("use the webhook-id header as an
  // idempotency key"); no documented rate, 429 and Retry-After say when to slow down.
  webhook: { throttleWaitMs: minute, dedupe: 'receiver', source: 'Standard Webhooks 1.0.0' },
  // E-mail: a repeat carries the same Message-ID (RFC 5322 §3.6.4), which mail stores and clients use
  // to recognise the same message; greylisting (451) usually clears within minutes.
  email: { throttleWaitMs: 5 * minute, dedupe: 'receiver', source: 'RFC 5321 §4.2' },
  // MQTT at QoS 1 is at-least-once by design (MQTT 3.1.1 §4.3.2): subscribers dedupe by `event`.
  mqtt: { throttleWaitMs: minute, dedupe: 'receiver', source: 'MQTT 3.1.1 §4.3.2' },
};

/** A burst collapses into one digest when the last queued message would otherwise wait longer than this. */
export const digestAfterMs = 3 * minute;

/** Consecutive permanent answers before a channel is held (the second one 15 s after the first). */
export const permanentBound = 2;

/** After a restart, a message whose "sent" mark may be lost waits this long before it is resent. */
export const resendWindowMs = 15_000;
