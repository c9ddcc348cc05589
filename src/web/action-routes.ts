import express, { type Request, type RequestHandler, type Response, Router } from 'express';
import { type Actor, mayContactVendor } from '../domain/access.js';
import { ServiceError } from '../domain/errors.js';
import { type HygieneTask, hygieneTasks } from '../domain/hygiene-plan.js';
import { cleanText, field, type WebContext } from './context.js';
import { html } from './html.js';
import { boundaryOf, parseMultipart } from './multipart.js';
import { faultBody } from './pages/fault.js';
import { hygieneBody } from './pages/forms.js';
import { message } from './pages/layout.js';
import type { WebUser } from './sessions.js';

const idPattern = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** Fault actions and the hygiene record form (the public report form: public-routes.ts). */
export function actionRoutes(ctx: WebContext, requireUser: RequestHandler, form: RequestHandler): Router {
  const { deps, s } = ctx;
  const r = Router();
  const me = (res: Response) => ctx.user(res) as WebUser;
  const audit = (
    req: Request,
    user: WebUser | undefined,
    action: string,
    target: string,
    detail: Record<string, unknown> = {},
  ) => ctx.audit(req, user, action, target, detail);

  const faultId = (req: Request) => {
    const raw = String(req.params.id ?? '');
    if (!/^\d{1,12}$/.test(raw)) throw new ServiceError('not-found', s.notFound);
    return Number(raw);
  };
  const loadFault = async (id: number) => {
    const found = await deps.faults.get(id);
    if (!found) throw new ServiceError('not-found', s.notFound);
    return found;
  };
  const actor = (req: Request, user: WebUser): Actor => ({
    name: user.name,
    role: user.role,
    remoteAddr: req.ip ?? '',
    via: 'web',
  });

  r.get('/faults/:id', requireUser, async (req, res) => {
    const { fault, events } = await loadFault(faultId(req));
    const user = me(res);
    const device = await deps.devices.get(fault.deviceId);
    const saved = req.query.saved === '1' ? message(s.done) : html``;
    ctx.send(
      res,
      200,
      `${s.fault} #${fault.id}`,
      html`${saved}${faultBody(
        {
          fault,
          deviceName: device?.name ?? fault.deviceId,
          events,
          mayVendor: mayContactVendor(user),
          mayResolve: deps.faults.mayResolve(user, fault.kind),
          csrf: user.csrf,
        },
        s,
        deps.timeZone,
      )}`,
    );
  });

  r.post('/faults/:id/ack', form, requireUser, async (req, res) => {
    ctx.checkCsrf(req, res);
    const id = faultId(req);
    const note = cleanText(field(req.body, 'note'), 2000);
    if (note === null) throw new ServiceError('invalid', `${s.invalid}${s.ackNote}`);
    await deps.faults.ack(id, actor(req, me(res)), note);
    await audit(req, me(res), 'fault.ack', `fault:${id}`);
    res.redirect(303, `/faults/${id}?saved=1`);
  });

  r.post('/faults/:id/vendor-contact', form, requireUser, async (req, res) => {
    ctx.checkCsrf(req, res);
    const user = me(res);
    if (!mayContactVendor(user)) await ctx.deny(req, res, 'technician');
    const id = faultId(req);
    const party = field(req.body, 'party');
    const whom = cleanText(field(req.body, 'whom'), 200);
    const ticket = cleanText(field(req.body, 'ticket'), 100);
    const note = cleanText(field(req.body, 'note'), 2000);
    if ((party !== 'vendor' && party !== 'service-provider') || !whom || ticket === null || note === null) {
      throw new ServiceError('invalid', `${s.invalid}${s.party} / ${s.whom}`);
    }
    await deps.faults.vendorContact(id, actor(req, user), {
      party,
      whom,
      ...(ticket ? { ticket } : {}),
      ...(note ? { note } : {}),
    });
    await audit(req, user, 'fault.vendor-contact', `fault:${id}`, { party });
    res.redirect(303, `/faults/${id}?saved=1`);
  });

  r.post('/faults/:id/resolve', form, requireUser, async (req, res) => {
    ctx.checkCsrf(req, res);
    const user = me(res);
    const id = faultId(req);
    const { fault } = await loadFault(id);
    if (!deps.faults.mayResolve(user, fault.kind)) await ctx.deny(req, res, 'technician');
    const note = cleanText(field(req.body, 'note'), 2000);
    if (!note) throw new ServiceError('invalid', `${s.invalid}${s.resolveNote}`);
    await deps.faults.resolve(id, actor(req, user), note);
    await audit(req, user, 'fault.resolve', `fault:${id}`);
    res.redirect(303, `/faults/${id}?saved=1`);
  });

  const hygieneForm = (req: Request, res: Response, status: number, msg?: string, error = false) => {
    const h = deps.hygiene;
    const q = (k: string) => (typeof req.query[k] === 'string' ? (req.query[k] as string) : undefined);
    ctx.send(
      res,
      status,
      s.hygieneRecord,
      html`${message(msg, error)}${hygieneBody(
        {
          targets: h.plan.targets.map((t) => ({ id: t.id, name: t.name, tasks: t.tasks.map((x) => x.task) })),
          selectedTarget: q('target'),
          selectedTask: q('task'),
          csrf: me(res).csrf,
          maxBytes: h.photoMaxBytes,
        },
        s,
      )}`,
    );
  };

  r.get('/hygiene/record', requireUser, (req, res) => {
    const saved =
      typeof req.query.saved === 'string' && /^\d{1,3}$/.test(req.query.saved) ? Number(req.query.saved) : 0;
    hygieneForm(req, res, 200, saved > 0 ? s.recorded(saved) : undefined);
  });

  const multipartBody = express.raw({
    type: 'multipart/form-data',
    limit: deps.hygiene.photoMaxBytes + 64 * 1024,
  });

  r.post('/hygiene/record', requireUser, multipartBody, async (req, res) => {
    const h = deps.hygiene;
    const boundary = boundaryOf(req.get('content-type'));
    if (!boundary || !Buffer.isBuffer(req.body))
      throw new ServiceError('unsupported-type', 'expected multipart/form-data');
    const parsed = parseMultipart(req.body, boundary);
    if (!parsed.ok) throw new ServiceError('invalid', parsed.problem);
    const get = (k: string) => parsed.fields.get(k);
    req.body = { csrf: get('csrf') };
    ctx.checkCsrf(req, res);
    const user = me(res);
    const target = get('target') ?? '';
    const task = get('task') ?? '';
    const method = cleanText(get('method'), 200);
    const agent = cleanText(get('agent'), 200);
    const note = cleanText(get('note'), 2000);
    if (
      !idPattern.test(target) ||
      !(hygieneTasks as readonly string[]).includes(task) ||
      method === null ||
      agent === null ||
      note === null
    ) {
      throw new ServiceError('invalid', `${s.invalid}${s.target} / ${s.task}`);
    }
    const by = actor(req, user);
    const file = parsed.files.get('photo');
    const photo = file ? (await h.service.uploadPhoto(file.data, by)).sha256 : undefined;
    const stored = await h.service.record(
      {
        targets: [target],
        task: task as HygieneTask,
        by: user.name,
        source: 'api',
        ...(method ? { method } : {}),
        ...(agent ? { agent } : {}),
        ...(note ? { note } : {}),
        ...(photo ? { photo } : {}),
      },
      by,
    );
    res.redirect(303, `/hygiene/record?saved=${stored.length}&target=${encodeURIComponent(target)}`);
  });

  return r;
}
