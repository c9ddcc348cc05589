import type { PrinterReading, Supply, Tray } from '../../domain/observation.js';
import { supplyLabel, trayLabel } from '../../domain/supply-names.js';
import type { FaultRow } from '../../faults/fault-repo.js';
import type { PowerActionRow } from '../../power/actions-repo.js';
import type { DeviceRow } from '../../store/devices-repo.js';
import { type MaintenanceRecord, maintenanceKinds } from '../../store/maintenance-repo.js';
import { html, type SafeHtml, urlPart } from '../html.js';
import type { Strings } from '../i18n.js';
import { assetFacts, contactsBlock } from './asset.js';
import { deviceState } from './device-list.js';
import { type FaultNames, faultTable } from './fault-list.js';
import {
  badge,
  csrfField,
  type FormState,
  facts,
  input,
  listTable,
  select,
  type TimeContext,
  textarea,
  when,
} from './parts.js';

export interface SupplyForecastView {
  readonly days: number | null;
  readonly due: boolean;
}

export interface DeviceView {
  readonly device: DeviceRow;
  readonly model: string | undefined;
  readonly today: string;
  /** The latest printer reading (SNMP or IPP), with when it was taken. */
  readonly printer: { readonly reading: PrinterReading; readonly at: number } | undefined;
  readonly forecasts: ReadonlyMap<number, SupplyForecastView>;
  readonly actions: readonly PowerActionRow[];
  readonly faults: readonly FaultRow[];
  readonly names: FaultNames;
  readonly maintenance: readonly MaintenanceRecord[];
  readonly mayMaintain: boolean;
  readonly csrf: string;
  readonly form: FormState;
}

function supplyLine(x: Supply, f: SupplyForecastView | undefined, s: Strings): SafeHtml {
  const name = supplyLabel(x, s.lang);
  const waste = x.receptacle === true;
  const level =
    x.percent !== null
      ? waste
        ? s.fill(x.percent)
        : s.level(x.percent)
      : x.state === 'empty'
        ? waste
          ? s.levelFull
          : s.levelEmpty
        : x.state === 'some-remaining'
          ? s.levelSome
          : s.levelUnknown;
  const meter =
    x.percent !== null
      ? html`<meter min="0" max="100" low="${waste ? 90 : 11}" high="${waste ? 90 : 30}" optimum="${waste ? 0 : 100}" value="${x.percent}" aria-label="${name} ${level}"></meter>`
      : '';
  const days = f?.days ?? null;
  const forecast =
    days === null ? s.noForecast : waste ? s.daysToFull(Math.floor(days)) : s.daysLeft(Math.floor(days));
  return html`<li><strong>${name}</strong><div class="bar">${meter}<span>${level}</span>${
    x.state === 'low' && x.percent !== null ? badge('degraded', s.levelLow) : ''
  }</div><span class="muted">${forecast}</span>${f?.due ? html` ${badge('overdue', s.orderDue)}` : ''}</li>`;
}

function trayLine(x: Tray, s: Strings): SafeHtml {
  const state =
    x.state === 'empty'
      ? s.trayEmpty
      : x.state === 'low'
        ? s.trayLow
        : x.state === 'some-remaining'
          ? s.traySome
          : s.trayOk;
  const cls = x.state === 'empty' ? 'down' : x.state === 'low' ? 'degraded' : 'up';
  const sheets = x.level >= 0 ? ` · ${s.sheets(x.level, x.max !== null && x.max > 0 ? x.max : null)}` : '';
  return html`<li><strong>${trayLabel(x.description, x.index, s.lang)}</strong> ${badge(cls, state)}<span class="muted">${sheets}</span></li>`;
}

function printerPart(v: DeviceView, s: Strings, t: TimeContext): SafeHtml {
  const p = v.printer;
  if (!p) return html``;
  const r = p.reading;
  return html`<section aria-labelledby="h-supplies"><h2 id="h-supplies">${s.supplies}</h2>${
    r.supplies.length
      ? html`<ul class="plain">${r.supplies.map((x) => supplyLine(x, v.forecasts.get(x.index), s))}</ul>`
      : html`<p>${s.noSupplies}</p>`
  }<p class="muted">${s.liveData} · ${when(p.at, t, s)}</p></section>
<section aria-labelledby="h-trays"><h2 id="h-trays">${s.trays}</h2>${
    r.trays.length
      ? html`<ul class="plain">${r.trays.map((x) => trayLine(x, s))}</ul>`
      : html`<p>${s.notReported}</p>`
  }${facts([[s.counter, r.pageCount === null ? s.notReported : s.pages(r.pageCount)]])}</section>`;
}

function powerPart(v: DeviceView, s: Strings, t: TimeContext): SafeHtml {
  const rows = v.actions.map((a) => [
    s.actions[a.action] ?? a.action,
    s.reasons[a.reason] ?? s.unknown,
    badge(a.result === 'ok' ? 'ok' : a.result, s.results[a.result] ?? a.result),
    when(a.requestedAt, t, s),
  ]);
  return html`<section aria-labelledby="h-power"><h2 id="h-power">${s.power}</h2>${
    rows.length
      ? listTable(
          [{ label: s.action, title: true }, { label: s.reason }, { label: s.state }, { label: s.when }],
          rows,
        )
      : html`<p>${s.noPower}</p>`
  }</section>`;
}

function maintenancePart(v: DeviceView, s: Strings): SafeHtml {
  const rows = v.maintenance.map((m) => [
    s.mKinds[m.kind] ?? m.kind,
    m.performedOn,
    html`${m.note}<br><span class="muted">${m.performedBy} · ${s.mRecordedBy(m.recordedBy)}</span>`,
  ]);
  const form = v.mayMaintain
    ? html`<h3 id="h-add-maintenance">${s.addMaintenance}</h3><form method="post" action="/devices/${urlPart(v.device.id)}/maintenance" aria-labelledby="h-add-maintenance">${csrfField(v.csrf)}
${select(
  { id: 'm-kind', name: 'kind', label: s.mKind, required: true },
  maintenanceKinds.map((k) => [k, s.mKinds[k] ?? k] as const),
  v.form,
  s,
)}
${textarea({ id: 'm-note', name: 'note', label: s.mNote, required: true, maxlength: 2000 }, v.form, s)}
${input({ id: 'm-by', name: 'performedBy', label: s.mBy, hint: s.mByHint, required: true, maxlength: 200 }, v.form, s)}
${input({ id: 'm-on', name: 'performedOn', label: s.mOn, type: 'date', required: true, extra: html` max="${v.today}"` }, { values: { performedOn: v.today, ...v.form.values }, errors: v.form.errors }, s)}
<button type="submit">${s.addMaintenance}</button></form>`
    : '';
  return html`<section aria-labelledby="h-maintenance" id="maintenance"><h2 id="h-maintenance">${s.maintenance}</h2>${
    rows.length
      ? listTable([{ label: s.mKind, title: true }, { label: s.mOn }, { label: s.mNote }], rows)
      : html`<p>${s.noMaintenance}</p>`
  }${form}</section>`;
}

export function deviceBody(v: DeviceView, s: Strings, t: TimeContext): SafeHtml {
  const d = v.device;
  return html`<section aria-label="${s.state}">${facts([
    [s.state, deviceState(d, s, t)],
    [s.lastSeen, when(d.lastObservedAt, t, s)],
  ])}</section>
<div class="cols"><div class="side">${contactsBlock(d, s, 'h-contacts')}<section aria-labelledby="h-asset"><h2 id="h-asset">${s.assetCard}</h2>${assetFacts(d, v.model, v.today, s)}</section></div>
<div>${printerPart(v, s, t)}<section aria-labelledby="h-device-faults"><h2 id="h-device-faults">${s.deviceFaults}</h2>${
    v.faults.length ? faultTable(v.faults, v.names, s, t) : html`<p>${s.noFaults}</p>`
  }</section>${powerPart(v, s, t)}</div></div>
${maintenancePart(v, s)}<p><a href="/devices">${s.back}</a></p>`;
}
