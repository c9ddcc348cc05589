import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Actor } from '../domain/access.js';
import { type ErrorCode, ServiceError } from '../domain/errors.js';
import type { Language } from '../domain/messages.js';
import { auditDenied } from '../http/guard.js';
import { anonymousToken, cookie, parseCookies, tokensMatch } from './csrf.js';
import type { WebDeps } from './deps.js';
import type { SafeHtml } from './html.js';
import { type Strings, strings } from './i18n.js';
import { page } from './pages/layout.js';
import type { TimeContext } from './pages/parts.js';
import type { Sessions, WebUser } from './sessions.js';

export const sessionCookie = 'zo_session';
const anonCookie = 'zo_anon';
export const langCookie = 'zo_lang';

/**
 * Security headers for every page: no framing, scripts only from us, forms only to us; the page script
 * may fetch the page it is on again (`connect-src 'self'`, to refresh the live regions).
 */
export function pageHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set(
    'Content-Security-Policy',
    "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
  res.set('X-Frame-Options', 'DENY');
  res.set('Referrer-Policy', 'same-origin');
  next();
}

/** A refusal written for the page's reader (in their language): shown as it is by the error page. */
export function pageError(code: ErrorCode, message: string): ServiceError {
  return new ServiceError(code, message, { forPage: true });
}

/** Shared per-router state and helpers of the page handlers. */
export class WebContext {
  readonly anonKey = randomBytes(32);

  constructor(
    readonly deps: WebDeps,
    readonly sessions: Sessions,
  ) {}

  user(res: Response): WebUser | undefined {
    return res.locals.webUser as WebUser | undefined;
  }

  /** The reader's language: their choice (the language link) or the zone's. */
  lang(req: Request): Language {
    const chosen = parseCookies(req.headers.cookie).get(langCookie);
    return chosen === 'en' ? 'en' : chosen === 'zh-CN' ? 'zh-CN' : this.deps.language;
  }

  t(res: Response): Strings {
    return strings((res.locals.lang as Language | undefined) ?? this.deps.language);
  }

  time(): TimeContext {
    return { now: this.deps.clock.now(), tz: this.deps.timeZone };
  }

  actor(req: Request, user: WebUser): Actor {
    return { name: user.name, role: user.role, remoteAddr: req.ip ?? '', via: 'web' };
  }

  send(res: Response, status: number, title: string, body: SafeHtml, style?: string): void {
    res
      .status(status)
      .type('text/html; charset=utf-8')
      .send(
        page({
          s: this.t(res),
          siteName: this.deps.siteName,
          title,
          user: this.user(res),
          body,
          path: (res.locals.path as string | undefined) ?? '/',
          ...(style ? { style } : {}),
        }),
      );
  }

  /** The anonymous form cookie (set when missing) and the CSRF token that goes with it. */
  anonToken(req: Request, res: Response): string {
    let id = parseCookies(req.headers.cookie).get(anonCookie);
    if (!id) {
      id = randomBytes(18).toString('base64url');
      res.append('Set-Cookie', cookie(anonCookie, id, { secure: this.deps.web.secureCookies }));
    }
    return anonymousToken(this.anonKey, id);
  }

  /** Writes one audit row for something a signed-in (or public) visitor did on a page. */
  async audit(
    req: Request,
    user: WebUser | undefined,
    action: string,
    target: string,
    detail: Record<string, unknown> = {},
  ): Promise<void> {
    await this.deps.audit.append({
      at: this.deps.clock.now(),
      actor: user?.name ?? 'public',
      role: user?.role ?? 'public',
      action,
      target,
      remoteAddr: req.ip ?? '',
      detail: { ...detail, via: 'web' },
    });
  }

  /** Refuses with 403 when the signed-in role is too low; a refused change is audited as on the API. */
  async deny(req: Request, res: Response, need: string): Promise<never> {
    const user = this.user(res);
    if (user) await auditDenied(this.deps.audit, this.deps.clock, req, user, need, 'web');
    throw pageError('forbidden', this.t(res).forbidden);
  }

  /**
   * A service's own refusal for the role (ServiceError forbidden) audited like `deny` and the API's guard,
   * then passed on with the service's words.
   */
  async auditForbidden(req: Request, res: Response, err: unknown, need: string): Promise<never> {
    const user = this.user(res);
    if (err instanceof ServiceError && err.code === 'forbidden' && user)
      await auditDenied(this.deps.audit, this.deps.clock, req, user, need, 'web');
    throw err;
  }

  /** Refuses a form whose CSRF token does not belong to this session (or this anonymous visitor). */
  checkCsrf(req: Request, res: Response, form: 'session' | 'anonymous' = 'session'): void {
    const presented = (req.body as Record<string, unknown> | undefined)?.csrf;
    // The sign-in form always carries the anonymous token, also when someone is already signed in
    // (another attendant taking over the shared phone).
    const user = form === 'anonymous' ? undefined : this.user(res);
    let ok: boolean;
    if (user) {
      ok = tokensMatch(user.csrf, presented);
    } else {
      const id = parseCookies(req.headers.cookie).get(anonCookie);
      ok = id !== undefined && tokensMatch(anonymousToken(this.anonKey, id), presented);
    }
    if (!ok) throw pageError('forbidden', this.t(res).formExpired);
  }
}

/** A single text field of a parsed form (repeated or missing fields are undefined). */
export function field(body: unknown, name: string): string | undefined {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : undefined;
}

/** A single query parameter (repeated ones are ignored: undefined). */
export function queryOf(req: Request, name: string): string | undefined {
  const v = req.query[name];
  return typeof v === 'string' ? v : undefined;
}

/** Trimmed text with line breaks folded to spaces; other control characters make it invalid (null). */
export function cleanText(v: string | undefined, max: number): string | undefined | null {
  if (v === undefined) return undefined;
  const t = v.replace(/[\r\n\t]+/g, ' ').trim();
  if (t === '') return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  if ([...t].length > max || /[\u0000-\u001f\u007f]/.test(t)) return null;
  return t;
}

/** Only local paths may be a redirect target after sign-in (no open redirect). */
export function safeNext(v: string | undefined): string {
  return v && /^\/(?![/\\])[\x21-\x7e]{0,300}$/.test(v) ? v : '/';
}

/** Numeric record ids in paths (`/faults/12`); anything else is a 404 page, never a 500. */
export function numericId(raw: unknown, s: Strings): number {
  const v = String(raw ?? '');
  if (!/^\d{1,12}$/.test(v)) throw pageError('not-found', s.notFound);
  return Number(v);
}
