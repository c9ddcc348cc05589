import type { ComplaintView } from '../../complaints/views.js';
import { complaintStates, complaintTypes } from '../../domain/complaint.js';
import { complaintWords } from '../../domain/complaint-texts.js';
import type { Language } from '../../domain/messages.js';
import { html, type SafeHtml, urlPart } from '../html.js';
import { complaintStrings } from './complaint-strings.js';
import { formatTime } from './layout.js';
import { badge } from './parts.js';

export interface RegisterView {
  readonly items: readonly ComplaintView[];
  readonly filter: {
    readonly state: string;
    readonly type: string;
    readonly overdue: boolean;
    readonly caseNo: string;
  };
  readonly deviceName: (id: string) => string;
  readonly personName: (id: string) => string;
  readonly mayExport: boolean;
  readonly tz: string;
}

/** State badge classes the shared style sheet colours (open = red, in hand = yellow, done = green). */
export const stateClass: Record<string, string> = {
  received: 'open',
  accepted: 'acknowledged',
  'not-accepted': 'acknowledged',
  answered: 'resolved',
  closed: 'resolved',
};

/** The deadline line of a complaint: what is due next, by when, and whether it is overdue. */
export function dueLine(c: ComplaintView, lang: Language, tz: string): SafeHtml {
  const s = complaintStrings(lang);
  if (c.due.stage === 'done' || c.due.dueAt === null)
    return c.answerOwed || c.state === 'closed' ? html`` : html`<span class="muted">${s.owedNo}</span>`;
  const label = c.due.stage === 'accept' ? s.acceptDue : s.answerDue;
  return html`${label}：${formatTime(c.due.dueAt, tz)}${c.due.overdue ? html` ${badge('overdue', s.overdue)}` : ''}`;
}

/** The register: filters, then one card per complaint (phone first; the same on a desktop). */
export function registerBody(v: RegisterView, lang: Language): SafeHtml {
  const s = complaintStrings(lang);
  const W = complaintWords(lang);
  const opt = (value: string, label: string, current: string) =>
    html`<option value="${value}"${value === current ? html` selected` : ''}>${label}</option>`;
  const filters = html`<section><form method="get" action="/complaints"><h2>${s.filter}</h2>
<label for="f-state">${s.state}</label><select id="f-state" name="state">${opt('active', s.active, v.filter.state)}${opt('', s.all, v.filter.state)}${complaintStates.map((st) => opt(st, W.states[st], v.filter.state))}</select>
<label for="f-type">${s.type}</label><select id="f-type" name="type">${opt('', s.all, v.filter.type)}${complaintTypes.map((t) => opt(t, W.types[t], v.filter.type))}</select>
<label for="f-case">${s.caseSearch}</label><input id="f-case" name="case" maxlength="24" value="${v.filter.caseNo}" autocomplete="off">
<label style="font-weight:400;display:flex;gap:.5rem;align-items:center;min-height:44px"><input type="checkbox" name="overdue" value="1" style="width:auto"${v.filter.overdue ? html` checked` : ''}> ${s.overdueOnly}</label>
<button type="submit">${s.filter}</button></form>${
    v.mayExport
      ? html`<p><a href="/complaints/export.csv?state=${urlPart(v.filter.state)}">${s.export}</a></p>`
      : ''
  }</section>`;
  const cards =
    v.items.length === 0
      ? html`<section><p>${s.none}</p></section>`
      : v.items.map(
          (
            c,
          ) => html`<section><h2 style="margin-bottom:.3rem"><a href="/complaints/${c.id}">${c.caseNo}</a> ${badge(stateClass[c.state] ?? 'unknown', W.states[c.state])}</h2>
<p style="margin:.2rem 0">${W.types[c.type]} · ${W.problems[c.problem]}${c.deviceId ? html` · ${v.deviceName(c.deviceId)}` : ''}</p>
${c.description ? html`<p style="margin:.2rem 0;overflow-wrap:anywhere">${c.description}</p>` : ''}
<p class="muted" style="margin:.2rem 0">${s.receivedAt}：${formatTime(c.receivedAt, v.tz)} · ${s.phone}：${c.contact ?? s.noContact}${
            c.assignedTo ? html` · ${s.assigned}：${v.personName(c.assignedTo)}` : ''
          }</p><p style="margin:.2rem 0">${dueLine(c, lang, v.tz)}</p></section>`,
        );
  return html`${filters}${cards}`;
}
