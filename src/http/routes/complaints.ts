import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { registerCsv } from '../../complaints/csv.js';
import type { ComplaintService } from '../../complaints/service.js';
import type { ComplaintView } from '../../complaints/views.js';
import { identifier } from '../../config/fields.js';
import type { Actor } from '../../domain/access.js';
import { caseNumberPattern, complaintStates, complaintTypes } from '../../domain/complaint.js';
import { complaintWords } from '../../domain/complaint-texts.js';
import { ServiceError } from '../../domain/errors.js';
import type { Language } from '../../domain/messages.js';
import { publicTexts } from '../../domain/public-input.js';
import { monthSpan } from '../../domain/report-calendar.js';
import { type Principal, principalOf } from '../auth.js';
import type { Guard } from '../guard.js';
import { validate } from '../validate.js';

interface ComplaintRoutesDeps {
  complaints: ComplaintService;
  guard: Guard;
  language: Language;
  timeZone: string;
  acceptWorkingDays: number;
  deviceName: (id: string) => string;
}

const note = z.string().trim().min(1).max(2000);
const instant = z.iso.datetime({
  offset: true,
  error: 'expected an ISO date-time like 2026-12-02T10:00:00+08:00',
});
const listQuery = z.strictObject({
  state: z.enum([...complaintStates, 'active']).optional(),
  type: z.enum(complaintTypes).optional(),
  device: identifier().optional(),
  case: z
    .string()
    .regex(caseNumberPattern, { error: 'expected a case number like ZS-20261202-003' })
    .optional(),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'expected a month YYYY-MM' })
    .optional(),
  overdue: z.enum(['1', 'true']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
const acceptBody = z.strictObject({
  faultIds: z.array(z.number().int().min(1)).max(20).optional(),
  note: note.optional(),
});
const notAcceptBody = z.strictObject({ ground: z.string().max(40), note });
const linkBody = z.strictObject({ faultId: z.number().int().min(1) });
const assignBody = z.strictObject({ personId: identifier().nullable() });
const answerBody = z.strictObject({
  method: z.string().max(20),
  text: note,
  at: instant.optional(),
  by: z.string().trim().min(1).max(100).optional(),
});
const closeBody = z.strictObject({ satisfaction: z.string().max(30).optional(), note: note.optional() });
const ratingBody = z.strictObject({ rating: z.string().max(30) });

/** The JSON body of a public call: an object, or a Chinese message (never a stack, never the input). */
function objectBody(req: Request, language: Language): Record<string, unknown> {
  const b = req.body as unknown;
  if (b === undefined || b === null || typeof b !== 'object' || Array.isArray(b)) {
    const message = publicTexts(language).body;
    throw new ServiceError('invalid', message, { errors: [{ field: 'body', message }] });
  }
  return b as Record<string, unknown>;
}

/** A rate-limited refusal carries Retry-After (RFC 9110 §10.2.3) as well as the problem document. */
function withRetryAfter(res: Response, err: unknown): never {
  if (err instanceof ServiceError && err.code === 'rate-limited')
    res.set('Retry-After', String(err.extra.retryAfterSeconds ?? 60));
  throw err;
}

/**
 * Complaints API: the public report and satisfaction endpoints (no token), the register (staff),
 * the actions on one complaint and the register export (technician). Contacts come back masked here;
 * only the export — the register itself, audited — carries them.
 */
export function complaintRoutes(deps: ComplaintRoutesDeps): Router {
  const r = Router();
  const { guard, complaints } = deps;
  const W = complaintWords(deps.language);
  const id = (req: Request) => {
    const raw = String(req.params.id ?? '');
    if (!/^\d{1,12}$/.test(raw))
      throw new ServiceError('not-found', `no complaint with id ${JSON.stringify(raw.slice(0, 32))}`);
    return Number(raw);
  };
  const actor = (req: Request, res: Response): Actor => {
    const p = principalOf(res) as Principal;
    return { name: p.name, role: p.role, remoteAddr: req.ip ?? '', via: 'api' };
  };
  const filterOf = (q: z.output<typeof listQuery>) => {
    const span = q.month ? monthSpan(q.month, deps.timeZone) : undefined;
    return {
      ...(q.state ? { state: q.state } : {}),
      ...(q.type ? { type: q.type } : {}),
      ...(q.device ? { deviceId: q.device } : {}),
      ...(q.case ? { caseNo: q.case } : {}),
      ...(span ? { from: span.from, to: span.to } : {}),
      ...(q.overdue ? { overdue: true } : {}),
      ...(q.limit ? { limit: q.limit } : {}),
    };
  };
  const received = (c: ComplaintView) => ({
    caseNo: c.caseNo,
    state: c.state,
    receivedAt: new Date(c.receivedAt).toISOString(),
    acceptBy: new Date(c.acceptDueAt).toISOString(),
    answerBy: c.answerOwed ? new Date(c.answerDueAt).toISOString() : null,
    message: W.nextStepsDays(deps.acceptWorkingDays),
  });

  r.post('/public-reports', async (req, res) => {
    try {
      const key = req.get('idempotency-key');
      const out = await complaints.report(
        objectBody(req, deps.language),
        {
          address: req.ip ?? '',
          source: 'api',
          ...(key && /^[\x21-\x7e]{1,255}$/.test(key) ? { submissionKey: key } : {}),
        },
        true,
      );
      const c = (await complaints.get(out.complaint.id)).complaint;
      res.status(out.duplicate ? 200 : 202).json(received(c));
    } catch (err) {
      withRetryAfter(res, err);
    }
  });

  r.post('/satisfaction', async (req, res) => {
    const body = objectBody(req, deps.language);
    const token = typeof body.token === 'string' ? body.token : undefined;
    try {
      const out = await complaints.rate(body, { address: req.ip ?? '', source: 'api' }, true, token);
      res.status(201).json({ id: out.id, caseNo: out.caseNo });
    } catch (err) {
      withRetryAfter(res, err);
    }
  });

  r.get('/complaints', guard('staff'), async (req, res) => {
    const q = validate(listQuery, req.query, 'query');
    res.json({ complaints: await complaints.list(filterOf(q)) });
  });

  r.get('/complaints/export.csv', guard('technician'), async (req, res) => {
    const q = validate(listQuery, req.query, 'query');
    const rows = await complaints.exportRegister(actor(req, res), filterOf(q));
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', 'attachment; filename="complaints.csv"')
      .send(registerCsv(rows, deps.deviceName, deps.language, deps.timeZone));
  });

  r.get('/complaints/:id', guard('staff'), async (req, res) => {
    res.json(await complaints.get(id(req)));
  });

  const view = async (res: Response, cid: number) => res.json(await complaints.get(cid));

  r.post('/complaints/:id/accept', guard('staff'), async (req, res) => {
    const b = validate(acceptBody, req.body ?? {}, 'body');
    await complaints.accept(id(req), actor(req, res), {
      ...(b.faultIds ? { faultIds: b.faultIds } : {}),
      ...(b.note ? { note: b.note } : {}),
    });
    await view(res, id(req));
  });

  r.post('/complaints/:id/not-accept', guard('staff'), async (req, res) => {
    const b = validate(notAcceptBody, req.body, 'body');
    await complaints.notAccept(id(req), actor(req, res), b);
    await view(res, id(req));
  });

  r.post('/complaints/:id/link', guard('staff'), async (req, res) => {
    const b = validate(linkBody, req.body, 'body');
    await complaints.link(id(req), actor(req, res), b.faultId);
    await view(res, id(req));
  });

  r.post('/complaints/:id/assign', guard('technician'), async (req, res) => {
    const b = validate(assignBody, req.body, 'body');
    await complaints.assign(id(req), actor(req, res), b.personId);
    await view(res, id(req));
  });

  r.post('/complaints/:id/answer', guard('staff'), async (req, res) => {
    const b = validate(answerBody, req.body, 'body');
    await complaints.answer(id(req), actor(req, res), {
      method: b.method,
      text: b.text,
      ...(b.at ? { at: Date.parse(b.at) } : {}),
      ...(b.by ? { by: b.by } : {}),
    });
    await view(res, id(req));
  });

  r.post('/complaints/:id/close', guard('staff'), async (req, res) => {
    const b = validate(closeBody, req.body ?? {}, 'body');
    await complaints.close(id(req), actor(req, res), {
      ...(b.satisfaction ? { satisfaction: b.satisfaction } : {}),
      ...(b.note ? { note: b.note } : {}),
    });
    await view(res, id(req));
  });

  r.post('/complaints/:id/satisfaction', guard('staff'), async (req, res) => {
    const b = validate(ratingBody, req.body, 'body');
    await complaints.recordSatisfaction(id(req), actor(req, res), b.rating);
    await view(res, id(req));
  });

  return r;
}
