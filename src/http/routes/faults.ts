import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import { identifier, text } from '../../config/fields.js';
import type { Actor } from '../../domain/access.js';
import { ServiceError } from '../../domain/errors.js';
import { faultKinds } from '../../domain/fault-kinds.js';
import { faultStates } from '../../domain/fault-lifecycle.js';
import type { FaultService } from '../../faults/fault-service.js';
import type { AuditRepo } from '../../store/audit-repo.js';
import { type Principal, principalOf } from '../auth.js';
import { auditDenied, type Guard } from '../guard.js';
import { apiYearsProblem, inApiYears, validate } from '../validate.js';

interface FaultRoutesDeps {
  faults: FaultService;
  audit: AuditRepo;
  clock: Clock;
  guard: Guard;
}

const note = z.string().trim().max(2000);
const dateTime = z.iso
  .datetime({
    offset: true,
    error: 'expected an ISO date-time like 2025-05-06T10:00:00+08:00',
  })
  .refine((s) => inApiYears(Date.parse(s)), { error: apiYearsProblem });
const listQuery = z.strictObject({
  state: z.enum([...faultStates, 'active']).optional(),
  device: identifier().optional(),
  kind: z.enum(faultKinds).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
const ackBody = z.strictObject({ note: note.optional() });
const vendorBody = z.strictObject({
  party: z.enum(['vendor', 'service-provider']),
  whom: text().pipe(z.string().max(200)),
  ticket: text().pipe(z.string().max(100)).optional(),
  promisedAt: dateTime.optional(),
  note: note.optional(),
});
const resolveBody = z.strictObject({ note: text().pipe(z.string().max(2000)) });
const silenceBody = z
  .strictObject({
    deviceId: identifier().optional(),
    kind: z.enum(faultKinds).optional(),
    startsAt: dateTime.optional(),
    endsAt: dateTime,
    reason: text().pipe(z.string().max(500)),
  })
  .refine((s) => s.deviceId !== undefined || s.kind !== undefined, { error: 'give deviceId, kind or both' });
/** Faults API: list, timeline, lifecycle actions, silences (absences: routes/duty.ts; citizens' reports: routes/complaints.ts). */
export function faultRoutes(deps: FaultRoutesDeps): Router {
  const r = Router();
  const { guard } = deps;

  const audit = async (
    req: Request,
    res: Response,
    action: string,
    target: string,
    detail: Record<string, unknown>,
  ) => {
    const p = principalOf(res);
    await deps.audit.append({
      at: deps.clock.now(),
      actor: p?.name ?? 'public',
      role: p?.role ?? 'public',
      action,
      target,
      remoteAddr: req.ip ?? '',
      detail,
    });
  };

  /** Runs a service call; a refusal for the role (ServiceError forbidden) is audited, then answered 403. */
  const auditedRefusal = async <T>(req: Request, res: Response, needed: string, call: () => Promise<T>) => {
    try {
      return await call();
    } catch (e) {
      const p = principalOf(res);
      if (e instanceof ServiceError && e.code === 'forbidden' && p) {
        await auditDenied(deps.audit, deps.clock, req, p, needed, 'api');
      }
      throw e;
    }
  };

  r.get('/faults', guard('staff'), async (req, res) => {
    const q = validate(listQuery, req.query, 'query');
    const list = await deps.faults.list({
      ...(q.state ? { state: q.state } : {}),
      ...(q.device ? { deviceId: q.device } : {}),
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.limit ? { limit: q.limit } : {}),
    });
    res.json({ faults: list });
  });

  r.get('/faults/:id', guard('staff'), async (req, res) => {
    const found = await deps.faults.get(faultId(req));
    if (!found) throw new ServiceError('not-found', `no fault with id ${faultId(req)}`);
    res.json(found);
  });

  r.post('/faults/:id/ack', guard('staff'), async (req, res) => {
    const id = faultId(req);
    const body = validate(ackBody, req.body ?? {}, 'body');
    const f = await deps.faults.ack(id, actorOf(req, res), body.note);
    await audit(req, res, 'fault.ack', `fault:${id}`, {});
    res.json(f);
  });

  r.post('/faults/:id/vendor-contact', guard('technician'), async (req, res) => {
    const id = faultId(req);
    const b = validate(vendorBody, req.body, 'body');
    const f = await deps.faults.vendorContact(id, actorOf(req, res), {
      party: b.party,
      whom: b.whom,
      ...(b.ticket ? { ticket: b.ticket } : {}),
      ...(b.promisedAt ? { promisedAt: Date.parse(b.promisedAt) } : {}),
      ...(b.note ? { note: b.note } : {}),
    });
    await audit(req, res, 'fault.vendor-contact', `fault:${id}`, {
      party: b.party,
      ticket: b.ticket ?? null,
    });
    res.json(f);
  });

  r.post('/faults/:id/resolve', guard('staff'), async (req, res) => {
    const id = faultId(req);
    const b = validate(resolveBody, req.body, 'body');
    // Who may resolve which kind is the domain's rule (domain/access.ts), checked by the service; a
    // refusal is audited like any other refused change (http/guard.ts auditDenied).
    const f = await auditedRefusal(req, res, 'technician', () =>
      deps.faults.resolve(id, actorOf(req, res), b.note),
    );
    await audit(req, res, 'fault.resolve', `fault:${id}`, {});
    res.json(f);
  });

  r.post('/silences', guard('technician'), async (req, res) => {
    const b = validate(silenceBody, req.body, 'body');
    const startsAt = b.startsAt ? Date.parse(b.startsAt) : deps.clock.now();
    const endsAt = Date.parse(b.endsAt);
    if (endsAt <= startsAt) throw new ServiceError('invalid', 'body.endsAt: must be after startsAt (or now)');
    const s = await deps.faults.silence({
      deviceId: b.deviceId ?? null,
      kind: b.kind ?? null,
      startsAt,
      endsAt,
      reason: b.reason,
      createdBy: (principalOf(res) as Principal).name,
    });
    await audit(req, res, 'silence.create', `silence:${s.id}`, {
      deviceId: s.deviceId,
      kind: s.kind,
      endsAt,
    });
    res.status(201).json(s);
  });

  return r;
}

function faultId(req: Request): number {
  const raw = String(req.params.id ?? '');
  if (!/^\d{1,12}$/.test(raw))
    throw new ServiceError('not-found', `no fault with id ${JSON.stringify(raw.slice(0, 32))}`);
  return Number(raw);
}

function actorOf(req: Request, res: Response): Actor {
  const p = principalOf(res) as Principal;
  return { name: p.name, role: p.role, remoteAddr: req.ip ?? '', via: 'api' };
}
