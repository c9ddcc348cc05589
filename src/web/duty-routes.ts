import { type Request, type RequestHandler, type Response, Router } from 'express';
import { type Actor, mayBackdateDuty, mayEditDuty } from '../domain/access.js';
import { ServiceError } from '../domain/errors.js';
import { auditDenied } from '../http/guard.js';
import { statusOf } from '../http/problem.js';
import { field, type WebContext } from './context.js';
import { html } from './html.js';
import { strings } from './i18n.js';
import { dutyStrings } from './i18n-duty.js';
import { dutyBody } from './pages/duty.js';
import { message } from './pages/layout.js';
import type { WebUser } from './sessions.js';

/**
 * The rota page `/duty` (signed-in staff see it; the technician, the lead and admins change it):
 * absences, swaps and the weekly rota's changes recorded and undone through the duty service, which checks every field — a
 * refused form comes back with the message and what was typed, nothing stored. Every change is audited.
 */
export function dutyRoutes(ctx: WebContext, requireUser: RequestHandler, form: RequestHandler): Router {
  const { deps } = ctx;
  const d = dutyStrings(deps.language);
  const r = Router();
  const me = (res: Response) => ctx.user(res) as WebUser;
  const actor = (req: Request, user: WebUser): Actor => ({
    name: user.name,
    role: user.role,
    remoteAddr: req.ip ?? '',
    via: 'web',
  });
  const staff = deps.people.filter((p) => p.role === 'staff').map((p) => ({ id: p.id, name: p.name }));

  const show = async (
    res: Response,
    status: number,
    msg?: { text: string; error: boolean },
    values?: Record<string, string>,
  ) => {
    const user = me(res);
    const duty = await deps.duty.view();
    ctx.send(
      res,
      status,
      d.duty,
      html`${message(msg?.text, msg?.error ? 'err' : 'ok')}${dutyBody(
        {
          duty,
          staff,
          mayEdit: mayEditDuty(user),
          minDate: mayBackdateDuty(user) ? undefined : duty.today.date,
          csrf: user.csrf,
          form: values,
        },
        d,
      )}`,
    );
  };

  r.get('/duty', requireUser, async (req, res) => {
    const done = req.query.done;
    await show(res, 200, done === 'saved' || done === 'undone' ? { text: d[done], error: false } : undefined);
  });

  const audit = (req: Request, user: WebUser, action: string, target: string, detail: object) =>
    deps.audit.append({
      at: deps.clock.now(),
      actor: user.name,
      role: user.role,
      action,
      target,
      remoteAddr: req.ip ?? '',
      detail: { ...detail, via: 'web' },
    });

  /** Runs a change; a refusal (bad field, last post, forbidden) re-renders the page with it. */
  const change = (kind: 'absence' | 'swap' | 'rota', run: (req: Request, user: WebUser) => Promise<string>) =>
    [
      form,
      requireUser,
      async (req: Request, res: Response) => {
        ctx.checkCsrf(req, res);
        const user = me(res);
        try {
          const done = await run(req, user);
          res.redirect(303, `/duty?done=${done}`);
        } catch (err) {
          if (!(err instanceof ServiceError) || err.code === 'not-found') throw err;
          // A refusal for the role is audited like the API's guard (http/guard.ts), then shown on the page.
          if (err.code === 'forbidden')
            await auditDenied(deps.audit, deps.clock, req, user, 'technician', 'web');
          const values: Record<string, string> = { kind };
          for (const k of ['personId', 'from', 'to', 'reason', 'date', 'post', 'weekday', 'A', 'B'])
            values[k] = (field(req.body, k) ?? '').slice(0, 200);
          await show(res, statusOf[err.code], { text: err.message, error: true }, values);
        }
      },
    ] as const;
  const body = (req: Request, keys: readonly string[]) =>
    Object.fromEntries(
      keys.flatMap((k) => (field(req.body, k) === undefined ? [] : [[k, field(req.body, k)]])),
    );
  const idOf = (req: Request) => {
    const raw = String(req.params.id ?? '');
    if (!/^\d{1,12}$/.test(raw)) throw new ServiceError('not-found', strings(deps.language).notFound);
    return Number(raw);
  };

  r.post(
    '/duty/absences',
    ...change('absence', async (req, user) => {
      const a = await deps.duty.addAbsence(
        actor(req, user),
        body(req, ['personId', 'from', 'to', 'reason', 'confirmCover']),
      );
      await audit(req, user, 'duty.absence.add', `person:${a.personId}`, {
        absenceId: a.id,
        from: a.from,
        to: a.to,
        coverConfirmed: a.coverConfirmed,
      });
      return 'saved';
    }),
  );
  r.post(
    '/duty/absences/:id/undo',
    ...change('absence', async (req, user) => {
      const a = await deps.duty.undoAbsence(actor(req, user), idOf(req));
      await audit(req, user, 'duty.absence.undo', `person:${a.personId}`, { absenceId: a.id });
      return 'undone';
    }),
  );
  r.post(
    '/duty/swaps',
    ...change('swap', async (req, user) => {
      const sw = await deps.duty.addSwap(actor(req, user), body(req, ['date', 'post', 'personId', 'reason']));
      await audit(req, user, 'duty.swap.add', `person:${sw.personId}`, { swapId: sw.id, date: sw.date });
      return 'saved';
    }),
  );
  r.post(
    '/duty/swaps/:id/undo',
    ...change('swap', async (req, user) => {
      const sw = await deps.duty.undoSwap(actor(req, user), idOf(req));
      await audit(req, user, 'duty.swap.undo', `person:${sw.personId}`, { swapId: sw.id });
      return 'undone';
    }),
  );
  r.post(
    '/duty/rota',
    ...change('rota', async (req, user) => {
      const c = await deps.duty.setRotaDay(actor(req, user), body(req, ['weekday', 'A', 'B', 'reason']));
      await audit(req, user, 'duty.rota.set', `weekday:${c.weekday}`, {
        rotaId: c.id,
        A: c.posts.A,
        B: c.posts.B,
      });
      return 'saved';
    }),
  );
  r.post(
    '/duty/rota/:id/undo',
    ...change('rota', async (req, user) => {
      const c = await deps.duty.undoRotaDay(actor(req, user), idOf(req));
      await audit(req, user, 'duty.rota.undo', `weekday:${c.weekday}`, { rotaId: c.id });
      return 'undone';
    }),
  );
  return r;
}
