import type { ScheduleContext } from '../calendar/schedule.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config/schema.js';
import type { FaultKind } from '../domain/fault-kinds.js';
import type { FaultService } from '../faults/fault-service.js';
import type { Logger } from '../log.js';
import { PowerActionsRepo } from '../power/actions-repo.js';
import { PowerOverridesRepo } from '../power/overrides-repo.js';
import { createReconciler } from '../power/reconciler.js';
import { powerTargets } from '../power/targets.js';
import type { PowerSwitch } from '../power/types.js';
import type { Store } from '../store/store.js';
import type { ObservationHub } from './observation-hub.js';
import type { ScheduleNow } from './schedule-now.js';
import type { createZoneMetrics } from './zone-metrics.js';

const powerEventKind: Record<string, FaultKind> = {
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
 * The power schedule's reconciler wired to the zone: observations from the hub, overrides from the store
 * (shared with "what does the schedule say now"), every finished command counted in the metrics, its
 * events raised as faults. The MQTT switch is plugged in once the link is up (`useSwitch`).
 */
export function createPowerWiring(deps: {
  config: Config;
  clock: Clock;
  logger: Logger;
  store: Store;
  hub: ObservationHub;
  faults: FaultService;
  scheduleNow: ScheduleNow;
  context: () => ScheduleContext;
  zoneMetrics: ReturnType<typeof createZoneMetrics>;
}) {
  const { store } = deps;
  const overrides = new PowerOverridesRepo(store.db);
  const actionsRepo = new PowerActionsRepo(store.db);
  let powerSwitch: PowerSwitch = noMqtt;
  const reconciler = createReconciler({
    targets: powerTargets(deps.config.devices),
    context: deps.context,
    observations: (id) => deps.hub.latestOf(id),
    overrides: {
      async active(now) {
        const list = await overrides.active(now);
        deps.scheduleNow.setOverrides(list);
        return list;
      },
    },
    actions: {
      record: (a) => actionsRepo.record(a),
      last: (id) => actionsRepo.last(id),
      async update(id, result, at, detail) {
        await actionsRepo.update(id, result, at, detail);
        if (result === 'pending') return;
        const row = await store.db.get<{ action: string }>('SELECT action FROM power_actions WHERE id = ?', [
          id,
        ]);
        deps.zoneMetrics.powerAction(row?.action ?? 'unknown', result);
      },
    },
    powerSwitch: { switch: (id, action, opts) => powerSwitch.switch(id, action, opts) },
    clock: deps.clock,
    logger: deps.logger,
    settings: deps.config.power,
    onEvent: (e) => {
      const kind = powerEventKind[e.type];
      if (kind)
        void deps.faults.raise({ deviceId: e.deviceId, kind, detail: e.message }).catch(() => undefined);
    },
  });
  return {
    reconciler,
    overrides,
    useSwitch(s: PowerSwitch): void {
      powerSwitch = s;
    },
  };
}
