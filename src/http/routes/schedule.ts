import { Router } from 'express';
import { z } from 'zod';
import type { ScheduleService } from '../../calendar/schedule-service.js';
import type { Clock } from '../../clock.js';
import { clockTime, identifier, text } from '../../config/fields.js';
import { mayOverride } from '../../domain/access.js';
import type { OverrideKind } from '../../domain/desired-power.js';
import { ServiceError } from '../../domain/errors.js';
import type { AuditRepo } from '../../store/audit-repo.js';
import { type Principal, principalOf } from '../auth.js';
import { auditDenied, type Guard } from '../guard.js';
import { apiDay, validate } from '../validate.js';

interface ScheduleRoutesDeps {
  schedule: Pick<
    ScheduleService,
    'view' | 'today' | 'overrides' | 'refresh' | 'addOverride' | 'cancelOverride'
  >;
  /** Known devices and whether zoneops can switch them (power method other than `none`). */
  devices: { get(id: string): Promise<{ id: string; powerMethod: string; active: boolean } | undefined> };
  audit: AuditRepo;
  clock: Clock;
  guard: Guard;
  /** Runs a reconciliation pass at once, so a forced switch does not wait for the next minute. */
  reconcileNow?: () => Promise<void>;
}

const scheduleQuery = z.strictObject({
  from: apiDay().optional(),
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
 * POST /power/overrides: staff may keep the zone or a device on until a time today; forcing needs a
 * technician (domain/access.ts mayOverride). POST /power/:deviceId (technician): force a device on/off
 * now (until a time today, default end of day). DELETE /power/overrides/:id cancels one (the same rule
 * as making it). Every mutation is written to the audit log.
 */
export function scheduleRoutes(deps: ScheduleRoutesDeps): Router {
  const r = Router();
  const { guard, schedule } = deps;

  r.get('/schedule', guard('staff'), async (req, res) => {
    const q = validate(scheduleQuery, req.query, 'query');
    const now = deps.clock.now();
    const overrides = await schedule.refresh(now);
    res.json({ ...schedule.view(q.from ?? schedule.today(now), q.days, now), overrides });
  });

  r.post('/power/overrides', guard('staff'), async (req, res) => {
    const body = validate(overrideBody, req.body, 'body');
    const principal = principalOf(res) as Principal;
    if (!mayOverride(principal, body.kind)) {
      await auditDenied(deps.audit, deps.clock, req, principal, 'technician', 'api');
      throw new ServiceError('forbidden', `role ${principal.role} may not ${body.kind} (needs technician)`);
    }
    if (body.kind === 'keep-on' && body.until === undefined)
      throw new ServiceError('invalid', 'body.until: required for keep-on');
    if (body.deviceId !== null) await switchable(deps, body.deviceId);
    res
      .status(201)
      .json(await create(deps, req.ip, principal, body.kind, body.deviceId, body.until, body.note));
  });

  r.delete('/power/overrides/:id', guard('staff'), async (req, res) => {
    const raw = String(req.params.id ?? '');
    const now = deps.clock.now();
    const found = /^\d{1,12}$/.test(raw)
      ? (await schedule.refresh(now)).find((o) => o.id === Number(raw))
      : undefined;
    if (!found)
      throw new ServiceError('not-found', `no active override with id ${JSON.stringify(raw.slice(0, 32))}`);
    const principal = principalOf(res) as Principal;
    if (!mayOverride(principal, found.kind)) {
      await audit(deps, req.ip, principal, 'denied', 'DELETE /api/v1/power/overrides', {
        needed: 'technician',
      });
      throw new ServiceError(
        'forbidden',
        `role ${principal.role} may not cancel ${found.kind} (needs technician)`,
      );
    }
    await schedule.cancelOverride(found.id, now);
    await audit(deps, req.ip, principal, 'power.cancel', `override:${found.id}`, { kind: found.kind });
    await deps.reconcileNow?.();
    res.status(204).end();
  });

  r.post('/power/:deviceId', guard('technician'), async (req, res) => {
    const deviceId = req.params.deviceId as string;
    const body = validate(powerBody, req.body, 'body');
    await switchable(deps, deviceId);
    const principal = principalOf(res) as Principal;
    const kind = body.action === 'on' ? 'force-on' : 'force-off';
    res.status(202).json(await create(deps, req.ip, principal, kind, deviceId, body.until, body.note));
  });

  return r;
}

async function create(
  deps: ScheduleRoutesDeps,
  ip: string | undefined,
  principal: Principal,
  kind: OverrideKind,
  deviceId: string | null,
  untilMinutes: number | undefined,
  note: string | undefined,
) {
  const created = await deps.schedule.addOverride(
    {
      kind,
      deviceId,
      by: principal.name,
      ...(untilMinutes !== undefined ? { untilMinutes } : {}),
      ...(note !== undefined ? { note } : {}),
    },
    deps.clock.now(),
  );
  await audit(deps, ip, principal, `power.${kind}`, deviceId === null ? 'zone' : `device:${deviceId}`, {
    overrideId: created.id,
    until: created.until,
  });
  await deps.reconcileNow?.();
  return created;
}

async function switchable(deps: ScheduleRoutesDeps, id: string): Promise<void> {
  const d = await deps.devices.get(id);
  if (!d?.active) throw new ServiceError('not-found', `no device with id ${JSON.stringify(id.slice(0, 64))}`);
  if (d.powerMethod === 'none')
    throw new ServiceError(
      'conflict',
      `device ${id} is monitor-only (power method none): zoneops cannot switch it`,
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
