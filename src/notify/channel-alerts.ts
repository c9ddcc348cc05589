import { createHash } from 'node:crypto';
import type { NotifierConfig, PersonConfig } from '../config/schema.js';
import {
  renderChannelDown,
  renderChannelMisconfigured,
  renderRecipientRefused,
} from '../domain/channel-messages.js';
import { type NotificationPayload, planDeliveries } from '../domain/delivery-plan.js';
import type { Language } from '../domain/messages.js';
import type { Logger } from '../log.js';
import type { Database } from '../store/db.js';
import type { OutboxRepo, OutboxRow } from './outbox-repo.js';

export interface ChannelAlertDeps {
  readonly db: Database;
  readonly outbox: OutboxRepo;
  readonly logger: Logger;
  readonly siteName: string;
  readonly language: Language;
  readonly notifiers: readonly NotifierConfig[];
  readonly people: readonly PersonConfig[];
  /** Channels that cannot carry an alert right now (held). */
  readonly unusable: () => ReadonlySet<string>;
  /** Called after an alert was queued, so the dispatcher looks at the outbox again. */
  readonly queued: () => void;
}

/**
 * Messages about the channels themselves, to the technicians and admins (everyone when there are
 * none) on their other channels: a channel that keeps failing, a channel the platform refuses as
 * misconfigured (with the platform's own error text), an e-mail address the server refused. Each has
 * an event key of its own, so the same alert is never queued twice, even across restarts.
 */
export function createChannelAlerts(deps: ChannelAlertDeps) {
  const ctx = { siteName: deps.siteName, language: deps.language };

  async function tell(
    eventKey: string,
    about: string,
    payload: Omit<NotificationPayload, 'to'>,
    now: number,
    skip: (channel: string, recipient: string) => boolean = () => false,
  ): Promise<boolean> {
    const techs = deps.people.filter((p) => p.role === 'technician' || p.role === 'admin');
    const exclude = new Set([about, ...deps.unusable()]);
    const plan = planDeliveries(
      eventKey,
      techs.length > 0 ? techs : deps.people,
      deps.notifiers,
      payload,
      exclude,
    ).filter((d) => !skip(d.channel, d.recipient));
    if (plan.length === 0) {
      deps.logger.error(
        { channel: about, event: eventKey },
        'no other notification channel can carry this alert',
      );
      return false;
    }
    const added = await deps.db.transaction((tx) => deps.outbox.enqueue(tx, plan, now));
    if (added > 0) deps.queued();
    return added > 0;
  }

  return {
    async channelDown(channel: string, failures: number, since: number, error: string, now: number) {
      const queued = await tell(
        `channel:${channel}:down:${since}`,
        channel,
        { type: 'channel-down', ...renderChannelDown(ctx, channel, failures, error) },
        now,
      );
      if (queued)
        deps.logger.error(
          { channel, failures, error },
          'notification channel keeps failing; alert queued elsewhere',
        );
    },

    async misconfigured(channel: string, heldSince: number, error: string, now: number) {
      const queued = await tell(
        `channel:${channel}:misconfigured:${heldSince}`,
        channel,
        { type: 'channel-misconfigured', ...renderChannelMisconfigured(ctx, channel, error) },
        now,
      );
      if (queued)
        deps.logger.error({ channel, error }, 'notification channel misconfigured; held, technician told');
    },

    /** `row` is the refused e-mail (one person); the alert never goes back to that same address. */
    async refused(row: OutboxRow, address: string, error: string, now: number) {
      if (row.payload.type === 'recipient-refused') return;
      const who = row.payload.to[0]?.name ?? row.recipient;
      const tag = createHash('sha256').update(address).digest('hex').slice(0, 12);
      await tell(
        `channel:${row.channel}:refused:${row.recipient}:${tag}`,
        '',
        { type: 'recipient-refused', ...renderRecipientRefused(ctx, who, address, error) },
        now,
        (channel, recipient) => channel === row.channel && recipient === row.recipient,
      );
      deps.logger.warn(
        { channel: row.channel, person: row.recipient, error },
        'e-mail address refused; technician told',
      );
    },
  };
}

export type ChannelAlerts = ReturnType<typeof createChannelAlerts>;
