import { type Request, type RequestHandler, type Response, Router } from 'express';
import { roleAtLeast } from '../domain/access.js';
import { field, pageError, queryOf, safeNext, sessionCookie, type WebContext } from './context.js';
import { cookie } from './csrf.js';
import { html } from './html.js';
import { loginBody } from './pages/forms.js';
import { formatTime, message } from './pages/layout.js';
import { lockoutsBody } from './pages/lockouts.js';
import type { Account, WebUser } from './sessions.js';

/**
 * At most one audit row a minute per client address for failed sign-ins (a flood of wrong PINs or of
 * made-up names must not fill the audit log); the next row says how many were left out.
 */
class FailureAuditLimit {
  readonly #last = new Map<string, { at: number; left: number }>();
  take(address: string, now: number): { write: boolean; leftOut: number } {
    const prev = this.#last.get(address);
    if (prev && now - prev.at < 60_000) {
      prev.left++;
      return { write: false, leftOut: 0 };
    }
    if (this.#last.size > 5000) {
      for (const [k, v] of this.#last) if (now - v.at >= 60_000) this.#last.delete(k);
    }
    this.#last.set(address, { at: now, left: 0 });
    return { write: true, leftOut: prev?.left ?? 0 };
  }
}

/** `/login`, `/logout` and the technician's `/lockouts` page. */
export function signInRoutes(
  ctx: WebContext,
  accounts: readonly Account[],
  requireUser: RequestHandler,
  form: RequestHandler,
): Router {
  const { deps, sessions } = ctx;
  const r = Router();
  const failures = new FailureAuditLimit();
  const listed = deps.web.listNames ? accounts : undefined;

  /** A sign-in in the audit log: every success; failures at most once a minute per address (FailureAuditLimit). */
  const auditFailure = (
    req: Request,
    person: string,
    reason: string | undefined,
    now: number,
    leftOut: number,
  ) =>
    deps.audit.append({
      at: now,
      actor: person.slice(0, 64),
      role: 'web',
      action: reason === undefined ? 'web.sign-in' : `web.sign-in-${reason}`,
      target: `person:${person.slice(0, 64)}`,
      remoteAddr: req.ip ?? '',
      detail: leftOut > 0 ? { failuresNotAuditedInTheLastMinute: leftOut } : {},
    });

  const loginPage = (req: Request, res: Response, status: number, msg?: string, selected?: string) => {
    const s = ctx.t(res);
    const next = safeNext(field(req.body, 'next') ?? queryOf(req, 'next'));
    ctx.send(
      res,
      status,
      s.signIn,
      html`${message(msg, status >= 400 ? 'err' : 'ok')}${loginBody(s, listed, ctx.anonToken(req, res), next, selected)}`,
    );
  };

  r.get('/login', (req, res) => loginPage(req, res, 200));

  /** The answer to a try that must wait: what to do and when (also what a refused burst costs, so it is small). */
  const tryLater = (req: Request, res: Response, msg: string, until: number, selected?: string) => {
    const s = ctx.t(res);
    const seconds = Math.max(1, Math.ceil((until - deps.clock.now()) / 1000));
    res.set('Retry-After', String(seconds));
    return selected === undefined
      ? ctx.send(res, 429, s.signIn, html`${message(msg, 'err')}<p><a href="/login">${s.signIn}</a></p>`)
      : loginPage(req, res, 429, msg, selected);
  };

  // An address that must wait is answered before its form is even read: a burst of tries from it costs
  // next to nothing, and none of them is checked or counted.
  r.post('/login', async (req, res, next) => {
    const until = await sessions.addressWaitUntil(req.ip ?? '');
    if (until === undefined) return next();
    const now = deps.clock.now();
    const audited = failures.take(req.ip ?? '', now);
    if (audited.write) await auditFailure(req, '', 'slow-down', now, audited.leftOut);
    const s = ctx.t(res);
    tryLater(req, res, s.slowDown(Math.max(1, Math.ceil((until - now) / 1000))), until);
  });

  r.post('/login', form, async (req, res) => {
    ctx.checkCsrf(req, res, 'anonymous');
    const s = ctx.t(res);
    // Listed names post the account id; a typed name is looked up (an unknown one costs the same time).
    const typed = field(req.body, 'name')?.trim();
    const person =
      typed !== undefined && !deps.web.listNames
        ? (accounts.find((a) => a.name === typed)?.personId ?? typed)
        : (field(req.body, 'person') ?? '');
    const pin = field(req.body, 'pin') ?? '';
    if (person === '' || pin === '' || pin.length > 200) return loginPage(req, res, 400, s.badPin, person);
    const result = await sessions.signIn(person.slice(0, 64), pin, req.ip ?? '');
    const now = deps.clock.now();
    const audited = result.ok ? { write: true, leftOut: 0 } : failures.take(req.ip ?? '', now);
    if (audited.write) {
      await auditFailure(req, person, result.ok ? undefined : result.reason, now, audited.leftOut);
    }
    if (!result.ok) {
      if (result.reason === 'bad-pin') return loginPage(req, res, 401, s.badPin, person);
      const msg =
        result.reason === 'locked'
          ? s.locked(formatTime(result.until, deps.timeZone))
          : result.reason === 'slow-down'
            ? s.slowDown(Math.max(1, Math.ceil((result.until - now) / 1000)))
            : s.busy;
      return tryLater(req, res, msg, result.until, person);
    }
    const maxAge = Math.floor((result.expiresAt - now) / 1000);
    res.append(
      'Set-Cookie',
      cookie(sessionCookie, result.cookieValue, { maxAgeSeconds: maxAge, secure: deps.web.secureCookies }),
    );
    res.redirect(303, safeNext(field(req.body, 'next')));
  });

  r.post('/logout', form, requireUser, async (req, res) => {
    ctx.checkCsrf(req, res);
    const user = ctx.user(res);
    if (user) await sessions.signOut(user);
    res.append('Set-Cookie', cookie(sessionCookie, '', { maxAgeSeconds: 0, secure: deps.web.secureCookies }));
    res.redirect(303, '/login');
  });

  const technician = (res: Response) => {
    const user = ctx.user(res) as WebUser;
    return roleAtLeast(user.role, 'technician') ? user : undefined;
  };

  r.get('/lockouts', requireUser, async (req, res) => {
    const user = technician(res);
    if (!user) return ctx.deny(req, res, 'technician');
    const s = ctx.t(res);
    const view = await sessions.lockoutView();
    const saved =
      typeof req.query.lifted === 'string'
        ? accounts.find((a) => a.personId === req.query.lifted)
        : undefined;
    ctx.send(
      res,
      200,
      s.lockouts,
      lockoutsBody(s, s.lang, {
        rows: view,
        lifted: saved?.name,
        csrf: user.csrf,
        timeZone: deps.timeZone,
      }),
    );
  });

  r.post('/lockouts/:person/lift', form, requireUser, async (req, res) => {
    ctx.checkCsrf(req, res);
    const user = technician(res);
    if (!user) return ctx.deny(req, res, 'technician');
    const person = String(req.params.person ?? '');
    if (!(await sessions.liftLockout(person, user.name))) throw pageError('not-found', ctx.t(res).notFound);
    await ctx.audit(req, user, 'web.lockout-lift', `person:${person}`);
    res.redirect(303, `/lockouts?lifted=${encodeURIComponent(person)}`);
  });

  return r;
}
