import { type Request, type RequestHandler, type Response, Router } from 'express';
import { mayContactVendor } from '../../domain/access.js';
import { type FaultKind, faultKinds } from '../../domain/fault-kinds.js';
import { type FaultState, faultStates } from '../../domain/fault-lifecycle.js';
import { stillReported } from '../../domain/fault-rules.js';
import { localTime } from '../../domain/local-time.js';
import { whenText } from '../../domain/relative-time.js';
import { cleanText, field, numericId, pageError, queryOf, type WebContext } from '../context.js';
import { html } from '../html.js';
import type { Strings } from '../i18n.js';
import { confirmResolveBody, faultBody } from '../pages/fault.js';
import { faultTable, faultTitle, sortFaults } from '../pages/fault-list.js';
import { filterForm } from '../pages/filters.js';
import { message } from '../pages/layout.js';
import { emptyForm, type FormState } from '../pages/parts.js';
import { faultNames } from '../view-data.js';
import { parseLocalDateTime } from './forms.js';

const dayMs = 86_400_000;

/** `/faults` (filters), `/faults/:id` (the asset's contacts beside the timeline) and the fault actions. */
export function faultPages(ctx: WebContext, requireUser: RequestHandler, form: RequestHandler): Router {
  const { deps } = ctx;
  const r = Router();

  const load = async (req: Request, res: Response) => {
    const found = await deps.faults.get(numericId(req.params.id, ctx.t(res)));
    if (!found) throw pageError('not-found', ctx.t(res).notFound);
    return found;
  };

  r.get('/faults', requireUser, async (req, res) => {
    const s = ctx.t(res);
    const t = ctx.time();
    const stateQ = queryOf(req, 'state') ?? 'active';
    const kindQ = queryOf(req, 'kind') ?? '';
    const deviceQ = queryOf(req, 'device') ?? '';
    const devices = await deps.devices.list();
    const state =
      stateQ === 'all' || stateQ === 'active' || (faultStates as readonly string[]).includes(stateQ);
    const kind = kindQ === '' || (faultKinds as readonly string[]).includes(kindQ);
    const device = deviceQ === '' || devices.some((d) => d.id === deviceQ);
    const list = sortFaults(
      await deps.faults.list({
        ...(state && stateQ !== 'all'
          ? { state: stateQ as FaultState | 'active' }
          : !state
            ? { state: 'active' }
            : {}),
        ...(kind && kindQ !== '' ? { kind: kindQ as FaultKind } : {}),
        ...(device && deviceQ !== '' ? { deviceId: deviceQ } : {}),
        limit: 200,
      }),
    );
    const recentKinds = new Set((await deps.faults.list({ limit: 500 })).map((f) => f.kind));
    const filters = filterForm('/faults', s, [
      {
        name: 'state',
        label: s.state,
        value: state ? stateQ : 'active',
        options: [
          ['active', s.stateActive],
          ['all', s.stateAll],
          ...faultStates.map((x) => [x, s.faultStates[x]] as const),
        ],
      },
      {
        name: 'kind',
        label: s.kind,
        value: kind ? kindQ : '',
        options: [['', s.all], ...[...recentKinds].map((k) => [k, s.kindName(k)] as const)],
      },
      {
        name: 'device',
        label: s.device,
        value: device ? deviceQ : '',
        options: [['', s.all], ...devices.map((d) => [d.id, d.name] as const)],
      },
    ]);
    const bad = !(state && kind && device);
    ctx.send(
      res,
      bad ? 400 : 200,
      s.faultsTitle,
      html`${message(bad ? s.badQuery : undefined, 'warn')}${filters}<section aria-label="${s.faultsTitle}" id="live-faults" data-live data-count="${list.length}">${
        list.length ? faultTable(list, await faultNames(deps, list), s, t) : html`<p>${s.noFaults}</p>`
      }</section>`,
    );
  });

  const show = async (
    req: Request,
    res: Response,
    status: number,
    forms: { vendor?: FormState; resolve?: FormState; msg?: string; kind?: 'ok' | 'err' } = {},
  ) => {
    const s = ctx.t(res);
    const t = ctx.time();
    const user = ctx.user(res);
    if (!user) throw pageError('unauthorized', s.signInFirst);
    const { fault, events } = await load(req, res);
    const device = await deps.devices.get(fault.deviceId);
    const names = await faultNames(deps, [fault]);
    const reported = deps.readings
      .latest(fault.deviceId)
      .map((o) => o.printer?.makeAndModel)
      .find((m) => m);
    const model = deps.extras.find((x) => x.id === fault.deviceId)?.model ?? reported;
    const done = forms.msg ?? doneMessage(queryOf(req, 'done'), events, s, t.now, t.tz);
    ctx.send(
      res,
      status,
      faultTitle(fault, device?.name ?? s.device, s),
      html`${message(done, forms.kind ?? 'ok')}${faultBody(
        {
          fault,
          device,
          deviceName: device?.name ?? s.device,
          model,
          events,
          party: names.parties.get(fault.id),
          mayVendor: mayContactVendor(user),
          mayResolve: deps.faults.mayResolve(user, fault.kind),
          csrf: user.csrf,
          today: localTime(t.now, t.tz).date,
          names: {
            people: new Map(deps.people.map((p) => [p.id, p.name])),
            channels: new Map(deps.notifiers.map((n) => [n.id, n.type])),
          },
          vendorForm: forms.vendor ?? emptyForm,
          resolveForm: forms.resolve ?? emptyForm,
        },
        s,
        t,
      )}`,
    );
  };

  r.get('/faults/:id', requireUser, (req, res) => show(req, res, 200));

  r.post('/faults/:id/ack', form, requireUser, async (req, res) => {
    ctx.checkCsrf(req, res);
    const s = ctx.t(res);
    const user = ctx.user(res);
    if (!user) throw pageError('unauthorized', s.signInFirst);
    const { fault } = await load(req, res);
    if (fault.state !== 'open') throw pageError('conflict', s.alreadyAcked);
    const note = cleanText(field(req.body, 'note'), 2000);
    if (note === null) throw pageError('invalid', s.errNote(2000));
    await deps.faults.ack(fault.id, ctx.actor(req, user), note);
    await ctx.audit(req, user, 'fault.ack', `fault:${fault.id}`);
    res.redirect(303, `/faults/${fault.id}?done=ack`);
  });

  r.post('/faults/:id/vendor-contact', form, requireUser, async (req, res) => {
    ctx.checkCsrf(req, res);
    const s = ctx.t(res);
    const user = ctx.user(res);
    if (!user || !mayContactVendor(user)) return ctx.deny(req, res, 'technician');
    const { fault } = await load(req, res);
    if (fault.state === 'resolved' || fault.state === 'cleared') throw pageError('conflict', s.alreadyClosed);
    const values = {
      party: field(req.body, 'party') ?? '',
      whom: field(req.body, 'whom') ?? '',
      ticket: field(req.body, 'ticket') ?? '',
      promisedAt: field(req.body, 'promisedAt') ?? '',
      note: field(req.body, 'note') ?? '',
    };
    const errors: Record<string, string> = {};
    if (values.party !== 'vendor' && values.party !== 'service-provider') errors.party = s.errParty;
    const whom = cleanText(values.whom, 200);
    if (!whom) errors.whom = s.errWhom;
    const ticket = cleanText(values.ticket, 100);
    if (ticket === null) errors.ticket = s.errTicket;
    const note = cleanText(values.note, 2000);
    if (note === null) errors.note = s.errNote(2000);
    const now = deps.clock.now();
    let promisedAt: number | undefined;
    if (values.promisedAt.trim() !== '') {
      promisedAt = parseLocalDateTime(values.promisedAt.trim(), deps.timeZone);
      if (promisedAt === undefined) errors.promisedAt = s.errPromised;
      else if (promisedAt < now - 5 * 60_000) errors.promisedAt = s.errPromisedPast;
      else if (promisedAt > now + 90 * dayMs) errors.promisedAt = s.errPromisedFar;
    }
    if (Object.keys(errors).length > 0)
      return show(req, res, 400, { vendor: { values, errors }, msg: s.fixBelow, kind: 'err' });
    const party = values.party as 'vendor' | 'service-provider';
    await deps.faults.vendorContact(fault.id, ctx.actor(req, user), {
      party,
      whom: whom as string,
      ...(ticket ? { ticket } : {}),
      ...(promisedAt !== undefined ? { promisedAt } : {}),
      ...(note ? { note } : {}),
    });
    await ctx.audit(req, user, 'fault.vendor-contact', `fault:${fault.id}`, {
      party,
      ticket: ticket ?? null,
      promisedAt: promisedAt ?? null,
    });
    res.redirect(303, `/faults/${fault.id}?done=vendor`);
  });

  r.post('/faults/:id/resolve', form, requireUser, async (req, res) => {
    ctx.checkCsrf(req, res);
    const s = ctx.t(res);
    const user = ctx.user(res);
    const { fault } = await load(req, res);
    if (!user || !deps.faults.mayResolve(user, fault.kind)) return ctx.deny(req, res, 'technician');
    if (fault.state === 'resolved' || fault.state === 'cleared') throw pageError('conflict', s.alreadyClosed);
    const quick = cleanText(field(req.body, 'quick'), 100);
    const written = cleanText(field(req.body, 'note'), 2000);
    const values = { note: field(req.body, 'note') ?? '' };
    if (quick === null || written === null)
      return show(req, res, 400, {
        resolve: { values, errors: { note: s.errNote(2000) } },
        msg: s.fixBelow,
        kind: 'err',
      });
    const note = [quick, written].filter((x) => x).join(s.lang === 'en' ? '; ' : '；');
    if (note === '')
      return show(req, res, 400, {
        resolve: { values, errors: { note: s.errResolveNote } },
        msg: s.fixBelow,
        kind: 'err',
      });
    const device = await deps.devices.get(fault.deviceId);
    if (
      field(req.body, 'confirm') !== '1' &&
      device &&
      stillReported(fault.kind, device.status, device.conditions)
    ) {
      return ctx.send(
        res,
        200,
        s.stillActiveTitle,
        confirmResolveBody(fault.id, faultTitle(fault, device.name, s), note, user.csrf, s),
      );
    }
    await deps.faults.resolve(fault.id, ctx.actor(req, user), note);
    await ctx.audit(req, user, 'fault.resolve', `fault:${fault.id}`, {
      confirmedStillReported: field(req.body, 'confirm') === '1',
    });
    res.redirect(303, `/faults/${fault.id}?done=resolve`);
  });

  return r;
}

/** The page after an action says what was recorded, from the fault's own timeline. */
function doneMessage(
  done: string | undefined,
  events: ReadonlyArray<{ type: string; data: Record<string, unknown> }>,
  s: Strings,
  now: number,
  tz: string,
): string | undefined {
  if (done === 'ack') return s.acked;
  if (done === 'vendor') {
    const e = events.filter((x) => x.type === 'vendor-contacted').at(-1);
    if (!e) return undefined;
    const party = e.data.party === 'service-provider' ? s.serviceProvider : s.vendor;
    const promised =
      typeof e.data.promisedAt === 'number' ? whenText(e.data.promisedAt, now, tz, s.lang) : '';
    return s.vendorSaved(party, String(e.data.whom ?? ''), promised);
  }
  if (done === 'resolve') {
    const e = events.filter((x) => x.type === 'resolved').at(-1);
    return e ? s.resolved(String(e.data.note ?? '')) : undefined;
  }
  return undefined;
}
