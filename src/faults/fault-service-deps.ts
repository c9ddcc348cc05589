import type { Clock } from '../clock.js';
import type { NotifierConfig, PersonConfig } from '../config/schema.js';
import type { AlertsConfig } from '../config/sections/alerts.js';
import type { EventBus } from '../core/events.js';
import type { AssetRecord } from '../domain/device.js';
import type { Language } from '../domain/messages.js';
import { createDutyService, type DutyService } from '../duty/duty-service.js';
import type { Logger } from '../log.js';
import type { Notifier } from '../notify/dispatcher.js';
import type { Database } from '../store/db.js';
import type { EscalatorDeps } from './escalator.js';
import type { FaultRepo } from './fault-repo.js';
import type { AlertMetrics } from './metrics.js';
import type { SilenceRepo } from './silence-repo.js';

export interface FaultServiceDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  notifier: Pick<Notifier, 'enqueue' | 'kick' | 'outbox'>;
  /** The asset register (DevicesRepo fits). */
  devices: { get(id: string): Promise<AssetRecord | undefined> };
  people: readonly PersonConfig[];
  notifiers: readonly NotifierConfig[];
  siteName: string;
  language: Language;
  publicUrl?: string;
  timeZone: string;
  alerts?: AlertsConfig;
  /** The schedule's working time: non-critical messages wait for it (default: always working time). */
  isWorkingTime?: (now: number) => boolean;
  metrics?: AlertMetrics;
  /** Where `fault-opened` and `fault-changed` are published. */
  events?: Pick<EventBus, 'emit'>;
  /** How often escalations are checked (default 15 s). */
  tickMs?: number;
  /** Who is on duty (default: the people's own posts, absences from the store, no held channels). */
  duty?: DutyService;
}

/** The zone's duty service, or one built from `people` (absences from the store, no held channels). */
export function dutyFor(deps: FaultServiceDeps): DutyService {
  return (
    deps.duty ??
    createDutyService({
      db: deps.db,
      clock: deps.clock,
      logger: deps.logger,
      people: deps.people,
      notifiers: deps.notifiers,
      timeZone: deps.timeZone,
      language: deps.language,
      siteName: deps.siteName,
    })
  );
}

/** What the escalator needs, from the fault service's own deps and parts. */
export function escalatorDeps(
  deps: FaultServiceDeps,
  alerts: AlertsConfig,
  parts: {
    faults: FaultRepo;
    silences: SilenceRepo;
    duty: DutyService;
    powerOnPending(deviceId: string): boolean;
  },
): EscalatorDeps {
  return {
    db: deps.db,
    ...parts,
    devices: deps.devices,
    notifiers: deps.notifiers,
    enqueue: (q, d, now) => deps.notifier.enqueue(q, d, now),
    routes: alerts.routes,
    policy: {
      escalationMs: alerts.escalationMinutes * 60_000,
      reminderMs: alerts.reminderMinutes * 60_000,
      maxReminders: alerts.maxReminders,
    },
    nonCritical: alerts.nonCritical,
    isWorkingTime: deps.isWorkingTime ?? (() => true),
    siteName: deps.siteName,
    language: deps.language,
    timeZone: deps.timeZone,
    ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}),
  };
}
