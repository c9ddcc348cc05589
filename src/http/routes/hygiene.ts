import express, { type ErrorRequestHandler, type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import { identifier, text } from '../../config/fields.js';
import type { Actor } from '../../domain/access.js';
import { ServiceError } from '../../domain/errors.js';
import { type DayInfo, type HygienePlan, hygieneTasks, slotsDueOn } from '../../domain/hygiene-plan.js';
import { addDays, hhmm, localMoment, zonedEpoch } from '../../domain/hygiene-time.js';
import type { Language } from '../../domain/messages.js';
import { currentMonth, loadCompliance } from '../../hygiene/compliance.js';
import { complianceHtml } from '../../hygiene/compliance-html.js';
import { recordsCsv } from '../../hygiene/csv.js';
import { type PhotoStore, sha256Pattern } from '../../hygiene/photos.js';
import type { HygieneService } from '../../hygiene/service.js';
import { type Principal, principalOf } from '../auth.js';
import type { Guard } from '../guard.js';
import { sendProblem } from '../problem.js';
import { apiDay, apiMonth, apiYearsProblem, inApiYears, validate } from '../validate.js';

interface HygieneRoutesDeps {
  service: HygieneService;
  plan: HygienePlan;
  days: DayInfo;
  photos: PhotoStore;
  photoMaxBytes: number;
  clock: Clock;
  guard: Guard;
  tz: string;
  language: Language;
  siteName: string;
}

const day = apiDay();
const lang = z.enum(['zh-CN', 'en']).optional();
const listQuery = z.strictObject({
  from: day.optional(),
  to: day.optional(),
  target: identifier().optional(),
  lang,
});
const monthQuery = z.strictObject({
  month: apiMonth().optional(),
  lang,
});
/** An instant with an explicit offset (a bare local time would depend on the phone's idea of the zone). */
const instant = z
  .union([
    z.number().int().min(0),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, {
        error: 'expected an ISO 8601 time with offset, e.g. 2025-10-09T08:30:00+08:00',
      })
      .transform((s) => Date.parse(s)),
  ])
  .refine(inApiYears, { error: apiYearsProblem });
const base64 = z
  .string()
  .transform((s) => s.replace(/^data:image\/[a-z]+;base64,/, '').replace(/\s+/g, ''))
  .refine((s) => /^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0, { error: 'expected base64 data' });
const recordBody = z
  .strictObject({
    target: identifier().optional(),
    targets: z.array(identifier()).min(1).max(50).optional(),
    task: z.enum(hygieneTasks),
    by: text().pipe(z.string().max(100)).optional(),
    doneAt: instant.optional(),
    method: text().pipe(z.string().max(200)).optional(),
    agent: text().pipe(z.string().max(200)).optional(),
    note: text().pipe(z.string().max(2000)).optional(),
    photo: z
      .string()
      .regex(sha256Pattern, { error: 'expected the SHA-256 returned by POST /hygiene/photos' })
      .optional(),
    photoBase64: base64.optional(),
    /** Accepted for the phone's convenience and ignored: stored files are named by content hash only. */
    photoFileName: z.string().max(500).optional(),
    corrects: z.number().int().min(1).optional(),
  })
  .refine((b) => (b.target === undefined) !== (b.targets === undefined), {
    error: 'give either target or targets',
  })
  .refine((b) => b.photo === undefined || b.photoBase64 === undefined, {
    error: 'give either photo or photoBase64',
  });

const actorOf = (req: Request, res: Response): Actor => {
  const p = principalOf(res) as Principal;
  return { name: p.name, role: p.role, remoteAddr: req.ip ?? '', via: 'api' };
};

/** A photo body over the limit gets its own message; everything else goes to the app's error handler. */
const errors: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  const type = (err as { type?: string }).type;
  if (type === 'entity.too.large')
    return sendProblem(res, 413, 'the photo is larger than the configured limit');
  next(err);
};

/**
 * The hygiene log's JSON routes, to mount in the `/api/v1` router (behind its JSON body parser):
 * records (POST, GET, CSV), photos (GET), plan of a day, monthly compliance (JSON and printable HTML).
 */
export function hygieneRoutes(deps: HygieneRoutesDeps): Router {
  const r = Router();
  const { guard, clock, tz, plan, days } = deps;
  const names = new Map(plan.targets.map((t) => [t.id, t.name]));
  const today = () => localMoment(clock.now(), tz).date;

  r.post('/hygiene/records', guard('staff'), async (req, res) => {
    const b = validate(recordBody, req.body, 'body');
    const actor = actorOf(req, res);
    let photo = b.photo;
    if (b.photoBase64 !== undefined) {
      photo = (await deps.service.uploadPhoto(Buffer.from(b.photoBase64, 'base64'), actor)).sha256;
    }
    const records = await deps.service.record(
      {
        targets: b.targets ?? (b.target !== undefined ? [b.target] : []),
        task: b.task,
        by: b.by ?? actor.name,
        source: 'api',
        ...(b.doneAt !== undefined ? { doneAt: b.doneAt } : {}),
        ...(b.method !== undefined ? { method: b.method } : {}),
        ...(b.agent !== undefined ? { agent: b.agent } : {}),
        ...(b.note !== undefined ? { note: b.note } : {}),
        ...(photo !== undefined ? { photo } : {}),
        ...(b.corrects !== undefined ? { correctsId: b.corrects } : {}),
      },
      actor,
    );
    res.status(201).json({ records });
  });

  const range = (req: Request) => {
    const q = validate(listQuery, req.query, 'query');
    const from = q.from ?? `${today().slice(0, 7)}-01`;
    const to = q.to ?? today();
    if (to < from) throw new ServiceError('invalid', 'query.to: is before from');
    const filter = {
      from: zonedEpoch(from, 0, tz),
      // `to` is inclusive: the whole of that day.
      to: zonedEpoch(addDays(to, 1), 0, tz),
      ...(q.target !== undefined ? { target: q.target } : {}),
    };
    return { q, filter, from, to };
  };

  r.get('/hygiene/records', guard('staff'), async (req, res) => {
    const { filter, from, to } = range(req);
    res.json({ from, to, records: await deps.service.repo.list(filter) });
  });

  r.get('/hygiene/records.csv', guard('staff'), async (req, res) => {
    const { q, filter, from, to } = range(req);
    const csv = recordsCsv(await deps.service.repo.list(filter), names, tz, q.lang ?? deps.language);
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="hygiene-${from}-${to}.csv"`)
      .send(csv);
  });

  r.get('/hygiene/photos/:sha256', guard('staff'), async (req, res) => {
    const sha = String(req.params.sha256);
    const meta = sha256Pattern.test(sha) ? await deps.service.repo.getPhoto(sha) : undefined;
    if (!meta) throw new ServiceError('not-found', 'no such photo');
    res
      .type(meta.mime)
      .set(
        'Content-Disposition',
        `inline; filename="${meta.sha256}.${meta.mime === 'image/png' ? 'png' : 'jpg'}"`,
      )
      .send(await deps.photos.read(meta.sha256, meta.mime));
  });

  r.get('/hygiene/plan', guard('staff'), (req, res) => {
    const q = validate(z.strictObject({ date: day.optional() }), req.query, 'query');
    const date = q.date ?? today();
    const slots = slotsDueOn(date, plan, days).map((s) => ({ ...s, deadline: hhmm(s.deadlineMinutes) }));
    res.json({ date, workingDay: days.isWorkingDay(date), slots });
  });

  const compliance = async (req: Request) => {
    const q = validate(monthQuery, req.query, 'query');
    const now = clock.now();
    const month = q.month ?? currentMonth(now, tz);
    return { q, summary: await loadCompliance(deps.service.repo, plan, days, tz, month, now) };
  };

  r.get('/hygiene/compliance', guard('staff'), async (req, res) => {
    res.json((await compliance(req)).summary);
  });

  r.get('/hygiene/compliance.html', guard('staff'), async (req, res) => {
    const { q, summary } = await compliance(req);
    const m = localMoment(clock.now(), tz);
    const printed = `${m.date} ${hhmm(m.minutes)}`;
    res
      .type('text/html; charset=utf-8')
      .send(complianceHtml(summary, deps.siteName, q.lang ?? deps.language, printed));
  });

  r.use(errors);
  return r;
}

/**
 * `POST /hygiene/photos` with a raw `image/jpeg` or `image/png` body; answers `{ sha256, mime, bytes }`.
 * Mount it on `/api/v1` BEFORE the JSON API router (which refuses non-JSON bodies with 415). The body
 * is only read after the token is checked, and never beyond the configured size.
 */
export function hygienePhotoRoutes(
  deps: Pick<HygieneRoutesDeps, 'service' | 'guard' | 'photoMaxBytes'>,
): Router {
  const r = Router();
  r.post(
    '/hygiene/photos',
    deps.guard('staff'),
    express.raw({ type: () => true, limit: deps.photoMaxBytes }),
    async (req, res) => {
      const body: unknown = req.body;
      const buf = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
      res.status(201).json(await deps.service.uploadPhoto(buf, actorOf(req, res)));
    },
  );
  r.use(errors);
  return r;
}
