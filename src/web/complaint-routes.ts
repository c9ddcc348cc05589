import { type Request, type RequestHandler, type Response, Router } from 'express';
import { registerCsv } from '../complaints/csv.js';
import { type Actor, mayHandleComplaints } from '../domain/access.js';
import {
  type ComplaintState,
  caseNumberPattern,
  complaintStates,
  complaintTypes,
} from '../domain/complaint.js';
import { ServiceError } from '../domain/errors.js';
import { isIsoDate, zonedEpoch } from '../domain/local-time.js';
import { field, type WebContext } from './context.js';
import { html } from './html.js';
import { strings } from './i18n.js';
import { complaintBody } from './pages/complaint.js';
import { complaintStrings } from './pages/complaint-strings.js';
import { registerBody } from './pages/complaints.js';
import { message } from './pages/layout.js';
import type { WebUser } from './sessions.js';

/**
 * The complaint register and one complaint's page for signed-in staff: `/complaints` (filters and
 * deadlines, contacts masked), `/complaints/export.csv` (the register with contacts, for the people who
 * handle complaints, audited), `/complaints/:id` (in full for them and the assigned staff member — the
 * view audited — masked for everyone else) and its actions. Every action answers with a redirect
 * (post-redirect-get); a refused one shows the page again with what to fix.
 */
export function complaintRoutes(ctx: WebContext, requireUser: RequestHandler, form: RequestHandler): Router {
  const { deps } = ctx;
  const lang = deps.language;
  const s = complaintStrings(lang);
  const service = deps.complaints.service;
  const r = Router();
  const me = (res: Response) => ctx.user(res) as WebUser;
  const actor = (req: Request, u: WebUser): Actor => ({
    name: u.name,
    role: u.role,
    remoteAddr: req.ip ?? '',
    via: 'web',
    personId: u.personId,
  });
  const personName = (id: string) => deps.people.find((p) => p.id === id)?.name ?? id;
  const devices = async () => new Map((await deps.devices.list()).map((d) => [d.id, d.name]));
  const idOf = (req: Request) => {
    const raw = String(req.params.id ?? '');
    if (!/^\d{1,12}$/.test(raw)) throw new ServiceError('not-found', strings(ctx.lang(req)).notFound);
    return Number(raw);
  };
  const q = (req: Request, k: string) => (typeof req.query[k] === 'string' ? (req.query[k] as string) : '');
  const filterOf = (req: Request) => {
    const state = q(req, 'state') === '' && req.query.state !== undefined ? '' : q(req, 'state') || 'active';
    const type = q(req, 'type');
    const caseNo = q(req, 'case').trim().toUpperCase();
    return {
      state: state === 'active' || (complaintStates as readonly string[]).includes(state) ? state : '',
      type: (complaintTypes as readonly string[]).includes(type) ? type : '',
      overdue: q(req, 'overdue') === '1',
      caseNo: caseNumberPattern.test(caseNo) ? caseNo : '',
    };
  };

  r.get('/complaints', requireUser, async (req, res) => {
    const f = filterOf(req);
    const items = await service.list({
      ...(f.state ? { state: f.state as ComplaintState | 'active' } : {}),
      ...(f.type ? { type: f.type as 'complaint' | 'suggestion' } : {}),
      ...(f.caseNo ? { caseNo: f.caseNo } : {}),
      ...(f.overdue ? { overdue: true } : {}),
    });
    const names = await devices();
    ctx.send(
      res,
      200,
      s.register,
      registerBody(
        {
          items,
          filter: f,
          deviceName: (id) => names.get(id) ?? id,
          personName,
          mayExport: mayHandleComplaints(me(res)),
          tz: deps.timeZone,
        },
        lang,
      ),
    );
  });

  r.get('/complaints/export.csv', requireUser, async (req, res) => {
    const f = filterOf(req);
    const rows = await service.exportRegister(
      actor(req, me(res)),
      f.state ? { state: f.state as ComplaintState | 'active' } : {},
    );
    const names = await devices();
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', 'attachment; filename="complaints.csv"')
      .send(registerCsv(rows, (id) => names.get(id) ?? id, lang, deps.timeZone));
  });

  async function show(
    req: Request,
    res: Response,
    id: number,
    status: number,
    errors: Array<{ field: string; message: string }> = [],
  ) {
    const user = me(res);
    const view = await service.page(id, actor(req, user));
    const faults = [];
    for (const fid of view.faultIds) {
      const f = await deps.faults.get(fid);
      if (f)
        faults.push({
          id: fid,
          summary: f.fault.summary,
          state: f.fault.state,
          stateText: ctx.t(res).faultStates[f.fault.state],
        });
    }
    const names = await devices();
    const base = (deps.publicUrl ?? `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`).replace(
      /\/+$/,
      '',
    );
    const saved = req.query.saved === '1' && status === 200 ? message(ctx.t(res).done) : html``;
    ctx.send(
      res,
      status,
      `${s.register} ${view.complaint.caseNo}`,
      html`${saved}${complaintBody(
        {
          ...view,
          faults,
          deviceName: view.complaint.deviceId
            ? (names.get(view.complaint.deviceId) ?? view.complaint.deviceId)
            : null,
          personName,
          staff: deps.people.filter((p) => p.role === 'staff').map((p) => ({ id: p.id, name: p.name })),
          rateLink: view.rateToken ? `${base}/satisfaction?c=${view.rateToken}` : null,
          csrf: user.csrf,
          userName: user.name,
          errors,
          tz: deps.timeZone,
          now: deps.clock.now(),
        },
        lang,
      )}`,
    );
  }

  r.get('/complaints/:id', requireUser, (req, res) => show(req, res, idOf(req), 200));

  /** A staff action: CSRF, the service call, then back to the page (or the page with what to fix). */
  const action = (name: string, run: (req: Request, id: number, a: Actor) => Promise<unknown>) =>
    r.post(`/complaints/:id/${name}`, form, requireUser, async (req, res) => {
      ctx.checkCsrf(req, res);
      const id = idOf(req);
      try {
        await run(req, id, actor(req, me(res)));
      } catch (err) {
        if (err instanceof ServiceError && err.code === 'forbidden')
          await ctx.auditForbidden(req, res, err, 'technician');
        if (err instanceof ServiceError && (err.code === 'invalid' || err.code === 'conflict')) {
          const errors = (err.extra.errors as Array<{ field: string; message: string }> | undefined) ?? [
            { field: 'form', message: err.message },
          ];
          return show(req, res, id, err.code === 'invalid' ? 400 : 409, errors);
        }
        throw err;
      }
      res.redirect(303, `/complaints/${id}?saved=1`);
    });
  const text = (req: Request, k: string) => {
    const v = field(req.body, k)?.trim();
    return v ? v : undefined;
  };
  const invalid = (f: string, m: string) =>
    new ServiceError('invalid', m, { errors: [{ field: f, message: m }] });

  action('accept', (req, id, a) =>
    service.accept(id, a, { ...(text(req, 'note') ? { note: text(req, 'note') as string } : {}) }),
  );
  action('not-accept', (req, id, a) =>
    service.notAccept(id, a, { ground: text(req, 'ground') ?? '', note: text(req, 'note') ?? '' }),
  );
  action('link', (req, id, a) => {
    const raw = text(req, 'faultId') ?? '';
    if (!/^\d{1,12}$/.test(raw))
      throw invalid(
        'faultId',
        lang === 'en' ? 'Give the fault number (digits).' : '请填写故障编号（数字）。',
      );
    return service.link(id, a, Number(raw));
  });
  action('assign', (req, id, a) => service.assign(id, a, text(req, 'personId') ?? null));
  action('answer', (req, id, a) => {
    const at = text(req, 'at');
    const m = at ? /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(at) : null;
    if (at && (!m || !isIsoDate(m[1] as string) || Number(m[2]) > 23 || Number(m[3]) > 59))
      throw invalid(
        'at',
        lang === 'en' ? 'Give the time as date and hour:minute.' : '请填写答复的日期和时间。',
      );
    const when = m ? zonedEpoch(m[1] as string, Number(m[2]) * 60 + Number(m[3]), deps.timeZone) : undefined;
    return service.answer(id, a, {
      method: text(req, 'method') ?? '',
      text: text(req, 'text') ?? '',
      ...(when !== undefined ? { at: when } : {}),
      ...(text(req, 'by') ? { by: text(req, 'by') as string } : {}),
    });
  });
  action('close', (req, id, a) =>
    service.close(id, a, {
      ...(text(req, 'satisfaction') ? { satisfaction: text(req, 'satisfaction') as string } : {}),
      ...(text(req, 'note') ? { note: text(req, 'note') as string } : {}),
    }),
  );
  action('satisfaction', (req, id, a) => service.recordSatisfaction(id, a, text(req, 'satisfaction') ?? ''));
  return r;
}
