import type { ScheduleService } from '../calendar/schedule-service.js';
import type { Clock } from '../clock.js';
import type { Desired } from '../domain/desired-power.js';
import type { Observation } from '../domain/observation.js';
import { observePower } from '../domain/observed-power.js';
import type { PowerSwitch } from '../domain/power-switch.js';
import type { Logger } from '../log.js';
import type { PowerActionKind, PowerActionRow } from './actions-repo.js';
import { type Command, type Phase, type PowerEvent, type StepResult, step } from './step.js';
import type { PowerTarget } from './targets.js';
import { sendWol, type WolResult, type WolTarget } from './wol.js';

interface ReconcilerSettings {
  readonly graceMinutes: number;
  readonly staggerSeconds: number;
  readonly maxActionsPerMinute: number;
  readonly interlockWaitMinutes: number;
  readonly switchTimeoutSeconds: number;
}

interface ReconcilerDeps {
  readonly targets: readonly PowerTarget[];
  /** What the schedule wants (its overrides are read again at the start of every pass). */
  readonly schedule: Pick<ScheduleService, 'desired' | 'refresh'>;
  /** The latest observation of each source for a device (or a plug). */
  readonly observations: (deviceId: string) => readonly Observation[] | Promise<readonly Observation[]>;
  readonly actions: {
    record(a: {
      deviceId: string;
      action: PowerActionKind;
      reason: string;
      requestedAt: number;
    }): Promise<number>;
    update(
      id: number,
      result: 'pending' | 'ok' | 'failed',
      at: number | null,
      detail: string | null,
    ): Promise<void>;
    last(deviceId: string): Promise<PowerActionRow | undefined>;
  };
  readonly powerSwitch: PowerSwitch;
  readonly wake?: (t: WolTarget) => Promise<WolResult>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: ReconcilerSettings;
  readonly onEvent: (e: PowerEvent) => void;
  /** Observations older than this are ignored (default 5 min). */
  readonly staleMs?: number;
}

export interface Reconciler {
  /** One reconciliation pass over every device. Never throws; overlapping calls share the running pass. */
  tick(): Promise<void>;
  /** Resolves when every dispatched command has finished (tests, shutdown). */
  settled(): Promise<void>;
  /** Stops dispatching: pending staggered commands are cancelled. */
  stop(): Promise<void>;
  phaseOf(deviceId: string): Phase['kind'] | undefined;
}

interface Memory {
  /** Which desired state this phase belongs to; a new epoch (window, override) starts from idle. */
  epoch: string;
  phase: Phase;
}

/**
 * Desired-state reconciliation of the zone's power, once a minute (the minute ticker on the injected
 * clock; tests drive it with a fake clock). Acts only on differences, staggers start-ups, rate-limits commands, records
 * every command in power_actions and, on its first sight of a device, resumes from the last recorded
 * command so a restart at 10:00 neither repeats what was done nor misses what was not.
 */
const cancelledDetail = 'cancelled: zoneops stopped before the command was sent';

export function createReconciler(deps: ReconcilerDeps): Reconciler {
  const { clock, logger, settings } = deps;
  const wake = deps.wake ?? sendWol;
  const staleMs = deps.staleMs ?? 5 * 60_000;
  const stepSettings = {
    graceMs: settings.graceMinutes * 60_000,
    interlockWaitMs: settings.interlockWaitMinutes * 60_000,
  };
  const memory = new Map<string, Memory>();
  const inFlight = new Set<Promise<void>>();
  const cancels = new Set<() => void>();
  let sent: number[] = [];
  let nextOnSlot = 0;
  /** Commands recorded but waiting for their stagger slot: marked cancelled if zoneops stops first. */
  const unsent = new Set<number>();
  let running: Promise<void> | undefined;
  let stopped = false;

  const emit = (e: PowerEvent) => {
    logger.warn({ event: e.type, deviceId: e.deviceId, detail: e.detail }, 'power event');
    try {
      deps.onEvent(e);
    } catch (err) {
      logger.error({ err }, 'power event handler failed');
    }
  };

  async function seed(t: PowerTarget, desired: Desired, epoch: string): Promise<Memory> {
    const last = await deps.actions.last(t.id);
    const mem: Memory = { epoch, phase: { kind: 'idle' } };
    if (!last || desired.since === null || last.requestedAt < desired.since) return mem;
    const grace = stepSettings.graceMs;
    if (desired.on && last.action === 'on') {
      if (last.result === 'pending')
        mem.phase = { kind: 'starting', actionId: last.id, verifyBy: last.requestedAt + grace };
      else if (last.result === 'ok') mem.phase = { kind: 'on-done' };
      else if (last.detail !== cancelledDetail) mem.phase = { kind: 'on-failed' };
    } else if (!desired.on && last.action !== 'on') {
      if (last.result === 'pending') {
        const kind = last.action === 'cut' ? 'cutting' : 'soft-off';
        mem.phase = { kind, actionId: last.id, verifyBy: last.requestedAt + grace };
      } else mem.phase = { kind: last.result === 'ok' ? 'off-done' : 'off-failed' };
    }
    return mem;
  }

  function rateLimited(now: number): boolean {
    sent = sent.filter((t) => t > now - 60_000);
    return sent.length >= settings.maxActionsPerMinute;
  }

  async function reconcileDevice(t: PowerTarget, now: number): Promise<void> {
    const desired = deps.schedule.desired(t.id, t.type, now);
    const epoch = `${desired.on}:${desired.since}:${desired.overrideId ?? ''}`;
    let mem = memory.get(t.id);
    if (!mem) mem = await seed(t, desired, epoch);
    if (mem.epoch !== epoch) mem = { epoch, phase: { kind: 'idle' } };
    memory.set(t.id, mem);

    const plugId = t.cut ?? (t.on.kind === 'switch' && t.on.id !== t.id ? t.on.id : null);
    const observed = observePower(
      await deps.observations(t.id),
      plugId ? await deps.observations(plugId) : [],
      now,
      staleMs,
    );
    const r: StepResult = step(mem.phase, t, desired, observed, now, stepSettings);
    if (r.command && rateLimited(now)) {
      logger.debug({ deviceId: t.id, command: r.command }, 'power command deferred by the rate limit');
      return;
    }
    if (r.finish) await deps.actions.update(r.finish.actionId, r.finish.result, now, r.finish.detail);
    mem.phase = r.phase;
    if (r.event) emit({ ...r.event, deviceId: t.id, at: now });
    if (r.command) await issue(t, mem, r.command, desired, now);
  }

  async function issue(t: PowerTarget, mem: Memory, command: Command, desired: Desired, now: number) {
    // Start-ups are spread over time (no inrush); power-offs go at once, the rate limit bounds them.
    const at = command === 'on' ? Math.max(now, nextOnSlot) : now;
    if (command === 'on') nextOnSlot = at + settings.staggerSeconds * 1000;
    sent.push(at);
    const actionId = await deps.actions.record({
      deviceId: t.id,
      action: command,
      reason: desired.reason,
      requestedAt: at,
    });
    if (mem.phase.kind === 'starting' || mem.phase.kind === 'soft-off' || mem.phase.kind === 'cutting') {
      mem.phase = { ...mem.phase, actionId, verifyBy: at + stepSettings.graceMs };
    }
    const run = () => {
      unsent.delete(actionId);
      const p = perform(t, mem, command, actionId).finally(() => inFlight.delete(p));
      inFlight.add(p);
    };
    if (at <= now) run();
    else {
      unsent.add(actionId);
      const cancel = clock.setTimeout(() => {
        cancels.delete(cancel);
        if (!stopped) run();
      }, at - now);
      cancels.add(cancel);
    }
  }

  async function perform(t: PowerTarget, mem: Memory, command: Command, actionId: number): Promise<void> {
    const timeoutMs = settings.switchTimeoutSeconds * 1000;
    let result: { ok: true } | { ok: false; message: string };
    try {
      if (command === 'on' && t.on.kind === 'wol') result = await wake(t.on.wol);
      else {
        const id =
          command === 'on'
            ? t.on.kind === 'switch'
              ? t.on.id
              : t.id
            : command === 'cut'
              ? t.cut
              : t.softOff;
        if (id === null) throw new Error(`no actuator for ${command} on ${t.id}`);
        const r = await deps.powerSwitch.switch(id, command === 'on' ? 'on' : 'off', { timeoutMs });
        result = r.ok ? { ok: true } : { ok: false, message: `${r.reason}: ${r.message}` };
      }
    } catch (err) {
      result = { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
    const now = clock.now();
    const current = 'actionId' in mem.phase && mem.phase.actionId === actionId;
    const error = result.ok ? '' : result.message;
    try {
      if (result.ok) {
        // A sent command stays pending until the observations confirm it (or the grace period ends).
        await deps.actions.update(actionId, 'pending', null, 'sent');
        return;
      }
      await deps.actions.update(actionId, 'failed', now, error);
    } catch (err) {
      logger.error({ err, deviceId: t.id }, 'could not record a power action');
    }
    if (!current) return;
    if (command === 'on') {
      mem.phase = { kind: 'on-failed' };
      emit({
        type: 'power-on-failed',
        deviceId: t.id,
        at: now,
        message: { key: 'on-command-failed' },
        detail: { command, error: error.slice(0, 200) },
      });
    } else {
      mem.phase = { kind: 'off-failed' };
      emit({
        type: 'still-on-after-hours',
        deviceId: t.id,
        at: now,
        message: {
          key:
            command === 'soft-off' && error.startsWith('timeout')
              ? 'still-on-plug-kept'
              : 'off-command-failed',
        },
        detail: { command, error: error.slice(0, 200), plugCut: false },
      });
    }
  }

  async function pass(): Promise<void> {
    const now = clock.now();
    try {
      await deps.schedule.refresh(now);
    } catch (err) {
      logger.error({ err }, 'power reconciliation skipped: the overrides could not be read');
      return;
    }
    for (const t of deps.targets) {
      if (stopped) return;
      try {
        await reconcileDevice(t, now);
      } catch (err) {
        // One device's trouble never stops the others; the next tick tries again.
        logger.error({ err, deviceId: t.id }, 'power reconciliation failed for a device');
      }
    }
  }

  return {
    tick() {
      if (stopped) return Promise.resolve();
      if (!running) running = pass().finally(() => (running = undefined));
      return running;
    },
    async settled() {
      await running;
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async stop() {
      stopped = true;
      for (const c of cancels) c();
      cancels.clear();
      await running;
      // Staggered commands that never went out are marked so, so the next start sends them afresh.
      for (const id of unsent) {
        await deps.actions
          .update(id, 'failed', clock.now(), cancelledDetail)
          .catch((err: unknown) =>
            logger.error({ err, actionId: id }, 'could not mark a power command cancelled'),
          );
      }
      unsent.clear();
      await Promise.allSettled([...inFlight]);
    },
    phaseOf: (id) => memory.get(id)?.phase.kind,
  };
}
