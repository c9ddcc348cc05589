import express, { type Express, type Router } from 'express';
import type { Clock } from '../clock.js';
import { ServiceError } from '../domain/errors.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import type { TokenConfig } from './auth.js';
import { createGuard, type Guard } from './guard.js';
import { apiErrors, sendProblem } from './problem.js';
import { auditRoutes } from './routes/audit.js';
import { deviceRoutes } from './routes/devices.js';
import { healthRoutes } from './routes/health.js';

interface HttpDeps {
  store: Store;
  metricsText: () => Promise<string>;
  tokens: readonly TokenConfig[];
  clock: Clock;
  logger: Logger;
  version: string;
  startedAt: number;
  bodyLimitBytes: number;
  /** Feature routers mounted under /api/v1 after JSON parsing (faults, hygiene, schedule …). */
  routers?: readonly Router[];
  /** Routers under /api/v1 that read their own body (raw photo uploads), mounted before JSON parsing. */
  rawRouters?: readonly Router[];
  /** Pages served at the root (the staff web UI). */
  pages?: Router;
  /** The role guard the feature routers were built with (made from `tokens` when absent). */
  guard?: Guard;
  /** `http.trustProxy`: whose X-Forwarded-For to believe (default: nobody's). */
  trustProxy?: false | 'loopback' | readonly string[];
}

/** Builds the express app (no listen here, so tests can use it on an ephemeral port). */
export function createHttpApp(deps: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Express's "trust proxy": false, 'loopback' or the proxy's addresses (config.http.trustProxy).
  const trust = deps.trustProxy ?? false;
  app.set('trust proxy', Array.isArray(trust) ? [...trust] : trust);
  app.use((_req, res, next) => {
    res.set('X-Content-Type-Options', 'nosniff');
    res.set('Cache-Control', 'no-store');
    next();
  });

  app.use(healthRoutes({ ...deps, pingDb: () => deps.store.ping() }));

  const guard = deps.guard ?? createGuard(deps.tokens, deps.store.audit, deps.clock);
  for (const r of deps.rawRouters ?? []) app.use('/api/v1', r);
  const api = express.Router();
  api.use(express.json({ limit: deps.bodyLimitBytes, strict: true }));
  api.use((req, _res, next) => {
    // A mutating call must say it sends JSON; anything else is refused before it reaches a handler.
    if (
      ['POST', 'PUT', 'PATCH'].includes(req.method) &&
      req.headers['content-length'] !== '0' &&
      !req.is('application/json')
    ) {
      return next(new ServiceError('unsupported-type', 'expected Content-Type: application/json'));
    }
    next();
  });
  api.use(
    deviceRoutes({
      devices: deps.store.devices,
      maintenance: deps.store.maintenance,
      audit: deps.store.audit,
      clock: deps.clock,
      guard,
    }),
  );
  api.use(auditRoutes({ audit: deps.store.audit, guard }));
  for (const r of deps.routers ?? []) api.use(r);
  app.use('/api/v1', api);
  if (deps.pages) app.use(deps.pages);

  app.use((req, res) => sendProblem(res, 404, `no route ${req.method} ${req.path.slice(0, 200)}`));
  app.use(apiErrors(deps.logger));
  return app;
}
