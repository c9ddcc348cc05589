import type { FaultKind } from './fault-kinds.js';

/**
 * One fault per cause (pure), in the manner of Alertmanager's inhibit rules: while a *source* fault of a
 * device is open, that device's *target* faults are suppressed — they stay open and on the timeline,
 * but nobody is told about them (nor reminded) until the source is gone. The rules, as a table:
 *
 * | source | suppresses | why |
 * |---|---|---|
 * | `power-on-failed` | `unreachable` | a PC that did not start is one fault, told once |
 * | `unreachable`, `power-on-failed` | paper, toner, jam, door-open | a device that does not answer says nothing true about its paper |
 *
 * And one hold: an `unreachable` device whose scheduled power-on is still within its grace time is
 * starting up; it is held until the power-on succeeds (the fault clears, nobody was bothered) or fails
 * (`power-on-failed` then suppresses it). So a PC that fails to power on gives exactly one message.
 */
const consumables: readonly FaultKind[] = [
  'paper-low',
  'paper-out',
  'toner-low',
  'toner-out',
  'jam',
  'door-open',
];

export const inhibitRules: ReadonlyArray<{
  readonly source: FaultKind;
  readonly targets: readonly FaultKind[];
}> = [
  { source: 'power-on-failed', targets: ['unreachable', ...consumables] },
  { source: 'unreachable', targets: consumables },
];

interface OpenFault {
  readonly id: number;
  readonly kind: FaultKind;
}

export type Suppression =
  | { readonly by: 'fault'; readonly faultId: number; readonly kind: FaultKind }
  | { readonly by: 'power-on-pending' };

/**
 * Why `target` must not be notified now, or undefined. `open` are the device's open faults (the target
 * itself may be among them); `powerOnPending` says the device was just switched on and is in its grace time.
 */
export function suppression(
  target: OpenFault,
  open: readonly OpenFault[],
  powerOnPending: boolean,
): Suppression | undefined {
  for (const rule of inhibitRules) {
    if (!rule.targets.includes(target.kind)) continue;
    const source = open.find((f) => f.kind === rule.source && f.id !== target.id);
    if (source) return { by: 'fault', faultId: source.id, kind: source.kind };
  }
  if (target.kind === 'unreachable' && powerOnPending) return { by: 'power-on-pending' };
  return undefined;
}
