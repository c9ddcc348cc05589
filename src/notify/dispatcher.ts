import type { Cancel, Clock } from '../clock.js';
import type { NotifierConfig, PersonConfig } from '../config/schema.js';
import type { Delivery } from '../domain/delivery-plan.js';
import { planDeliveries } from '../domain/delivery-plan.js';
import { type Language, renderChannelDown } from '../domain/messages.js';
import type { AlertMetrics } from '../faults/metrics.js';
import { noopAlertMetrics } from '../faults/metrics.js';
import type { Logger } from '../log.js';
import { createSerial } from '../serial.js';
import type { Database, Queries } from '../store/db.js';
import { createDingtalkChannel } from './dingtalk.js';
import { createEmailChannel } from './email.js';
import { createMqttChannel, type Publish } from './mqtt.js';
import { OutboxRepo, type OutboxRow } from './outbox-repo.js';
import type { Channel } from './types.js';
import { createWebhookChannel } from './webhook.js';
import { createWecomChannel } from './wecom.js';

interface NotifierDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  site: string;
  siteName: string;
  language: Language;
  notifiers: readonly NotifierConfig[];
  people: readonly PersonConfig[];
  /** Publish through the daemon's MQTT client, for `type: mqtt` notifiers. */
  publish?: Publish;
  metrics?: AlertMetrics;
  /** Consecutive failures before a channel raises its own alert on the other channels (default 5). */
  channelFailureAlertAfter?: number;
  /** How often the outbox is looked at (default 5 s). */
  intervalMs?: number;
  /** Attempts before a message is given up as `failed` (default 200, about 16 h at the 5-minute cap). */
  maxAttempts?: number;
  /** Replaces the channels built from `notifiers` (tests). */
  channels?: readonly Channel[];
}

export interface Notifier {
  readonly outbox: OutboxRepo;
  /** Writes deliveries in the caller's transaction; sending happens after commit. */
  enqueue(q: Queries, deliveries: readonly Delivery[], now: number): Promise<number>;
  /** Asks for a dispatch soon (after the caller's transaction committed). */
  kick(): void;
  /** Sends everything due now; calls are serialised. */
  dispatchDue(): Promise<{ sent: number; failed: number; postponed: number }>;
  outboxDepth(): Promise<number>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Retry back-off: 15 s, 30 s, 1 min, 2 min, 4 min, then every 5 min. */
export function backoffMs(attempts: number): number {
  return Math.min(5 * 60_000, 15_000 * 2 ** Math.max(0, attempts - 1));
}

export function createNotifier(deps: NotifierDeps): Notifier {
  const { clock, logger } = deps;
  const metrics = deps.metrics ?? noopAlertMetrics;
  const outbox = new OutboxRepo(deps.db);
  const channels = new Map((deps.channels ?? buildChannels(deps)).map((c) => [c.id, c]));
  const alertAfter = deps.channelFailureAlertAfter ?? 5;
  const interval = deps.intervalMs ?? 5000;
  const maxAttempts = deps.maxAttempts ?? 200;
  /** Attempt times per rate-limited channel within the last minute (seeded from the outbox). */
  const windows = new Map<string, number[]>();
  const failures = new Map<string, { count: number; since: number; alerted: boolean }>();
  const serial = createSerial();
  let cancel: Cancel | undefined;
  let running = false;

  async function windowFor(ch: Channel, now: number): Promise<number[]> {
    let w = windows.get(ch.id);
    if (!w) {
      w = await outbox.sentTimes(ch.id, now - 60_000);
      windows.set(ch.id, w);
    }
    while (w.length > 0 && (w[0] as number) <= now - 60_000) w.shift();
    return w;
  }

  async function sendOne(row: OutboxRow, now: number): Promise<'sent' | 'failed' | 'postponed'> {
    const ch = channels.get(row.channel);
    if (!ch) {
      await outbox.markRetry(row.id, now + 5 * 60_000, `no notifier "${row.channel}" configured`);
      return 'failed';
    }
    if (ch.perMinute !== undefined) {
      const w = await windowFor(ch, now);
      if (w.length >= ch.perMinute) {
        // Queue, never drop: try again when the oldest send in the window is a minute old.
        await outbox.postpone(row.id, (w[0] as number) + 60_000);
        return 'postponed';
      }
      w.push(now);
    }
    let result: Awaited<ReturnType<Channel['send']>>;
    try {
      result = await ch.send(row);
    } catch (err) {
      logger.error({ err, channel: ch.id }, 'notification channel threw');
      result = { ok: false, error: 'channel error' };
    }
    if (result.ok) {
      await outbox.markSent(row.id, now);
      metrics.notificationSent(ch.id);
      failures.delete(ch.id);
      return 'sent';
    }
    metrics.notificationFailed(ch.id);
    const attempts = row.attempts + 1;
    if (attempts >= maxAttempts) {
      await outbox.markDead(row.id, result.error);
      logger.error({ channel: ch.id, event: row.eventKey, error: result.error }, 'notification given up');
    } else {
      await outbox.markRetry(row.id, now + (result.retryAfterMs ?? backoffMs(attempts)), result.error);
      logger.warn(
        { channel: ch.id, event: row.eventKey, attempts, error: result.error },
        'notification failed, will retry',
      );
    }
    await noteFailure(ch.id, result.error, now);
    return 'failed';
  }

  /** A channel that keeps failing raises its own alert on the technicians' and admins' other channels. */
  async function noteFailure(channelId: string, error: string, now: number): Promise<void> {
    const f = failures.get(channelId) ?? { count: 0, since: now, alerted: false };
    f.count++;
    failures.set(channelId, f);
    if (f.count < alertAfter || f.alerted) return;
    f.alerted = true;
    const rendered = renderChannelDown(deps, channelId, f.count, error);
    const who = deps.people.filter((p) => p.role === 'technician' || p.role === 'admin');
    const plan = planDeliveries(
      `channel:${channelId}:down:${f.since}`,
      who.length > 0 ? who : deps.people,
      deps.notifiers,
      { type: 'channel-down', ...rendered },
      new Set([channelId]),
    );
    if (plan.length === 0) {
      logger.error(
        { channel: channelId, error },
        'notification channel keeps failing and no other channel is configured',
      );
      return;
    }
    await deps.db.transaction((tx) => outbox.enqueue(tx, plan, now));
    logger.error(
      { channel: channelId, failures: f.count, error },
      'notification channel keeps failing; alert queued elsewhere',
    );
  }

  async function dispatch(): Promise<{ sent: number; failed: number; postponed: number }> {
    const counts = { sent: 0, failed: 0, postponed: 0 };
    // A channel that fails once is not tried again in this dispatch: its other rows wait for the next.
    const broken = new Set<string>();
    // A second pass picks up rows queued during the first (a failing channel's own alert).
    for (let pass = 0; pass < 2; pass++) {
      const now = clock.now();
      const due = (await outbox.due(now)).filter((row) => !broken.has(row.channel));
      if (due.length === 0) break;
      for (const row of due) {
        if (broken.has(row.channel)) continue;
        const r = await sendOne(row, now);
        counts[r]++;
        if (r === 'failed') broken.add(row.channel);
      }
    }
    return counts;
  }

  function dispatchDue() {
    return serial(dispatch);
  }

  function schedule(ms: number) {
    cancel?.();
    cancel = clock.setTimeout(() => {
      cancel = undefined;
      dispatchDue()
        .catch((err: unknown) => logger.error({ err }, 'outbox dispatch failed'))
        .finally(() => {
          if (running && cancel === undefined) schedule(interval);
        });
    }, ms);
  }

  return {
    outbox,
    enqueue: (q, deliveries, now) => outbox.enqueue(q, deliveries, now),
    kick() {
      if (running) schedule(0);
    },
    dispatchDue,
    outboxDepth: () => outbox.depth(),
    async start() {
      running = true;
      schedule(0);
    },
    async stop() {
      running = false;
      cancel?.();
      cancel = undefined;
      await serial.idle();
      for (const ch of channels.values()) await ch.close?.();
    },
  };
}

function buildChannels(deps: NotifierDeps): Channel[] {
  const now = () => deps.clock.now();
  const out: Channel[] = [];
  for (const n of deps.notifiers) out.push(buildChannel(deps, n, now));
  return out;
}

function buildChannel(deps: NotifierDeps, n: NotifierConfig, now: () => number): Channel {
  switch (n.type) {
    case 'webhook':
      return createWebhookChannel(
        { id: n.id, url: n.url, ...(n.secret ? { secret: n.secret } : {}) },
        deps.site,
        now,
      );
    case 'wecom':
      return createWecomChannel({ id: n.id, key: n.key, baseUrl: n.baseUrl });
    case 'dingtalk':
      return createDingtalkChannel(
        {
          id: n.id,
          accessToken: n.accessToken,
          baseUrl: n.baseUrl,
          ...(n.secret ? { secret: n.secret } : {}),
        },
        // DingTalk checks the signature's timestamp against its own clock: always the real time.
        () => Date.now(),
      );
    case 'email':
      return createEmailChannel({
        id: n.id,
        from: n.from,
        smtp: {
          host: n.smtp.host,
          port: n.smtp.port,
          secure: n.smtp.secure,
          ...(n.smtp.user ? { user: n.smtp.user } : {}),
          ...(n.smtp.password ? { password: n.smtp.password } : {}),
        },
      });
    case 'mqtt':
      return createMqttChannel({ id: n.id, topic: n.topic }, deps.site, deps.publish);
  }
}
