import { evidenceText } from '../../domain/evidence-text.js';
import type { FaultEventRow, FaultRow } from '../../faults/fault-repo.js';
import { isAreaAsset } from '../../inventory/assets.js';
import type { DeviceRow } from '../../store/devices-repo.js';
import { html, type SafeHtml, urlPart } from '../html.js';
import type { Strings } from '../i18n.js';
import { assetFacts, contactsBlock } from './asset.js';
import { faultStateBadge } from './fault-list.js';
import { type TimelineNames, timeline } from './fault-timeline.js';
import {
  csrfField,
  type FormState,
  facts,
  input,
  radios,
  severityBadge,
  type TimeContext,
  textarea,
  when,
} from './parts.js';

export interface FaultView {
  readonly fault: FaultRow;
  readonly device: DeviceRow | undefined;
  readonly deviceName: string;
  readonly model: string | undefined;
  readonly events: readonly FaultEventRow[];
  /** `vendor` | `service-provider` of the latest contact. */
  readonly party: string | undefined;
  readonly mayVendor: boolean;
  readonly mayResolve: boolean;
  readonly csrf: string;
  readonly today: string;
  readonly names: TimelineNames;
  readonly vendorForm: FormState;
  readonly resolveForm: FormState;
}

const isClosed = (f: FaultRow) => f.state === 'resolved' || f.state === 'cleared';

function summary(v: FaultView, s: Strings, t: TimeContext): SafeHtml {
  const f = v.fault;
  const raw = String(f.evidence.detail ?? '').trim();
  const said = evidenceText(f.kind, raw, s.lang);
  const device =
    v.device && !isAreaAsset(v.device)
      ? html`<a href="/devices/${urlPart(f.deviceId)}">${v.deviceName}</a>`
      : html`${v.deviceName}`;
  return html`<section aria-label="${s.fault}">${facts([
    [s.state, faultStateBadge(f, v.party, s)],
    [s.severity, severityBadge(f.severity, s)],
    [s.device, device],
    [s.opened, when(f.openedAt, t, s)],
    ...(f.closedAt !== null ? ([[s.closed, when(f.closedAt, t, s)]] as const) : []),
    ...(said !== '' ? ([[s.evidence, said]] as const) : []),
  ])}${
    raw !== '' && raw !== said && s.lang !== 'en'
      ? html`<details><summary>${s.rawEvidence}</summary><p lang="en">${raw}</p></details>`
      : ''
  }</section>`;
}

function ackForm(v: FaultView, s: Strings): SafeHtml {
  if (v.fault.state !== 'open') return html``;
  return html`<section aria-labelledby="h-ack"><h2 id="h-ack">${s.ack}</h2><form method="post" action="/faults/${v.fault.id}/ack">${csrfField(v.csrf)}
${input({ id: 'ack-note', name: 'note', label: s.ackNote, maxlength: 2000 }, { values: {}, errors: {} }, s)}
<button type="submit">${s.ack}</button></form></section>`;
}

function resolveForm(v: FaultView, s: Strings): SafeHtml {
  if (isClosed(v.fault)) return html``;
  if (!v.mayResolve) return html`<p class="muted">${s.techOnly}</p>`;
  const err = v.resolveForm.errors.note;
  return html`<section aria-labelledby="h-resolve"><h2 id="h-resolve">${s.resolve}</h2><form method="post" action="/faults/${v.fault.id}/resolve">${csrfField(v.csrf)}
<p class="label" id="quick-label">${s.quickNotes}</p><div class="chips" role="group" aria-labelledby="quick-label">${s.quick.map(
    (q) => html`<button type="submit" name="quick" value="${q}">${q}</button>`,
  )}</div>
${textarea({ id: 'resolve-note', name: 'note', label: s.orWrite, maxlength: 2000 }, v.resolveForm, s)}
<button type="submit"${err ? html` aria-describedby="resolve-note-err"` : ''}>${s.resolve}</button></form></section>`;
}

function vendorForm(v: FaultView, s: Strings): SafeHtml {
  if (isClosed(v.fault) || !v.mayVendor) return html``;
  const form = v.vendorForm;
  const withName = (word: string, name: string | undefined) =>
    name && name !== '—' ? `${word}（${name}）` : word;
  return html`<section aria-labelledby="h-vendor"><h2 id="h-vendor">${s.vendorContact}</h2><form method="post" action="/faults/${v.fault.id}/vendor-contact">${csrfField(v.csrf)}
${radios(
  { id: 'party', name: 'party', label: s.party, required: true },
  [
    ['vendor', withName(s.vendor, v.device?.vendor.name)],
    ['service-provider', withName(s.serviceProvider, v.device?.serviceProvider.name)],
  ],
  { values: { party: 'vendor', ...form.values }, errors: form.errors },
)}
${input({ id: 'whom', name: 'whom', label: s.whom, required: true, maxlength: 200 }, form, s)}
${input({ id: 'promised', name: 'promisedAt', label: s.promisedAt, hint: s.promisedHint, type: 'datetime-local' }, form, s)}
${input({ id: 'ticket', name: 'ticket', label: s.ticket, maxlength: 100 }, form, s)}
${input({ id: 'vendor-note', name: 'note', label: s.note, maxlength: 2000 }, form, s)}
<button type="submit">${s.vendorContact}</button></form></section>`;
}

export function faultBody(v: FaultView, s: Strings, t: TimeContext): SafeHtml {
  const side =
    v.device && !isAreaAsset(v.device)
      ? html`<div class="side">${contactsBlock(v.device, s, 'h-contacts')}<section aria-labelledby="h-asset"><h2 id="h-asset">${s.assetCard}</h2>${assetFacts(
          v.device,
          v.model,
          v.today,
          s,
        )}</section></div>`
      : html``;
  return html`${summary(v, s, t)}${ackForm(v, s)}${resolveForm(v, s)}
<div class="cols">${side}<section aria-labelledby="h-timeline" class="main-col"><h2 id="h-timeline">${s.faultTimeline}</h2>${timeline(
    v.events,
    v.fault.kind,
    s,
    t,
    v.names,
  )}</section></div>${vendorForm(v, s)}<p><a href="/faults">${s.back}</a></p>`;
}

/** Asks before resolving a fault whose condition the device still reports (a new fault would follow). */
export function confirmResolveBody(
  faultId: number,
  what: string,
  note: string,
  csrf: string,
  s: Strings,
): SafeHtml {
  return html`<section role="alert"><h2>${s.stillActiveTitle}</h2><p>${s.stillActive(what)}</p><p>${s.stillActiveAsk}</p>
<form method="post" action="/faults/${faultId}/resolve">${csrfField(csrf)}<input type="hidden" name="note" value="${note}"><input type="hidden" name="confirm" value="1">
<button type="submit">${s.confirmResolve}</button> <a class="button secondary" href="/faults/${faultId}">${s.notYet}</a></form></section>`;
}
