import { Router } from 'express';
import type { Clock } from '../../clock.js';

interface HealthDeps {
  version: string;
  startedAt: number;
  clock: Clock;
  pingDb: () => Promise<boolean>;
  /** The exposition text, Prometheus text format 0.0.4. */
  metricsText: () => Promise<string>;
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
    const body = await deps.metricsText();
    // Written as it is (no ETag): a scrape is always fresh, and hashing megabytes per scrape is work for nothing.
    res
      .status(200)
      .set('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
      .set('Content-Length', String(Buffer.byteLength(body)))
      .end(body);
  });
  return r;
}
