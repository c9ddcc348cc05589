import type { Component } from '../../core/component.js';
import type { Zone } from '../../core/zone.js';
import { createPollLoop } from '../poll-loop.js';
import { SqliteBaselineStore } from './baseline-store.js';
import { createSnmpRead, snmpDevicesFromConfig } from './poll.js';
import { forbiddenPatternsOf } from './software-policy.js';
import { createTrapReceiver, pollOnTrap } from './trap-receiver.js';

/**
 * SNMP: every device with an `snmp:` block read by the poll loop (HOST-RESOURCES and Printer-MIB →
 * observations into the hub), and, when enabled, the trap receiver that polls a device at once.
 */
export function snmpFeature(zone: Zone): Component {
  const { config, clock, schedule } = zone;
  const logger = zone.child('snmp');
  const devices = snmpDevicesFromConfig(config);
  const loop = createPollLoop({
    protocol: 'snmp',
    targets: devices,
    read: createSnmpRead({
      baselines: new SqliteBaselineStore(zone.store.db),
      forbiddenPatterns: forbiddenPatternsOf(config.snmp),
      supplies: {
        lowPercent: config.alerts.supplyLowPercent,
        nearFullPercent: config.alerts.wasteNearFullPercent,
      },
      now: () => clock.now(),
      logger,
    }),
    onObservation: (obs) => zone.hub.submit(obs),
    clock,
    logger,
    maxConcurrent: config.snmp.maxConcurrent,
    maxBackoffMs: config.snmp.maxBackoffSeconds * 1000,
    isAsleep: (id, now) => !schedule.expectedOn(id, now),
  });
  const byHost = new Map(devices.map((d) => [d.target.host, d.id]));
  const t = config.snmp.trapReceiver;
  const traps = t.enabled
    ? createTrapReceiver({
        host: t.listen.host,
        port: t.listen.port,
        communities: t.communities,
        onTrap: pollOnTrap({ deviceForHost: (h) => byHost.get(h), pollNow: (id) => loop.pollNow(id) }),
        onError: (m) => logger.debug({ m }, 'bad SNMP trap'),
      })
    : undefined;
  return {
    name: 'snmp',
    async start() {
      loop.start();
      await traps?.start();
    },
    async stop() {
      await traps?.stop();
      await loop.stop();
    },
  };
}
