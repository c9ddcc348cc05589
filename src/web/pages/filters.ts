import { html, type SafeHtml } from '../html.js';
import type { Strings } from '../i18n.js';

interface FilterSelect {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly options: ReadonlyArray<readonly [string, string]>;
}

/** A GET form of drop-downs over a list (works without script; the address keeps the filter). */
export function filterForm(action: string, s: Strings, selects: readonly FilterSelect[]): SafeHtml {
  return html`<form method="get" action="${action}" class="card noprint" role="search" aria-label="${s.filter}">
<div class="filters">${selects.map(
    (f) =>
      html`<div><label for="f-${f.name}">${f.label}</label><select id="f-${f.name}" name="${f.name}">${f.options.map(
        ([v, text]) => html`<option value="${v}"${v === f.value ? html` selected` : ''}>${text}</option>`,
      )}</select></div>`,
  )}</div>
<button type="submit">${s.filter}</button> <a href="${action}">${s.clearFilter}</a></form>`;
}
