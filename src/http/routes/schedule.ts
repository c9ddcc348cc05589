import { Router } from 'express';
import { z } from 'zod';
import type { ScheduleContext } from '../../calendar/schedule.js';
import { scheduleView } from '../../calendar/schedule.js';
import type { Clock } from '../../clock.js';
import { clockTime, identifier, isoDate, text } from '../../config/fields.js';
import type { PowerOverride } from '../../domain/desired-power.js';
import { ServiceError } from '../../domain/errors.js';
import { addDays, localTime, zonedEpoch } from '../../domain/local-time.js';
import type { AuditRepo } from '../../store/audit-repo.js';
import { type Principal, principalOf, roleAtLeast } from '../auth.js';
import type { Guard } from '../guard.js';
import { validate } from '../validate.js';

export interface ScheduleRoutesDeps {
  /** The current calendar sources, office hours and time zone (a function: reloads take effect). */
  context: () => ScheduleContext;
  overrides: {
    add(o: Omit<PowerOverride, 'id'>, createdAt: number): Promise<PowerOverride>;
    active(now: number): Promise<readonly PowerOverride[]>;
  };
  /** Known devices and whether zoneops can switch them (power method other than `none`). */
  devices: { get(id: string): Promise<{ id: string; powerMethod: string; active: boolean } | undefined> };
  audit: AuditRepo;
  clock: Clock;
  guard: Guard;
  /** Runs a reconciliation pass at once (the reconciler's tick), so a forced switch does not wait a minute. */
  reconcileNow?: () => Promise<void>;
}

const scheduleQuery = z.strictObject({
  from: isoDate().optional(),
  days: z.coerce.number().int().min(1).max(62).default(7),
});

const overrideBody = z.strictObject({
  kind: z.enum(['keep-on', 'force-on', 'force-off']),
  /** A device id, or omitted/null for the whole zone. */
  deviceId: identifier().nullable().default(null),
  /** Local time today (HH:MM) until which the override holds; force defaults to the end of today. */
  until: clockTime().optional(),
  note: text().pipe(z.string().max(500)).optional(),
});

const powerBody = z.strictObject({
  action: z.enum(['on', 'off']),
  until: clockTime().optional(),
  note: text().pipe(z.string().max(500)).optional(),
});

/**
 * GET /schedule (staff): the calendar and planned power times, plus active overrides.
 * POST /power/overrides: staff may keep the zone or a device on until a time today; forcing needs a technician.
 * POST /power/:deviceId (technician): force a device on/off now (until a time today, default end of day).
 * Every mutation is written to the audit log.
 */
export function scheduleRoutes(deps: ScheduleRoutesDeps): Router {
  const r = Router();
  const { guard } = deps;

  r.get('/schedule', guard('staff'), async (req, res) => {
    const q = validate(scheduleQuery, req.query, 'query');
    const ctx = deps.context();
    const now = deps.clock.now();
    const from = q.from ?? localTime(now, ctx.tz).date;
    res.json({ ...scheduleView(ctx, from, q.days, now), overrides: await deps.overrides.active(now) });
  });

  r.post('/power/overrides', guard('staff'), async (req, res) => {
    const body = validate(overrideBody, req.body, 'body');
    const principal = principalOf(res) as Principal;
    if (body.kind !== 'keep-on' && !roleAtLeast(principal.role, 'technician')) {
      await audit(deps, req.ip, principal, 'denied', `POST /api/v1/power/overrides`, {
        needed: 'technician',
      });
      throw new ServiceError('forbidden', `role ${principal.role} may not ${body.kind} (needs technician)`);
    }
    if (body.kind === 'keep-on' && body.until === undefined)
      throw new ServiceError('invalid', 'body.until: required for keep-on');
    if (body.deviceId !== null) await switchable(deps, body.deviceId);
    const created = await createOverride(deps, principal, body.kind, body.deviceId, body.until, body.note);
    await audit(deps, req.ip, principal, `power.${body.kind}`, target(body.deviceId), {
      overrideId: created.id,
      until: created.until,
    });
    await deps.reconcileNow?.();
    res.status(201).json(created);
  });

  r.post('/power/:deviceId', guard('technician'), async (req, res) => {
    const deviceId = req.params.deviceId as string;
    const body = validate(powerBody, req.body, 'body');
    await switchable(deps, deviceId);
    const principal = principalOf(res) as Principal;
    const kind = body.action === 'on' ? 'force-on' : 'force-off';
    const created = await createOverride(deps, principal, kind, deviceId, body.until, body.note);
    await audit(deps, req.ip, principal, `power.${kind}`, target(deviceId), {
      overrideId: created.id,
      until: created.until,
    });
    await deps.reconcileNow?.();
    res.status(202).json(created);
  });

  return r;
}

const target = (deviceId: string | null) => (deviceId === null ? 'zone' : `device:${deviceId}`);

async function switchable(deps: ScheduleRoutesDeps, id: string): Promise<void> {
  const d = await deps.devices.get(id);
  if (!d?.active) throw new ServiceError('not-found', `no device with id ${JSON.stringify(id.slice(0, 64))}`);
  if (d.powerMethod === 'none')
    throw new ServiceError(
      'conflict',
      `device ${id} is monitor-only (power method none): zoneops cannot switch it`,
    );
}

async function createOverride(
  deps: ScheduleRoutesDeps,
  principal: Principal,
  kind: PowerOverride['kind'],
  deviceId: string | null,
  untilMinutes: number | undefined,
  note: string | undefined,
): Promise<PowerOverride> {
  const now = deps.clock.now();
  const tz = deps.context().tz;
  const today = localTime(now, tz).date;
  // "Until a time today": an override never silently carries into tomorrow's schedule.
  const until =
    untilMinutes === undefined ? zonedEpoch(addDays(today, 1), 0, tz) : zonedEpoch(today, untilMinutes, tz);
  if (until <= now)
    throw new ServiceError('invalid', 'body.until: must be later than now (a time today, HH:MM)');
  return deps.overrides.add(
    { kind, deviceId, from: now, until, createdBy: principal.name, note: note ?? null },
    now,
  );
}

function audit(
  deps: ScheduleRoutesDeps,
  ip: string | undefined,
  p: Principal,
  action: string,
  tgt: string,
  detail: Record<string, unknown>,
): Promise<number> {
  return deps.audit.append({
    at: deps.clock.now(),
    actor: p.name,
    role: p.role,
    action,
    target: tgt,
    remoteAddr: ip ?? '',
    detail,
  });
}
