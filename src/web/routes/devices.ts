import { type Request, type RequestHandler, type Response, Router } from 'express';
import { roleAtLeast } from '../../domain/access.js';
import { isIsoDate, localTime } from '../../domain/local-time.js';
import type { Observation, PrinterReading } from '../../domain/observation.js';
import { deviceStatuses } from '../../domain/status.js';
import { isAreaAsset } from '../../inventory/assets.js';
import { forecastSupply } from '../../readings/forecast.js';
import { type MaintenanceKind, maintenanceKinds } from '../../store/maintenance-repo.js';
import { cleanText, field, pageError, queryOf, type WebContext } from '../context.js';
import { html } from '../html.js';
import { modelOf } from '../pages/asset.js';
import { type DeviceView, deviceBody, type SupplyForecastView } from '../pages/device.js';
import { deviceTable } from '../pages/device-list.js';
import { sortFaults } from '../pages/fault-list.js';
import { filterForm } from '../pages/filters.js';
import { message } from '../pages/layout.js';
import { emptyForm, type FormState } from '../pages/parts.js';
import { faultNames, realDevices } from '../view-data.js';

const dayMs = 86_400_000;

/** The newest printer reading among a device's protocols (SNMP and IPP both read supplies and trays). */
function latestPrinter(list: readonly Observation[]): { reading: PrinterReading; at: number } | undefined {
  const withPrinter = list.filter((o) => o.reachable && o.printer).sort((a, b) => b.at - a.at)[0];
  return withPrinter?.printer ? { reading: withPrinter.printer, at: withPrinter.at } : undefined;
}

/** `/devices` (the register, filterable) and `/devices/:id` (the asset card, maintenance for technicians). */
export function devicePages(ctx: WebContext, requireUser: RequestHandler, form: RequestHandler): Router {
  const { deps } = ctx;
  const r = Router();

  r.get('/devices', requireUser, async (req, res) => {
    const s = ctx.t(res);
    const all = await realDevices(deps);
    const types = [...new Set(all.map((d) => d.type))];
    const locations = [...new Set(all.map((d) => d.location))];
    const q = {
      type: queryOf(req, 'type') ?? '',
      location: queryOf(req, 'location') ?? '',
      state: queryOf(req, 'state') ?? '',
    };
    const ok = {
      type: q.type === '' || types.includes(q.type as never),
      location: q.location === '' || locations.includes(q.location),
      state: q.state === '' || (deviceStatuses as readonly string[]).includes(q.state),
    };
    const list = all.filter(
      (d) =>
        (!ok.type || q.type === '' || d.type === q.type) &&
        (!ok.location || q.location === '' || d.location === q.location) &&
        (!ok.state || q.state === '' || d.status === q.state),
    );
    const filters = filterForm('/devices', s, [
      {
        name: 'type',
        label: s.type,
        value: ok.type ? q.type : '',
        options: [['', s.allTypes], ...types.map((x) => [x, s.deviceTypes[x] ?? x] as const)],
      },
      {
        name: 'location',
        label: s.location,
        value: ok.location ? q.location : '',
        options: [['', s.allLocations], ...locations.map((x) => [x, x] as const)],
      },
      {
        name: 'state',
        label: s.state,
        value: ok.state ? q.state : '',
        options: [['', s.allStates], ...deviceStatuses.map((x) => [x, s.statuses[x]] as const)],
      },
    ]);
    const bad = !(ok.type && ok.location && ok.state);
    ctx.send(
      res,
      bad ? 400 : 200,
      s.devicesTitle,
      html`${message(bad ? s.badQuery : undefined, 'warn')}${filters}<section aria-label="${s.devicesTitle}" id="live-devices" data-live><p class="muted">${s.deviceCount(list.length)}</p>${
        list.length ? deviceTable(list, s, ctx.time()) : html`<p>${s.noDevices}</p>`
      }</section>`,
    );
  });

  const show = async (
    req: Request,
    res: Response,
    status: number,
    f: FormState = emptyForm,
    msg?: string,
  ) => {
    const s = ctx.t(res);
    const t = ctx.time();
    const user = ctx.user(res);
    if (!user) throw pageError('unauthorized', s.signInFirst);
    const id = String(req.params.id ?? '');
    const device = await deps.devices.get(id);
    if (!device?.active || isAreaAsset(device)) throw pageError('not-found', s.notFound);
    const printer = latestPrinter(deps.readings.latest(id));
    const forecasts = new Map<number, SupplyForecastView>();
    for (const x of printer?.reading.supplies ?? []) {
      const history = await deps.readings.repo.supplyHistory(id, x.index, t.now - 120 * dayMs, t.now + 1);
      forecasts.set(x.index, forecastSupply(history, t.now, deps.readings.leadTimeDays));
    }
    const faults = sortFaults(await deps.faults.list({ deviceId: id, limit: 15 }));
    const view: DeviceView = {
      device,
      model: modelOf(deps.extras.find((x) => x.id === id)?.model, printer?.reading.makeAndModel),
      today: localTime(t.now, t.tz).date,
      printer,
      forecasts,
      actions: await deps.power.actions.recent(id, 10),
      faults,
      names: await faultNames(deps, faults),
      maintenance: await deps.maintenance.listForDevice(id),
      mayMaintain: roleAtLeast(user.role, 'technician'),
      csrf: user.csrf,
      form: f,
    };
    const kind = Object.keys(f.errors).length ? 'err' : 'ok';
    ctx.send(res, status, device.name, html`${message(msg, kind)}${deviceBody(view, s, t)}`);
  };

  r.get('/devices/:id', requireUser, async (req, res) => {
    const s = ctx.t(res);
    const saved = queryOf(req, 'saved');
    const records = saved ? await deps.maintenance.listForDevice(String(req.params.id ?? '')) : [];
    const m = records.find((x) => String(x.id) === saved);
    await show(req, res, 200, emptyForm, m ? s.mSaved(s.mKinds[m.kind] ?? m.kind, m.performedOn) : undefined);
  });

  r.post('/devices/:id/maintenance', form, requireUser, async (req, res) => {
    ctx.checkCsrf(req, res);
    const s = ctx.t(res);
    const user = ctx.user(res);
    if (!user || !roleAtLeast(user.role, 'technician')) return ctx.deny(req, res, 'technician');
    const device = await deps.devices.get(String(req.params.id ?? ''));
    if (!device?.active) throw pageError('not-found', s.notFound);
    const values = {
      kind: field(req.body, 'kind') ?? '',
      note: field(req.body, 'note') ?? '',
      performedBy: field(req.body, 'performedBy') ?? '',
      performedOn: field(req.body, 'performedOn') ?? '',
    };
    const today = localTime(deps.clock.now(), deps.timeZone).date;
    const errors: Record<string, string> = {};
    if (!(maintenanceKinds as readonly string[]).includes(values.kind)) errors.kind = s.errMKind;
    const note = cleanText(values.note, 2000);
    if (!note) errors.note = s.errMNote;
    const by = cleanText(values.performedBy, 200);
    if (!by) errors.performedBy = s.errMBy;
    if (!isIsoDate(values.performedOn) || values.performedOn > today || values.performedOn < '2000-01-01')
      errors.performedOn = s.errMOn;
    if (Object.keys(errors).length) return show(req, res, 400, { values, errors }, s.fixBelow);
    const now = deps.clock.now();
    const record = await deps.maintenance.add({
      deviceId: device.id,
      kind: values.kind as MaintenanceKind,
      note: note as string,
      performedBy: by as string,
      performedOn: values.performedOn,
      recordedBy: user.name,
      recordedAt: now,
    });
    await ctx.audit(req, user, 'maintenance.record', `device:${device.id}`, {
      recordId: record.id,
      kind: record.kind,
    });
    res.redirect(303, `/devices/${encodeURIComponent(device.id)}?saved=${record.id}#maintenance`);
  });

  return r;
}
