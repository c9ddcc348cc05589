import type { Zone } from '../core/zone.js';
import { createForecastMetrics } from './metrics.js';
import { ReadingsRepo } from './repo.js';
import { createReadingsSampler } from './sampler.js';

/**
 * The readings history (page counters, supply levels, plug energy) from every merged observation, and
 * the supply forecast with its `supply-order-due` faults. No timers: it works on the observations.
 */
export function readingsFeature(zone: Zone) {
  const sampler = createReadingsSampler({
    repo: new ReadingsRepo(zone.store.db),
    clock: zone.clock,
    logger: zone.child('readings'),
    faults: zone.faults,
    leadTimeDays: zone.config.alerts.supplyOrderLeadTimeDays,
    language: zone.config.language,
    metrics: createForecastMetrics(zone.registry),
  });
  zone.events.on('observation', ({ merged }) => sampler.sink(merged));
  return {
    component: { name: 'readings', start: async () => undefined, stop: () => sampler.idle() },
    sampler,
  };
}
