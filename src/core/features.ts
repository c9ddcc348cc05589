import type { Router } from 'express';
import type { Registry } from 'prom-client';
import type { ScheduleContext } from '../calendar/schedule.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config/schema.js';
import type { FaultService } from '../faults/fault-service.js';
import type { Guard } from '../http/guard.js';
import { hygienePhotoRoutes, hygieneRoutes } from '../http/routes/hygiene.js';
import { reportRoutes } from '../http/routes/report.js';
import { scheduleRoutes } from '../http/routes/schedule.js';
import { createButtonRecorder } from '../hygiene/button.js';
import { createHygieneChecker, type HygieneAlert } from '../hygiene/checker.js';
import { hygieneMetricsSource, registerHygieneMetrics } from '../hygiene/metrics.js';
import { PhotoStore } from '../hygiene/photos.js';
import { photoDirFor, planFromConfig } from '../hygiene/plan.js';
import { HygieneRepo } from '../hygiene/repo.js';
import { createHygieneService } from '../hygiene/service.js';
import { areaAssetId } from '../inventory/assets.js';
import type { Logger } from '../log.js';
import type { DeviceMetrics } from '../metrics/device-metrics.js';
import { createMqttLink, type MqttLink } from '../mqtt/link.js';
import type { Notifier } from '../notify/dispatcher.js';
import { createPowerScheduler } from '../power/scheduler.js';
import { createIppPoller } from '../probes/ipp/poller.js';
import { SqliteBaselineStore } from '../probes/snmp/baseline-store.js';
import { snmpDevicesFromConfig } from '../probes/snmp/from-config.js';
import { createSnmpPoller } from '../probes/snmp/poller.js';
import { forbiddenPatternsOf } from '../probes/snmp/software-policy.js';
import { createTrapReceiver, pollOnTrap } from '../probes/snmp/trap-receiver.js';
import { createForecastMetrics } from '../readings/metrics.js';
import { ReadingsRepo } from '../readings/repo.js';
import { createReadingsSampler } from '../readings/sampler.js';
import { loadMonthlyReport } from '../report/load.js';
import type { Store } from '../store/store.js';
import { watchCalendar } from './calendar-watch.js';
import type { ObservationHub } from './observation-hub.js';
import { createPowerWiring } from './power-wiring.js';
import type { ScheduleNow } from './schedule-now.js';
import { createTellPeople } from './tell-people.js';
import type { createZoneMetrics } from './zone-metrics.js';

export interface FeatureDeps {
  config: Config;
  clock: Clock;
  logger: Logger;
  store: Store;
  dbPath: string;
  hub: ObservationHub;
  faults: FaultService;
  notifier: Notifier;
  scheduleNow: ScheduleNow;
  context: () => ScheduleContext;
  deviceMetrics: DeviceMetrics;
  zoneMetrics: ReturnType<typeof createZoneMetrics>;
  registry: Registry;
  guard: Guard;
  /** false: build the HTTP routes but start no poller, link, schedule or checker (API-only tests). */
  enabled: boolean;
}

/**
 * Starts the features around the fault engine: SNMP/IPP pollers and the MQTT link feed the observation
 * hub; the power schedule switches devices and raises its own faults; the hygiene checker raises overdue
 * faults and reminds the post on duty. Returns their HTTP routes and one stop() for all, in reverse order.
 */
export async function startFeatures(deps: FeatureDeps) {
  const { config, clock, logger, store, hub, faults, notifier, scheduleNow, guard } = deps;
  const stops: Array<() => Promise<void>> = [];
  const child = (component: string) => logger.child({ component });
  const accept = (obs: Parameters<ObservationHub['accept']>[0]) => {
    void hub.accept(obs);
  };

  // Hygiene: service, checker, routes (the MQTT button needs the service, so it comes first).
  const plan = planFromConfig(config.hygiene);
  const days = {
    isWorkingDay: (d: string) => scheduleNow.openingMinutes(d) !== null,
    openingMinutes: (d: string) => scheduleNow.openingMinutes(d),
  };
  const photos = new PhotoStore(photoDirFor(config.hygiene, deps.dbPath));
  const hygieneRepo = new HygieneRepo(store.db);
  let checkNow: (() => Promise<void>) | undefined;
  const hygiene = createHygieneService({
    repo: hygieneRepo,
    audit: store.audit,
    clock,
    plan,
    photos,
    photoMaxBytes: config.hygiene.photoMaxBytes,
    backdateToleranceMinutes: config.hygiene.backdateToleranceMinutes,
    onRecorded: () => void checkNow?.(),
  });
  registerHygieneMetrics(
    deps.registry,
    hygieneMetricsSource({ repo: hygieneRepo, plan, days, clock, tz: config.timezone }),
  );
  const subjectOf = (a: HygieneAlert) => a.device ?? areaAssetId(a.target);
  const tell = createTellPeople({ db: store.db, notifier, clock, notifiers: config.notifiers });
  const remind = (a: HygieneAlert) =>
    tell(
      `hygiene-reminder:${a.target}:${a.task}:${a.dueDate}`,
      config.people.filter((p) => p.role === 'staff' && p.post === a.post),
      a.message,
      'remind',
    );

  const routers: Router[] = [
    hygieneRoutes({
      service: hygiene,
      plan,
      days,
      photos,
      photoMaxBytes: config.hygiene.photoMaxBytes,
      clock,
      guard,
      tz: config.timezone,
      language: config.language,
      siteName: config.siteName,
    }),
  ];
  const rawRouters: Router[] = [
    hygienePhotoRoutes({ service: hygiene, guard, photoMaxBytes: config.hygiene.photoMaxBytes }),
  ];

  // Power schedule (its routes exist even when nothing runs, so the schedule can be read).
  const power = createPowerWiring({
    config,
    clock,
    logger: child('power'),
    store,
    hub,
    faults,
    scheduleNow,
    context: deps.context,
    zoneMetrics: deps.zoneMetrics,
  });
  const { reconciler, overrides } = power;
  routers.push(
    scheduleRoutes({
      context: deps.context,
      overrides,
      devices: store.devices,
      audit: store.audit,
      clock,
      guard,
      reconcileNow: () => reconciler.tick(),
    }),
  );

  // Readings history and the monthly report (issue 12)
  const readings = createReadingsSampler({
    repo: new ReadingsRepo(store.db),
    clock,
    logger: child('readings'),
    faults,
    leadTimeDays: config.alerts.supplyOrderLeadTimeDays,
    language: config.language,
    metrics: createForecastMetrics(deps.registry),
  });
  hub.addSink((merged) => readings.sink(merged));
  routers.push(
    reportRoutes({
      guard,
      clock,
      language: config.language,
      load: (month, now) => loadMonthlyReport({ db: store.db, config, context: deps.context }, month, now),
    }),
  );

  const hygieneParts = {
    service: hygiene,
    repo: hygieneRepo,
    plan,
    days,
    photoMaxBytes: config.hygiene.photoMaxBytes,
  };
  if (!deps.enabled) {
    return {
      routers,
      rawRouters,
      hygiene: hygieneParts,
      mqttPublish: undefined,
      stop: async () => undefined,
    };
  }

  // MQTT: plugs and agents in, power commands and statuses out, the hygiene buttons.
  let link: MqttLink | undefined;
  const press = createButtonRecorder({
    service: hygiene,
    site: config.site,
    clock,
    logger: child('hygiene'),
  });
  if (config.devices.some((d) => d.mqtt) || config.mqtt.url !== undefined) {
    const started = createMqttLink({
      config: config.mqtt,
      site: config.site,
      clock,
      logger: child('mqtt'),
      devices: config.devices,
      onObservation: accept,
      onBadMessage: (b) => deps.zoneMetrics.badMqttMessage(b.reason),
      extraSubscriptions: [
        {
          filter: `zoneops/${config.site}/hygiene/+/+`,
          onMessage: (topic, payload, retained) => void press(topic, payload, retained),
        },
      ],
    });
    await started.start();
    link = started;
    power.useSwitch(started.power);
    stops.push(() => started.stop());
    // The retained status is published when it changes, not on every poll of every device.
    const published = new Map<string, string>();
    hub.addSink(async (merged) => {
      const row = await store.devices.get(merged.deviceId);
      if (!row) return;
      const status = { status: row.status, since: row.statusSince, conditions: row.conditions };
      const key = JSON.stringify(status);
      if (published.get(row.id) === key) return;
      published.set(row.id, key);
      started.publishStatus(row.id, { ...status, at: merged.at });
    });
  }

  // SNMP and IPP pollers (and the SNMP trap receiver when enabled).
  const snmp = createSnmpPoller({
    devices: snmpDevicesFromConfig(config),
    clock,
    logger: child('snmp'),
    onObservation: (obs) => accept(obs),
    baselines: new SqliteBaselineStore(store.db),
    maxConcurrent: config.snmp.maxConcurrent,
    maxBackoffSeconds: config.snmp.maxBackoffSeconds,
    forbiddenPatterns: forbiddenPatternsOf(config.snmp),
    isAsleep: (id, now) => !scheduleNow.expectedOn(id, now),
  });
  snmp.start();
  stops.push(() => snmp.stop());
  if (config.snmp.trapReceiver.enabled) {
    const t = config.snmp.trapReceiver;
    const rx = createTrapReceiver({
      host: t.listen.host,
      port: t.listen.port,
      communities: t.communities,
      onTrap: pollOnTrap(snmp),
      onError: (m) => logger.debug({ m }, 'bad SNMP trap'),
    });
    await rx.start();
    stops.push(() => rx.stop());
  }
  const ipp = createIppPoller({
    devices: config.devices,
    clock,
    logger: child('ipp'),
    onObservation: (obs) => accept(obs),
  });
  await ipp.start();
  stops.push(() => ipp.stop());

  // The power schedule: a catch-up pass now, then every minute.
  const scheduler = createPowerScheduler({ reconciler, timezone: config.timezone, logger: child('power') });
  await scheduler.start();
  stops.push(() => scheduler.stop());

  // Hygiene: reminders, overdue faults, cleared when recorded.
  const checker = createHygieneChecker({
    repo: hygieneRepo,
    plan,
    days,
    clock,
    tz: config.timezone,
    language: config.language,
    logger: child('hygiene'),
    onReminder: remind,
    onOverdue: (a) =>
      faults.raise({ deviceId: subjectOf(a), kind: a.kind, detail: a.message }).then(() => undefined),
    onCleared: (a) =>
      faults.clear({ deviceId: subjectOf(a), kind: a.kind, reason: a.message }).then(() => undefined),
  });
  checkNow = () => checker.checkNow();
  await checker.start();
  stops.push(() => checker.stop());

  // The holiday calendar: tell the technician from 1 December when next year is not covered.
  const stopWatch = await watchCalendar({
    context: deps.context,
    clock,
    logger,
    people: config.people,
    tell,
  });
  stops.push(async () => stopWatch());

  return {
    routers,
    rawRouters,
    hygiene: hygieneParts,
    mqttPublish: (topic: string, payload: string) =>
      link ? link.publish(topic, payload) : Promise.reject(new Error('MQTT is not configured')),
    async stop() {
      while (stops.length > 0) {
        const stop = stops.pop();
        try {
          await stop?.();
        } catch (err) {
          logger.error({ err }, 'error while stopping a feature');
        }
      }
    },
  };
}
