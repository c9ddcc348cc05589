import { type Request, type RequestHandler, type Response, Router } from 'express';
import { mayOverride, roleAtLeast } from '../../domain/access.js';
import type { OverrideKind } from '../../domain/desired-power.js';
import type { DeviceType } from '../../domain/device.js';
import { hhmm, localTime } from '../../domain/local-time.js';
import { scheduledTypes } from '../../domain/office-hours.js';
import { cleanText, field, numericId, pageError, type WebContext } from '../context.js';
import { html } from '../html.js';
import type { Strings } from '../i18n.js';
import { message } from '../pages/layout.js';
import { emptyForm, type FormState } from '../pages/parts.js';
import { type PowerRow, powerBody } from '../pages/power.js';
import { overrideText } from '../pages/status.js';
import type { WebUser } from '../sessions.js';
import { overridesToday, realDevices } from '../view-data.js';
import { parseClock } from './forms.js';

const scheduled = new Set<string>(scheduledTypes);

/**
 * `/power`: today's plan per device, today's overrides (who, why, until), keep-on until HH:MM for staff,
 * force on/off for technicians (domain/access.ts mayOverride), cancel. The same schedule service and
 * audit entries as the API (`POST /api/v1/power/overrides`), then a reconciliation pass at once.
 */
export function powerPages(ctx: WebContext, requireUser: RequestHandler, form: RequestHandler): Router {
  const { deps } = ctx;
  const r = Router();

  const rows = async (now: number, s: Strings): Promise<PowerRow[]> => {
    const today = localTime(now, deps.timeZone).date;
    const plan = deps.schedule.view(today, 1, now).days[0];
    return (await realDevices(deps))
      .filter((d) => scheduled.has(d.type))
      .map((d) => {
        const desired = deps.schedule.desired(d.id, d.type as DeviceType, now);
        const windows = plan?.power[d.type] ?? [];
        return {
          id: d.id,
          name: d.name,
          type: d.type,
          switchable: d.powerMethod !== 'none',
          planned: windows.map((w) => `${w.on}–${w.off}`).join(s.list),
          wantOn: desired.on,
          reason: desired.reason,
        };
      });
  };

  const show = async (
    res: Response,
    status: number,
    forms: { keep?: FormState; force?: FormState; msg?: string; kind?: 'ok' | 'err' } = {},
  ) => {
    const s = ctx.t(res);
    const t = ctx.time();
    const user = ctx.user(res) as WebUser;
    const list = await rows(t.now, s);
    const overrides = (await overridesToday(deps, s, t.now)).map((o) => ({
      ...o,
      mayCancel: mayOverride(user, o.kind),
    }));
    ctx.send(
      res,
      status,
      s.powerTitle,
      html`${message(forms.msg, forms.kind ?? 'ok')}${powerBody(
        {
          day: deps.schedule.view(localTime(t.now, t.tz).date, 1, t.now).days[0],
          rows: list,
          overrides,
          mayForce: roleAtLeast(user.role, 'technician'),
          csrf: user.csrf,
          keepForm: forms.keep ?? emptyForm,
          forceForm: forms.force ?? { values: { action: 'off' }, errors: {} },
        },
        s,
        t,
      )}`,
    );
  };

  r.get('/power', requireUser, async (req, res) => {
    const s = ctx.t(res);
    const done = typeof req.query.done === 'string' ? req.query.done : undefined;
    const list = await overridesToday(deps, s, deps.clock.now());
    const o = list.find((x) => String(x.id) === done);
    await show(res, 200, { ...(o ? { msg: doneText(o, s, ctx) } : {}) });
  });

  /** Validates the device/zone, the time and the note; returns the errors beside their fields. */
  const read = async (req: Request, s: Strings, kind: 'keep' | 'force') => {
    const values = {
      device: field(req.body, 'device') ?? '',
      until: field(req.body, 'until') ?? '',
      note: field(req.body, 'note') ?? '',
      action: field(req.body, 'action') ?? '',
    };
    const errors: Record<string, string> = {};
    let deviceId: string | null = null;
    if (values.device === 'zone' && kind === 'keep') deviceId = null;
    else {
      const d = (await realDevices(deps)).find((x) => x.id === values.device && scheduled.has(x.type));
      if (!d) errors.device = s.errDevice;
      else if (d.powerMethod === 'none') errors.device = s.errNotSwitchable;
      else deviceId = d.id;
    }
    const now = deps.clock.now();
    let untilMinutes: number | undefined;
    if (values.until.trim() !== '' || kind === 'keep') {
      untilMinutes = parseClock(values.until);
      if (untilMinutes === undefined) errors.until = s.errUntil;
      else if (untilMinutes <= localTime(now, deps.timeZone).minutes) errors.until = s.errUntilPast;
    }
    const note = cleanText(values.note, 500);
    if (note === null) errors.note = s.errReasonLong;
    else if (kind === 'force' && !note) errors.note = s.errReason;
    if (kind === 'force' && values.action !== 'on' && values.action !== 'off') errors.action = s.errAction;
    return { values, errors, deviceId, untilMinutes, note: note ?? undefined };
  };

  const create = async (req: Request, res: Response, kind: 'keep' | 'force') => {
    ctx.checkCsrf(req, res);
    const s = ctx.t(res);
    const user = ctx.user(res) as WebUser;
    const f = await read(req, s, kind);
    const overrideKind: OverrideKind =
      kind === 'keep' ? 'keep-on' : f.values.action === 'on' ? 'force-on' : 'force-off';
    if (!mayOverride(user, overrideKind)) return ctx.deny(req, res, 'technician');
    if (Object.keys(f.errors).length) {
      const state = { values: f.values, errors: f.errors };
      return show(res, 400, {
        ...(kind === 'keep' ? { keep: state } : { force: state }),
        msg: s.fixBelow,
        kind: 'err',
      });
    }
    const created = await deps.schedule.addOverride(
      {
        kind: overrideKind,
        deviceId: f.deviceId,
        by: user.name,
        ...(f.untilMinutes !== undefined ? { untilMinutes: f.untilMinutes } : {}),
        ...(f.note ? { note: f.note } : {}),
      },
      deps.clock.now(),
    );
    await ctx.audit(
      req,
      user,
      `power.${overrideKind}`,
      f.deviceId === null ? 'zone' : `device:${f.deviceId}`,
      {
        overrideId: created.id,
        until: created.until,
      },
    );
    await reconcile(ctx);
    res.redirect(303, `/power?done=${created.id}`);
  };

  r.post('/power/keep-on', form, requireUser, (req, res) => create(req, res, 'keep'));
  r.post('/power/force', form, requireUser, (req, res) => create(req, res, 'force'));

  r.post('/power/overrides/:id/cancel', form, requireUser, async (req, res) => {
    ctx.checkCsrf(req, res);
    const s = ctx.t(res);
    const user = ctx.user(res) as WebUser;
    const id = numericId(req.params.id, s);
    const now = deps.clock.now();
    const o = (await overridesToday(deps, s, now)).find((x) => x.id === id);
    if (!o) throw pageError('not-found', s.notFound);
    if (!mayOverride(user, o.kind)) return ctx.deny(req, res, 'technician');
    if (!(await deps.schedule.cancelOverride(id, now)))
      throw pageError('conflict', s.errors.conflict as string);
    await ctx.audit(req, user, 'power.cancel', `override:${id}`, { kind: o.kind });
    await reconcile(ctx);
    await show(res, 200, { msg: s.cancelled(overrideText(o, s, ctx.time())) });
  });

  return r;
}

/** A failed reconciliation pass is the reconciler's to report (it logs); the override itself is stored. */
async function reconcile(ctx: WebContext): Promise<void> {
  try {
    await ctx.deps.power.reconcileNow();
  } catch (err) {
    ctx.deps.logger.error({ err }, 'reconciliation after a page override failed');
  }
}

function doneText(
  o: { kind: OverrideKind; what: string; until: number },
  s: Strings,
  ctx: WebContext,
): string {
  const until = hhmm(localTime(o.until, ctx.deps.timeZone).minutes);
  const u = until === '00:00' ? s.endOfDay : until;
  if (o.kind === 'keep-on') return s.keepOnSaved(o.what, u);
  return s.forceSaved(o.what, o.kind === 'force-on' ? s.forceOn : s.forceOff, u);
}
