import type { Delivery } from '../domain/delivery-plan.js';

export interface OutgoingMessage extends Delivery {
  readonly id: number;
}

export type SendResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly error: string; readonly retryAfterMs?: number };

/** One configured channel. `send` never throws for a failed delivery: failure is a value. */
export interface Channel {
  readonly id: string;
  readonly type: 'webhook' | 'wecom' | 'dingtalk' | 'email' | 'mqtt';
  /** Messages per minute the platform accepts from one robot (DingTalk and WeCom: 20). */
  readonly perMinute?: number;
  send(msg: OutgoingMessage): Promise<SendResult>;
  close?(): Promise<void>;
}
