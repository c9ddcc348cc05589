import { renderDigest, withLateNote } from '../domain/channel-messages.js';
import type { Delivery } from '../domain/delivery-plan.js';
import type { Language } from '../domain/messages.js';
import type { Logger } from '../log.js';
import type { ChannelAlerts } from './channel-alerts.js';
import type { ChannelStateRepo } from './channel-state-repo.js';
import { type ChannelLimits, digestAfterMs, permanentBound } from './limits.js';
import type { NotifyMetrics } from './metrics.js';
import type { OutboxRepo, OutboxRow } from './outbox-repo.js';
import type { Channel, SendResult } from './types.js';

/** What the dispatcher knows about one channel between dispatches. */
export interface ChannelRuntime {
  readonly ch: Channel;
  readonly limits: ChannelLimits;
  /** Send times within the last minute (rate-limited channels), seeded from the outbox. */
  window?: number[];
  /** Nothing goes out before this (the platform's throttle). */
  blockedUntil: number;
  held: { since: number; error: string } | null;
  /** After a restart with the same config, a held channel gets one attempt. */
  probe: boolean;
  permanents: number;
  failures: { count: number; since: number; alerted: boolean } | null;
}

export interface QueueDeps {
  readonly outbox: OutboxRepo;
  readonly states: ChannelStateRepo;
  readonly alerts: ChannelAlerts;
  readonly metrics: NotifyMetrics;
  readonly logger: Logger;
  readonly language: Language;
  readonly timeZone: string;
  readonly siteName: string;
  readonly publicUrl?: string;
  readonly alertAfter: number;
  readonly maxAttempts: number;
  readonly requeue: () => void;
}

export interface QueueCounts {
  sent: number;
  failed: number;
  postponed: number;
}

const faultTypes = new Set(['initial', 'escalate', 'remind']);

/** Retry back-off: 15 s, 30 s, 1 min, 2 min, 4 min, then every 5 min. */
export function backoffMs(attempts: number): number {
  return Math.min(5 * 60_000, 15_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Sends one channel's pending rows (oldest first) as far as its limits allow. Order is kept per
 * queue — one per channel, one per person for e-mail: a row waiting for its retry holds the rows
 * behind it. Throttling waits without counting a failure; a permanent answer about the channel holds
 * it after `permanentBound` answers and tells the technician; one about a message fails only that.
 */
export async function sendChannel(
  deps: QueueDeps,
  rt: ChannelRuntime,
  rows: readonly OutboxRow[],
  now: number,
): Promise<QueueCounts> {
  const counts: QueueCounts = { sent: 0, failed: 0, postponed: 0 };
  if (rt.held && !rt.probe) return counts;
  if (rt.blockedUntil > now) {
    counts.postponed += rows.length;
    return counts;
  }
  const perRecipient = rt.ch.type === 'email';
  const waiting = new Set<string>();
  let queue = rows;
  const per = rt.limits.perMinute;
  if (per !== undefined) {
    const w = await windowFor(deps, rt, now);
    const free = per - w.length;
    if (await maybeDigest(deps, rt, queue, free, now)) return counts;
    queue = queue.slice(0, Math.max(0, free));
    counts.postponed += rows.length - queue.length;
  }
  for (const [i, row] of queue.entries()) {
    const lane = perRecipient ? row.recipient : 'all';
    if (waiting.has(lane)) continue;
    if (row.nextAttemptAt > now) {
      waiting.add(lane);
      continue;
    }
    const probing = rt.probe;
    rt.probe = false;
    const r = await attempt(deps, rt, row, now);
    // A held channel's one attempt after a restart: only its success lets the rest follow.
    if (probing && rt.held) {
      if (r === 'failed') counts.failed++;
      else if (r !== 'sent') counts.postponed++;
      break;
    }
    if (r === 'sent') counts.sent++;
    else if (r === 'refused') counts.failed++;
    else {
      if (r === 'failed') counts.failed++;
      else counts.postponed++;
      if (r === 'throttled-row') waiting.add(lane);
      else {
        // The channel itself said no: the rest wait for the next dispatch (or the end of the throttle).
        if (r === 'throttled') counts.postponed += queue.length - i - 1;
        break;
      }
    }
  }
  return counts;
}

async function windowFor(deps: QueueDeps, rt: ChannelRuntime, now: number): Promise<number[]> {
  if (!rt.window) rt.window = await deps.outbox.sentTimes(rt.ch.id, now - 60_000);
  while (rt.window.length > 0 && (rt.window[0] as number) <= now - 60_000) rt.window.shift();
  return rt.window;
}

/**
 * DingTalk advises collapsing bursts into a markdown digest (自定义机器人接入 · 调用频率限制). When the
 * last queued message would reach the group more than `digestAfterMs` after it was queued at the
 * channel's rate, the messages that fit in this minute go out as they are (one slot kept for the
 * digest) and the fault messages behind them become one digest, in queue order.
 */
async function maybeDigest(
  deps: QueueDeps,
  rt: ChannelRuntime,
  queue: readonly OutboxRow[],
  free: number,
  now: number,
): Promise<boolean> {
  const per = rt.limits.perMinute ?? 0;
  if (free <= 0 || queue.length <= free) return false;
  const sendAt = (i: number) => (i < free ? now : now + Math.ceil((i - free + 1) / per) * 60_000);
  const late = queue.some((row, i) => sendAt(i) - row.createdAt > digestAfterMs);
  if (!late) return false;
  const keep = free - 1;
  const collapsed = queue.slice(keep).filter((r) => faultTypes.has(r.payload.type));
  if (collapsed.length < 2) return false;
  const rendered = renderDigest(
    {
      siteName: deps.siteName,
      language: deps.language,
      ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}),
    },
    collapsed.map((r) => r.payload.title.replace(/^【[^】]*】/, '')),
  );
  const to = new Map(collapsed.flatMap((r) => r.payload.to).map((p) => [p.id, p]));
  const digest: Delivery = {
    eventKey: `digest:${rt.ch.id}:${collapsed[0]?.id ?? 0}`,
    channel: rt.ch.id,
    recipient: 'group',
    payload: { type: 'digest', ...rendered, to: [...to.values()] },
  };
  await deps.outbox.digest(
    collapsed.map((r) => r.id),
    digest,
    now,
  );
  deps.metrics.result(rt.ch.id, 'digested', collapsed.length);
  deps.logger.info(
    { channel: rt.ch.id, collapsed: collapsed.length },
    'burst collapsed into one digest message',
  );
  deps.requeue();
  return true;
}

type AttemptResult = 'sent' | 'throttled' | 'throttled-row' | 'failed' | 'refused';

async function attempt(
  deps: QueueDeps,
  rt: ChannelRuntime,
  row: OutboxRow,
  now: number,
): Promise<AttemptResult> {
  const { outbox, metrics, logger } = deps;
  const payload = row.late
    ? withLateNote(row.payload, deps.language, row.createdAt, deps.timeZone)
    : row.payload;
  await outbox.setPhase(row.id, 'connecting');
  let result: SendResult;
  try {
    result = await rt.ch.send({ ...row, payload }, { beforeWrite: () => outbox.setPhase(row.id, 'writing') });
  } catch (err) {
    logger.error({ err, channel: rt.ch.id }, 'notification channel threw');
    result = { kind: 'transient', error: 'channel error' };
  }
  const id = rt.ch.id;
  switch (result.kind) {
    case 'sent':
      await outbox.markSent(row.id, now);
      rt.window?.push(now);
      metrics.result(id, 'sent');
      rt.failures = null;
      rt.permanents = 0;
      if (rt.held) {
        rt.held = null;
        await deps.states.release(id, now);
        logger.info(
          { channel: id },
          'held notification channel accepted a message again; resending its queue',
        );
      }
      return 'sent';
    case 'throttled': {
      const until = now + result.waitMs;
      await outbox.postpone(row.id, until, `throttled: ${result.error}`);
      metrics.result(id, 'throttled');
      logger.info(
        { channel: id, waitMs: result.waitMs, error: result.error },
        'platform throttled the channel; waiting',
      );
      if (rt.ch.type === 'email') return 'throttled-row';
      rt.blockedUntil = until;
      await deps.states.block(id, until, now);
      return 'throttled';
    }
    case 'permanent':
      if (result.scope === 'message') {
        await outbox.markDead(row.id, result.error);
        metrics.result(id, 'refused');
        logger.error(
          { channel: id, event: row.eventKey, error: result.error },
          'platform refused this message',
        );
        if (result.refused) await deps.alerts.refused(row, result.refused, result.error, now);
        return 'refused';
      }
      rt.permanents++;
      metrics.result(id, 'misconfigured');
      if (rt.permanents >= permanentBound || rt.held) {
        await outbox.markRetry(row.id, now, result.error);
        if (!rt.held) {
          rt.held = { since: now, error: result.error };
          await deps.states.hold(id, now, result.error);
          await deps.alerts.misconfigured(id, now, result.error, now);
        }
      } else await outbox.markRetry(row.id, now + backoffMs(1), result.error);
      return 'failed';
    case 'transient': {
      const attempts = row.attempts + 1;
      metrics.result(id, 'failed');
      if (attempts >= deps.maxAttempts) {
        await outbox.markDead(row.id, result.error);
        logger.error({ channel: id, event: row.eventKey, error: result.error }, 'notification given up');
      } else {
        await outbox.markRetry(row.id, now + (result.waitMs ?? backoffMs(attempts)), result.error);
        logger.warn(
          { channel: id, event: row.eventKey, attempts, error: result.error },
          'notification failed, will retry',
        );
      }
      const f = rt.failures ?? { count: 0, since: now, alerted: false };
      f.count++;
      rt.failures = f;
      if (f.count >= deps.alertAfter && !f.alerted) {
        f.alerted = true;
        await deps.alerts.channelDown(id, f.count, f.since, result.error, now);
      }
      return 'failed';
    }
  }
}
