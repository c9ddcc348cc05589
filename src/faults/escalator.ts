import type { PersonConfig } from '../config/schema.js';
import { routeFor } from '../domain/access.js';
import type { Delivery } from '../domain/delivery-plan.js';
import { type PlanNotifier, planDeliveries } from '../domain/delivery-plan.js';
import type { AssetRecord } from '../domain/device.js';
import type { FaultKind } from '../domain/fault-kinds.js';
import { localTime } from '../domain/local-time.js';
import { type Language, renderFaultMessage } from '../domain/messages.js';
import {
  type Audience,
  type EscalationPolicy,
  escalationLevels,
  escalationStep,
  mayNotify,
} from '../domain/routing.js';
import type { Database, Queries } from '../store/db.js';
import type { FaultRepo } from './fault-repo.js';
import type { SilenceRepo } from './silence-repo.js';

export interface EscalatorDeps {
  db: Database;
  faults: FaultRepo;
  silences: SilenceRepo;
  devices: { get(id: string): Promise<AssetRecord | undefined> };
  people: readonly PersonConfig[];
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
 * neither — after a restart nothing is told twice and nothing is skipped. Returns whether it queued.
 */
export async function escalateFault(deps: EscalatorDeps, faultId: number, now: number): Promise<boolean> {
  // Read outside the transaction: the asset register uses the connection's lock too.
  const peek = await deps.faults.get(deps.db, faultId);
  if (peek?.state !== 'open') return false;
  const device = await deps.devices.get(peek.deviceId);
  return deps.db.transaction(async (tx) => {
    const f = await deps.faults.get(tx, faultId);
    if (f?.state !== 'open') return false;
    let esc = await deps.faults.escalation(tx, faultId);
    if (esc.stepAt !== null && esc.stepAt > now) {
      // The system clock went back past the last step: restart the wait from now (stored, so the next
      // ticks count elapsed time from here instead of waiting out the size of the jump).
      esc = { ...esc, stepAt: now };
      await deps.faults.setEscalation(tx, faultId, esc);
    }
    const route = routeFor(deps.routes, f.kind);
    const levels = escalationLevels(route, deps.people);
    const today = localTime(now, deps.timeZone).date;
    const absent = await deps.silences.absentOn(tx, today);
    const present = levels.map((l) => l.some((p) => !absent.has(p.id)));
    const silenced = await deps.silences.silenced(tx, f.deviceId, f.kind, now);
    const allowed = !silenced && mayNotify(f.severity, deps.isWorkingTime(now), deps.nonCritical, f.kind);
    const step = escalationStep(esc, present, now, allowed, deps.policy);
    if (step.action === 'wait') return false;

    const told = step.type === 'remind' ? levels.slice(0, step.level + 1).flat() : (levels[step.level] ?? []);
    const recipients = told.filter((p) => !absent.has(p.id));
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
    });
    return deliveries.length > 0;
  });
}
