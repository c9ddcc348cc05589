import type { Notifier } from '../notify/dispatcher.js';
import type { Database } from '../store/db.js';
import type { FaultRepo } from './fault-repo.js';

/**
 * One fault as the API and the pages show it: the fault, its timeline, the notifications sent for it
 * (names, never addresses) and the citizens' reports that joined it (their case numbers, never a contact).
 */
export async function faultDetail(
  deps: { db: Database; faults: FaultRepo; outbox: Notifier['outbox'] },
  id: number,
) {
  const fault = await deps.faults.get(deps.db, id);
  if (!fault) return undefined;
  const [events, notifications] = await Promise.all([
    deps.faults.events(id),
    deps.outbox.byEventPrefix(`fault:${id}:`),
  ]);
  return {
    fault,
    events,
    notifications: notifications.map((n) => ({
      event: n.eventKey,
      channel: n.channel,
      to: n.payload.to.map((r) => r.name),
      state: n.state,
      attempts: n.attempts,
      createdAt: n.createdAt,
      sentAt: n.sentAt,
      lastError: n.lastError,
    })),
    publicReports: events
      .filter((e) => e.type === 'public-report' && typeof e.data.caseNo === 'string')
      .map((e) => ({ at: e.at, complaintId: Number(e.data.complaintId), caseNo: String(e.data.caseNo) })),
  };
}
