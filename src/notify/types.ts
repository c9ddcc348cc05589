import type { Delivery } from '../domain/delivery-plan.js';

export interface OutgoingMessage extends Delivery {
  readonly id: number;
  /** Held while the channel was misconfigured: the text says it is late. */
  readonly late?: boolean;
  readonly createdAt?: number;
}

/**
 * What one attempt came to, decided per channel from the platform's documented answers
 * (src/notify/outcomes.ts):
 * - `sent`;
 * - `throttled`: the platform asked us to slow down; wait `waitMs`, keep the order, not a failure;
 * - `permanent`: a configuration error that retrying cannot fix. `scope: 'channel'` holds the whole
 *   channel (bad key, bad signature, IP not allowed); `'message'` fails only this message (content
 *   refused, one e-mail address refused — `refused` names it);
 * - `transient`: network errors, timeouts, 5xx: back off and retry.
 * `error` is the platform's own reason, with every secret of the channel removed.
 */
export type SendResult =
  | { readonly kind: 'sent' }
  | { readonly kind: 'throttled'; readonly error: string; readonly waitMs: number }
  | {
      readonly kind: 'permanent';
      readonly error: string;
      readonly scope: 'channel' | 'message';
      readonly refused?: string;
    }
  | { readonly kind: 'transient'; readonly error: string; readonly waitMs?: number };

export interface SendHooks {
  /**
   * Called once the connection is up and before the first byte of the request is written: the
   * dispatcher records that the message may reach the platform from here on (exactly-once on robots).
   */
  beforeWrite(): Promise<void>;
}

export type ChannelType = 'webhook' | 'wecom' | 'dingtalk' | 'email' | 'mqtt';

/** One configured channel. `send` never throws for a failed delivery: failure is a value. */
export interface Channel {
  readonly id: string;
  readonly type: ChannelType;
  send(msg: OutgoingMessage, hooks: SendHooks): Promise<SendResult>;
  close?(): Promise<void>;
}
