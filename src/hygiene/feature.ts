import type { Component } from '../core/component.js';
import type { Zone } from '../core/zone.js';
import { hygienePhotoRoutes, hygieneRoutes } from '../http/routes/hygiene.js';
import { areaAssetId } from '../inventory/assets.js';
import { createButtonRecorder } from './button.js';
import { createHygieneChecker, type HygieneAlert } from './checker.js';
import { hygieneMetricsSource, registerHygieneMetrics } from './metrics.js';
import { PhotoStore } from './photos.js';
import { photoDirFor, planFromConfig } from './plan.js';
import { HygieneRepo } from './repo.js';
import { createHygieneService } from './service.js';

/**
 * The cleaning and disinfection log: one service for records and photos (API, pages, CLI, buttons),
 * the checker on the minute ticker (reminders to the post, overdue faults, cleared once recorded), the
 * hygiene metrics and routes. `press` takes a hygiene button's MQTT message (the MQTT feature calls it).
 */
export function hygieneFeature(zone: Zone) {
  const { config, clock, store, schedule, faults } = zone;
  const logger = zone.child('hygiene');
  const plan = planFromConfig(config.hygiene);
  const days = schedule.days;
  const photos = new PhotoStore(photoDirFor(config.hygiene, zone.dbPath));
  const repo = new HygieneRepo(store.db);
  let checkNow: (() => Promise<void>) | undefined;
  const service = createHygieneService({
    repo,
    audit: store.audit,
    clock,
    plan,
    photos,
    photoMaxBytes: config.hygiene.photoMaxBytes,
    backdateToleranceMinutes: config.hygiene.backdateToleranceMinutes,
    // A record clears its overdue fault at once, not at the next minute.
    onRecorded: () => void checkNow?.(),
  });
  registerHygieneMetrics(
    zone.registry,
    hygieneMetricsSource({ repo, plan, days, clock, tz: config.timezone }),
  );
  const subjectOf = (a: HygieneAlert) => a.device ?? areaAssetId(a.target);
  const checker = createHygieneChecker({
    repo,
    plan,
    days,
    clock,
    tz: config.timezone,
    language: config.language,
    logger,
    ticker: zone.ticker,
    onReminder: (a) =>
      zone.tell(
        `hygiene-reminder:${a.target}:${a.task}:${a.dueDate}`,
        config.people.filter((p) => p.role === 'staff' && p.post === a.post),
        a.message,
        'remind',
      ),
    onOverdue: async (a) => {
      await faults.raise({ deviceId: subjectOf(a), kind: a.kind, detail: a.detail });
    },
    onCleared: async (a) => {
      await faults.clear({ deviceId: subjectOf(a), kind: a.kind, reason: a.message });
    },
  });
  checkNow = () => checker.checkNow();

  const routeDeps = {
    service,
    plan,
    days,
    photos,
    photoMaxBytes: config.hygiene.photoMaxBytes,
    clock,
    guard: zone.guard,
    tz: config.timezone,
    language: config.language,
    siteName: config.siteName,
  };
  zone.http.routers.push(hygieneRoutes(routeDeps));
  zone.http.rawRouters.push(hygienePhotoRoutes(routeDeps));

  const component: Component = {
    name: 'hygiene',
    start: () => checker.start(),
    stop: () => checker.stop(),
  };
  return {
    component,
    service,
    repo,
    plan,
    days,
    photoMaxBytes: config.hygiene.photoMaxBytes,
    /** A hygiene button's message (`zoneops/<site>/hygiene/<target>/<task>`). */
    press: createButtonRecorder({
      service,
      site: config.site,
      clock,
      logger,
      buttons: config.hygiene.buttons,
    }),
  };
}

export type HygieneFeature = ReturnType<typeof hygieneFeature>;
