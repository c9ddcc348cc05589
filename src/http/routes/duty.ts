import { type Request, type Response, Router } from 'express';
import type { Clock } from '../../clock.js';
import type { Actor } from '../../domain/access.js';
import { ServiceError } from '../../domain/errors.js';
import type { DutyService } from '../../duty/duty-service.js';
import type { AuditRepo } from '../../store/audit-repo.js';
import { type Principal, principalOf } from '../auth.js';
import type { Guard } from '../guard.js';

interface DutyRoutesDeps {
  duty: DutyService;
  audit: AuditRepo;
  clock: Clock;
  guard: Guard;
  language: 'zh-CN' | 'en';
}

const fields = {
  absence: ['personId', 'from', 'to', 'reason', 'confirmCover'],
  dayAbsence: ['personId', 'date', 'confirmCover'],
  swap: ['date', 'post', 'personId', 'reason'],
  rota: ['weekday', 'A', 'B', 'reason'],
} as const;

/**
 * The rota API: `GET /duty` (today's and the week's posts, absences, swaps, who covers), absences
 * (`POST /duty/absences`, `DELETE /duty/absences/:id`), swaps (`POST /duty/swaps`,
 * `DELETE /duty/swaps/:id`), the weekly rota (`POST /duty/rota {weekday, A, B}`, `DELETE /duty/rota/:id`)
 * — technician, lead or admin — and the first API's one-day absence
 * `POST /absences {personId, date}` (staff). Every field is checked by the duty service, which names it
 * in the zone's language; each change is audited.
 */
export function dutyRoutes(deps: DutyRoutesDeps): Router {
  const r = Router();
  const { guard, duty } = deps;
  const zh = deps.language !== 'en';

  const audit = (req: Request, res: Response, action: string, target: string, detail: object) => {
    const p = principalOf(res) as Principal;
    return deps.audit.append({
      at: deps.clock.now(),
      actor: p.name,
      role: p.role,
      action,
      target,
      remoteAddr: req.ip ?? '',
      detail: { ...detail },
    });
  };
  const actor = (req: Request, res: Response): Actor => {
    const p = principalOf(res) as Principal;
    return { name: p.name, role: p.role, remoteAddr: req.ip ?? '', via: 'api' };
  };
  /** A JSON object with only the known fields. */
  const body = (req: Request, allowed: readonly string[]): Record<string, unknown> => {
    const b: unknown = req.body;
    if (typeof b !== 'object' || b === null || Array.isArray(b))
      throw new ServiceError('invalid', zh ? 'body：请求体应为 JSON 对象' : 'body: expected a JSON object');
    const unknown = Object.keys(b).filter((k) => !allowed.includes(k));
    if (unknown.length > 0)
      throw new ServiceError(
        'invalid',
        unknown.map((k) => `body.${k.slice(0, 40)}${zh ? '：未知字段' : ': unknown field'}`).join('; '),
      );
    return b as Record<string, unknown>;
  };
  const id = (req: Request, what: string): number => {
    const raw = String(req.params.id ?? '');
    if (!/^\d{1,12}$/.test(raw))
      throw new ServiceError(
        'not-found',
        zh ? `没有编号为 ${raw.slice(0, 32)} 的${what}` : `no ${what} ${raw}`,
      );
    return Number(raw);
  };

  r.get('/duty', guard('staff'), async (_req, res) => {
    res.json(await duty.view());
  });

  r.post('/duty/absences', guard('technician'), async (req, res) => {
    const a = await duty.addAbsence(actor(req, res), body(req, fields.absence));
    await audit(req, res, 'duty.absence.add', `person:${a.personId}`, {
      absenceId: a.id,
      from: a.from,
      to: a.to,
      coverConfirmed: a.coverConfirmed,
    });
    res.status(201).json(a);
  });

  r.post('/duty/swaps', guard('technician'), async (req, res) => {
    const s = await duty.addSwap(actor(req, res), body(req, fields.swap));
    await audit(req, res, 'duty.swap.add', `person:${s.personId}`, {
      swapId: s.id,
      date: s.date,
      post: s.post,
    });
    res.status(201).json(s);
  });

  r.post('/duty/rota', guard('technician'), async (req, res) => {
    const c = await duty.setRotaDay(actor(req, res), body(req, fields.rota));
    await audit(req, res, 'duty.rota.set', `weekday:${c.weekday}`, {
      rotaId: c.id,
      A: c.posts.A,
      B: c.posts.B,
    });
    res.status(201).json(c);
  });

  r.delete('/duty/rota/:id', guard('technician'), async (req, res) => {
    const c = await duty.undoRotaDay(actor(req, res), id(req, zh ? '值班表修改记录' : 'rota change'));
    await audit(req, res, 'duty.rota.undo', `weekday:${c.weekday}`, { rotaId: c.id });
    res.json(c);
  });

  // Undo: the record stays, marked revoked (who, when); the audit log has it too.
  for (const [what, path, name] of [
    ['absence', 'absences', zh ? '请假记录' : 'absence'],
    ['swap', 'swaps', zh ? '调班记录' : 'swap'],
  ] as const) {
    r.delete(`/duty/${path}/:id`, guard('technician'), async (req, res) => {
      const n = id(req, name);
      const row =
        what === 'absence'
          ? await duty.undoAbsence(actor(req, res), n)
          : await duty.undoSwap(actor(req, res), n);
      await audit(req, res, `duty.${what}.undo`, `person:${row.personId}`, { [`${what}Id`]: row.id });
      res.json(row);
    });
  }

  // The first API: one day, staff may record it; the same checks as /duty/absences.
  r.post('/absences', guard('staff'), async (req, res) => {
    const a = await duty.addDayAbsence(actor(req, res), body(req, fields.dayAbsence));
    await audit(req, res, 'absence.mark', `person:${a.personId}`, { date: a.from, absenceId: a.id });
    res.status(201).json({ id: a.id, personId: a.personId, date: a.from });
  });

  return r;
}
