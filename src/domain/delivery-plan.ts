/** What the outbox stores for one message: everything needed to send it, even after a restart. */
interface Recipient {
  readonly id: string;
  readonly name: string;
  readonly phone?: string;
  /** WeCom userid, for a WeCom @-mention (otherwise WeCom mentions by phone). */
  readonly wecomUserId?: string;
  readonly email?: string;
}

export interface NotificationPayload {
  readonly type:
    | 'initial'
    | 'escalate'
    | 'remind'
    | 'channel-down'
    | 'channel-misconfigured'
    | 'recipient-refused'
    | 'digest'
    /** Nobody holds a post today (无人值守): the technician and the lead are told. */
    | 'duty-uncovered';
  readonly title: string;
  readonly text: string;
  readonly markdown: string;
  readonly link?: string;
  /** Who the message is for (names shown, phones / WeCom userids for @-mentions, e-mail address for e-mail). */
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

interface PlanPerson {
  readonly id: string;
  readonly name: string;
  readonly phone?: string | undefined;
  readonly wecomUserId?: string | undefined;
  readonly email?: string | undefined;
  readonly notify: readonly string[];
}

export interface PlanNotifier {
  readonly id: string;
  readonly type: string;
}

/**
 * Turns "tell these people" into outbox rows: one row per person for e-mail, one row per shared
 * channel (group robot, webhook, MQTT topic) naming everyone it is meant for, so a group chat gets
 * one message, not one per person. `exclude` leaves out channels (a failing channel's own alert).
 */
export function planDeliveries(
  eventKey: string,
  people: readonly PlanPerson[],
  notifiers: readonly PlanNotifier[],
  payload: Omit<NotificationPayload, 'to'>,
  exclude: ReadonlySet<string> = new Set(),
): Delivery[] {
  const byId = new Map(notifiers.map((n) => [n.id, n]));
  const shared = new Map<string, Recipient[]>();
  const out: Delivery[] = [];
  for (const p of people) {
    const r = recipient(p);
    for (const id of p.notify) {
      const n = byId.get(id);
      if (!n || exclude.has(id)) continue;
      if (n.type === 'email') {
        if (p.email) out.push({ eventKey, channel: id, recipient: p.id, payload: { ...payload, to: [r] } });
        continue;
      }
      const list = shared.get(id) ?? [];
      if (!list.some((x) => x.id === r.id)) list.push(r);
      shared.set(id, list);
    }
  }
  for (const [channel, to] of shared)
    out.push({ eventKey, channel, recipient: 'group', payload: { ...payload, to } });
  return out;
}

/**
 * Whether a message to this person would go anywhere: one of their notifiers exists, is not held after
 * a permanent error, and (e-mail) they have an address. A person without one is skipped by routing.
 */
export function hasWorkingChannel(
  p: Pick<PlanPerson, 'notify' | 'email'>,
  notifiers: readonly PlanNotifier[],
  held: ReadonlySet<string> = new Set(),
): boolean {
  const byId = new Map(notifiers.map((n) => [n.id, n]));
  return p.notify.some((id) => {
    const n = byId.get(id);
    return n !== undefined && !held.has(id) && (n.type !== 'email' || p.email !== undefined);
  });
}

function recipient(p: PlanPerson): Recipient {
  return {
    id: p.id,
    name: p.name,
    ...(p.phone !== undefined ? { phone: p.phone } : {}),
    ...(p.wecomUserId !== undefined ? { wecomUserId: p.wecomUserId } : {}),
    ...(p.email !== undefined ? { email: p.email } : {}),
  };
}
