/**
 * The one way pages are written: `html\`<p>${value}</p>\`` escapes every interpolation, so text from
 * config, devices, the public or the database can never become markup. Only values that are already
 * `SafeHtml` (built by `html` itself, or `raw()` for constant markup written in this codebase) pass as-is.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const replacements: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '=': '&#61;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`=]/g, (c) => replacements[c] ?? c);
}

type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    out += render(values[i] as HtmlValue) + (strings[i + 1] ?? '');
  }
  return new SafeHtml(out);
}

/** Markup we wrote ourselves (never anything from outside): a QR SVG from the library, a constant. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Query-string/path component for links: encodeURIComponent, then escaped by `html` as usual. */
export function urlPart(s: string): string {
  return encodeURIComponent(s);
}
