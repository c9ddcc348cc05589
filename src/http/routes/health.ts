import { Router } from 'express';
import type { Registry } from 'prom-client';
import type { Clock } from '../../clock.js';

interface HealthDeps {
  version: string;
  startedAt: number;
  clock: Clock;
  pingDb: () => Promise<boolean>;
  registry: Registry;
}

/** `/healthz` for supervisors and `/metrics` for Prometheus: no auth, nothing secret in either. */
export function healthRoutes(deps: HealthDeps): Router {
  const r = Router();
  r.get('/healthz', async (_req, res) => {
    const dbOk = await deps.pingDb();
    res.status(dbOk ? 200 : 503).json({
      status: dbOk ? 'ok' : 'degraded',
      version: deps.version,
      uptimeSeconds: Math.max(0, Math.floor((deps.clock.now() - deps.startedAt) / 1000)),
      db: dbOk ? 'ok' : 'error',
    });
  });
  r.get('/metrics', async (_req, res) => {
    const body = await deps.registry.metrics();
    res.type(deps.registry.contentType).send(body);
  });
  return r;
}
