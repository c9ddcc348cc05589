import type { DayPlan } from '../../domain/desired-power.js';
import { html, type SafeHtml } from '../html.js';
import type { Strings } from '../i18n.js';
import {
  badge,
  csrfField,
  type FormState,
  input,
  listTable,
  radios,
  select,
  type TimeContext,
} from './parts.js';
import { type OverrideView, overrideText } from './status.js';

export interface PowerRow {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly switchable: boolean;
  /** Planned on–off windows today, e.g. `08:45–12:15、13:45–18:00`. */
  readonly planned: string;
  readonly wantOn: boolean;
  readonly reason: string;
}

export interface PowerView {
  readonly day: DayPlan | undefined;
  readonly rows: readonly PowerRow[];
  readonly overrides: ReadonlyArray<OverrideView & { readonly mayCancel: boolean }>;
  readonly mayForce: boolean;
  readonly csrf: string;
  readonly keepForm: FormState;
  readonly forceForm: FormState;
}

function deviceOptions(v: PowerView, s: Strings, zone: boolean): Array<readonly [string, string]> {
  return [
    ...(zone ? [['zone', s.zone] as const] : []),
    ...v.rows.filter((r) => r.switchable).map((r) => [r.id, r.name] as const),
  ];
}

function overridesPart(v: PowerView, s: Strings, t: TimeContext): SafeHtml {
  const items = v.overrides.map(
    (o) =>
      html`<li><strong>${overrideText(o, s, t)}</strong><br><span class="muted">${s.by}${s.colon}${o.by}${
        o.note ? html` · ${s.why}${s.colon}${o.note}` : ''
      }</span>${
        o.mayCancel
          ? html`<form method="post" action="/power/overrides/${o.id}/cancel">${csrfField(v.csrf)}<button type="submit" class="secondary" aria-label="${s.cancelOverride}：${overrideText(o, s, t)}">${s.cancelOverride}</button></form>`
          : ''
      }</li>`,
  );
  return html`<section aria-labelledby="h-overrides" id="live-overrides" data-live><h2 id="h-overrides">${s.overrides}</h2>${
    items.length ? html`<ul class="plain">${items}</ul>` : html`<p>${s.noOverrides}</p>`
  }</section>`;
}

function keepOnForm(v: PowerView, s: Strings): SafeHtml {
  return html`<section aria-labelledby="h-keep"><h2 id="h-keep">${s.keepOnTitle}</h2><p class="muted">${s.keepOnHint}</p>
<form method="post" action="/power/keep-on">${csrfField(v.csrf)}
${select({ id: 'keep-device', name: 'device', label: s.deviceOrZone, required: true }, deviceOptions(v, s, true), v.keepForm, s)}
${input({ id: 'keep-until', name: 'until', label: s.untilLabel, type: 'time', required: true }, v.keepForm, s)}
${input({ id: 'keep-note', name: 'note', label: s.reason, hint: s.reasonHint, maxlength: 500 }, v.keepForm, s)}
<button type="submit">${s.keepOn}</button></form></section>`;
}

function forceForm(v: PowerView, s: Strings): SafeHtml {
  if (!v.mayForce) return html``;
  return html`<section aria-labelledby="h-force"><h2 id="h-force">${s.forceTitle}</h2><p class="muted">${s.forceHint}</p>
<form method="post" action="/power/force">${csrfField(v.csrf)}
${select({ id: 'force-device', name: 'device', label: s.deviceOrZone, required: true }, deviceOptions(v, s, false), v.forceForm, s)}
${radios(
  { id: 'force-action', name: 'action', label: s.action, required: true },
  [
    ['off', s.forceOff],
    ['on', s.forceOn],
  ],
  v.forceForm,
)}
${input({ id: 'force-until', name: 'until', label: s.untilOptional, type: 'time' }, v.forceForm, s)}
${input({ id: 'force-note', name: 'note', label: s.reason, hint: s.reasonHint, required: true, maxlength: 500 }, v.forceForm, s)}
<button type="submit">${s.forceSubmit}</button></form></section>`;
}

function planPart(v: PowerView, s: Strings): SafeHtml {
  const day = v.day;
  const head = day
    ? day.openDay
      ? html`<p>${s.openHours}${s.colon}${day.open.map((p) => p.replace('-', '–')).join(s.list)}</p>`
      : html`<p>${s.closedToday}${day.reason ? html`（${day.reason}）` : ''}</p>`
    : html``;
  const rows = v.rows.map((r) => [
    html`${r.name}<br><span class="muted">${s.deviceTypes[r.type] ?? r.type}${r.switchable ? '' : html` · ${s.monitorOnly}`}</span>`,
    r.planned || s.notSwitched,
    html`${badge(r.wantOn ? 'up' : 'off-scheduled', r.wantOn ? s.on : s.off)} <span class="muted">${s.desired[r.reason] ?? ''}</span>`,
  ]);
  return html`<section aria-labelledby="h-plan" id="live-plan" data-live><h2 id="h-plan">${s.todaySchedule}</h2>${head}${listTable(
    [{ label: s.device, title: true }, { label: s.planned }, { label: s.nowWanted }],
    rows,
  )}</section>`;
}

export function powerBody(v: PowerView, s: Strings, t: TimeContext): SafeHtml {
  return html`${overridesPart(v, s, t)}${keepOnForm(v, s)}${forceForm(v, s)}${planPart(v, s)}`;
}
