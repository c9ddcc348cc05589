import type { Express } from 'express';
import { calendarFeature } from './calendar/feature.js';
import { loadScheduleContext } from './calendar/schedule.js';
import type { Clock } from './clock.js';
import { type ComplaintsFeature, complaintsFeature } from './complaints/feature.js';
import type { Config } from './config/schema.js';
import { type Component, createLifecycle } from './core/component.js';
import { createZone, type Zone } from './core/zone.js';
import { dutyFeature } from './duty/feature.js';
import { httpFeature } from './http/feature.js';
import { type HygieneFeature, hygieneFeature } from './hygiene/feature.js';
import { areaAssets, assetFromConfig } from './inventory/assets.js';
import type { Logger } from './log.js';
import { mqttFeature } from './mqtt/feature.js';
import { type PowerFeature, powerFeature } from './power/feature.js';
import { ippFeature } from './probes/ipp/feature.js';
import { snmpFeature } from './probes/snmp/feature.js';
import { readingsFeature } from './readings/feature.js';
import { reportFeature } from './report/feature.js';
import { openStore, type Store } from './store/store.js';
import { webFeature } from './web/feature.js';

interface AppDeps {
  config: Config;
  clock: Clock;
  logger: Logger;
  /** Overrides config.http.listen (tests use port 0). */
  listen?: { host: string; port: number };
  /** Overrides config.store.path. */
  dbPath?: string;
  /**
   * Starts only the store, the fault engine, the outbox and HTTP: no poller, MQTT link, power schedule,
   * hygiene checker or minute ticker (API-only tests and the API benchmark).
   */
  withoutFeatures?: boolean;
}

export interface App {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The HTTP address once started. */
  readonly address: { host: string; port: number } | undefined;
  readonly store: Store | undefined;
  /** The running zone's shared parts (tests and the demo look inside). */
  readonly zone: Zone | undefined;
  /** The features other code may ask (tests wait for the power pass, for instance). */
  readonly features:
    | {
        readonly power: PowerFeature;
        readonly hygiene: HygieneFeature;
        readonly complaints: ComplaintsFeature;
      }
    | undefined;
  /** The HTTP app once built (the security tests walk its routes). */
  readonly http: Express | undefined;
}

/**
 * The composition root of the daemon. Constructing does nothing; `start()` loads the calendar, opens the
 * store (migrating it), syncs the asset register, builds the zone's shared parts (core/zone.ts: event
 * bus, observation hub, status tracker, schedule, notifier, faults) and then the features, in this
 * order — each a `feature.ts` in its folder — and starts them; `stop()` stops them in reverse.
 *
 * One poll, end to end: snmp/ipp feature → probes/poll-loop.ts → hub (core/observation-hub.ts) →
 * `observation` → status/tracker.ts → `device-status` → faults/fault-service.ts → escalator → outbox;
 * metrics (metrics/device-metrics.ts), the readings history and the MQTT status listen on the way.
 */
export function createApp(deps: AppDeps): App {
  const { config, clock, logger } = deps;
  const lifecycle = createLifecycle(logger);
  let store: Store | undefined;
  let zone: Zone | undefined;
  let features: App['features'];
  let address: () => { host: string; port: number } | undefined = () => undefined;
  let express: Express | undefined;

  return {
    get address() {
      return address();
    },
    get store() {
      return store;
    },
    get zone() {
      return zone;
    },
    get features() {
      return features;
    },
    get http() {
      return express;
    },
    async start() {
      const startedAt = clock.now();
      const dbPath = deps.dbPath ?? config.store.path;
      const schedule = loadScheduleContext(config);
      if (!schedule.ok) throw new Error(schedule.error.join('\n'));

      store = await openStore(dbPath, startedAt);
      const assets = [
        ...config.devices.map(assetFromConfig),
        ...areaAssets(config.hygiene.targets, config.siteName),
      ];
      const sync = await store.devices.sync(assets, startedAt);
      logger.info({ dbPath, ...sync }, 'asset register synced');

      const core = createZone({ config, clock, logger, store, dbPath, schedule: schedule.value });
      zone = core.zone;
      const calendar = calendarFeature(zone);
      const duty = dutyFeature(zone);
      const hygiene = hygieneFeature(zone);
      const readings = readingsFeature(zone);
      const report = reportFeature(zone);
      const power = powerFeature(zone);
      const mqtt = mqttFeature(zone, { power, hygiene });
      const snmp = snmpFeature(zone);
      const ipp = ippFeature(zone);
      const complaints = complaintsFeature(zone);
      const pages = webFeature(zone, { hygiene, power, complaints, report });
      const http = httpFeature(zone, { pages, startedAt, ...(deps.listen ? { listen: deps.listen } : {}) });
      address = () => http.address;
      express = http.express;
      features = { power, hygiene, complaints };

      const [storeComponent, ...services] = core.components;
      const running: Component[] = [
        calendar,
        duty,
        hygiene.component,
        readings.component,
        mqtt,
        power.component,
        snmp,
        ipp,
        complaints.component,
        zone.ticker,
      ];
      await lifecycle.start([
        storeComponent as Component,
        ...services,
        ...(deps.withoutFeatures ? [] : running),
        http.component,
      ]);
    },
    async stop() {
      await lifecycle.stop();
      logger.info('zoneops stopped');
    },
  };
}
