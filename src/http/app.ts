import express, { type ErrorRequestHandler, type Express, type Router } from 'express';
import type { Registry } from 'prom-client';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import type { TokenConfig } from './auth.js';
import { createGuard, type Guard } from './guard.js';
import { HttpError, sendProblem } from './problem.js';
import { auditRoutes } from './routes/audit.js';
import { deviceRoutes } from './routes/devices.js';
import { healthRoutes } from './routes/health.js';

export interface HttpDeps {
  store: Store;
  registry: Registry;
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
}

/** Builds the express app (no listen here, so tests can use it on an ephemeral port). */
export function createHttpApp(deps: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
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
      return next(new HttpError(415, 'expected Content-Type: application/json'));
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
  app.use(errorHandler(deps.logger));
  return app;
}

interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
}

function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (res.headersSent) return;
    if (err instanceof HttpError) return sendProblem(res, err.status, err.message);
    const e = err as BodyParserError;
    switch (e.type) {
      case 'entity.parse.failed':
        return sendProblem(res, 400, `malformed JSON body: ${(e.message ?? '').slice(0, 200)}`);
      case 'entity.too.large':
        return sendProblem(res, 413, 'request body is too large');
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return sendProblem(res, 415, 'unsupported body encoding (use UTF-8 JSON)');
      case 'request.aborted':
        return;
    }
    if ((err as { code?: string }).code === 'SQLITE_FULL') {
      logger.error(
        { err: (err as Error).message, method: req.method, path: req.path },
        'database disk is full',
      );
      return sendProblem(
        res,
        503,
        'the database disk is full; nothing was stored — free space and try again',
      );
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      return sendProblem(res, e.status, 'bad request');
    }
    logger.error({ err, method: req.method, path: req.path }, 'request failed');
    sendProblem(res, 500, 'internal error; the technician can find details in the zoneops log');
  };
}
