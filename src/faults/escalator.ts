import { routeFor } from '../domain/access.js';
import type { Delivery } from '../domain/delivery-plan.js';
import { type PlanNotifier, planDeliveries } from '../domain/delivery-plan.js';
import type { AssetRecord } from '../domain/device.js';
import type { FaultKind } from '../domain/fault-kinds.js';
import { suppression } from '../domain/inhibition.js';
import { localTime } from '../domain/local-time.js';
import { type Language, renderFaultMessage } from '../domain/messages.js';
import { type Audience, type EscalationPolicy, escalationStep, mayNotify } from '../domain/routing.js';
import type { DutyService } from '../duty/duty-service.js';
import type { Database, Queries } from '../store/db.js';
import type { FaultRepo, FaultRow } from './fault-repo.js';
import type { SilenceRepo } from './silence-repo.js';

export interface EscalatorDeps {
  db: Database;
  faults: FaultRepo;
  silences: SilenceRepo;
  devices: { get(id: string): Promise<AssetRecord | undefined> };
  /** Who is on duty: the routing plan of a fault at an instant. */
  duty: Pick<DutyService, 'plan' | 'heldChannels'>;
  /** The device was just switched on and is within its grace time (power/ reconciler). */
  powerOnPending(deviceId: string): boolean;
  notifiers: readonly PlanNotifier[];
  enqueue(q: Queries, deliveries: readonly Delivery[], now: number): Promise<number>;
  routes: Partial<Record<FaultKind, readonly Audience[]>>;
  policy: EscalationPolicy;
  nonCritical: 'office-hours' | 'always';
  isWorkingTime(now: number): boolean;
  siteName: string;
  language: Language;
  publicUrl?: string;
  timeZone: string;
}

/**
 * Takes one unacknowledged fault one escalation step further if it is due: queues the messages in the
 * outbox and records the new escalation state in the same transaction, so a crash either did both or
 * neither — after a restart nothing is told twice and nothing is skipped. The routing plan is worked
 * out for this instant (the day's posts, absences, working channels: DutyService.plan); a fault another
 * one of the same device explains is suppressed (domain/inhibition.ts) and waits, on the timeline.
 * Returns whether it queued.
 */
export async function escalateFault(deps: EscalatorDeps, faultId: number, now: number): Promise<boolean> {
  // Read outside the transaction: the asset register and the outbox's channel states use the connection's lock too.
  const peek = await deps.faults.get(deps.db, faultId);
  if (peek?.state !== 'open') return false;
  const device = await deps.devices.get(peek.deviceId);
  const held = await deps.duty.heldChannels();
  const pending = deps.powerOnPending(peek.deviceId);
  return deps.db.transaction(async (tx) => {
    const f = await deps.faults.get(tx, faultId);
    if (f?.state !== 'open') return false;
    if (await suppressed(deps, tx, f, pending, now)) return false;
    let esc = await deps.faults.escalation(tx, faultId);
    if (esc.stepAt !== null && esc.stepAt > now) {
      // The system clock went back past the last step: restart the wait from now (stored, so the next
      // ticks count elapsed time from here instead of waiting out the size of the jump).
      esc = { ...esc, stepAt: now };
      await deps.faults.setEscalation(tx, faultId, esc);
    }
    const route = routeFor(deps.routes, f.kind);
    const plan = await deps.duty.plan(tx, route, now, held);
    const present = plan.levels.map((l) => l.present.length > 0);
    const today = localTime(now, deps.timeZone).date;
    const silenced = await deps.silences.silenced(tx, f.deviceId, f.kind, now);
    const allowed = !silenced && mayNotify(f.severity, deps.isWorkingTime(now), deps.nonCritical, f.kind);
    const step = escalationStep(esc, present, now, allowed, deps.policy);
    if (step.action === 'wait') return false;

    const levels = step.type === 'remind' ? plan.levels.slice(0, step.level + 1) : [plan.levels[step.level]];
    const recipients = [...new Map(levels.flatMap((l) => l?.present ?? []).map((p) => [p.id, p])).values()];
    const skipped = plan.levels
      .slice(0, step.level + 1)
      .flatMap((l) => l.skipped.map((x) => ({ id: x.person.id, why: x.why })));
    const minutes = Math.round(
      (now - (step.type === 'escalate' && esc.stepAt !== null ? esc.stepAt : f.openedAt)) / 60_000,
    );
    const rendered = renderFaultMessage(
      step.type,
      { id: f.id, kind: f.kind, severity: f.severity, detail: String(f.evidence.detail ?? '') },
      device ?? {
        id: f.deviceId,
        name: f.deviceId,
        location: '',
        assetNo: '',
        vendor: { name: '' },
        serviceProvider: { name: '' },
        warrantyUntil: null,
      },
      route,
      {
        siteName: deps.siteName,
        language: deps.language,
        today,
        ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}),
      },
      minutes,
    );
    const reminders = step.type === 'remind' ? esc.reminders + 1 : esc.reminders;
    const eventKey = step.type === 'remind' ? `fault:${f.id}:R${reminders}` : `fault:${f.id}:L${step.level}`;
    const deliveries = planDeliveries(eventKey, recipients, deps.notifiers, {
      type: step.type,
      ...rendered,
      faultId: f.id,
      deviceId: f.deviceId,
      kind: f.kind,
      severity: f.severity,
    });
    await deps.enqueue(tx, deliveries, now);
    await deps.faults.setEscalation(tx, f.id, { level: step.level, stepAt: now, reminders });
    await deps.faults.addEvent(tx, f.id, now, 'notified', 'zoneops', {
      type: step.type,
      level: step.level,
      to: recipients.map((p) => p.id),
      channels: [...new Set(deliveries.map((d) => d.channel))],
      ...(skipped.length > 0 ? { skipped } : {}),
      ...(plan.lastResort ? { lastResort: true } : {}),
    });
    return deliveries.length > 0;
  });
}

/**
 * Whether another fault of the device explains this one (or its power-on is pending): then it is not
 * notified now. The timeline notes when a fault becomes suppressed and when it is released, once each.
 */
async function suppressed(
  deps: EscalatorDeps,
  tx: Queries,
  f: FaultRow,
  powerOnPending: boolean,
  now: number,
): Promise<boolean> {
  const open = await deps.faults.openForDevice(tx, f.deviceId);
  const why = suppression(f, open, powerOnPending);
  const was = f.evidence.suppressed as string | undefined;
  const key = why ? (why.by === 'fault' ? `fault:${why.faultId}` : why.by) : undefined;
  if (key === was) return why !== undefined;
  const evidence = { ...f.evidence };
  if (key) evidence.suppressed = key;
  else delete evidence.suppressed;
  await deps.faults.update(tx, f.id, { evidence, updatedAt: now });
  await deps.faults.addEvent(
    tx,
    f.id,
    now,
    why ? 'suppressed' : 'released',
    'zoneops',
    why?.by === 'fault' ? { by: why.faultId, kind: why.kind } : why ? { reason: why.by } : {},
  );
  return why !== undefined;
}
