import type { ComplaintsFeature } from '../complaints/feature.js';
import type { Zone } from '../core/zone.js';
import { loadCompliance } from '../hygiene/compliance.js';
import type { HygieneFeature } from '../hygiene/feature.js';
import { PowerActionsRepo } from '../power/actions-repo.js';
import type { PowerFeature } from '../power/feature.js';
import { ReadingsRepo } from '../readings/repo.js';
import type { ReportFeature } from '../report/feature.js';
import { webRoutes } from './routes.js';

/**
 * The staff and public pages (status, devices, faults, power, the monthly report, complaints, hygiene
 * record, public report, QR sheet), on the zone's services: the same ones, rules and audit entries as the API.
 */
export function webFeature(
  zone: Zone,
  parts: {
    hygiene: HygieneFeature;
    power: PowerFeature;
    complaints: ComplaintsFeature;
    report: ReportFeature;
  },
) {
  const { config, store } = zone;
  const { hygiene } = parts;
  return webRoutes({
    db: store.db,
    audit: store.audit,
    clock: zone.clock,
    logger: zone.child('web'),
    siteName: config.siteName,
    language: config.language,
    timeZone: config.timezone,
    publicUrl: config.http.publicUrl,
    web: config.web,
    people: config.people,
    notifiers: config.notifiers.map((n) => ({ id: n.id, type: n.type })),
    devices: store.devices,
    extras: config.devices.map((d) => ({ id: d.id, model: d.model })),
    faults: zone.faults,
    hygiene,
    complaints: {
      service: parts.complaints.service,
      acceptWorkingDays: config.complaints.acceptWithinWorkingDays,
    },
    schedule: zone.schedule,
    duty: zone.duty,
    power: {
      actions: new PowerActionsRepo(store.db),
      reconcileNow: () => parts.power.reconciler.tick(),
    },
    maintenance: store.maintenance,
    readings: {
      latest: (id) => zone.hub.latestOf(id),
      repo: new ReadingsRepo(store.db),
      leadTimeDays: config.alerts.supplyOrderLeadTimeDays,
    },
    reports: parts.report,
    compliance: (month, now) =>
      loadCompliance(hygiene.repo, hygiene.plan, hygiene.days, config.timezone, month, now),
  });
}
