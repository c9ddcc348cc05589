import { html, type SafeHtml } from '../html.js';
import type { Strings } from '../i18n.js';

/** The sign-in form; with `accounts` undefined (`web.listNames: false`) staff type their name instead. */
export function loginBody(
  s: Strings,
  accounts: ReadonlyArray<{ personId: string; name: string }> | undefined,
  csrf: string,
  next: string,
  selected?: string,
): SafeHtml {
  const who = accounts
    ? html`<select id="person" name="person" required>${accounts.map(
        (a) =>
          html`<option value="${a.personId}"${a.personId === selected ? html` selected` : ''}>${a.name}</option>`,
      )}</select>`
    : html`<input id="person" name="name" required maxlength="64" autocomplete="username">`;
  return html`<section><form method="post" action="/login"><input type="hidden" name="csrf" value="${csrf}">
<input type="hidden" name="next" value="${next}">
<label for="person">${s.person}</label>${who}
<label for="pin">${s.pin}</label><input id="pin" name="pin" type="password" autocomplete="current-password" required maxlength="200">
<button type="submit">${s.submitSignIn}</button></form></section>`;
}

interface HygieneFormView {
  targets: ReadonlyArray<{ id: string; name: string; tasks: readonly string[] }>;
  selectedTarget?: string | undefined;
  selectedTask?: string | undefined;
  csrf: string;
  maxBytes: number;
}

export function hygieneBody(v: HygieneFormView, s: Strings): SafeHtml {
  const tasks = ['clean', 'disinfect'];
  return html`<section><form method="post" action="/hygiene/record" enctype="multipart/form-data" data-one-tap>
<input type="hidden" name="csrf" value="${v.csrf}">
<label for="target">${s.target}</label><select id="target" name="target" required>${v.targets.map(
    (t) =>
      html`<option value="${t.id}"${t.id === v.selectedTarget ? html` selected` : ''}>${t.name}</option>`,
  )}</select>
<fieldset style="border:0;padding:0;margin:.7rem 0 0"><legend style="font-weight:600">${s.task}</legend>${tasks.map(
    (t, i) =>
      html`<label style="display:inline-block;font-weight:400;margin-right:1.2rem"><input type="radio" name="task" value="${t}" style="width:auto"${
        (v.selectedTask ?? 'clean') === t || (v.selectedTask === undefined && i === 0) ? html` checked` : ''
      }> ${s.tasks[t] ?? t}</label>`,
  )}</fieldset>
<label for="method">${s.method}</label><input id="method" name="method" maxlength="200" placeholder="湿抹布擦拭 / 紫外线">
<label for="agent">${s.agent}</label><input id="agent" name="agent" maxlength="200" placeholder="含氯消毒液 500mg/L">
<label for="note">${s.note}</label><input id="note" name="note" maxlength="2000">
<label for="photo">${s.photo}</label><input id="photo" name="photo" type="file" accept="image/jpeg,image/png" capture="environment">
<button type="submit">${s.submitRecord}</button></form></section>`;
}
