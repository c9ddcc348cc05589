import type { Desired } from '../domain/desired-power.js';
import { printingTypes } from '../domain/device.js';
import type { PowerMessage } from '../domain/messages.js';
import type { ObservedPower } from '../domain/observed-power.js';
import type { PowerTarget } from './targets.js';

/**
 * One device's reconciliation step, pure: from where it stands (phase), what it should be (desired) and
 * what zoneops sees (observed), the next phase, at most one command, and at most one event.
 * The reconciler (reconciler.ts) does the I/O: records, dispatches, emits.
 *
 * Level-triggered on the way up (a device that should be on and is seen off is switched on, again if it
 * drops during the day); on the way down zoneops acts once per off period — a PC someone switches back
 * on after hours is reported to the staff, not shut down under their hands.
 */

export type Command = 'on' | 'soft-off' | 'cut';

export type Phase =
  | { readonly kind: 'idle' }
  /** Seen on (or confirmed by its last command) in this on-period: unknown state is then no reason to act. */
  | { readonly kind: 'on-done' }
  | { readonly kind: 'starting'; readonly actionId: number | null; readonly verifyBy: number }
  | { readonly kind: 'on-failed' }
  | { readonly kind: 'blocked'; readonly since: number; readonly notified: boolean }
  | { readonly kind: 'soft-off'; readonly actionId: number | null; readonly verifyBy: number }
  | { readonly kind: 'cutting'; readonly actionId: number | null; readonly verifyBy: number }
  | { readonly kind: 'off-done' }
  | { readonly kind: 'off-failed' };

type PowerEventType = 'power-on-failed' | 'still-on-after-hours' | 'power-off-blocked';

export interface PowerEvent {
  readonly type: PowerEventType;
  readonly deviceId: string;
  readonly at: number;
  /** For the on-duty staff, rendered in the zone's language by domain/messages.ts `powerText`. */
  readonly message: PowerMessage;
  readonly detail: Readonly<Record<string, string | number | boolean | null>>;
}

interface StepSettings {
  readonly graceMs: number;
  readonly interlockWaitMs: number;
}

export interface StepResult {
  readonly phase: Phase;
  readonly command?: Command;
  /** Close the pending action of the previous phase. */
  readonly finish?: { readonly actionId: number; readonly result: 'ok' | 'failed'; readonly detail: string };
  readonly event?: Omit<PowerEvent, 'deviceId' | 'at'>;
}

const isPrinting = (t: PowerTarget) => printingTypes.includes(t.type);

/** The device itself is off: its agent gone (and the plug under the threshold), or nothing answers. */
function deviceOff(t: PowerTarget, o: ObservedPower): boolean {
  if (t.softOff !== null) return o.agentOnline === false && (t.cut === null || o.plugDeviceOn === false);
  return o.on === false;
}

function fullyOff(t: PowerTarget, o: ObservedPower): boolean {
  return deviceOff(t, o) && (t.cut === null || o.plugRelay === 'off');
}

function actionOf(p: Phase): number | null {
  return 'actionId' in p ? p.actionId : null;
}

function finish(p: Phase, result: 'ok' | 'failed', detail: string): Pick<StepResult, 'finish'> {
  const id = actionOf(p);
  return id === null ? {} : { finish: { actionId: id, result, detail } };
}

export function step(
  phase: Phase,
  t: PowerTarget,
  desired: Desired,
  o: ObservedPower,
  now: number,
  s: StepSettings,
): StepResult {
  return desired.on ? stepOn(phase, o, now, s) : stepOff(phase, t, o, now, s);
}

function stepOn(phase: Phase, o: ObservedPower, now: number, s: StepSettings): StepResult {
  if (o.on === true) {
    return {
      phase: { kind: 'on-done' },
      ...(phase.kind === 'starting' ? finish(phase, 'ok', 'reachable') : {}),
    };
  }
  // On already this period and merely not heard from (e.g. just after a restart): no command. Seen off
  // (o.on === false), it is switched on again — level-triggered on the way up.
  if (phase.kind === 'on-done' && o.on === null) return { phase };
  if (phase.kind === 'starting') {
    if (now < phase.verifyBy) return { phase };
    return {
      phase: { kind: 'on-failed' },
      ...finish(phase, 'failed', 'not reachable within the grace period'),
      event: {
        type: 'power-on-failed',
        message: { key: 'not-up-after-on', graceMinutes: Math.round(s.graceMs / 60_000) },
        detail: { graceMinutes: Math.round(s.graceMs / 60_000) },
      },
    };
  }
  if (phase.kind === 'on-failed') return { phase };
  return { phase: { kind: 'starting', actionId: null, verifyBy: now + s.graceMs }, command: 'on' };
}

function stepOff(phase: Phase, t: PowerTarget, o: ObservedPower, now: number, s: StepSettings): StepResult {
  const off = fullyOff(t, o);
  switch (phase.kind) {
    case 'off-done':
      if (o.on !== true) return { phase };
      return {
        phase: { kind: 'off-failed' },
        event: {
          type: 'still-on-after-hours',
          message: { key: 'switched-on-after-hours' },
          detail: { reason: 'switched on again after hours' },
        },
      };
    case 'off-failed':
      return off ? { phase: { kind: 'off-done' } } : { phase };
    case 'soft-off':
    case 'cutting': {
      if (off || (phase.kind === 'cutting' && o.plugRelay === null && o.on === false)) {
        return { phase: { kind: 'off-done' }, ...finish(phase, 'ok', 'confirmed off') };
      }
      if (phase.kind === 'soft-off' && deviceOff(t, o) && t.cut !== null) {
        // Confirmed off (agent gone, plug under the threshold): only now may the plug be cut.
        return { ...cutOrBlock(phase, t, o, now, s), ...finish(phase, 'ok', 'shut down') };
      }
      if (now < phase.verifyBy) return { phase };
      const plugKept = phase.kind === 'soft-off' && t.cut !== null;
      return {
        phase: { kind: 'off-failed' },
        ...finish(phase, 'failed', plugKept ? 'still on after the grace period; plug not cut' : 'still on'),
        event: {
          type: 'still-on-after-hours',
          message: { key: plugKept ? 'still-on-plug-kept' : 'still-on' },
          detail: { plugCut: false, graceMinutes: Math.round(s.graceMs / 60_000) },
        },
      };
    }
    default:
      break;
  }
  // idle, blocked, or a leftover on-phase from before the schedule turned.
  if (off) return { phase: { kind: 'off-done' } };
  if (o.on === null) return { phase: phase.kind === 'blocked' ? phase : { kind: 'idle' } };
  if (t.softOff !== null && !deviceOff(t, o)) {
    if (isPrinting(t)) {
      const blocked = interlock(phase, o, now, s);
      if (blocked) return blocked;
    }
    return { phase: { kind: 'soft-off', actionId: null, verifyBy: now + s.graceMs }, command: 'soft-off' };
  }
  if (t.cut !== null) return cutOrBlock(phase, t, o, now, s);
  // Nothing can switch it off (e.g. Wake-on-LAN only): tell the staff once.
  return {
    phase: { kind: 'off-failed' },
    event: {
      type: 'still-on-after-hours',
      message: { key: 'no-remote-off' },
      detail: { reason: 'no remote power-off for this device' },
    },
  };
}

/** Cut the plug, unless a printer may be printing: then wait, and tell the staff after the wait. */
function cutOrBlock(
  phase: Phase,
  t: PowerTarget,
  o: ObservedPower,
  now: number,
  s: StepSettings,
): StepResult {
  if (isPrinting(t)) {
    const blocked = interlock(phase, o, now, s);
    if (blocked) return blocked;
  }
  return { phase: { kind: 'cutting', actionId: null, verifyBy: now + s.graceMs }, command: 'cut' };
}

function interlock(phase: Phase, o: ObservedPower, now: number, s: StepSettings): StepResult | null {
  // Safe: the printer says idle, or it cannot be read but the plug shows it drawing standby power only.
  const safe = o.printer.state === 'idle' || (o.printer.state === 'unknown' && o.plugDeviceOn === false);
  if (safe) return null;
  const since = phase.kind === 'blocked' ? phase.since : now;
  const notified = phase.kind === 'blocked' && phase.notified;
  if (!notified && now - since >= s.interlockWaitMs) {
    return {
      phase: { kind: 'blocked', since, notified: true },
      event: {
        type: 'power-off-blocked',
        message:
          o.printer.state === 'busy'
            ? { key: 'off-held-printing', printing: o.printer.printing, queued: o.printer.queued }
            : { key: 'off-held-unknown' },
        detail: { printer: o.printer.state, printerDetail: o.printer.detail },
      },
    };
  }
  return { phase: { kind: 'blocked', since, notified } };
}
