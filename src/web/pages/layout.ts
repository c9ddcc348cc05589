import { formatLocal } from '../../domain/local-time.js';
import { html, type SafeHtml } from '../html.js';
import type { Strings } from '../i18n.js';
import type { WebUser } from '../sessions.js';

/** Phone-first, no build step: one small inline style sheet, system fonts, large tap targets. */
const css = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1a1a1a;background:#f5f6f8}
header{background:#9e1b1b;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
header a,header button{color:#fff}header .site{font-weight:600;margin-right:auto}
nav a{margin-right:.8rem}main{max-width:52rem;margin:0 auto;padding:1rem}
section{background:#fff;border-radius:6px;padding:.8rem 1rem;margin:0 0 1rem;box-shadow:0 1px 2px #0001}
h1{font-size:1.3rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin:.2rem 0 .6rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .4rem;border-bottom:1px solid #e3e3e3;vertical-align:top}
label{display:block;margin:.7rem 0 .2rem;font-weight:600}
input,select,textarea{width:100%;font:inherit;padding:.55rem;border:1px solid #999;border-radius:4px;background:#fff}
button{font:inherit;padding:.7rem 1.2rem;border:0;border-radius:4px;background:#9e1b1b;color:#fff;margin-top:.8rem;min-height:44px}
header button{background:none;border:1px solid #fff8;padding:.2rem .6rem;margin:0;min-height:0}
.msg{padding:.6rem .8rem;border-radius:4px;background:#e7f4e7;border:1px solid #8c8}.err{background:#fde8e8;border-color:#d88}
.st{display:inline-block;padding:0 .4rem;border-radius:3px;font-size:.9rem;white-space:nowrap}
.st-up,.st-on-time,.st-resolved,.st-cleared{background:#dff3df}.st-degraded,.st-due,.st-late,.st-acknowledged,.st-vendor-contacted{background:#fff1c9}
.st-down,.st-overdue,.st-missed,.st-open{background:#fbd5d5}.st-off-scheduled,.st-unknown{background:#e6e6e6}
.muted{color:#666;font-size:.9rem}ol.timeline{padding-left:1.2rem}
@media print{header,nav,.noprint{display:none}body{background:#fff}section{box-shadow:none}}
`;

interface PageOptions {
  s: Strings;
  siteName: string;
  title: string;
  user?: WebUser | undefined;
  body: SafeHtml;
  /** Seconds after which the browser reloads (status page). */
  refreshSeconds?: number;
}

export function page(o: PageOptions): string {
  const { s, user } = o;
  const nav = user
    ? html`<nav><a href="/">${s.status}</a><a href="/duty">${s.duty}</a><a href="/hygiene/record">${s.hygieneRecord}</a><a href="/qr">${s.qrSheet}</a><a href="/reports">${s.reports}</a>${user.role === 'staff' ? '' : html`<a href="/lockouts">${s.lockouts}</a>`}</nav>
<form method="post" action="/logout"><input type="hidden" name="csrf" value="${user.csrf}"><span class="muted" style="color:#fff">${s.signedInAs(user.name)}</span> <button type="submit">${s.signOut}</button></form>`
    : html``;
  return html`<!doctype html>
<html lang="${s.htmlLang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${o.refreshSeconds ? html`<meta http-equiv="refresh" content="${o.refreshSeconds}">` : ''}
<title>${o.title} · ${o.siteName}</title><link rel="icon" href="data:,"><style>${css}</style>
<script src="/static/app.js" defer></script></head>
<body><header><span class="site">${o.siteName}</span>${nav}</header>
<main><h1>${o.title}</h1>${o.body}</main></body></html>`.value;
}

export function message(text: string | undefined, error = false): SafeHtml {
  if (!text) return html``;
  return html`<p class="${error ? 'msg err' : 'msg'}" role="${error ? 'alert' : 'status'}">${text}</p>`;
}

/** `2025-05-06 10:00` in the zone's time zone (domain/local-time.ts formatLocal); `—` when unknown. */
export function formatTime(ms: number | null | undefined, tz: string): string {
  return ms === null || ms === undefined ? '—' : formatLocal(ms, tz);
}

export function badge(cls: string, text: string): SafeHtml {
  return html`<span class="st st-${cls}">${text}</span>`;
}
