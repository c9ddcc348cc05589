import type { ComplaintsFeature } from '../complaints/feature.js';
import type { Zone } from '../core/zone.js';
import type { HygieneFeature } from '../hygiene/feature.js';
import type { ReportFeature } from '../report/feature.js';
import { webRoutes } from './routes.js';

/** The staff and public pages (status, faults, complaints, hygiene record, public report, QR sheet, monthly report), on the zone's services. */
export function webFeature(
  zone: Zone,
  parts: { hygiene: HygieneFeature; complaints: ComplaintsFeature; report: ReportFeature },
) {
  const { config, store } = zone;
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
    devices: store.devices,
    faults: zone.faults,
    hygiene: parts.hygiene,
    complaints: {
      service: parts.complaints.service,
      acceptWorkingDays: config.complaints.acceptWithinWorkingDays,
    },
    schedule: zone.schedule,
    duty: zone.duty,
    reports: parts.report,
  });
}
