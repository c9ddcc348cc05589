import { formatLocal } from '../../domain/local-time.js';
import { html, raw, type SafeHtml, urlPart } from '../html.js';
import type { Strings } from '../i18n.js';
import type { WebUser } from '../sessions.js';
import { css } from './style.js';

interface PageOptions {
  s: Strings;
  siteName: string;
  title: string;
  user?: WebUser | undefined;
  body: SafeHtml;
  /** The request path (with query): the current nav entry and the language switch's way back. */
  path: string;
  /** Extra style rules for this page only (our own constants and config ids, never user text). */
  style?: string;
}

/** The pages a signed-in person moves between, in the order of a working day. */
function navItems(s: Strings, role: string): ReadonlyArray<readonly [string, string]> {
  const items: Array<readonly [string, string]> = [
    ['/', s.navStatus],
    ['/duty', s.navDuty],
    ['/faults', s.navFaults],
    ['/devices', s.navDevices],
    ['/power', s.navPower],
    ['/hygiene/record', s.navHygiene],
    ['/reports', s.navReports],
    ['/qr', s.navQr],
  ];
  // The technician (and admin) lift sign-in lockouts; attendants do not see the page.
  if (role !== 'staff') items.push(['/lockouts', s.lockouts]);
  return items;
}

function current(path: string, href: string): boolean {
  const p = path.split('?')[0] ?? '/';
  return href === '/' ? p === '/' : p === href || p.startsWith(`${href}/`);
}

/** No `meta refresh`: the script refreshes the `data-live` regions without moving focus (static/app.js). */
export function page(o: PageOptions): string {
  const { s, user } = o;
  const nav = user
    ? html`<nav aria-label="${s.menu}"><ul>${navItems(s, user.role).map(
        ([href, text]) =>
          html`<li><a href="${href}"${current(o.path, href) ? html` aria-current="page"` : ''}>${text}</a></li>`,
      )}</ul></nav>
<div class="who"><span>${s.signedInAs(user.name, s.roles[user.role] ?? user.role)}</span>
<form method="post" action="/logout"><input type="hidden" name="csrf" value="${user.csrf}"><button type="submit">${s.signOut}</button></form></div>`
    : html``;
  const other = s.otherLanguageCode;
  return html`<!doctype html>
<html lang="${s.htmlLang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · ${o.siteName}</title><link rel="icon" href="data:,"><style>${raw(css + (o.style ?? ''))}</style>
<script src="/static/app.js" defer></script></head>
<body><a class="skip" href="#main">${s.skip}</a>
<header><span class="site">${o.siteName}</span>${nav}</header>
<main id="main" tabindex="-1"><h1>${o.title}</h1>${o.body}</main>
<footer class="noprint"><a href="/lang?to=${other}&amp;next=${urlPart(o.path)}" lang="${other}" hreflang="${other}">${s.otherLanguage}</a></footer>
</body></html>`.value;
}

export function message(text: string | undefined, kind: 'ok' | 'err' | 'warn' = 'ok'): SafeHtml {
  if (!text) return html``;
  const cls = kind === 'ok' ? 'msg' : `msg ${kind}`;
  return html`<p class="${cls}" role="${kind === 'err' ? 'alert' : 'status'}">${text}</p>`;
}

/** `2025-05-06 10:00` in the zone's time zone (domain/local-time.ts formatLocal); `—` when unknown. */
export function formatTime(ms: number | null | undefined, tz: string): string {
  return ms === null || ms === undefined ? '—' : formatLocal(ms, tz);
}
