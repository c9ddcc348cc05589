import type { Component } from '../core/component.js';
import type { Zone } from '../core/zone.js';
import { complaintRoutes } from '../http/routes/complaints.js';
import { createDeadlineChecker } from './deadlines.js';
import type { ComplaintDeps } from './deps.js';
import { registerComplaintMetrics } from './metrics.js';
import { ComplaintRepo } from './repo.js';
import { SatisfactionRepo } from './satisfaction-repo.js';
import { type ComplaintService, createComplaintService } from './service.js';

/**
 * Citizens' reports, complaints and suggestions and the satisfaction evaluation: the service (public
 * form and API, the register, the staff actions), the deadline checker on the minute ticker, the
 * metrics and the API routes. A closed fault may close the complaints it acted on.
 */
export function complaintsFeature(zone: Zone) {
  const { config, store, clock } = zone;
  const logger = zone.child('complaints');
  const names = new Map(config.devices.map((d) => [d.id, d.name]));
  let service: ComplaintService | undefined;
  const metrics = registerComplaintMetrics(zone.registry, async () =>
    service ? service.counts() : { byState: [], overdue: 0 },
  );
  const deps: ComplaintDeps = {
    db: store.db,
    clock,
    logger,
    audit: store.audit,
    config: config.complaints,
    limits: {
      perHour: config.alerts.publicReportsPerHour ?? config.web.publicReports.perHour,
      totalPerHour: config.web.publicReports.totalPerHour,
    },
    language: config.language,
    timeZone: config.timezone,
    people: config.people,
    devices: store.devices,
    faults: zone.faults,
    deadline: (from, days) => zone.schedule.deadline(from, days),
    repo: new ComplaintRepo(store.db),
    ratings: new SatisfactionRepo(store.db),
    metrics,
  };
  service = createComplaintService(deps);
  const complaints = service;
  const checker = createDeadlineChecker(deps, {
    notifier: zone.notifier,
    notifiers: config.notifiers,
    siteName: config.siteName,
    publicUrl: config.http.publicUrl,
    isWorkingTime: (now) => zone.schedule.isWorkingTime(now),
    onDuty: async (q, now, held) =>
      (await zone.duty.plan(q, ['on-duty'], now, held)).levels
        .map((l) => l.present)
        .filter((l) => l.length > 0),
    heldChannels: () => zone.duty.heldChannels(),
    ticker: zone.ticker,
    onNotice: (n) => metrics.notice(n),
  });
  zone.events.on('fault-changed', async (e) => {
    if (e.state === 'resolved' || e.state === 'cleared') await complaints.faultClosed(e.faultId);
  });
  zone.http.routers.push(
    complaintRoutes({
      complaints,
      guard: zone.guard,
      language: config.language,
      timeZone: config.timezone,
      acceptWorkingDays: config.complaints.acceptWithinWorkingDays,
      deviceName: (id) => names.get(id) ?? id,
    }),
  );
  const component: Component = {
    name: 'complaints',
    // Deadlines that passed while the daemon was down are told at once, then every minute.
    start: () => checker.check(clock.now()),
    stop: () => checker.idle(),
  };
  return { component, service: complaints, checker };
}

export type ComplaintsFeature = ReturnType<typeof complaintsFeature>;
