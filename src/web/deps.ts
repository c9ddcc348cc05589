import type { ScheduleService } from '../calendar/schedule-service.js';
import type { Clock } from '../clock.js';
import type { ComplaintService } from '../complaints/service.js';
import type { PersonConfig } from '../config/schema.js';
import type { WebConfig } from '../config/sections/web.js';
import type { DayInfo, HygienePlan } from '../domain/hygiene-plan.js';
import type { Language } from '../domain/messages.js';
import type { DutyService } from '../duty/duty-service.js';
import type { FaultService } from '../faults/fault-service.js';
import type { HygieneRepo } from '../hygiene/repo.js';
import type { HygieneService } from '../hygiene/service.js';
import type { Logger } from '../log.js';
import type { LoadedReport } from '../report/load.js';
import type { RenderOptions } from '../report/render.js';
import type { AuditRepo } from '../store/audit-repo.js';
import type { Database } from '../store/db.js';
import type { DeviceRow } from '../store/devices-repo.js';

/** What the web pages need; each feature is the service it already exports. */
export interface WebDeps {
  /** For the sessions and sign-in attempts tables (migration 6). */
  db: Database;
  audit: AuditRepo;
  clock: Clock;
  logger: Logger;
  siteName: string;
  language: Language;
  timeZone: string;
  /** `http.publicUrl`: the base of the links in the QR codes. Default: the address the sheet was opened at. */
  publicUrl?: string | undefined;
  web: WebConfig;
  people: readonly PersonConfig[];
  /** The asset register with last status (the store's DevicesRepo). */
  devices: { list(): Promise<DeviceRow[]>; get(id: string): Promise<DeviceRow | undefined> };
  faults: Pick<FaultService, 'list' | 'get' | 'ack' | 'vendorContact' | 'resolve' | 'mayResolve'>;
  hygiene: {
    service: Pick<HygieneService, 'record' | 'uploadPhoto'>;
    repo: Pick<HygieneRepo, 'facts'>;
    plan: HygienePlan;
    days: DayInfo;
    photoMaxBytes: number;
  };
  /** Citizens' reports, complaints and suggestions (src/complaints/). */
  complaints: { service: ComplaintService; acceptWorkingDays: number };
  /** The zone's schedule: today's plan on the status page. */
  schedule: Pick<ScheduleService, 'view' | 'today'>;
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
