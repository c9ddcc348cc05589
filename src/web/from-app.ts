import type { Router } from 'express';
import { loadScheduleContext, type ScheduleContext } from '../calendar/schedule.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config/schema.js';
import { calendarDay } from '../domain/calendar.js';
import { planDay } from '../domain/desired-power.js';
import type { DayInfo } from '../domain/hygiene-plan.js';
import { PhotoStore } from '../hygiene/photos.js';
import { photoDirFor, planFromConfig } from '../hygiene/plan.js';
import { HygieneRepo } from '../hygiene/repo.js';
import { createHygieneService } from '../hygiene/service.js';
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

/** Working days and opening times from the calendar and office hours (same rule as the power schedule). */
export function dayInfoFrom(ctx: () => ScheduleContext): DayInfo {
  const opening = (date: string) => {
    const plan = planDay(calendarDay(date, ctx().sources), ctx().hours);
    const first = plan.openDay ? plan.open[0] : undefined;
    return first ? Number(first.slice(0, 2)) * 60 + Number(first.slice(3, 5)) : null;
  };
  return { isWorkingDay: (d) => opening(d) !== null, openingMinutes: opening };
}

/**
 * `createApp({ …, pages: (parts) => webPagesFor(parts, logger, clock) })`. When the app does not hand
 * over its hygiene service or schedule, equivalent ones are built here from the config and the store
 * (records then reach the hygiene checker at its next tick instead of at once).
 */
export function webPagesFor(parts: WebAppParts, logger: Logger, clock: Clock): Router {
  const { config, store } = parts;
  let schedule = parts.schedule;
  if (!schedule) {
    const loaded = loadScheduleContext(config);
    if (loaded.ok) schedule = () => loaded.context;
    else
      logger.warn({ problems: loaded.problems }, 'web: no calendar; the status page leaves the schedule out');
  }
  let hygiene = parts.hygiene;
  if (!hygiene && schedule) {
    const plan = planFromConfig(config.hygiene);
    const repo = new HygieneRepo(store.db);
    const service = createHygieneService({
      repo,
      audit: store.audit,
      clock,
      plan,
      photos: new PhotoStore(photoDirFor(config.hygiene, config.store.path)),
      photoMaxBytes: config.hygiene.photoMaxBytes,
      backdateToleranceMinutes: config.hygiene.backdateToleranceMinutes,
    });
    hygiene = {
      service,
      repo,
      plan,
      days: dayInfoFrom(schedule),
      photoMaxBytes: config.hygiene.photoMaxBytes,
    };
  }
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
    hygiene,
    schedule,
  });
}
