import type { ScheduleService } from '../calendar/schedule-service.js';
import { SatisfactionRepo } from '../complaints/satisfaction-repo.js';
import type { Config } from '../config/schema.js';
import { ServiceError } from '../domain/errors.js';
import type { Language } from '../domain/messages.js';
import { buildMonthlyReport } from '../domain/report-build.js';
import { countedTo, monthSpan } from '../domain/report-calendar.js';
import type { ReportDevice } from '../domain/report-input.js';
import { checkReportMonth } from '../domain/report-month.js';
import type { MonthlyReport } from '../domain/report-types.js';
import { loadCompliance } from '../hygiene/compliance.js';
import { planFromConfig } from '../hygiene/plan.js';
import { HygieneRepo } from '../hygiene/repo.js';
import { ReadingsRepo } from '../readings/repo.js';
import type { Database } from '../store/db.js';
import { notesFile, type ReportNotes, readNotes } from './notes.js';
import { ReportRepo } from './report-repo.js';

type ReportConfig = Pick<
  Config,
  'site' | 'siteName' | 'timezone' | 'devices' | 'hygiene' | 'alerts' | 'language' | 'report'
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
    assetNo: d.assetNo,
    powerMethod: d.power.method,
    plug: d.power.method === 'plug' ? d.power.plug : null,
    vendor: d.vendor.name,
    serviceProvider: d.serviceProvider.name,
  }));
}

export interface LoadedReport {
  readonly report: MonthlyReport;
  readonly notes: ReportNotes;
}

/**
 * Checks the month, reads its rows and the technician's notes, and computes the report (the I/O
 * half; the figures are domain/report-*.ts). A bad month or notes file is a ServiceError `invalid`
 * whose message says what to do (the API answers 400, the CLI exits 2).
 */
export async function loadMonthlyReport(
  src: ReportSources,
  month: string,
  now: number,
  opts: { lang?: Language; notesFile?: string } = {},
): Promise<LoadedReport> {
  const { db, config } = src;
  const lang = opts.lang ?? config.language;
  const tz = config.timezone;
  const rows = new ReportRepo(db);
  const checked = checkReportMonth(month, now, await rows.firstRecordAt(), tz, lang);
  if (!checked.ok) throw new ServiceError('invalid', checked.error, { field: 'month' });
  const notes = readNotes(
    opts.notesFile ?? notesFile(config.report.notesDir, month),
    lang,
    opts.notesFile !== undefined,
  );
  if (!notes.ok) throw new ServiceError('invalid', notes.error, { field: 'notes' });

  const ctx = src.schedule.context;
  const span = monthSpan(month, tz);
  const counted = countedTo(month, tz, now);
  const readings = new ReadingsRepo(db);
  const plan = planFromConfig(config.hygiene);
  const register = new SatisfactionRepo(db);
  const [
    transitions,
    faults,
    actions,
    pages,
    energy,
    supplies,
    usage,
    citizenReports,
    hygiene,
    received,
    ratings,
  ] = await Promise.all([
    rows.transitions(span.from, span.to),
    rows.faults(span.from, span.to),
    rows.actions(span.from, span.to),
    readings.pages(span.from, span.to),
    readings.energy(span.from, span.to),
    readings.supplies(span.to - historyMs, span.to),
    readings.usage(span.from, span.to),
    rows.citizenReports(span.from, counted),
    plan.targets.length > 0
      ? // Evaluated where counting stops: a record made after it is not seen (the same figures every run).
        loadCompliance(new HygieneRepo(db), plan, src.schedule.days, tz, month, counted)
      : Promise.resolve(null),
    register.complaintFacts(span.from, span.to),
    register.facts(span.from, span.to),
  ]);
  const n = notes.value;
  const report = buildMonthlyReport(
    {
      month,
      tz,
      site: config.site,
      siteName: config.siteName,
      now,
      frame: {
        unit: config.report.unit ?? null,
        preparedBy: n.preparedBy ?? config.report.preparedBy ?? null,
        reviewedBy: n.reviewedBy ?? config.report.reviewedBy ?? null,
        submittedOn: n.submittedOn ?? null,
      },
      devices: reportDevices(config),
      transitions,
      faults,
      actions,
      pages: pages.map((s) => ({ deviceId: s.deviceId, at: s.at, value: s.value })),
      energy: energy.map((s) => ({ deviceId: s.deviceId, at: s.at, value: s.value })),
      supplies,
      usage,
      citizenReports,
      hygiene,
      complaints: { received, ratings },
      leadTimeDays: config.alerts.supplyOrderLeadTimeDays,
    },
    { sources: ctx.sources, hours: ctx.hours },
  );
  return { report, notes: n };
}
