import type { ScheduleService } from '../calendar/schedule-service.js';
import { SatisfactionRepo } from '../complaints/satisfaction-repo.js';
import type { Config } from '../config/schema.js';
import { buildMonthlyReport } from '../domain/report-build.js';
import { monthSpan } from '../domain/report-calendar.js';
import type { MonthlyReport, ReportDevice } from '../domain/report-types.js';
import { loadCompliance } from '../hygiene/compliance.js';
import { planFromConfig } from '../hygiene/plan.js';
import { HygieneRepo } from '../hygiene/repo.js';
import { ReadingsRepo } from '../readings/repo.js';
import type { Database } from '../store/db.js';
import { ReportRepo } from './report-repo.js';

type ReportConfig = Pick<
  Config,
  'site' | 'siteName' | 'timezone' | 'devices' | 'hygiene' | 'alerts' | 'language'
>;

interface ReportSources {
  readonly db: Database;
  readonly config: ReportConfig;
  /** The zone's schedule (the daemon's, or one the CLI builds over the same store). */
  readonly schedule: Pick<ScheduleService, 'context' | 'days'>;
}

/** The forecast at the month's end looks this far back (as the daemon's sampler does). */
const historyMs = 120 * 86_400_000;

export function reportDevices(config: Pick<Config, 'devices'>): ReportDevice[] {
  return config.devices.map((d) => ({
    id: d.id,
    name: d.name,
    type: d.type,
    location: d.location,
    powerMethod: d.power.method,
    plug: d.power.method === 'plug' ? d.power.plug : null,
    vendor: d.vendor.name,
  }));
}

/** Reads the month's rows and computes the report (the I/O half; the figures are domain/report-*.ts). */
export async function loadMonthlyReport(
  src: ReportSources,
  month: string,
  now: number,
): Promise<MonthlyReport> {
  const { db, config } = src;
  const ctx = src.schedule.context;
  const tz = config.timezone;
  const span = monthSpan(month, tz);
  const rows = new ReportRepo(db);
  const readings = new ReadingsRepo(db);
  const plan = planFromConfig(config.hygiene);
  const days = src.schedule.days;
  const service = new SatisfactionRepo(db);
  const [transitions, faults, actions, pages, energy, supplies, hygiene, received, ratings] =
    await Promise.all([
      rows.transitions(span.from, span.to),
      rows.faults(span.from, span.to),
      rows.actions(span.from, span.to),
      readings.pages(span.from, span.to),
      readings.energy(span.from, span.to),
      readings.supplies(span.to - historyMs, span.to),
      plan.targets.length > 0
        ? loadCompliance(new HygieneRepo(db), plan, days, tz, month, now)
        : Promise.resolve(null),
      service.complaintFacts(span.from, span.to),
      service.facts(span.from, span.to),
    ]);
  return buildMonthlyReport(
    {
      month,
      tz,
      site: config.site,
      siteName: config.siteName,
      now,
      devices: reportDevices(config),
      transitions,
      faults,
      actions,
      pages: pages.map((s) => ({ deviceId: s.deviceId, at: s.at, value: s.value })),
      energy: energy.map((s) => ({ deviceId: s.deviceId, at: s.at, value: s.value })),
      supplies,
      hygiene,
      leadTimeDays: config.alerts.supplyOrderLeadTimeDays,
      complaints: { received, ratings },
    },
    { sources: ctx.sources, hours: ctx.hours },
  );
}
