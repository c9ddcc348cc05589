import type { DutyView } from '../../duty/duty-service.js';
import { html, type SafeHtml } from '../html.js';
import type { DutyStrings } from '../i18n-duty.js';

interface RotaSectionView {
  readonly duty: DutyView;
  readonly staff: ReadonlyArray<{ id: string; name: string }>;
  readonly mayEdit: boolean;
  readonly csrf: string;
  /** The failed rota form's values, shown again. */
  readonly form: Readonly<Record<string, string>>;
}

const names = (list: ReadonlyArray<{ name: string }>, d: DutyStrings) =>
  list.length === 0 ? html`<span class="muted">${d.nobody}</span>` : list.map((p) => p.name).join('、');

/** The weekly rota (值班表): each weekday's A and B posts, where it comes from, and the form to change one. */
export function rotaSection(v: RotaSectionView, d: DutyStrings): SafeHtml {
  const rows = v.duty.rota.map(
    (day) =>
      html`<tr><th scope="row">${d.weekdays[day.weekday] ?? day.weekday}</th><td>${names(day.A, d)}</td><td>${names(day.B, d)}</td><td>${
        day.change
          ? html`${d.rotaFromPage(day.change.createdBy)}${day.change.reason ? `（${day.change.reason}）` : ''}${
              v.mayEdit
                ? html` <form method="post" action="/duty/rota/${String(day.change.id)}/undo" style="display:inline"><input type="hidden" name="csrf" value="${v.csrf}"><button type="submit" style="margin:0;padding:.4rem .8rem">${d.undo}</button></form>`
                : ''
            }`
          : html`<span class="muted">${day.source === 'config' ? d.rotaFromConfig : d.rotaFromPeople}</span>`
      }</td></tr>`,
  );
  const table = html`<section aria-labelledby="h-rota"><h2 id="h-rota">${d.rota}</h2><table>
<thead><tr><th scope="col">${d.weekday}</th><th scope="col">${d.slot.A}</th><th scope="col">${d.slot.B}</th><th scope="col">${d.rotaSource}</th></tr></thead><tbody>
${rows}</tbody></table></section>`;
  if (!v.mayEdit) return table;

  const f = v.form;
  const options = (sel: string | undefined, none: boolean) =>
    html`${none ? html`<option value=""${sel === '' ? html` selected` : ''}>${d.nobody}</option>` : ''}${v.staff.map(
      (p) => html`<option value="${p.id}"${p.id === sel ? html` selected` : ''}>${p.name}</option>`,
    )}`;
  const day = f.weekday ?? v.duty.today.weekday;
  // Without a failed form, the selected weekday's current holders are preselected.
  const now = v.duty.rota.find((x) => x.weekday === day);
  return html`${table}<section aria-labelledby="h-set-rota"><h2 id="h-set-rota">${d.setRota}</h2><p class="muted">${d.rotaHint}</p>
<form method="post" action="/duty/rota"><input type="hidden" name="csrf" value="${v.csrf}">
<label for="r-weekday">${d.weekday}</label><select id="r-weekday" name="weekday" required>${v.duty.rota.map(
    (x) =>
      html`<option value="${x.weekday}"${x.weekday === day ? html` selected` : ''}>${d.weekdays[x.weekday] ?? x.weekday}</option>`,
  )}</select>
<label for="r-a">${d.slot.A}</label><select id="r-a" name="A">${options(f.A ?? now?.A[0]?.id ?? '', true)}</select>
<label for="r-b">${d.slot.B}</label><select id="r-b" name="B">${options(f.B ?? now?.B[0]?.id ?? '', true)}</select>
<label for="r-reason">${d.reasonOptional}</label><input id="r-reason" name="reason" maxlength="200" value="${f.reason ?? ''}">
<button type="submit">${d.setRota}</button></form></section>`;
}
