import type { Language } from '../../domain/messages.js';
import { html, type SafeHtml } from '../html.js';
import type { Strings } from '../i18n.js';
import { badge, formatTime, message } from './layout.js';

/** The words of the technician's /lockouts page (Chinese by default). */
const words = {
  'zh-CN': {
    intro: '工作人员连续输错密码后账号会被锁定。确认是本人后，可在此解除锁定。',
    lockedUntil: (until: string) => `已锁定至 ${until}`,
    recentFailures: (n: number) => `最近输错 ${n} 次`,
    normal: '正常',
    lift: '解除锁定',
    action: '操作',
    lifted: (name: string) => `已解除 ${name} 的登录锁定。`,
  },
  en: {
    intro:
      'An account is locked after repeated wrong PINs. Once you know it is the staff member, lift it here.',
    lockedUntil: (until: string) => `locked until ${until}`,
    recentFailures: (n: number) => `${n} recent wrong PINs`,
    normal: 'normal',
    lift: 'Lift the lockout',
    action: 'Action',
    lifted: (name: string) => `Lockout of ${name} lifted.`,
  },
} satisfies Record<Language, unknown>;

export interface LockoutRow {
  readonly account: { readonly personId: string; readonly name: string };
  readonly lockedUntil?: number;
  readonly failures: number;
}

/** Every account with its state, and a lift button where there is something to lift. */
export function lockoutsBody(
  s: Strings,
  language: Language,
  v: { rows: readonly LockoutRow[]; lifted?: string | undefined; csrf: string; timeZone: string },
): SafeHtml {
  const w = words[language];
  return html`${v.lifted ? message(w.lifted(v.lifted)) : html``}<section><p>${w.intro}</p><table>
<thead><tr><th scope="col">${s.person}</th><th scope="col">${s.state}</th><th scope="col">${w.action}</th></tr></thead><tbody>${v.rows.map(
    (r) =>
      html`<tr><td>${r.account.name}</td><td>${
        r.lockedUntil !== undefined
          ? badge('down', w.lockedUntil(formatTime(r.lockedUntil, v.timeZone)))
          : r.failures > 0
            ? badge('degraded', w.recentFailures(r.failures))
            : badge('up', w.normal)
      }</td><td>${
        r.lockedUntil !== undefined || r.failures > 0
          ? html`<form method="post" action="/lockouts/${r.account.personId}/lift"><input type="hidden" name="csrf" value="${v.csrf}"><button type="submit" aria-label="${w.lift}：${r.account.name}">${w.lift}</button></form>`
          : html``
      }</td></tr>`,
  )}</tbody></table></section>`;
}
