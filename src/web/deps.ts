import type { ScheduleService } from '../calendar/schedule-service.js';
import type { Clock } from '../clock.js';
import type { ComplaintService } from '../complaints/service.js';
import type { PersonConfig } from '../config/schema.js';
import type { WebConfig } from '../config/sections/web.js';
import type { ComplianceSummary } from '../domain/hygiene-compliance.js';
import type { DayInfo, HygienePlan } from '../domain/hygiene-plan.js';
import type { Language } from '../domain/messages.js';
import type { Observation } from '../domain/observation.js';
import type { DutyService } from '../duty/duty-service.js';
import type { FaultService } from '../faults/fault-service.js';
import type { HygieneRepo } from '../hygiene/repo.js';
import type { HygieneService } from '../hygiene/service.js';
import type { Logger } from '../log.js';
import type { PowerActionsRepo } from '../power/actions-repo.js';
import type { ReadingsRepo } from '../readings/repo.js';
import type { LoadedReport } from '../report/load.js';
import type { RenderOptions } from '../report/render.js';
import type { AuditRepo } from '../store/audit-repo.js';
import type { Database } from '../store/db.js';
import type { DeviceRow } from '../store/devices-repo.js';
import type { MaintenanceRepo } from '../store/maintenance-repo.js';

/** What the pages know of a configured device beyond the register row: its model (规格型号). */
export interface DeviceExtra {
  readonly id: string;
  readonly model?: string | undefined;
}

/** What the web pages need; each feature is the service it already exports. */
export interface WebDeps {
  /** For the sessions and sign-in attempts tables (migration 6). */
  db: Database;
  audit: AuditRepo;
  clock: Clock;
  logger: Logger;
  siteName: string;
  /** The zone's language (`language:`): the pages' default; a reader may choose the other. */
  language: Language;
  timeZone: string;
  /** `http.publicUrl`: the base of the QR codes (without it the QR page explains what to set). */
  publicUrl?: string | undefined;
  web: WebConfig;
  people: readonly PersonConfig[];
  /** Notifier ids and types, to name the channel of a notification on the fault page. */
  notifiers: ReadonlyArray<{ readonly id: string; readonly type: string }>;
  /** The asset register with last status (the store's DevicesRepo). */
  devices: { list(): Promise<DeviceRow[]>; get(id: string): Promise<DeviceRow | undefined> };
  /** Per configured device, what the register row does not carry. */
  extras: readonly DeviceExtra[];
  faults: Pick<FaultService, 'list' | 'get' | 'ack' | 'vendorContact' | 'resolve' | 'mayResolve' | 'faults'>;
  hygiene: {
    service: Pick<HygieneService, 'record' | 'uploadPhoto'>;
    repo: Pick<HygieneRepo, 'facts' | 'get' | 'db'>;
    plan: HygienePlan;
    days: DayInfo;
    photoMaxBytes: number;
  };
  /** Citizens' reports, complaints and suggestions (src/complaints/). */
  complaints: { service: ComplaintService; acceptWorkingDays: number };
  /** The zone's schedule: today's plan, overrides. */
  schedule: Pick<
    ScheduleService,
    'view' | 'today' | 'overrides' | 'refresh' | 'addOverride' | 'cancelOverride' | 'desired'
  >;
  power: {
    actions: Pick<PowerActionsRepo, 'recent'>;
    /** Runs a reconciliation pass at once, so an override does not wait for the next minute. */
    reconcileNow(): Promise<void>;
  };
  maintenance: Pick<MaintenanceRepo, 'listForDevice' | 'add'>;
  readings: {
    /** The latest observation of each protocol for a device (the observation hub). */
    latest(deviceId: string): readonly Observation[];
    repo: Pick<ReadingsRepo, 'supplyHistory'>;
    /** alerts.supplyOrderLeadTimeDays. */
    leadTimeDays: number;
  };
  /** The month's cleaning and disinfection compliance table (hygiene/compliance.ts) for `/reports/hygiene`. */
  compliance(month: string, now: number): Promise<ComplianceSummary>;
  /** The rota: today's posts on the status page, the /duty page and its changes. */
  duty: Pick<
    DutyService,
    'view' | 'addAbsence' | 'addSwap' | 'undoAbsence' | 'undoSwap' | 'setRotaDay' | 'undoRotaDay'
  >;
  /** The monthly report (src/report/load.ts) for the `/reports` page; without it there is no such page. */
  reports?: {
    load(month: string, now: number, lang: Language): Promise<LoadedReport>;
    render?: Pick<RenderOptions, 'font'>;
  };
}
