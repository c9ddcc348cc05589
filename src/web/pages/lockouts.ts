import type { Language } from '../../domain/messages.js';
import { html, type SafeHtml } from '../html.js';
import type { Strings } from '../i18n.js';
import { formatTime, message } from './layout.js';
import { badge } from './parts.js';

/** The words of the technician's /lockouts page (Chinese by default). */
const words = {
  'zh-CN': {
    intro: '工作人员连续输错密码后账号会被锁定。确认是本人后，可在此解除锁定。',
    lockedUntil: (until: string) => `已锁定至 ${until}`,
    recentFailures: (n: number) => `最近输错 ${n} 次`,
    normal: '正常',
    lift: '解除锁定',
    lifted: (name: string) => `已解除 ${name} 的登录锁定。`,
  },
  en: {
    intro:
      'An account is locked after repeated wrong PINs. Once you know it is the staff member, lift it here.',
    lockedUntil: (until: string) => `locked until ${until}`,
    recentFailures: (n: number) => `${n} recent wrong PINs`,
    normal: 'normal',
    lift: 'Lift the lockout',
    lifted: (name: string) => `Lockout of ${name} lifted.`,
  },
} satisfies Record<Language, unknown>;

export interface LockoutRow {
  readonly account: { readonly personId: string; readonly name: string };
  readonly lockedUntil?: number;
  readonly failures: number;
}

/**
 * Every account with its state, and a lift button under it where there is something to lift: one list
 * item per account (name, state, button wrapping onto lines of their own), so a phone at 200 % text
 * has room for all of it — a three-column table did not (410 px at 390).
 */
export function lockoutsBody(
  s: Strings,
  language: Language,
  v: { rows: readonly LockoutRow[]; lifted?: string | undefined; csrf: string; timeZone: string },
): SafeHtml {
  const w = words[language];
  return html`${v.lifted ? message(w.lifted(v.lifted)) : html``}<section><p>${w.intro}</p><ul aria-label="${s.person}" style="list-style:none;padding:0;margin:0">${v.rows.map(
    (r) =>
      html`<li style="padding:.5rem 0;border-bottom:1px solid #e3e3e3"><strong>${r.account.name}</strong> ${
        r.lockedUntil !== undefined
          ? badge('down', w.lockedUntil(formatTime(r.lockedUntil, v.timeZone)))
          : r.failures > 0
            ? badge('degraded', w.recentFailures(r.failures))
            : badge('up', w.normal)
      }${
        r.lockedUntil !== undefined || r.failures > 0
          ? html`<form method="post" action="/lockouts/${r.account.personId}/lift" style="margin-top:.4rem"><input type="hidden" name="csrf" value="${v.csrf}"><button type="submit" aria-label="${w.lift}：${r.account.name}">${w.lift}</button></form>`
          : html``
      }</li>`,
  )}</ul></section>`;
}
