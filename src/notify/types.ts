/** What the outbox stores for one message: everything needed to send it, even after a restart or config reload. */
export interface Recipient {
  readonly id: string;
  readonly name: string;
  readonly phone?: string;
  readonly email?: string;
}

export interface NotificationPayload {
  readonly type: 'initial' | 'escalate' | 'remind' | 'channel-down';
  readonly title: string;
  readonly text: string;
  readonly markdown: string;
  readonly link?: string;
  /** Who the message is for (names shown, phones used for DingTalk @, e-mail address for e-mail). */
  readonly to: readonly Recipient[];
  readonly faultId?: number;
  readonly deviceId?: string;
  readonly kind?: string;
  readonly severity?: string;
}

/** One row of the outbox before it is written: (eventKey, channel, recipient) is unique. */
export interface Delivery {
  readonly eventKey: string;
  /** The notifier id from the config. */
  readonly channel: string;
  /** A person id for e-mail; `group` for a channel shared by several people (a group robot, a webhook). */
  readonly recipient: string;
  readonly payload: NotificationPayload;
}

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
