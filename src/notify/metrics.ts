import { Counter, Gauge, type Registry } from 'prom-client';

/**
 * One attempt's result on /metrics: `sent`; `throttled` (the platform said "later" — never a failure);
 * `failed` (transient: retried with back-off); `misconfigured` (a permanent answer about the channel's
 * configuration: the channel is held); `refused` (a permanent answer about this one message, e.g. an
 * e-mail address the server does not know); `uncertain` (after a crash the message may have reached
 * the robot: not resent); `digested` (collapsed into a digest message of a burst).
 */
export type NotifyResult =
  | 'sent'
  | 'throttled'
  | 'failed'
  | 'misconfigured'
  | 'refused'
  | 'uncertain'
  | 'digested';

export const notifyResults: readonly NotifyResult[] = [
  'sent',
  'throttled',
  'failed',
  'misconfigured',
  'refused',
  'uncertain',
  'digested',
];

export interface NotifyMetrics {
  result(channel: string, result: NotifyResult, n?: number): void;
}

export const noopNotifyMetrics: NotifyMetrics = { result() {} };

export interface NotifyGaugeSources {
  outboxDepth(): Promise<number>;
  /** Channel ids currently held after a permanent error. */
  heldChannels(): Promise<readonly string[]>;
}

/** Label values are notifier ids from the config and the fixed results above: bounded, no free text. */
export function createNotifyMetrics(
  registry: Registry,
  channels: readonly string[],
  sources: NotifyGaugeSources,
): NotifyMetrics {
  const notifications = new Counter({
    name: 'zoneops_notifications_total',
    help: 'Notification delivery attempts by notifier id and result (sent, throttled, failed, misconfigured, refused, uncertain, digested).',
    labelNames: ['channel', 'result'],
    registers: [registry],
  });
  for (const channel of channels)
    for (const result of notifyResults) notifications.inc({ channel, result }, 0);
  new Gauge({
    name: 'zoneops_notification_outbox_pending',
    help: 'Notifications waiting in the outbox to be sent (or retried).',
    registers: [registry],
    async collect() {
      this.set(await sources.outboxDepth());
    },
  });
  new Gauge({
    name: 'zoneops_notification_channel_held',
    help: '1 while a notifier is held after a permanent (configuration) error; its messages wait for a fixed config.',
    labelNames: ['channel'],
    registers: [registry],
    async collect() {
      const held = new Set(await sources.heldChannels());
      for (const channel of channels) this.set({ channel }, held.has(channel) ? 1 : 0);
    },
  });
  return { result: (channel, result, n = 1) => notifications.inc({ channel, result }, n) };
}
