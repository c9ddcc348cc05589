import { Gauge } from 'prom-client';
import type { Component } from '../core/component.js';
import type { Zone } from '../core/zone.js';
import { dutyRoutes } from '../http/routes/duty.js';

/**
 * The rota: its API routes, `zoneops_duty_uncovered` (1 while nobody holds a post on a working day),
 * and the coverage check — at start, on every minute tick (a new day may start uncovered) and after
 * every change — that tells the technician and the lead once a day when nobody is on duty.
 */
export function dutyFeature(zone: Zone): Component {
  const { duty } = zone;
  const logger = zone.child('duty');
  new Gauge({
    name: 'zoneops_duty_uncovered',
    help: '1 while no A or B post holder is present on a working day (无人值守): alerts go to the lead and the technician.',
    registers: [zone.registry],
    async collect() {
      this.set((await duty.uncovered()) ? 1 : 0);
    },
  });
  zone.http.routers.push(
    dutyRoutes({
      duty,
      audit: zone.store.audit,
      clock: zone.clock,
      guard: zone.guard,
      language: zone.config.language,
    }),
  );
  let started = false;
  zone.ticker.every('duty', async (now) => {
    if (started) await duty.check(now);
  });
  return {
    name: 'duty',
    async start() {
      started = true;
      try {
        await duty.check();
      } catch (err) {
        logger.error({ err }, 'duty coverage check failed at start');
      }
    },
    async stop() {
      started = false;
    },
  };
}
