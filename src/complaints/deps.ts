import type { Clock } from '../clock.js';
import type { PersonConfig } from '../config/schema.js';
import type { ComplaintsConfig } from '../config/sections/complaints.js';
import type { Actor } from '../domain/access.js';
import type { Language } from '../domain/messages.js';
import type { ReportRequest, ReportSteps, ReportValue } from '../faults/public-report.js';
import type { Logger } from '../log.js';
import type { AuditRepo } from '../store/audit-repo.js';
import type { Database } from '../store/db.js';
import type { ComplaintMetrics } from './metrics.js';
import type { ComplaintRepo } from './repo.js';
import type { SatisfactionRepo } from './satisfaction-repo.js';

/** A register entry the public may report about. */
export interface ReportableDevice {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly location: string;
  readonly active: boolean;
  readonly protocols: readonly string[];
}

/** What the complaint service needs from the zone. */
export interface ComplaintDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly audit: Pick<AuditRepo, 'append'>;
  readonly config: ComplaintsConfig;
  /** Reports a visitor may send per hour, and the whole zone (web.publicReports). */
  readonly limits: { readonly perHour: number; readonly totalPerHour: number };
  readonly language: Language;
  readonly timeZone: string;
  readonly people: readonly PersonConfig[];
  readonly devices: { get(id: string): Promise<ReportableDevice | undefined> };
  /** The fault engine: a report about a device opens or joins its fault in the same transaction. */
  readonly faults: {
    publicReport<T extends ReportValue>(
      r: ReportRequest,
      steps: ReportSteps<T>,
    ): Promise<T & { faultId: number }>;
  };
  /** The schedule service: the instant `workingDays` working days after `from` end. */
  readonly deadline: (from: number, workingDays: number) => number;
  readonly repo: ComplaintRepo;
  readonly ratings: SatisfactionRepo;
  readonly metrics?: ComplaintMetrics | undefined;
}

/** Appends one audit entry for an actor (never with the complainant's contact). */
export function auditAs(
  deps: Pick<ComplaintDeps, 'audit' | 'clock'>,
  actor: Actor | 'public',
  action: string,
  target: string,
  detail: Record<string, unknown>,
  remoteAddr = '',
) {
  return deps.audit.append({
    at: deps.clock.now(),
    actor: actor === 'public' ? 'public' : actor.name,
    role: actor === 'public' ? 'public' : actor.role,
    action,
    target,
    remoteAddr: actor === 'public' ? remoteAddr : actor.remoteAddr,
    detail: actor === 'public' ? detail : { ...detail, via: actor.via },
  });
}
