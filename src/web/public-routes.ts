import { createHmac, randomBytes } from 'node:crypto';
import { type Request, type RequestHandler, type Response, Router } from 'express';
import { caseNumberPattern } from '../domain/complaint.js';
import { complaintWords } from '../domain/complaint-texts.js';
import { ServiceError } from '../domain/errors.js';
import { formatLocal } from '../domain/local-time.js';
import type { FieldError } from '../domain/public-input.js';
import { isAreaAsset } from '../inventory/assets.js';
import { field, type WebContext } from './context.js';
import { parseCookies } from './csrf.js';
import { html } from './html.js';
import { complaintStrings } from './pages/complaint-strings.js';
import {
  type DeviceChoice,
  type FormValues,
  reportFormBody,
  reportReceivedBody,
  satisfactionBody,
} from './pages/report-form.js';

const anonCookie = 'zo_anon';

/** A public form shown again: what was typed, what is wrong with it, a notice above it. */
interface Shown {
  values: FormValues;
  errors?: FieldError[];
  notice?: { text: string; error: boolean };
}

/**
 * The citizen's pages (no sign-in): `/report` (the report and complaint form, from the QR code or the
 * list), `/report/received` (the confirmation with the case number), `/satisfaction` and its thanks.
 * Post-redirect-get: a refresh never sends a report twice, and the form's one-time key makes a second
 * tap or the back button show the same case instead of storing another. Every error keeps the input.
 */
export function publicRoutes(ctx: WebContext, form: RequestHandler): Router {
  const { deps } = ctx;
  const lang = deps.language;
  const s = complaintStrings(lang);
  const W = complaintWords(lang);
  const complaints = deps.complaints.service;
  const r = Router();
  const sign = (caseNo: string) =>
    createHmac('sha256', ctx.anonKey).update(`zoneops-case:${caseNo}`).digest('base64url').slice(0, 22);

  /** Devices a citizen may choose: no plugs, areas as areas, each name once (with its location when needed). */
  async function choices(): Promise<DeviceChoice[]> {
    const list = (await deps.devices.list()).filter((d) => complaints.reportable(d));
    const label = (d: (typeof list)[number]) =>
      d.location && !d.name.includes(d.location) && !isAreaAsset(d) ? `${d.name}（${d.location}）` : d.name;
    const seen = new Map<string, number>();
    for (const d of list) seen.set(label(d), (seen.get(label(d)) ?? 0) + 1);
    return list.map((d) => ({
      id: d.id,
      label: (seen.get(label(d)) ?? 0) > 1 ? `${label(d)} · ${d.assetNo}` : label(d),
      area: isAreaAsset(d),
    }));
  }
  const values = (req: Request, names: readonly string[]): FormValues =>
    Object.fromEntries(names.map((n) => [n, field(req.body, n)]));
  const client = (req: Request) => ({
    address: req.ip ?? '',
    cookie: parseCookies(req.headers.cookie).get(anonCookie),
    source: 'web' as const,
  });
  const errorsOf = (err: unknown): FieldError[] | undefined =>
    err instanceof ServiceError && err.code === 'invalid'
      ? ((err.extra.errors as FieldError[] | undefined) ?? [{ field: 'form', message: err.message }])
      : undefined;

  async function showForm(req: Request, res: Response, status: number, o: Shown & { nonce?: string }) {
    const devices = await choices();
    ctx.send(
      res,
      status,
      s.report,
      reportFormBody(
        {
          devices,
          values: o.values,
          errors: o.errors ?? [],
          notice: o.notice,
          csrf: ctx.anonToken(req, res),
          nonce: o.nonce ?? randomBytes(16).toString('base64url'),
        },
        lang,
      ),
    );
  }

  r.get('/report', async (req, res) => {
    const q = typeof req.query.device === 'string' ? req.query.device : '';
    const known = (await choices()).some((d) => d.id === q);
    await showForm(req, res, 200, { values: { device: known ? q : '' } });
  });

  r.post('/report', form, async (req, res) => {
    const v = values(req, ['device', 'problem', 'description', 'contact']);
    const nonce = field(req.body, 'nonce');
    const keep = { values: v, ...(nonce && /^[A-Za-z0-9_-]{16,64}$/.test(nonce) ? { nonce } : {}) };
    try {
      ctx.checkCsrf(req, res);
    } catch {
      return showForm(req, res, 403, { ...keep, notice: { text: ctx.t(res).formExpired, error: true } });
    }
    try {
      const out = await complaints.report(
        { device: v.device, problem: v.problem, description: v.description, contact: v.contact },
        { ...client(req), ...(keep.nonce ? { submissionKey: keep.nonce } : {}) },
        false,
      );
      const caseNo = out.complaint.caseNo;
      res.redirect(303, `/report/received?case=${encodeURIComponent(caseNo)}&sig=${sign(caseNo)}`);
    } catch (err) {
      const errors = errorsOf(err);
      if (errors) return showForm(req, res, 400, { ...keep, errors });
      if (err instanceof ServiceError && err.code === 'rate-limited') {
        res.set('Retry-After', String(err.extra.retryAfterSeconds ?? 60));
        return showForm(req, res, 429, { ...keep, notice: { text: err.message, error: true } });
      }
      throw err;
    }
  });

  r.get('/report/received', async (req, res) => {
    const caseNo = typeof req.query.case === 'string' ? req.query.case : '';
    const sig = typeof req.query.sig === 'string' ? req.query.sig : '';
    if (!caseNumberPattern.test(caseNo) || sig !== sign(caseNo))
      throw new ServiceError('not-found', ctx.t(res).notFound);
    const found = (await complaints.list({ caseNo, limit: 1 }))[0];
    if (!found) throw new ServiceError('not-found', ctx.t(res).notFound);
    ctx.send(
      res,
      200,
      s.received,
      reportReceivedBody(
        {
          caseNo,
          acceptBy: formatLocal(found.acceptDueAt, deps.timeZone),
          nextSteps: W.nextStepsDays(deps.complaints.acceptWorkingDays),
          device: found.deviceId ?? undefined,
        },
        lang,
      ),
    );
  });

  async function showRating(req: Request, res: Response, status: number, o: Shown & { token?: string }) {
    const token = o.token;
    const caseNo = token ? await complaints.caseOfToken(token) : undefined;
    ctx.send(
      res,
      status,
      s.satisfaction,
      satisfactionBody(
        {
          devices: (await choices()).filter((d) => !d.area),
          values: o.values,
          errors: o.errors ?? [],
          notice: o.notice,
          csrf: ctx.anonToken(req, res),
          ...(token && caseNo ? { token, caseNo } : {}),
        },
        lang,
      ),
    );
  }

  r.get('/satisfaction', async (req, res) => {
    const device = typeof req.query.device === 'string' ? req.query.device : '';
    const token = typeof req.query.c === 'string' ? req.query.c : undefined;
    const known = (await choices()).some((d) => d.id === device && !d.area);
    await showRating(req, res, 200, { values: { device: known ? device : '' }, ...(token ? { token } : {}) });
  });

  r.post('/satisfaction', form, async (req, res) => {
    const v = values(req, ['device', 'rating', 'comment']);
    const token = field(req.body, 'c');
    const keep = { values: v, ...(token ? { token } : {}) };
    try {
      ctx.checkCsrf(req, res);
    } catch {
      return showRating(req, res, 403, { ...keep, notice: { text: ctx.t(res).formExpired, error: true } });
    }
    try {
      await complaints.rate(
        { device: v.device, rating: v.rating, comment: v.comment },
        client(req),
        false,
        token,
      );
      res.redirect(303, '/satisfaction/thanks');
    } catch (err) {
      const errors = errorsOf(err);
      if (errors) return showRating(req, res, 400, { ...keep, errors });
      if (
        err instanceof ServiceError &&
        (err.code === 'rate-limited' || err.code === 'conflict' || err.code === 'not-found')
      ) {
        if (err.code === 'rate-limited') res.set('Retry-After', String(err.extra.retryAfterSeconds ?? 60));
        const status = err.code === 'rate-limited' ? 429 : err.code === 'conflict' ? 409 : 404;
        return showRating(req, res, status, { values: v, notice: { text: err.message, error: true } });
      }
      throw err;
    }
  });

  r.get('/satisfaction/thanks', (_req, res) => {
    ctx.send(res, 200, s.thanks, satisfactionThanks(s));
  });

  return r;
}

function satisfactionThanks(s: ReturnType<typeof complaintStrings>) {
  return html`<section><p class="msg" role="status">${s.thanks}</p></section><p><a href="/report">${s.report}</a></p>`;
}
