import type { Component } from '../../core/component.js';
import type { Zone } from '../../core/zone.js';
import { createPollLoop } from '../poll-loop.js';
import { createIppRead, ippDevicesFromConfig } from './poll.js';

/** IPP: every device with an `ipp:` block read by the poll loop (Get-Printer-Attributes → observations). */
export function ippFeature(zone: Zone): Component {
  const { config, clock, schedule } = zone;
  const loop = createPollLoop({
    protocol: 'ipp',
    targets: ippDevicesFromConfig(config),
    read: createIppRead({
      now: () => clock.now(),
      supplies: {
        lowPercent: config.alerts.supplyLowPercent,
        nearFullPercent: config.alerts.wasteNearFullPercent,
      },
    }),
    onObservation: (obs) => zone.hub.submit(obs),
    clock,
    logger: zone.child('ipp'),
    maxConcurrent: config.ipp.maxConcurrent,
    maxBackoffMs: config.ipp.maxBackoffSeconds * 1000,
    isAsleep: (id, now) => !schedule.expectedOn(id, now),
  });
  return {
    name: 'ipp',
    start: async () => loop.start(),
    stop: () => loop.stop(),
  };
}
