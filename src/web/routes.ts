import { existsSync, readFileSync } from 'node:fs';
import express, {
  type ErrorRequestHandler,
  type NextFunction,
  type Request,
  type Response,
  Router,
} from 'express';
import { ServiceError } from '../domain/errors.js';
import { statusOf } from '../http/problem.js';
import { actionRoutes } from './action-routes.js';
import { complaintRoutes } from './complaint-routes.js';
import { pageHeaders, sessionCookie, WebContext } from './context.js';
import { parseCookies } from './csrf.js';
import type { WebDeps } from './deps.js';
import { dutyRoutes } from './duty-routes.js';
import { html } from './html.js';
import { dutyStrings } from './i18n-duty.js';
import { dutyBlock } from './pages/duty-block.js';
import { message } from './pages/layout.js';
import { type QrItem, qrBody } from './pages/qr.js';
import { statusBody } from './pages/status.js';
import { publicRoutes } from './public-routes.js';
import { reportPages } from './report-pages.js';
import { accountsFrom, createSessions } from './sessions.js';
import { signInRoutes } from './sign-in-routes.js';
import { loadStatus } from './view-data.js';
import { WebRepo } from './web-repo.js';

export type { WebDeps } from './deps.js';

/** The one script, read once: from src/web/static when running from src, or next to dist. */
function loadScript(): string {
  for (const rel of ['./static/app.js', '../../src/web/static/app.js']) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(url)) return readFileSync(url, 'utf8');
  }
  return '';
}

/**
 * The staff and public web pages, mounted at the root of the HTTP app (before its 404 handler):
 * `/` status, `/login`, `/logout`, `/faults/:id`, `/hygiene/record`, `/complaints`, `/qr`, `/duty`, `/reports`
 * (the monthly report), `/static/app.js`, and the public `/report` and `/satisfaction`. Staff pages need a
 * session cookie (PIN sign-in); the public pages are rate-limited by the complaints service.
 */
export function webRoutes(deps: WebDeps): Router {
  const { accounts, problems } = accountsFrom(deps.web, deps.people);
  for (const p of problems) deps.logger.warn(p);
  const repo = new WebRepo(deps.db);
  const sessions = createSessions({
    repo,
    clock: deps.clock,
    accounts,
    lockout: deps.web.lockout,
    sessionMinutes: deps.web.sessionMinutes,
  });
  const ctx = new WebContext(deps, sessions);
  const { s } = ctx;
  const script = loadScript();
  const r = Router();
  const form = express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 20 });

  r.get('/static/app.js', (_req, res) => {
    res.type('text/javascript; charset=utf-8').set('Cache-Control', 'public, max-age=3600').send(script);
  });

  r.use(pageHeaders);
  r.use(async (req, res, next) => {
    res.locals.webUser = await sessions.current(parseCookies(req.headers.cookie).get(sessionCookie));
    next();
  });

  const requireUser = (req: Request, res: Response, next: NextFunction) => {
    if (ctx.user(res)) return next();
    if (req.method === 'GET') return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    throw new ServiceError('unauthorized', s.signInFirst);
  };

  r.use(signInRoutes(ctx, accounts, requireUser, form));

  r.get('/', requireUser, async (_req, res) => {
    const [view, duty] = await Promise.all([loadStatus(deps), deps.duty.view()]);
    const block = dutyBlock(duty.today, dutyStrings(deps.language));
    ctx.send(res, 200, s.status, html`${block}${statusBody(view, s, deps.timeZone)}`, 30);
  });

  r.get('/qr', requireUser, async (req, res) => {
    const base = (deps.publicUrl ?? `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`).replace(
      /\/+$/,
      '',
    );
    const devices = await deps.devices.list();
    const byDevice = new Map(deps.hygiene.plan.targets.filter((t) => t.device).map((t) => [t.device, t]));
    // The whole zone's satisfaction evaluation first (attachment 4), then each device: its report and
    // satisfaction codes (not for plugs, which the public form does not list) and its hygiene code.
    const items: QrItem[] = [{ id: '', name: deps.siteName, rateDevice: '' }];
    for (const d of devices) {
      const t = byDevice.get(d.id);
      items.push({
        id: d.id,
        name: d.name,
        location: d.location,
        ...(d.type === 'plug' ? {} : { reportDevice: d.id, rateDevice: d.id }),
        ...(t ? { hygieneTarget: t.id } : {}),
      });
    }
    // Areas (targets that are not a device) get a hygiene code of their own.
    for (const t of deps.hygiene.plan.targets) {
      if (!t.device) items.push({ id: t.id, name: t.name, hygieneTarget: t.id });
    }
    ctx.send(res, 200, s.qrSheet, await qrBody(items, base, s));
  });

  r.use(actionRoutes(ctx, requireUser, form));
  r.use(publicRoutes(ctx, form));
  r.use(complaintRoutes(ctx, requireUser, form));
  r.use(dutyRoutes(ctx, requireUser, form));
  r.use(reportPages(ctx, requireUser));
  r.use(pageErrors(ctx));
  return r;
}

function pageErrors(ctx: WebContext): ErrorRequestHandler {
  const { s } = ctx;
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const show = (status: number, text: string) =>
      ctx.send(
        res,
        status,
        status === 404 ? s.notFound : s.invalid.replace(/[:：]\s*$/, ''),
        html`${message(text, true)}<p><a href="/">${s.back}</a></p>`,
      );
    if (err instanceof ServiceError) return show(statusOf[err.code], err.message);
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') return show(413, 'request body too large');
    if (typeof type === 'string' && type.startsWith('entity.')) return show(400, 'malformed form');
    ctx.deps.logger.error({ err, method: req.method, path: req.path }, 'page failed');
    show(500, 'internal error; the technician can find details in the zoneops log');
  };
}
