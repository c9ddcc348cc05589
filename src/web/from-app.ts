import type { Router } from 'express';
import type { Clock } from '../clock.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import type { WebDeps } from './deps.js';
import { webRoutes } from './routes.js';

/**
 * What the web pages take from the running app (src/app.ts `AppParts` fits structurally). `hygiene`
 * and `schedule` are optional: without them the status page leaves those sections out.
 */
export interface WebAppParts {
  readonly config: Config;
  readonly store: Store;
  readonly faults: WebDeps['faults'];
  readonly hygiene?: WebDeps['hygiene'];
  readonly schedule?: WebDeps['schedule'];
}

/** `createApp({ …, pages: (parts) => webPagesFor(parts, logger, clock) })`. */
export function webPagesFor(parts: WebAppParts, logger: Logger, clock: Clock): Router {
  const { config, store } = parts;
  return webRoutes({
    db: store.db,
    audit: store.audit,
    clock,
    logger: logger.child({ component: 'web' }),
    siteName: config.siteName,
    language: config.language,
    timeZone: config.timezone,
    publicUrl: config.http.publicUrl,
    web: config.web,
    people: config.people,
    devices: store.devices,
    faults: parts.faults,
    faultRoutes: config.alerts.routes,
    hygiene: parts.hygiene,
    schedule: parts.schedule,
  });
}
