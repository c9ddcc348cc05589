import type { ComplaintEventRow } from '../../complaints/repo.js';
import type { ComplaintView } from '../../complaints/views.js';
import { answerMethods, notAcceptedGrounds, satisfactionRatings } from '../../domain/complaint.js';
import { complaintWords } from '../../domain/complaint-texts.js';
import { localTime } from '../../domain/local-time.js';
import type { Language } from '../../domain/messages.js';
import { html, type SafeHtml } from '../html.js';
import { complaintStrings } from './complaint-strings.js';
import { dueLine, stateClass } from './complaints.js';
import { formatTime } from './layout.js';
import { badge } from './parts.js';
import { choiceCss, fieldErrors } from './report-form.js';

export interface ComplaintPageView {
  readonly complaint: ComplaintView;
  readonly events: readonly ComplaintEventRow[];
  readonly faults: ReadonlyArray<{ id: number; summary: string; state: string; stateText: string }>;
  readonly deviceName: string | null;
  readonly personName: (id: string) => string;
  readonly staff: ReadonlyArray<{ id: string; name: string }>;
  readonly mayHandle: boolean;
  /** The "rate our answer" link, for those who see the contact (they are the ones who send it). */
  readonly rateLink: string | null;
  readonly csrf: string;
  readonly userName: string;
  readonly errors: ReadonlyArray<{ field: string; message: string }>;
  readonly tz: string;
  readonly now: number;
}

function eventText(e: ComplaintEventRow, lang: Language, v: ComplaintPageView): string {
  const s = complaintStrings(lang);
  const W = complaintWords(lang);
  const d = e.data;
  const parts: string[] = [];
  if (typeof d.faultId === 'number') parts.push(`#${d.faultId}`);
  if (typeof d.ground === 'string') parts.push(W.grounds[d.ground as keyof typeof W.grounds] ?? d.ground);
  if (typeof d.method === 'string') parts.push(W.methods[d.method as keyof typeof W.methods] ?? d.method);
  if (typeof d.by === 'string') parts.push(d.by);
  if (typeof d.at === 'number' && e.type === 'answered') parts.push(formatTime(d.at, v.tz));
  if (typeof d.rating === 'string') parts.push(W.ratings[d.rating as keyof typeof W.ratings] ?? d.rating);
  if (typeof d.notice === 'string') parts.push(s.notices[d.notice] ?? d.notice);
  if (typeof d.reason === 'string') parts.push(s.closeReasons[d.reason] ?? d.reason);
  if (typeof d.personId === 'string') parts.push(v.personName(d.personId));
  for (const k of ['note', 'text'] as const)
    if (typeof d[k] === 'string' && d[k] !== '') parts.push(String(d[k]));
  return parts.join(' · ');
}

/** `2026-12-02T10:30` for a datetime-local input, in the zone's time. */
function localInput(ms: number, tz: string): string {
  const t = localTime(ms, tz);
  return `${t.date}T${String(Math.floor(t.minutes / 60)).padStart(2, '0')}:${String(t.minutes % 60).padStart(2, '0')}`;
}

/** One complaint: what it is, the contact (full or masked), the deadlines, its faults, the actions, the history. */
export function complaintBody(v: ComplaintPageView, lang: Language): SafeHtml {
  const s = complaintStrings(lang);
  const W = complaintWords(lang);
  const c = v.complaint;
  const e = fieldErrors(v.errors, {}, s.errorsTitle);
  const hidden = html`<input type="hidden" name="csrf" value="${v.csrf}">`;
  const form = (action: string, body: SafeHtml, button: string) =>
    html`<form method="post" action="/complaints/${c.id}/${action}" data-one-tap>${hidden}${body}<button type="submit">${button}</button></form>`;
  const contact =
    c.contact === null
      ? html`<p>${s.phone}：${s.noContact}</p>`
      : c.contactMasked
        ? html`<p>${s.phone}：${c.contact}</p><p class="muted">${s.contactMasked}</p>`
        : html`<p>${s.phone}：<a href="tel:${c.contact.replaceAll('-', '')}"><strong>${c.contact}</strong></a></p><p class="muted">${s.contactOnly}</p>`;
  const faults =
    v.faults.length === 0
      ? html`<p>${s.noFaults}</p>`
      : html`<ul>${v.faults.map((f) => html`<li><a href="/faults/${f.id}">#${f.id} ${f.summary}</a> ${badge(f.state, f.stateText)}</li>`)}</ul>`;
  const link =
    c.state === 'closed'
      ? ''
      : form(
          'link',
          html`<label for="fault-id">${s.faultId}</label><input id="fault-id" name="faultId" inputmode="numeric" maxlength="12" required>`,
          s.linkFault,
        );
  const radios = (name: string, items: readonly string[], words: Record<string, string>, checked?: string) =>
    html`${items.map((x) => html`<label><input type="radio" name="${name}" value="${x}"${x === checked ? html` checked` : ''}> ${words[x] ?? x}</label>`)}`;
  const decide =
    c.state !== 'received'
      ? ''
      : html`<section><h2>${s.accept}</h2>${form('accept', html`<label for="accept-note">${s.acceptNote}</label><textarea id="accept-note" name="note" maxlength="2000" rows="2"></textarea>`, s.accept)}</section>
<section><h2>${s.notAccept}</h2>${form(
          'not-accept',
          html`<label for="ground">${s.ground}</label><select id="ground" name="ground" required><option value="">${s.choose}</option>${notAcceptedGrounds.map((g) => html`<option value="${g}">${W.grounds[g]}</option>`)}</select>
<label for="ground-note">${s.groundNote}</label><textarea id="ground-note" name="note" required maxlength="2000" rows="2"></textarea>`,
          s.notAccept,
        )}</section>`;
  const canAnswer = c.state === 'accepted' || c.state === 'not-accepted';
  const answer = !canAnswer
    ? ''
    : html`<section><h2>${s.answer}</h2>${form(
        'answer',
        html`<fieldset class="choices"><legend>${s.method}</legend>${radios('method', answerMethods, W.methods, c.contact ? 'phone' : 'in-person')}</fieldset>
<label for="answered-at">${s.answeredAt}</label><input id="answered-at" name="at" type="datetime-local" value="${localInput(v.now, v.tz)}" required>
<label for="answered-by">${s.answeredBy}</label><input id="answered-by" name="by" maxlength="100" value="${v.userName}" required>
<label for="answer-text">${s.answerText}</label><textarea id="answer-text" name="text" required maxlength="2000" rows="3"></textarea>`,
        s.answer,
      )}${c.answerOwed ? '' : form('close', html``, s.closeNoContact)}</section>`;
  const ratingSelect = html`<label for="satisfaction">${s.satisfactionGiven}</label><select id="satisfaction" name="satisfaction"><option value="">—</option>${satisfactionRatings.map((r) => html`<option value="${r}">${W.ratings[r]}</option>`)}</select>`;
  const close =
    c.state !== 'answered'
      ? ''
      : html`<section><h2>${s.close}</h2>${form('close', html`${c.satisfaction === null ? ratingSelect : ''}<label for="close-note">${s.closeNote}</label><input id="close-note" name="note" maxlength="2000">`, s.close)}</section>`;
  const rate =
    c.state === 'closed' && c.satisfaction === null
      ? html`<section><h2>${s.recordSatisfaction}</h2>${form('satisfaction', ratingSelect, s.recordSatisfaction)}</section>`
      : '';
  const assign =
    v.mayHandle && c.state !== 'closed'
      ? html`<section><h2>${s.assign}</h2>${form(
          'assign',
          html`<label for="person">${s.assigned}</label><select id="person" name="personId"><option value="">${s.unassigned}</option>${v.staff.map((p) => html`<option value="${p.id}"${p.id === c.assignedTo ? html` selected` : ''}>${p.name}</option>`)}</select>`,
          s.assign,
        )}</section>`
      : '';
  const timeline = html`<ol class="timeline">${v.events.map(
    (ev) =>
      html`<li><strong>${s.events[ev.type] ?? ev.type}</strong> <span class="muted">${formatTime(ev.at, v.tz)} · ${ev.actor === 'public' ? s.citizen : ev.actor === 'zoneops' ? s.system : ev.actor}</span>${
        eventText(ev, lang, v)
          ? html`<br><span style="overflow-wrap:anywhere">${eventText(ev, lang, v)}</span>`
          : ''
      }</li>`,
  )}</ol>`;
  return html`${choiceCss}${e.summary}<section><p class="case">${c.caseNo}</p>
<p>${badge(stateClass[c.state] ?? 'unknown', W.states[c.state])} ${W.types[c.type]} · ${W.problems[c.problem]}${v.deviceName ? html` · ${v.deviceName}` : ''}</p>
${c.description ? html`<p style="overflow-wrap:anywhere">${c.description}</p>` : ''}
<p class="muted">${s.receivedAt}：${formatTime(c.receivedAt, v.tz)} · ${s.source[c.source] ?? c.source}</p>
<p>${dueLine(c, lang, v.tz)}</p>${contact}
<p>${s.assigned}：${c.assignedTo ? v.personName(c.assignedTo) : s.unassigned}</p>
${c.ground ? html`<p>${s.decided}：${W.states['not-accepted']}（${W.grounds[c.ground]}）</p>` : ''}
${c.satisfaction ? html`<p>${s.rating}：${W.ratings[c.satisfaction]}</p>` : ''}
${v.rateLink ? html`<p class="muted" style="overflow-wrap:anywhere">${s.rateLink}${v.rateLink}</p>` : ''}</section>
${decide}${answer}${close}${rate}
<section><h2>${s.faults}</h2>${faults}${link}</section>${assign}
<section><h2>${s.timeline}</h2>${timeline}</section><p><a href="/complaints">${s.register}</a></p>`;
}
