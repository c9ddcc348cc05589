import type { Router } from 'express';
import type { Component } from '../core/component.js';
import type { Zone } from '../core/zone.js';
import { version } from '../version.js';
import { createHttpApp } from './app.js';
import { faultRoutes } from './routes/faults.js';
import { type Listening, listen } from './server.js';

/**
 * The HTTP side: `/healthz`, `/metrics`, the API under `/api/v1` (the devices, audit and fault routes
 * here, and whatever the features put in `zone.http`) and the pages. Listens on `http.listen` (or the
 * address a test gives); started last, so nothing answers before the zone is up.
 */
export function httpFeature(
  zone: Zone,
  opts: { pages: Router; startedAt: number; listen?: { host: string; port: number } },
) {
  const { config, store } = zone;
  zone.http.routers.unshift(
    faultRoutes({
      faults: zone.faults,
      audit: store.audit,
      clock: zone.clock,
      guard: zone.guard,
    }),
  );
  const app = createHttpApp({
    store,
    metricsText: zone.metricsText,
    tokens: config.api.tokens,
    clock: zone.clock,
    logger: zone.logger,
    version,
    startedAt: opts.startedAt,
    bodyLimitBytes: config.http.bodyLimitBytes,
    trustProxy: config.http.trustProxy,
    guard: zone.guard,
    routers: zone.http.routers,
    rawRouters: zone.http.rawRouters,
    pages: opts.pages,
  });
  let server: Listening | undefined;
  const component: Component = {
    name: 'http',
    async start() {
      const where = opts.listen ?? config.http.listen;
      server = await listen(app, where.host, where.port);
      zone.logger.info(
        { host: server.host, port: server.port, site: config.site, version },
        'zoneops started',
      );
    },
    async stop() {
      await server?.close();
      server = undefined;
    },
  };
  return {
    component,
    /** The express app (the security tests walk its routes). */
    express: app,
    get address() {
      return server ? { host: server.host, port: server.port } : undefined;
    },
  };
}
