import type { DutyView } from '../../duty/duty-service.js';
import { html, type SafeHtml } from '../html.js';
import type { DutyStrings } from '../i18n-duty.js';
import { coversText, dutyBlock, holdersText } from './duty-block.js';
import { rotaSection } from './duty-rota.js';

export interface DutyPageView {
  readonly duty: DutyView;
  /** Attendants who may take leave or a post (role staff). */
  readonly staff: ReadonlyArray<{ id: string; name: string }>;
  /** The technician, the lead or an admin: the forms and the undo buttons show. */
  readonly mayEdit: boolean;
  /** Admins may pick past dates. */
  readonly minDate: string | undefined;
  readonly csrf: string;
  /** The last form's values, shown again with its error. */
  readonly form?: Readonly<Record<string, string>> | undefined;
}

const undo = (action: string, csrf: string, label: string) =>
  html`<form method="post" action="${action}" style="display:inline"><input type="hidden" name="csrf" value="${csrf}"><button type="submit" style="margin:0;padding:.4rem .8rem">${label}</button></form>`;

/**
 * The rota page (/duty): today, the next seven days, absences and swaps, the forms to change them, and
 * the weekly rota with its form.
 */
export function dutyBody(v: DutyPageView, d: DutyStrings): SafeHtml {
  const { duty } = v;
  const week = html`<section aria-labelledby="h-week"><h2 id="h-week">${d.week}</h2><table>
<thead><tr><th scope="col">${d.date}</th><th scope="col">${d.slot.A}</th><th scope="col">${d.slot.B}</th><th scope="col">${d.covers}</th></tr></thead><tbody>
${duty.week.map(
  (day) =>
    html`<tr${day.uncovered ? html` class="st-overdue"` : ''}><th scope="row">${day.date.slice(5)} ${d.weekdays[day.weekday] ?? ''}</th>${
      day.workingDay
        ? html`<td>${holdersText(day.posts.A, d)}</td><td>${holdersText(day.posts.B, d)}</td><td>${day.uncovered ? html`<strong>${d.uncovered}</strong><br>` : ''}${coversText(day, d)}</td>`
        : html`<td colspan="3" class="muted">${d.restDay}</td>`
    }</tr>`,
)}</tbody></table></section>`;

  const absences = html`<section aria-labelledby="h-absences"><h2 id="h-absences">${d.absences}</h2>${
    duty.absences.length === 0
      ? html`<p>${d.noAbsences}</p>`
      : html`<ul>${duty.absences.map(
          (a) =>
            html`<li>${a.name}：${a.from} ${d.through} ${a.to}${a.reason ? `（${a.reason}）` : ''} <span class="muted">${d.recordedBy(a.createdBy)}</span> ${
              v.mayEdit ? undo(`/duty/absences/${a.id}/undo`, v.csrf, d.undo) : ''
            }</li>`,
        )}</ul>`
  }</section>`;

  const swaps = html`<section aria-labelledby="h-swaps"><h2 id="h-swaps">${d.swaps}</h2>${
    duty.swaps.length === 0
      ? html`<p>${d.noSwaps}</p>`
      : html`<ul>${duty.swaps.map(
          (s) =>
            html`<li>${s.date}：${d.slot[s.post]} ${s.name}${s.reason ? `（${s.reason}）` : ''} ${
              v.mayEdit ? undo(`/duty/swaps/${s.id}/undo`, v.csrf, d.undo) : ''
            }</li>`,
        )}</ul>`
  }</section>`;

  const form = v.form ?? {};
  // The failed form's values are shown again in that form only.
  const fa = form.kind === 'absence' ? form : {};
  const fs = form.kind === 'swap' ? form : {};
  const people = (sel: string | undefined) =>
    v.staff.map(
      (p) => html`<option value="${p.id}"${p.id === sel ? html` selected` : ''}>${p.name}</option>`,
    );
  const min = v.minDate ? html` min="${v.minDate}"` : '';
  const forms = v.mayEdit
    ? html`<section aria-labelledby="h-add-absence"><h2 id="h-add-absence">${d.addAbsence}</h2>
<form method="post" action="/duty/absences"><input type="hidden" name="csrf" value="${v.csrf}">
<label for="a-person">${d.person}</label><select id="a-person" name="personId" required>${people(fa.personId)}</select>
<label for="a-from">${d.from}</label><input id="a-from" name="from" type="date" required${min} value="${fa.from ?? duty.today.date}">
<label for="a-to">${d.to}</label><input id="a-to" name="to" type="date" required${min} value="${fa.to ?? duty.today.date}">
<label for="a-reason">${d.reason}</label><input id="a-reason" name="reason" required maxlength="200" value="${fa.reason ?? ''}">
<label style="font-weight:400"><input type="checkbox" name="confirmCover" value="true" style="width:auto"> ${d.confirmCover}</label>
<button type="submit">${d.addAbsence}</button></form></section>
<section aria-labelledby="h-add-swap"><h2 id="h-add-swap">${d.addSwap}</h2><p class="muted">${d.swapHint}</p>
<form method="post" action="/duty/swaps"><input type="hidden" name="csrf" value="${v.csrf}">
<label for="s-date">${d.date}</label><input id="s-date" name="date" type="date" required${min} value="${fs.date ?? duty.today.date}">
<fieldset style="border:0;padding:0;margin:.7rem 0 0"><legend style="font-weight:600">${d.post}</legend>${(
        ['A', 'B'] as const
      ).map(
        (p) =>
          html`<label style="display:inline-block;font-weight:400;margin-right:1.2rem"><input type="radio" name="post" value="${p}" style="width:auto"${(fs.post ?? 'A') === p ? html` checked` : ''}> ${d.slot[p]}</label>`,
      )}</fieldset>
<label for="s-person">${d.person}</label><select id="s-person" name="personId" required>${people(fs.personId)}</select>
<label for="s-reason">${d.reasonOptional}</label><input id="s-reason" name="reason" maxlength="200" value="${fs.reason ?? ''}">
<button type="submit">${d.addSwap}</button></form></section>`
    : html`<p class="muted">${d.editNote}</p>`;

  const rota = rotaSection(
    { duty, staff: v.staff, mayEdit: v.mayEdit, csrf: v.csrf, form: form.kind === 'rota' ? form : {} },
    d,
  );
  return html`${dutyBlock(duty.today, d)}${week}${absences}${swaps}${forms}${rota}`;
}
