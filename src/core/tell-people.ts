import type { Clock } from '../clock.js';
import type { NotifierConfig, PersonConfig } from '../config/schema.js';
import type { NotificationPayload } from '../domain/delivery-plan.js';
import { planDeliveries } from '../domain/delivery-plan.js';
import type { Notifier } from '../notify/dispatcher.js';
import type { Database } from '../store/db.js';

/**
 * Sends a plain message (not a fault) to some people through the outbox: a hygiene reminder, the
 * calendar notice. The event key makes it once-only: the same key is never queued twice, even across
 * restarts.
 */
export function createTellPeople(deps: {
  db: Database;
  notifier: Notifier;
  clock: Clock;
  notifiers: readonly NotifierConfig[];
}) {
  return async (
    eventKey: string,
    people: readonly PersonConfig[],
    message: string,
    type: NotificationPayload['type'],
  ): Promise<void> => {
    const deliveries = planDeliveries(eventKey, people, deps.notifiers, {
      type,
      title: message,
      text: message,
      markdown: message,
    });
    if (deliveries.length === 0) return;
    await deps.db.transaction((tx) => deps.notifier.enqueue(tx, deliveries, deps.clock.now()));
    deps.notifier.kick();
  };
}

export type TellPeople = ReturnType<typeof createTellPeople>;
