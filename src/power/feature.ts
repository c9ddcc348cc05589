import { Counter } from 'prom-client';
import type { Component } from '../core/component.js';
import type { Zone } from '../core/zone.js';
import type { FaultKind } from '../domain/fault-kinds.js';
import { powerText } from '../domain/messages.js';
import type { PowerSwitch } from '../domain/power-switch.js';
import { scheduleRoutes } from '../http/routes/schedule.js';
import { PowerActionsRepo } from './actions-repo.js';
import { createReconciler } from './reconciler.js';
import type { PowerEvent } from './step.js';
import { powerTargets } from './targets.js';

const faultOf: Readonly<Record<PowerEvent['type'], FaultKind>> = {
  'power-on-failed': 'power-on-failed',
  'still-on-after-hours': 'still-on-after-hours',
  // A printer still printing at closing time keeps its plug on: the staff are told as still-on-after-hours.
  'power-off-blocked': 'still-on-after-hours',
};

const noMqtt: PowerSwitch = {
  switch: () =>
    Promise.resolve({
      ok: false,
      reason: 'not-connected',
      message: 'no MQTT link: no device has an mqtt section',
    }),
};

/**
 * The power schedule: the reconciler on the minute ticker (and once at start, the catch-up), its
 * commands through Wake-on-LAN or the MQTT switch (plugged in by the MQTT feature, `useSwitch`), every
 * finished command counted in `zoneops_power_actions_total`, its events raised as faults for the
 * staff in the zone's language, and the schedule/override routes.
 */
export function powerFeature(zone: Zone) {
  const { config, clock, store } = zone;
  const logger = zone.child('power');
  const actionsRepo = new PowerActionsRepo(store.db);
  const counted = new Counter({
    name: 'zoneops_power_actions_total',
    help: 'Power commands sent by the schedule or by staff, by action (on, soft-off, cut) and result.',
    labelNames: ['action', 'result'],
    registers: [zone.registry],
  });
  for (const action of ['on', 'soft-off', 'cut'])
    for (const result of ['ok', 'failed']) counted.inc({ action, result }, 0);
  let powerSwitch: PowerSwitch = noMqtt;
  let started = false;

  const reconciler = createReconciler({
    targets: powerTargets(config.devices),
    schedule: zone.schedule,
    observations: (id) => zone.hub.latestOf(id),
    actions: {
      record: (a) => actionsRepo.record(a),
      last: (id) => actionsRepo.last(id),
      async update(id, result, at, detail) {
        await actionsRepo.update(id, result, at, detail);
        if (result === 'pending') return;
        const row = await actionsRepo.get(id);
        counted.inc({ action: row?.action ?? 'unknown', result });
      },
    },
    powerSwitch: { switch: (id, action, opts) => powerSwitch.switch(id, action, opts) },
    clock,
    logger,
    settings: config.power,
    onEvent: (e) => {
      const detail = powerText(e.message, config.language);
      zone.faults
        .raise({ deviceId: e.deviceId, kind: faultOf[e.type], detail })
        .catch((err: unknown) =>
          logger.error({ err, deviceId: e.deviceId, event: e.type }, 'could not raise the power fault'),
        );
    },
  });
  // A device switched on and still in its grace time is starting, not unreachable; one whose power-on
  // just failed is the power-on's fault (raised from onEvent above): its unreachable is not told apart.
  zone.faults.usePowerState((id) => {
    const phase = reconciler.phaseOf(id);
    return phase === 'starting' || phase === 'on-failed';
  });
  zone.ticker.every('power', async () => {
    if (started) await reconciler.tick();
  });
  zone.http.routers.push(
    scheduleRoutes({
      schedule: zone.schedule,
      devices: store.devices,
      audit: store.audit,
      clock,
      guard: zone.guard,
      reconcileNow: () => reconciler.tick(),
    }),
  );

  const component: Component = {
    name: 'power',
    async start() {
      started = true;
      // Catch-up: a daemon started at 10:00 on a working day switches on what should be on.
      await reconciler.tick();
    },
    async stop() {
      started = false;
      await reconciler.stop();
    },
  };
  return {
    component,
    reconciler,
    /** The MQTT feature plugs its switch in once the link is up. */
    useSwitch(s: PowerSwitch): void {
      powerSwitch = s;
    },
  };
}

export type PowerFeature = ReturnType<typeof powerFeature>;
