import { formatLocal } from '../../domain/local-time.js';
import { whenText } from '../../domain/relative-time.js';
import { html, type SafeHtml } from '../html.js';
import type { Strings } from '../i18n.js';

/** The small pieces every page is built from: badges, times, list tables, form fields, phone links. */

export function badge(cls: string, text: string): SafeHtml {
  return html`<span class="st st-${cls}">${text}</span>`;
}

export function severityBadge(severity: string, s: Strings): SafeHtml {
  return html`<span class="sev sev-${severity}">${s.severities[severity] ?? s.unknown}</span>`;
}

/** Order of severities on the pages: the most severe first. */
export const severityOrder: Readonly<Record<string, number>> = { critical: 0, warning: 1, info: 2 };

/** A time as people say it (`12 分钟前`), with the full local time for screen readers and hover. */
export interface TimeContext {
  readonly now: number;
  readonly tz: string;
}

export function when(ms: number | null | undefined, t: TimeContext, s: Strings): SafeHtml {
  if (ms === null || ms === undefined) return html`—`;
  const full = formatLocal(ms, t.tz);
  const iso = new Date(ms).toISOString();
  return html`<time datetime="${iso}" title="${full}">${whenText(ms, t.now, t.tz, s.lang)}</time>`;
}

export interface Column {
  /** Header text, and the label a phone card shows before the cell. */
  readonly label: string;
  /** The first column of a card, shown larger and without its label. */
  readonly title?: boolean;
  /** On a phone card, a line of its own (longer text). */
  readonly wide?: boolean;
}

/** A table on a desktop, one card per row on a phone (style.ts `table.list`). */
export function listTable(
  columns: readonly Column[],
  rows: ReadonlyArray<readonly (SafeHtml | string)[]>,
  opts: { caption?: string; rowIds?: readonly string[] } = {},
): SafeHtml {
  return html`<table class="list">${opts.caption ? html`<caption class="sr-only">${opts.caption}</caption>` : ''}
<thead><tr>${columns.map((c) => html`<th scope="col">${c.label}</th>`)}</tr></thead><tbody>
${rows.map(
  (r, i) =>
    html`<tr${opts.rowIds?.[i] ? html` id="${opts.rowIds[i] as string}"` : ''}>${r.map((cell, j) => {
      const c = columns[j] as Column;
      const cls = c.title ? 'title' : c.wide ? 'wide' : '';
      return html`<td data-label="${c.label}"${cls ? html` class="${cls}"` : ''}>${cell}</td>`;
    })}</tr>`,
)}</tbody></table>`;
}

/** A definition list of label → value facts (the asset card). */
export function facts(items: ReadonlyArray<readonly [string, SafeHtml | string]>): SafeHtml {
  return html`<dl class="facts">${items.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>`;
}

/** `tel:` link (RFC 3966): digits and a leading + only; the visible text as it was written. */
export function telLink(phone: string | undefined, label: string, s: Strings): SafeHtml {
  if (!phone) return html`<span class="muted">${s.noPhone}</span>`;
  const digits = phone.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
  if (digits.replace('+', '').length < 3) return html`${phone}`;
  return html`<a class="tel" href="tel:${digits}" aria-label="${s.call(label)} ${phone}">☎ ${phone}</a>`;
}

/** The values a form was sent with and the error of each field (shown beside it). */
export interface FormState {
  readonly values: Readonly<Record<string, string>>;
  readonly errors: Readonly<Record<string, string>>;
}

export const emptyForm: FormState = { values: {}, errors: {} };

interface FieldOptions {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly required?: boolean;
  readonly type?: string;
  readonly maxlength?: number;
  readonly extra?: SafeHtml;
  /** The error is announced at once (role="alert"): for a page that is shown because of that error. */
  readonly alert?: boolean;
}

function described(f: FieldOptions, error: string | undefined): SafeHtml {
  const ids = [f.hint ? `${f.id}-hint` : '', error ? `${f.id}-err` : ''].filter(Boolean).join(' ');
  return html`${ids ? html` aria-describedby="${ids}"` : ''}${error ? html` aria-invalid="true"` : ''}${f.required ? html` required` : ''}`;
}

function labelFor(f: FieldOptions, s: Strings): SafeHtml {
  return html`<label for="${f.id}">${f.label}${f.required ? '' : html`<span class="muted">${s.optional}</span>`}</label>${
    f.hint ? html`<span class="hint" id="${f.id}-hint">${f.hint}</span>` : ''
  }`;
}

export function fieldError(id: string, error: string | undefined, alert = false): SafeHtml {
  if (!error) return html``;
  return html`<p class="field-err" id="${id}-err"${alert ? html` role="alert"` : ''}>${error}</p>`;
}

export function input(f: FieldOptions, form: FormState, s: Strings): SafeHtml {
  const error = form.errors[f.name];
  return html`${labelFor(f, s)}<input id="${f.id}" name="${f.name}" type="${f.type ?? 'text'}" value="${
    form.values[f.name] ?? ''
  }"${f.maxlength ? html` maxlength="${f.maxlength}"` : ''}${described(f, error)}${f.extra ?? ''}>${fieldError(f.id, error, f.alert)}`;
}

export function textarea(f: FieldOptions, form: FormState, s: Strings): SafeHtml {
  const error = form.errors[f.name];
  return html`${labelFor(f, s)}<textarea id="${f.id}" name="${f.name}" rows="2"${
    f.maxlength ? html` maxlength="${f.maxlength}"` : ''
  }${described(f, error)}>${form.values[f.name] ?? ''}</textarea>${fieldError(f.id, error)}`;
}

export function select(
  f: FieldOptions,
  options: ReadonlyArray<readonly [string, string]>,
  form: FormState,
  s: Strings,
): SafeHtml {
  const error = form.errors[f.name];
  const chosen = form.values[f.name];
  return html`${labelFor(f, s)}<select id="${f.id}" name="${f.name}"${described(f, error)}${f.extra ?? ''}>${options.map(
    ([v, text]) => html`<option value="${v}"${v === chosen ? html` selected` : ''}>${text}</option>`,
  )}</select>${fieldError(f.id, error)}`;
}

/** Radio buttons in a fieldset with a legend; the error sits under the legend. */
export function radios(
  f: Omit<FieldOptions, 'type'>,
  options: ReadonlyArray<readonly [string, string, SafeHtml?]>,
  form: FormState,
): SafeHtml {
  const error = form.errors[f.name];
  const chosen = form.values[f.name];
  return html`<fieldset id="${f.id}"${error ? html` aria-describedby="${f.id}-err"` : ''}><legend>${f.label}</legend>${fieldError(f.id, error)}${options.map(
    ([v, text, attrs], i) =>
      html`<label class="choice" for="${f.id}-${i}"><input type="radio" id="${f.id}-${i}" name="${f.name}" value="${v}"${
        v === chosen ? html` checked` : ''
      }${f.required ? html` required` : ''}${attrs ?? ''}>${text}</label>`,
  )}</fieldset>`;
}

export function csrfField(csrf: string): SafeHtml {
  return html`<input type="hidden" name="csrf" value="${csrf}">`;
}

/** The refresh link and time of a page whose regions update themselves (static/app.js). */
export function refreshBar(t: TimeContext, s: Strings, path: string): SafeHtml {
  const at = formatLocal(t.now, t.tz).slice(11);
  return html`<div class="toolbar noprint"><a class="button secondary" href="${path}" data-refresh>${s.refresh}</a>
<span class="muted" data-updated>${s.updatedAt(at)}</span><span class="sr-only" aria-live="polite" data-announce></span></div>`;
}
