import type { FaultEventRow, FaultRow } from '../../faults/fault-repo.js';
import { html, type SafeHtml } from '../html.js';
import type { Strings } from '../i18n.js';
import { badge, formatTime } from './layout.js';

export interface FaultView {
  fault: FaultRow;
  deviceName: string;
  events: readonly FaultEventRow[];
  /** Whether the signed-in role may record vendor contact / resolve this kind. */
  mayVendor: boolean;
  mayResolve: boolean;
  csrf: string;
}

/** The event data worth showing, as plain text (escaped by `html` like everything else). */
function eventText(e: FaultEventRow): string {
  const d = e.data;
  const parts: string[] = [];
  for (const key of ['detail', 'note', 'party', 'whom', 'ticket', 'reason'] as const) {
    const v = d[key];
    if (typeof v === 'string' && v !== '') parts.push(v);
  }
  return parts.join(' · ');
}

export function faultBody(v: FaultView, s: Strings, tz: string): SafeHtml {
  const f = v.fault;
  const closed = f.state === 'resolved' || f.state === 'cleared';
  const timeline = html`<ol class="timeline">${v.events.map(
    (e) =>
      html`<li><strong>${s.events[e.type] ?? e.type}</strong> <span class="muted">${formatTime(e.at, tz)} · ${e.actor}</span>${
        eventText(e) ? html`<br>${eventText(e)}` : ''
      }</li>`,
  )}</ol>`;
  const ack =
    f.state === 'open'
      ? html`<section><form method="post" action="/faults/${f.id}/ack"><input type="hidden" name="csrf" value="${v.csrf}">
<label for="ack-note">${s.ackNote}</label><input id="ack-note" name="note" maxlength="2000">
<button type="submit">${s.ack}</button></form></section>`
      : '';
  const vendor = closed
    ? ''
    : v.mayVendor
      ? html`<section><h2>${s.vendorContact}</h2><form method="post" action="/faults/${f.id}/vendor-contact"><input type="hidden" name="csrf" value="${v.csrf}">
<label for="party">${s.party}</label><select id="party" name="party"><option value="vendor">${s.vendor}</option><option value="service-provider">${s.serviceProvider}</option></select>
<label for="whom">${s.whom}</label><input id="whom" name="whom" required maxlength="200">
<label for="ticket">${s.ticket}</label><input id="ticket" name="ticket" maxlength="100">
<label for="vendor-note">${s.note}</label><input id="vendor-note" name="note" maxlength="2000">
<button type="submit">${s.vendorContact}</button></form></section>`
      : '';
  const resolve = closed
    ? ''
    : v.mayResolve
      ? html`<section><form method="post" action="/faults/${f.id}/resolve"><input type="hidden" name="csrf" value="${v.csrf}">
<label for="resolve-note">${s.resolveNote}</label><textarea id="resolve-note" name="note" required maxlength="2000" rows="2"></textarea>
<button type="submit">${s.resolve}</button></form></section>`
      : html`<p class="muted">${s.techOnly}</p>`;
  return html`<section><p><strong>${f.summary}</strong></p>
<p>${s.device}: ${v.deviceName} <span class="muted">(${f.deviceId})</span><br>
${s.state}: ${badge(f.state, s.faultStates[f.state])} · ${s.severity}: ${s.severities[f.severity] ?? f.severity}<br>
${s.opened}: ${formatTime(f.openedAt, tz)}</p></section>
${ack}${vendor}${resolve}
<section><h2>${s.faultTimeline}</h2>${timeline}</section><p><a href="/">${s.back}</a></p>`;
}
