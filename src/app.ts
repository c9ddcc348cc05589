import type { Clock } from './clock.js';
import type { Config } from './config/schema.js';
import { createHttpApp } from './http/app.js';
import { type Listening, listen } from './http/server.js';
import { assetFromConfig } from './inventory/assets.js';
import type { Logger } from './log.js';
import { createMetrics } from './metrics/registry.js';
import { openStore, type Store } from './store/store.js';
import { version } from './version.js';

export interface AppDeps {
  config: Config;
  clock: Clock;
  logger: Logger;
  /** Overrides config.http.listen (tests use port 0). */
  listen?: { host: string; port: number };
  /** Overrides config.store.path. */
  dbPath?: string;
}

export interface App {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The HTTP address once started. */
  readonly address: { host: string; port: number } | undefined;
  readonly store: Store | undefined;
}

/**
 * Wires the components in order and stops them in reverse. Constructing does nothing;
 * `start()` opens the store (migrating it), syncs the asset register from the config and serves HTTP.
 */
export function createApp(deps: AppDeps): App {
  const { config, clock, logger } = deps;
  let store: Store | undefined;
  let server: Listening | undefined;
  const stops: Array<() => Promise<void>> = [];

  return {
    get address() {
      return server ? { host: server.host, port: server.port } : undefined;
    },
    get store() {
      return store;
    },
    async start() {
      const startedAt = clock.now();
      const dbPath = deps.dbPath ?? config.store.path;
      store = await openStore(dbPath, startedAt);
      const opened = store;
      stops.push(() => opened.close());
      const sync = await opened.devices.sync(config.devices.map(assetFromConfig), startedAt);
      logger.info({ dbPath, ...sync }, 'asset register synced');

      const metrics = createMetrics({
        site: config.site,
        version,
        devices: { count: () => opened.devices.countByTypeAndStatus() },
      });
      const app = createHttpApp({
        store: opened,
        registry: metrics.registry,
        tokens: config.api.tokens,
        clock,
        logger,
        version,
        startedAt,
        bodyLimitBytes: config.http.bodyLimitBytes,
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
