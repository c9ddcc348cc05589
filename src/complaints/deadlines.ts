import type { NotifierConfig, PersonConfig } from '../config/schema.js';
import type { MinuteTicker } from '../core/minute-ticker.js';
import { answerOwed } from '../domain/complaint.js';
import { type ComplaintNotice, dueNotices } from '../domain/complaint-deadlines.js';
import { noticeRecipients } from '../domain/complaint-routing.js';
import { renderComplaintNotice } from '../domain/complaint-texts.js';
import { planDeliveries } from '../domain/delivery-plan.js';
import { formatLocal } from '../domain/local-time.js';
import type { Notifier } from '../notify/dispatcher.js';
import { createSerial } from '../serial.js';
import type { Queries } from '../store/db.js';
import type { ComplaintDeps } from './deps.js';
import type { ComplaintRow } from './repo.js';

interface CheckerDeps {
  readonly notifier: Pick<Notifier, 'enqueue' | 'kick'>;
  readonly notifiers: readonly NotifierConfig[];
  readonly siteName: string;
  readonly publicUrl?: string | undefined;
  readonly isWorkingTime: (now: number) => boolean;
  /**
   * The on-duty chain at `now`, in the caller's transaction: the rota's A post → B post → lead of that
   * day with swaps applied, absent people and people with no working channel left out — the plan the
   * fault escalator uses (`duty.plan`), so a complaint is never announced to someone a fault would skip.
   * `held`: the notification channels held after a permanent error, read before the transaction.
   */
  readonly onDuty: (
    q: Queries,
    now: number,
    held: ReadonlySet<string>,
  ) => Promise<readonly (readonly PersonConfig[])[]>;
  readonly heldChannels: () => Promise<ReadonlySet<string>>;
  readonly ticker: Pick<MinuteTicker, 'every'>;
  readonly onNotice?: (notice: ComplaintNotice) => void;
}

/**
 * Watches the deadlines of every complaint not yet answered, on the zone's minute ticker: the first
 * notice of a complaint no fault announced, a reminder to the on-duty post and the lead before each
 * deadline, an escalation along the on-duty chain to the lead and the technician once it is missed.
 * Each notice is marked and its messages queued in one transaction (as the fault escalator does), so a
 * crash or a restart neither repeats nor loses one. No notice carries the complainant's contact.
 */
export function createDeadlineChecker(deps: ComplaintDeps, c: CheckerDeps) {
  const { repo, db, logger } = deps;
  const serial = createSerial();
  const remindBeforeMs = deps.config.remindBeforeMinutes * 60_000;

  async function checkOne(row: ComplaintRow, now: number): Promise<number> {
    const sent = await repo.notices(db, row.id);
    const hasFault = (await repo.faultIds(db, row.id)).length > 0;
    const facts = { ...row, answerOwed: answerOwed(row), hasFault, sent };
    const due = dueNotices(facts, now, { remindBeforeMs }, c.isWorkingTime(now));
    if (due.length === 0) return 0;
    const device = row.deviceId === null ? undefined : await deps.devices.get(row.deviceId);
    const deviceName = row.deviceId === null ? null : (device?.name ?? row.deviceId);
    const held = await c.heldChannels();
    return db.transaction(async (tx) => {
      const chain = await c.onDuty(tx, now, held);
      let queued = 0;
      for (const notice of due) {
        if (!(await repo.markNotice(tx, row.id, notice, now))) continue;
        const to = noticeRecipients(notice, chain, deps.people, row.assignedTo);
        const dueAt = notice.startsWith('answer') ? row.answerDueAt : row.acceptDueAt;
        const rendered = renderComplaintNotice(notice, row, deviceName, formatLocal(dueAt, deps.timeZone), {
          siteName: c.siteName,
          language: deps.language,
          ...(c.publicUrl ? { publicUrl: c.publicUrl } : {}),
        });
        const type = notice === 'received' ? 'initial' : notice.endsWith('overdue') ? 'escalate' : 'remind';
        const deliveries = planDeliveries(`complaint:${row.id}:${notice}`, to, c.notifiers, {
          type,
          ...rendered,
        });
        queued += await c.notifier.enqueue(tx, deliveries, now);
        await repo.addEvent(tx, row.id, now, 'notified', 'zoneops', { notice, to: to.map((p) => p.id) });
        c.onNotice?.(notice);
      }
      return queued;
    });
  }

  async function check(now: number): Promise<void> {
    let queued = 0;
    for (const row of await repo.pending()) {
      try {
        queued += await checkOne(row, now);
      } catch (err) {
        logger.error({ err, complaintId: row.id }, 'complaint deadline check failed');
      }
    }
    if (queued > 0) c.notifier.kick();
  }

  c.ticker.every('complaint-deadlines', (now) => serial(() => check(now)));
  return {
    /** One look at every pending complaint as of `now` (the ticker calls it each minute). */
    check: (now: number) => serial(() => check(now)),
    idle: () => serial(async () => undefined),
  };
}
