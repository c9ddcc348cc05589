import type { Router } from 'express';
import { loadScheduleContext, type ScheduleContext } from './calendar/schedule.js';
import type { Clock } from './clock.js';
import type { Config } from './config/schema.js';
import { startFeatures } from './core/features.js';
import { createObservationHub } from './core/observation-hub.js';
import { createScheduleNow } from './core/schedule-now.js';
import { createZoneMetrics } from './core/zone-metrics.js';
import { createFaultService, type FaultService } from './faults/fault-service.js';
import { createAlertMetrics } from './faults/metrics.js';
import { createHttpApp } from './http/app.js';
import { createGuard } from './http/guard.js';
import { faultRoutes } from './http/routes/faults.js';
import { type Listening, listen } from './http/server.js';
import { areaAssets, assetFromConfig } from './inventory/assets.js';
import type { Logger } from './log.js';
import { createDeviceMetrics } from './metrics/device-metrics.js';
import { createMetrics } from './metrics/registry.js';
import { createNotifier, type Notifier } from './notify/dispatcher.js';
import { createNotifyMetrics } from './notify/metrics.js';
import { openStore, type Store } from './store/store.js';
import { version } from './version.js';
import { webPagesFor } from './web/from-app.js';

export interface AppDeps {
  config: Config;
  clock: Clock;
  logger: Logger;
  /** Overrides config.http.listen (tests use port 0). */
  listen?: { host: string; port: number };
  /** Overrides config.store.path. */
  dbPath?: string;
  /** Leaves the pollers, the MQTT link, the power schedule and the hygiene checker off (API-only tests). */
  withoutFeatures?: boolean;
  /** Extra pages mounted at the root (the staff web UI), built once the store is open. */
  pages?: (parts: AppParts) => Router;
}

/** What the running app is made of, for the web pages and for tests. */
export interface AppParts {
  readonly config: Config;
  readonly store: Store;
  readonly faults: FaultService;
  readonly notifier: Notifier;
  readonly hygiene: Awaited<ReturnType<typeof startFeatures>>['hygiene'];
  /** The calendar sources, office hours and time zone the schedule runs on. */
  readonly schedule: () => ScheduleContext;
}

export interface App {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The HTTP address once started. */
  readonly address: { host: string; port: number } | undefined;
  readonly store: Store | undefined;
  readonly parts: AppParts | undefined;
}

/**
 * The composition root of the daemon: wires the components in order and stops them in reverse.
 * Constructing does nothing. `start()` opens the store (migrating it), syncs the asset register,
 * builds the fault engine and the notification outbox, starts the features (pollers, MQTT, power
 * schedule, hygiene checker — see core/features.ts) and serves HTTP.
 */
export function createApp(deps: AppDeps): App {
  const { config, clock, logger } = deps;
  let store: Store | undefined;
  let parts: AppParts | undefined;
  let server: Listening | undefined;
  const stops: Array<() => Promise<void>> = [];

  return {
    get address() {
      return server ? { host: server.host, port: server.port } : undefined;
    },
    get store() {
      return store;
    },
    get parts() {
      return parts;
    },
    async start() {
      const startedAt = clock.now();
      const dbPath = deps.dbPath ?? config.store.path;
      const schedule = loadScheduleContext(config);
      if (!schedule.ok) throw new Error(schedule.problems.join('\n'));
      const context = () => schedule.context;

      store = await openStore(dbPath, startedAt);
      const opened = store;
      stops.push(() => opened.close());
      const assets = [
        ...config.devices.map(assetFromConfig),
        ...areaAssets(config.hygiene.targets, config.siteName),
      ];
      const sync = await opened.devices.sync(assets, startedAt);
      logger.info({ dbPath, ...sync }, 'asset register synced');

      const metrics = createMetrics({
        site: config.site,
        version,
        devices: { count: () => opened.devices.countByTypeAndStatus() },
      });
      const deviceMetrics = createDeviceMetrics(metrics.registry);
      deviceMetrics.setInventory(config.devices);
      const zoneMetrics = createZoneMetrics(metrics.registry, context, () => clock.now());
      const scheduleNow = createScheduleNow(context, new Map(config.devices.map((d) => [d.id, d.type])));
      deviceMetrics.setExpectedOnSource(() => {
        const now = clock.now();
        return config.devices
          .filter((d) => d.type !== 'plug')
          .map((d) => ({ device: d.id, type: d.type, on: scheduleNow.expectedOn(d.id, now) }));
      });

      let faults: FaultService | undefined;
      let notifier: Notifier | undefined;
      const alertMetrics = createAlertMetrics(metrics.registry, {
        openFaults: async () => (faults ? await faults.openFaultCounts() : []),
      });
      const notifyMetrics = createNotifyMetrics(
        metrics.registry,
        config.notifiers.map((n) => n.id),
        {
          outboxDepth: async () => (notifier ? await notifier.outboxDepth() : 0),
          heldChannels: async () => (notifier ? await notifier.heldChannels() : []),
        },
      );
      // Publishing notifications over MQTT goes through the link once it is up.
      let mqttPublish: ((topic: string, payload: string) => Promise<void>) | undefined;
      notifier = createNotifier({
        db: opened.db,
        clock,
        logger: logger.child({ component: 'notify' }),
        site: config.site,
        siteName: config.siteName,
        language: config.language,
        notifiers: config.notifiers,
        people: config.people,
        publish: (topic, payload) =>
          mqttPublish ? mqttPublish(topic, payload) : Promise.reject(new Error('MQTT is not configured')),
        metrics: notifyMetrics,
        channelFailureAlertAfter: config.alerts.channelFailureAlertAfter,
        timeZone: config.timezone,
        ...(config.http.publicUrl ? { publicUrl: config.http.publicUrl } : {}),
      });
      faults = createFaultService({
        db: opened.db,
        clock,
        logger: logger.child({ component: 'faults' }),
        notifier,
        devices: opened.devices,
        people: config.people,
        notifiers: config.notifiers,
        siteName: config.siteName,
        language: config.language,
        ...(config.http.publicUrl ? { publicUrl: config.http.publicUrl } : {}),
        timeZone: config.timezone,
        alerts: config.alerts,
        officeHours: config.officeHours,
        isWorkingTime: (now) => scheduleNow.isWorkingTime(now),
        expectedOn: (id, now) => scheduleNow.expectedOn(id, now),
        metrics: alertMetrics,
      });
      const startedNotifier = notifier;
      const startedFaults = faults;
      await startedNotifier.start();
      stops.push(() => startedNotifier.stop());
      await startedFaults.start();
      stops.push(() => startedFaults.stop());

      const byId = new Map(config.devices.map((d) => [d.id, d]));
      const hub = createObservationHub({
        logger,
        maxAgeMs: (id) => {
          const d = byId.get(id);
          const interval = Math.max(d?.snmp?.intervalSeconds ?? 0, d?.ipp?.intervalSeconds ?? 0, 60);
          return 3 * interval * 1000;
        },
      });
      hub.addSink((_merged, raw) => {
        const d = byId.get(raw.deviceId);
        if (d) deviceMetrics.observe(d, raw);
      });
      hub.addSink((merged) => startedFaults.observe(merged));

      const guard = createGuard(config.api.tokens, opened.audit, clock);
      const routers: Router[] = [
        faultRoutes({
          faults: startedFaults,
          audit: opened.audit,
          clock,
          guard,
          routes: config.alerts.routes,
          publicReportsPerHour: config.alerts.publicReportsPerHour,
        }),
      ];
      const rawRouters: Router[] = [];

      const features = await startFeatures({
        config,
        clock,
        logger,
        store: opened,
        dbPath,
        hub,
        faults: startedFaults,
        notifier: startedNotifier,
        scheduleNow,
        context,
        deviceMetrics,
        zoneMetrics,
        registry: metrics.registry,
        guard,
        enabled: deps.withoutFeatures !== true,
      });
      stops.push(() => features.stop());
      mqttPublish = features.mqttPublish;
      parts = {
        config,
        store: opened,
        faults: startedFaults,
        notifier: startedNotifier,
        hygiene: features.hygiene,
        schedule: context,
      };
      routers.push(...features.routers);
      rawRouters.push(...features.rawRouters);

      const app = createHttpApp({
        store: opened,
        registry: metrics.registry,
        tokens: config.api.tokens,
        clock,
        logger,
        version,
        startedAt,
        bodyLimitBytes: config.http.bodyLimitBytes,
        guard,
        routers,
        rawRouters,
        pages: (deps.pages ?? ((p: AppParts) => webPagesFor(p, logger, clock)))(parts),
      });
      const where = deps.listen ?? config.http.listen;
      server = await listen(app, where.host, where.port);
      const srv = server;
      stops.push(() => srv.close());
      logger.info({ host: srv.host, port: srv.port, site: config.site, version }, 'zoneops started');
    },
    async stop() {
      while (stops.length > 0) {
        const stop = stops.pop();
        try {
          await stop?.();
        } catch (err) {
          logger.error({ err }, 'error while stopping');
        }
      }
      logger.info('zoneops stopped');
    },
  };
}
