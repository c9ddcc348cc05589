import { existsSync, readFileSync } from 'node:fs';
import express, {
  type ErrorRequestHandler,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
  Router,
} from 'express';
import { ServiceError } from '../domain/errors.js';
import { statusOf } from '../http/problem.js';
import { complaintRoutes } from './complaint-routes.js';
import {
  langCookie,
  pageError,
  pageHeaders,
  queryOf,
  safeNext,
  sessionCookie,
  WebContext,
} from './context.js';
import { cookie, parseCookies } from './csrf.js';
import type { WebDeps } from './deps.js';
import { dutyRoutes } from './duty-routes.js';
import { html } from './html.js';
import { dutyStrings } from './i18n-duty.js';
import { dutyBlock } from './pages/duty-block.js';
import { message } from './pages/layout.js';
import { statusBody } from './pages/status.js';
import { publicRoutes } from './public-routes.js';
import { reportPages } from './report-pages.js';
import { devicePages } from './routes/devices.js';
import { faultPages } from './routes/faults.js';
import { hygienePages } from './routes/hygiene.js';
import { powerPages } from './routes/power.js';
import { publicPages } from './routes/public.js';
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
 * The staff and public web pages, mounted at the root of the HTTP app (before its 404 handler): `/`
 * status, `/login`, `/logout`, `/lang`, `/faults…`, `/devices…`, `/power…`, `/reports…` (the monthly
 * report, its files and the hygiene compliance table), `/hygiene/record…`, `/complaints…`, `/duty…`,
 * `/qr`, `/static/app.js`, and the public `/report` and `/satisfaction` (public-routes.ts, rate-limited
 * by the complaints service). Staff pages need a session cookie (PIN sign-in), never a bearer token. A
 * browser asking for an unknown page gets an HTML 404 in its language; `/api` keeps its JSON.
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
  const script = loadScript();
  const r = Router();
  const form = express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 20 });

  r.get('/static/app.js', (_req, res) => {
    res.type('text/javascript; charset=utf-8').set('Cache-Control', 'public, max-age=3600').send(script);
  });

  r.use((req, res, next) => {
    if (req.path.startsWith('/api/')) return next('router');
    pageHeaders(req, res, next);
  });
  r.use(async (req, res, next) => {
    res.locals.lang = ctx.lang(req);
    res.locals.path = req.originalUrl.slice(0, 300);
    res.locals.webUser = await sessions.current(parseCookies(req.headers.cookie).get(sessionCookie));
    next();
  });

  const requireUser: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    if (ctx.user(res)) return next();
    if (req.method === 'GET') return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    throw pageError('unauthorized', ctx.t(res).signInFirst);
  };

  r.use(signInRoutes(ctx, accounts, requireUser, form));

  // The reader's language (a preference, not a secret): remembered for a year, then back where they were.
  r.get('/lang', (req, res) => {
    const to = queryOf(req, 'to') === 'en' ? 'en' : 'zh-CN';
    res.append(
      'Set-Cookie',
      cookie(langCookie, to, { maxAgeSeconds: 365 * 86_400, secure: deps.web.secureCookies }),
    );
    res.redirect(303, safeNext(queryOf(req, 'next')));
  });

  r.get('/', requireUser, async (_req, res) => {
    const s = ctx.t(res);
    const [view, duty] = await Promise.all([loadStatus(deps, s), deps.duty.view()]);
    const block = dutyBlock(duty.today, dutyStrings(s.lang));
    ctx.send(res, 200, s.status, html`${block}${statusBody(view, s, ctx.time())}`);
  });

  r.use(faultPages(ctx, requireUser, form));
  r.use(devicePages(ctx, requireUser, form));
  r.use(powerPages(ctx, requireUser, form));
  r.use(reportPages(ctx, requireUser));
  r.use(hygienePages(ctx, requireUser));
  r.use(publicRoutes(ctx, form));
  r.use(complaintRoutes(ctx, requireUser, form));
  r.use(dutyRoutes(ctx, requireUser, form));
  r.use(publicPages(ctx, requireUser));

  // A browser asking for a page that does not exist: a 404 page in its language (`/api` stays JSON).
  r.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.accepts(['json', 'html']) !== 'html') return next();
    const s = ctx.t(res);
    ctx.send(res, 404, s.notFound, html`<p>${s.notFoundHint}</p><p><a href="/">${s.backToStatus}</a></p>`);
  });
  r.use(pageErrors(ctx));
  return r;
}

function pageErrors(ctx: WebContext): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const s = ctx.t(res);
    const show = (status: number, text: string) =>
      ctx.send(
        res,
        status,
        status === 404 ? s.notFound : s.errorTitle,
        html`${message(text, 'err')}<p><a href="/">${s.backToStatus}</a></p>`,
      );
    if (err instanceof ServiceError) {
      // A refusal written for this page is shown as it is; a service's own (English) text is not.
      if (err.extra.forPage !== true)
        ctx.deps.logger.info({ code: err.code, detail: err.message, path: req.path }, 'page request refused');
      return show(
        statusOf[err.code],
        err.extra.forPage === true ? err.message : (s.errors[err.code] ?? s.internal),
      );
    }
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large')
      return show(413, s.tooLarge((ctx.deps.hygiene.photoMaxBytes / 1024 / 1024).toFixed(0)));
    if (typeof type === 'string' && type.startsWith('entity.')) return show(400, s.malformed);
    if ((err as { code?: string }).code === 'SQLITE_FULL') return show(503, s.errors.unavailable as string);
    ctx.deps.logger.error({ err, method: req.method, path: req.path }, 'page failed');
    show(500, s.internal);
  };
}
