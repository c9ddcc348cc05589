import type { Cancel, Clock } from '../clock.js';
import type { NotifierConfig, PersonConfig } from '../config/schema.js';
import type { Delivery } from '../domain/delivery-plan.js';
import type { Language } from '../domain/messages.js';
import type { Logger } from '../log.js';
import { createSerial } from '../serial.js';
import type { Database, Queries } from '../store/db.js';
import { createChannelAlerts } from './channel-alerts.js';
import { type ChannelRuntime, type QueueCounts, sendChannel } from './channel-queue.js';
import { ChannelStateRepo, configFingerprint, sameConfig } from './channel-state-repo.js';
import { buildChannels } from './channels.js';
import { channelLimits, resendWindowMs } from './limits.js';
import { type NotifyMetrics, noopNotifyMetrics } from './metrics.js';
import type { Publish } from './mqtt.js';
import { OutboxRepo, type OutboxRow } from './outbox-repo.js';
import type { Channel } from './types.js';

export { backoffMs } from './channel-queue.js';

export interface NotifierDeps {
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
  metrics?: NotifyMetrics;
  /** Consecutive transient failures before a channel raises its own alert on the other channels (default 5). */
  channelFailureAlertAfter?: number;
  /** How often the outbox is looked at (default 5 s). */
  intervalMs?: number;
  /** Transient failures before a message is given up as `failed` (default 200, about 16 h at the 5-minute cap). */
  maxAttempts?: number;
  /** Base of the link in a digest ("详见 …"). */
  publicUrl?: string;
  /** For the time in a late note (default Asia/Shanghai). */
  timeZone?: string;
  /** The real clock, for timestamps a platform checks against its own (DingTalk 加签, webhook-timestamp). */
  wallClock?: () => number;
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
  dispatchDue(): Promise<QueueCounts>;
  outboxDepth(): Promise<number>;
  /** Channel ids held after a permanent (configuration) error. */
  heldChannels(): Promise<string[]>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The outbox dispatcher. Each attempt ends sent, throttled, permanent or transient (types.ts); what
 * a channel says is read from the platform's documented answers (outcomes.ts) and its limits are
 * data (limits.ts). Before the first dispatch it settles what a stop left behind: channels whose
 * config changed are released (their held messages go out with a late note), and a message whose
 * attempt was cut off is resent after `resendWindowMs` — unless it may already have reached a robot
 * that cannot deduplicate, which is marked `uncertain` instead of repeated on people's phones.
 */
export function createNotifier(deps: NotifierDeps): Notifier {
  const { clock, logger } = deps;
  const metrics = deps.metrics ?? noopNotifyMetrics;
  const outbox = new OutboxRepo(deps.db);
  const states = new ChannelStateRepo(deps.db);
  const channels = deps.channels ?? buildChannels(deps);
  const runtimes = new Map<string, ChannelRuntime>(
    channels.map((ch) => [
      ch.id,
      {
        ch,
        limits: channelLimits[ch.type],
        blockedUntil: 0,
        held: null,
        probe: false,
        permanents: 0,
        failures: null,
      },
    ]),
  );
  const interval = deps.intervalMs ?? 5000;
  let requeued = false;
  const alerts = createChannelAlerts({
    db: deps.db,
    outbox,
    logger,
    siteName: deps.siteName,
    language: deps.language,
    notifiers: deps.notifiers,
    people: deps.people,
    unusable: () => new Set([...runtimes.values()].filter((r) => r.held).map((r) => r.ch.id)),
    queued: () => {
      requeued = true;
    },
  });
  const queueDeps = {
    outbox,
    states,
    alerts,
    metrics,
    logger,
    language: deps.language,
    timeZone: deps.timeZone ?? 'Asia/Shanghai',
    siteName: deps.siteName,
    ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}),
    alertAfter: deps.channelFailureAlertAfter ?? 5,
    maxAttempts: deps.maxAttempts ?? 200,
    requeue: () => {
      requeued = true;
    },
  };
  let settled: Promise<void> | undefined;
  const serial = createSerial();
  let cancel: Cancel | undefined;
  let running = false;

  /** Once per process: channel configs against the stored fingerprints, then the cut-off attempts. */
  async function settle(): Promise<void> {
    const now = clock.now();
    const stored = await states.all();
    const configs = new Map(deps.notifiers.map((n) => [n.id, n]));
    for (const rt of runtimes.values()) {
      const id = rt.ch.id;
      const config = configs.get(id) ?? { id, type: rt.ch.type };
      const prev = stored.get(id);
      const changed = !prev || !sameConfig(config, prev.fingerprint);
      if (changed) await states.setFingerprint(id, configFingerprint(config), now, true);
      rt.blockedUntil = prev?.blockedUntil ?? 0;
      if (prev?.heldSince === null || prev?.heldSince === undefined) continue;
      const late = await outbox.markLate(id);
      if (changed) {
        logger.info(
          { channel: id, held: late },
          'notification channel config changed; held messages resent with a late note',
        );
      } else {
        // Same config: one attempt, in case the fix was on the platform's side (IP allow-list, keyword).
        rt.held = { since: prev.heldSince, error: prev.heldError ?? '' };
        rt.probe = true;
        logger.warn(
          { channel: id, error: prev.heldError },
          'notification channel still held (config unchanged); one attempt',
        );
      }
    }
    for (const row of await outbox.inFlight()) {
      const rt = runtimes.get(row.channel);
      if (row.phase === 'writing' && rt?.limits.dedupe === 'none') {
        await outbox.markUncertain(
          row.id,
          '发送途中程序中断，消息可能已送达；机器人无法去重，为免重复不再重发（sent-uncertain）',
        );
        metrics.result(row.channel, 'uncertain');
        logger.warn(
          { channel: row.channel, event: row.eventKey },
          'attempt cut off after writing; marked sent-uncertain, not resent',
        );
      } else {
        await outbox.postpone(
          row.id,
          now + resendWindowMs,
          'attempt cut off by a stop; resent after a short wait',
        );
        logger.info(
          { channel: row.channel, event: row.eventKey, phase: row.phase },
          'attempt cut off by a stop; will resend',
        );
      }
    }
  }

  async function dispatch(): Promise<QueueCounts> {
    settled ??= settle();
    await settled;
    const counts: QueueCounts = { sent: 0, failed: 0, postponed: 0 };
    // A second pass picks up rows queued during the first (a channel's own alert, a digest).
    for (let pass = 0; pass < 3; pass++) {
      requeued = false;
      const now = clock.now();
      const byChannel = new Map<string, OutboxRow[]>();
      for (const row of await outbox.pending()) {
        const list = byChannel.get(row.channel) ?? [];
        list.push(row);
        byChannel.set(row.channel, list);
      }
      for (const [id, rows] of byChannel) {
        const rt = runtimes.get(id);
        if (!rt) {
          for (const row of rows.filter((r) => r.nextAttemptAt <= now)) {
            await outbox.markRetry(row.id, now + 5 * 60_000, `no notifier "${id}" configured`);
            counts.failed++;
          }
          continue;
        }
        const c = await sendChannel(queueDeps, rt, rows, now);
        counts.sent += c.sent;
        counts.failed += c.failed;
        counts.postponed += c.postponed;
      }
      if (!requeued) break;
    }
    return counts;
  }

  const dispatchDue = () => serial(dispatch);

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
    async heldChannels() {
      return [...(await states.all()).values()].filter((s) => s.heldSince !== null).map((s) => s.channel);
    },
    async start() {
      running = true;
      schedule(0);
    },
    async stop() {
      running = false;
      cancel?.();
      cancel = undefined;
      await serial.idle();
      for (const ch of channels) await ch.close?.();
    },
  };
}
