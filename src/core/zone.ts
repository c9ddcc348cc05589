import type { Router } from 'express';
import type { Registry } from 'prom-client';
import { PowerOverridesRepo } from '../calendar/overrides-repo.js';
import type { ScheduleContext } from '../calendar/schedule.js';
import { createScheduleService, type ScheduleService } from '../calendar/schedule-service.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config/schema.js';
import { createDutyService, type DutyService } from '../duty/duty-service.js';
import { createFaultService, type FaultService } from '../faults/fault-service.js';
import { createAlertMetrics } from '../faults/metrics.js';
import { createGuard, type Guard } from '../http/guard.js';
import { areaAssetId } from '../inventory/assets.js';
import type { Logger } from '../log.js';
import { createDeviceMetrics, type DeviceMetrics } from '../metrics/device-metrics.js';
import { createMetrics } from '../metrics/registry.js';
import { createNotifier, type Notifier } from '../notify/dispatcher.js';
import { createNotifyMetrics } from '../notify/metrics.js';
import { createStatusTracker, type StatusTracker } from '../status/tracker.js';
import type { Store } from '../store/store.js';
import { version } from '../version.js';
import type { Component } from './component.js';
import { createEventBus, type EventBus } from './events.js';
import { createMinuteTicker, type MinuteTicker } from './minute-ticker.js';
import { createObservationHub, type ObservationHub } from './observation-hub.js';
import { createTellPeople, type TellPeople } from './tell-people.js';

/**
 * What every feature shares: the config, the clock, the store, the event bus with the observation hub
 * and the status tracker on it, the schedule, the minute ticker, the metrics registry, the notification
 * outbox and the fault engine, and the routers the HTTP feature mounts. Built by `createZone` once the
 * store is open; each feature (a `feature.ts` per folder) takes what it needs from here.
 */
export interface Zone {
  readonly config: Config;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly store: Store;
  readonly dbPath: string;
  readonly events: EventBus;
  readonly hub: ObservationHub;
  readonly tracker: StatusTracker;
  readonly schedule: ScheduleService;
  readonly ticker: MinuteTicker;
  readonly registry: Registry;
  /** `/metrics`: the registry's families and the per-device ones kept as ready text (metrics/device-metrics.ts). */
  metricsText(): Promise<string>;
  readonly deviceMetrics: DeviceMetrics;
  readonly guard: Guard;
  readonly notifier: Notifier;
  readonly faults: FaultService;
  /** The rota and who is on duty: the routing plan of any fault or complaint (`duty.planNow`). */
  readonly duty: DutyService;
  readonly tell: TellPeople;
  /** API routers (mounted under /api/v1 after JSON parsing) and raw-body ones (before it). */
  readonly http: { readonly routers: Router[]; readonly rawRouters: Router[] };
  /** How `type: mqtt` notifiers publish: set by the MQTT feature once its link exists. */
  readonly mqttOut: { publish?: (topic: string, payload: string) => Promise<void> };
  readonly child: (component: string) => Logger;
}

export function createZone(deps: {
  config: Config;
  clock: Clock;
  logger: Logger;
  store: Store;
  dbPath: string;
  schedule: ScheduleContext;
}): {
  zone: Zone;
  /** The store first (closed last), then the schedule, the outbox, the fault engine and the status tracker. */
  components: Component[];
} {
  const { config, clock, logger, store } = deps;
  const child = (component: string) => logger.child({ component });
  const events = createEventBus(logger);
  const schedule = createScheduleService({
    context: deps.schedule,
    devices: new Map(config.devices.map((d) => [d.id, d.type])),
    overrides: new PowerOverridesRepo(store.db),
  });
  const { registry } = createMetrics({
    site: config.site,
    version,
    devices: { count: () => store.devices.countByTypeAndStatus() },
  });
  const deviceMetrics = createDeviceMetrics(registry, config.site);
  deviceMetrics.setInventory(config.devices);
  deviceMetrics.setExpectedOnSource(() => {
    const now = clock.now();
    return config.devices
      .filter((d) => d.type !== 'plug')
      .map((d) => ({ device: d.id, type: d.type, on: schedule.expectedOn(d.id, now) }));
  });

  // The outbox and the fault engine report to the registry; their gauges read them at scrape time.
  let faults: FaultService | undefined;
  const mqttOut: Zone['mqttOut'] = {};
  const alertMetrics = createAlertMetrics(registry, {
    openFaults: async () => (faults ? await faults.openFaultCounts() : []),
  });
  const notifyMetrics = createNotifyMetrics(
    registry,
    config.notifiers.map((n) => n.id),
    { outboxDepth: () => notifier.outboxDepth(), heldChannels: () => notifier.heldChannels() },
  );
  const notifier = createNotifier({
    db: store.db,
    clock,
    logger: child('notify'),
    site: config.site,
    siteName: config.siteName,
    language: config.language,
    notifiers: config.notifiers,
    people: config.people,
    publish: (topic, payload) =>
      mqttOut.publish ? mqttOut.publish(topic, payload) : Promise.reject(new Error('MQTT is not configured')),
    metrics: notifyMetrics,
    channelFailureAlertAfter: config.alerts.channelFailureAlertAfter,
    timeZone: config.timezone,
    ...(config.http.publicUrl ? { publicUrl: config.http.publicUrl } : {}),
  });
  const tell = createTellPeople({ db: store.db, notifier, clock, notifiers: config.notifiers });
  const duty = createDutyService({
    db: store.db,
    clock,
    logger: child('duty'),
    people: config.people,
    notifiers: config.notifiers,
    rota: config.duty.rota,
    officeWeekdays: config.officeHours.weekdays,
    timeZone: config.timezone,
    language: config.language,
    siteName: config.siteName,
    isWorkingDay: (date) => schedule.days.isWorkingDay(date),
    heldChannels: () => notifier.heldChannels(),
    tell,
  });
  faults = createFaultService({
    db: store.db,
    clock,
    logger: child('faults'),
    notifier,
    devices: store.devices,
    people: config.people,
    notifiers: config.notifiers,
    siteName: config.siteName,
    language: config.language,
    ...(config.http.publicUrl ? { publicUrl: config.http.publicUrl } : {}),
    timeZone: config.timezone,
    alerts: config.alerts,
    isWorkingTime: (now) => schedule.isWorkingTime(now),
    metrics: alertMetrics,
    events,
    duty,
  });

  // The pipeline of one poll: observation → status → faults (see core/events.ts).
  const byId = new Map(config.devices.map((d) => [d.id, d]));
  const hub = createObservationHub({
    events,
    logger: child('observations'),
    maxAgeMs: (id) => {
      const d = byId.get(id);
      const interval = Math.max(d?.snmp?.intervalSeconds ?? 0, d?.ipp?.intervalSeconds ?? 0, 60);
      return 3 * interval * 1000;
    },
  });
  const tracker = createStatusTracker({
    db: store.db,
    events,
    logger: child('status'),
    expectedOn: (id, now) => schedule.expectedOn(id, now),
    known: new Set([...byId.keys(), ...config.hygiene.targets.map((t) => areaAssetId(t.id))]),
    policy: { downAfterFailures: config.alerts.downAfterFailedPolls },
  });
  events.on('observation', ({ raw }) => {
    const d = byId.get(raw.deviceId);
    if (d) deviceMetrics.observe(d, raw);
  });
  events.on('observation', ({ merged }) => tracker.observe(merged));
  const startedFaults = faults;
  events.on('device-status', (e) => startedFaults.observe(e));

  const zone: Zone = {
    config,
    clock,
    logger,
    store,
    dbPath: deps.dbPath,
    events,
    hub,
    tracker,
    schedule,
    ticker: createMinuteTicker({ clock, logger: child('ticker') }),
    registry,
    metricsText: async () => `${await registry.metrics()}\n${deviceMetrics.text()}`,
    deviceMetrics,
    guard: createGuard(config.api.tokens, store.audit, clock),
    notifier,
    faults: startedFaults,
    duty,
    tell,
    http: { routers: [], rawRouters: [] },
    mqttOut,
    child,
  };
  const components: Component[] = [
    { name: 'store', start: async () => undefined, stop: () => store.close() },
    {
      name: 'schedule',
      start: async () => void (await schedule.refresh(clock.now())),
      stop: async () => undefined,
    },
    { name: 'notifier', start: () => notifier.start(), stop: () => notifier.stop() },
    { name: 'faults', start: () => startedFaults.start(), stop: () => startedFaults.stop() },
    { name: 'status', start: async () => undefined, stop: () => tracker.idle() },
  ];
  return { zone, components };
}
