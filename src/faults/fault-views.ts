import type { Notifier } from '../notify/dispatcher.js';
import type { Database } from '../store/db.js';
import type { FaultRepo } from './fault-repo.js';
import type { PublicReportRepo } from './public-report-repo.js';

/**
 * One fault as the API and the pages show it: the fault, its timeline, the notifications sent for it
 * (names, never addresses) and the public reports attached (without the citizen's contact).
 */
export async function faultDetail(
  deps: { db: Database; faults: FaultRepo; reports: PublicReportRepo; outbox: Notifier['outbox'] },
  id: number,
) {
  const fault = await deps.faults.get(deps.db, id);
  if (!fault) return undefined;
  const [events, notifications, publicReports] = await Promise.all([
    deps.faults.events(id),
    deps.outbox.byEventPrefix(`fault:${id}:`),
    deps.reports.forFault(id),
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
    publicReports: publicReports.map(({ contact: _c, ...rest }) => rest),
  };
}
