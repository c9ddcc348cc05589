import { z } from 'zod';
import { faultKinds } from '../../domain/fault-kinds.js';
import { audiences } from '../../domain/routing.js';
import { integer } from '../fields.js';

/**
 * The top-level `alerts:` config section. Every field has a default, so the section may be left out.
 * `routes` overrides the default routing table per fault kind, e.g. `routes: { jam: [technician] }`.
 */
export function alertsSchema() {
  return z
    .strictObject({
      /** Minutes without acknowledgement before the next level (B post, then the lead) is told. */
      escalationMinutes: integer(1, 24 * 60).default(15),
      /** Minutes between reminders once every level has been told. */
      reminderMinutes: integer(5, 24 * 60).default(60),
      maxReminders: integer(0, 100).default(8),
      /** Consecutive failed polls before a device is `down`. */
      downAfterFailedPolls: integer(1, 100).default(3),
      /** Consecutive good polls before a fault clears by itself. */
      clearAfterGoodPolls: integer(1, 100).default(2),
      /** A fault that comes back within this many minutes of clearing is reopened, not duplicated (flapping). */
      flapWindowMinutes: integer(1, 24 * 60).default(60),
      /** `office-hours`: non-critical messages wait for office hours; `always`: send at once. */
      nonCritical: z.enum(['office-hours', 'always']).default('office-hours'),
      routes: z.partialRecord(z.enum(faultKinds), z.array(z.enum(audiences)).min(1)).default({}),
      /** Consecutive failures of one channel before it raises its own alert on the other channels. */
      channelFailureAlertAfter: integer(1, 100).default(5),
      /** The older name of `web.publicReports.perHour` (reports per visitor per hour); used instead when set. */
      publicReportsPerHour: integer(1, 1000).optional(),
      /** A toner or ink at or below this percentage is low (unless the printer declares its own low mark). */
      supplyLowPercent: integer(1, 50).default(10),
      /** A waste-toner box at or above this percentage is nearly full (unless the printer declares its own mark). */
      wasteNearFullPercent: integer(50, 99).default(90),
      /** Procurement lead time: `supply-order-due` is raised when a supply will run out within this many days. */
      supplyOrderLeadTimeDays: integer(1, 365).default(14),
    })
    .prefault({});
}

export type AlertsConfig = z.output<ReturnType<typeof alertsSchema>>;

/** The defaults, for callers (and tests) without a loaded config. */
export const defaultAlertsConfig: AlertsConfig = alertsSchema().parse(undefined);
