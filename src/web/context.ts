import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { ServiceError } from '../domain/errors.js';
import { auditDenied } from '../http/guard.js';
import { anonymousToken, cookie, parseCookies, tokensMatch } from './csrf.js';
import type { WebDeps } from './deps.js';
import type { SafeHtml } from './html.js';
import { type Strings, strings } from './i18n.js';
import { page } from './pages/layout.js';
import type { Sessions, WebUser } from './sessions.js';

export const sessionCookie = 'zo_session';
const anonCookie = 'zo_anon';

/** Security headers for every page: no framing, scripts only from us, forms only to us. */
export function pageHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set(
    'Content-Security-Policy',
    "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
  res.set('X-Frame-Options', 'DENY');
  res.set('Referrer-Policy', 'same-origin');
  next();
}

/** Shared per-router state and helpers of the page handlers. */
export class WebContext {
  readonly s: Strings;
  readonly anonKey = randomBytes(32);

  constructor(
    readonly deps: WebDeps,
    readonly sessions: Sessions,
  ) {
    this.s = strings(deps.language);
  }

  user(res: Response): WebUser | undefined {
    return res.locals.webUser as WebUser | undefined;
  }

  send(res: Response, status: number, title: string, body: SafeHtml, refreshSeconds?: number): void {
    res
      .status(status)
      .type('text/html; charset=utf-8')
      .send(
        page({
          s: this.s,
          siteName: this.deps.siteName,
          title,
          user: this.user(res),
          body,
          ...(refreshSeconds ? { refreshSeconds } : {}),
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
    throw new ServiceError('forbidden', this.s.forbidden);
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
    if (!ok) throw new ServiceError('forbidden', this.s.formExpired);
  }
}

/** A single text field of a parsed form (repeated or missing fields are undefined). */
export function field(body: unknown, name: string): string | undefined {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : undefined;
}

/** Trimmed text with line breaks folded to spaces; other control characters make it invalid (null). */
export function cleanText(v: string | undefined, max: number): string | undefined | null {
  if (v === undefined) return undefined;
  const t = v.replace(/[\r\n\t]+/g, ' ').trim();
  if (t === '') return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  if (t.length > max || /[\u0000-\u001f\u007f]/.test(t)) return null;
  return t;
}

/** Only local paths may be a redirect target after sign-in (no open redirect). */
export function safeNext(v: string | undefined): string {
  return v && /^\/(?![/\\])[\x21-\x7e]{0,300}$/.test(v) ? v : '/';
}
