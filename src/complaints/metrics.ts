import { Counter, Gauge, type Registry } from 'prom-client';
import {
  type ComplaintState,
  type ComplaintType,
  complaintStates,
  complaintTypes,
} from '../domain/complaint.js';

/**
 * Complaint metrics: counts only, labelled by bounded vocabularies (type, state, notice, outcome) —
 * never a case number, a device's citizen text or a contact.
 */
export function registerComplaintMetrics(
  registry: Registry,
  counts: () => Promise<{
    byState: ReadonlyArray<{ type: ComplaintType; state: ComplaintState }>;
    overdue: number;
  }>,
) {
  let pending: ReturnType<typeof counts> | null = null;
  const read = () => {
    pending ??= counts().finally(() => setTimeout(() => (pending = null), 0));
    return pending;
  };
  const received = new Counter({
    name: 'zoneops_complaints_received_total',
    help: 'Citizens’ reports, complaints and suggestions stored, by type and way in (web form or API).',
    labelNames: ['type', 'source'],
    registers: [registry],
  });
  const refused = new Counter({
    name: 'zoneops_public_requests_refused_total',
    help: 'Public reports and satisfaction evaluations refused: invalid input or over the rate limit.',
    labelNames: ['what', 'reason'],
    registers: [registry],
  });
  const notices = new Counter({
    name: 'zoneops_complaint_notices_total',
    help: 'Complaint notices queued: first notice, deadline reminders and missed-deadline escalations.',
    labelNames: ['notice'],
    registers: [registry],
  });
  const ratings = new Counter({
    name: 'zoneops_satisfaction_evaluations_total',
    help: 'Satisfaction evaluations (满意度评价) stored, by rating.',
    labelNames: ['rating'],
    registers: [registry],
  });
  new Gauge({
    name: 'zoneops_complaints_open',
    help: 'Complaints and suggestions not yet closed, by type and state.',
    labelNames: ['type', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      const { byState } = await read();
      for (const type of complaintTypes)
        for (const state of complaintStates.filter((s) => s !== 'closed'))
          this.set({ type, state }, byState.filter((x) => x.type === type && x.state === state).length);
    },
  });
  new Gauge({
    name: 'zoneops_complaints_overdue',
    help: 'Complaints past their accepting or answering deadline and not yet done.',
    registers: [registry],
    async collect() {
      this.set((await read()).overdue);
    },
  });
  return {
    received: (type: ComplaintType, source: string) => received.inc({ type, source }),
    refused: (what: 'report' | 'satisfaction', reason: 'invalid' | 'rate-limited') =>
      refused.inc({ what, reason }),
    notice: (notice: string) => notices.inc({ notice }),
    rated: (rating: string) => ratings.inc({ rating }),
  };
}

export type ComplaintMetrics = ReturnType<typeof registerComplaintMetrics>;
