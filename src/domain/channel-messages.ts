import type { NotificationPayload } from './delivery-plan.js';
import { hhmm, localTime } from './local-time.js';
import type { Language, RenderedMessage } from './messages.js';

/**
 * Texts about the notification channels themselves (pure): a channel that keeps failing, a channel
 * the platform refuses as misconfigured, an e-mail address the server refused, a digest of a burst,
 * and the note on a message that is late. Simplified Chinese by default, English selectable; the
 * platform's own error text is quoted as it came (secrets already removed by the channel).
 */
const t = {
  'zh-CN': {
    channelDown: (id: string, n: number, err: string) =>
      `通知渠道 ${id} 连续 ${n} 次发送失败（${err}），其他渠道仍在发送，请技术员检查。`,
    misconfigured: (id: string, err: string) =>
      `通知渠道 ${id} 的配置有误，平台拒收：${err}。该渠道已暂停发送，待发消息已保留；请技术员修正配置后重启 zoneops，保留的消息将补发。`,
    refused: (who: string, address: string, err: string) =>
      `邮件服务器拒收了 ${who} 的邮箱地址 ${address}（${err}），${who} 收不到邮件通知，请技术员核对通讯录中的邮箱地址。`,
    digestTitle: (site: string, n: number) => `【${site}】设备提醒汇总（${n} 条）`,
    more: (n: number) => `另有 ${n} 条设备提醒`,
    seeAt: (where: string) => `，详见 ${where}`,
    seeElsewhere: '，详见状态页或邮件通知',
    late: (when: string) => `【迟到通知】本条消息原定 ${when} 发出，因通知渠道配置有误延迟送达。`,
    date: (m: number, d: number, time: string) => `${m}月${d}日 ${time}`,
    lateTag: '【迟到】',
  },
  en: {
    channelDown: (id: string, n: number, err: string) =>
      `notification channel ${id} failed ${n} times in a row (${err}); other channels still deliver. Technician, please check it.`,
    misconfigured: (id: string, err: string) =>
      `notification channel ${id} is misconfigured; the platform refuses it: ${err}. Sending on it is paused and its messages are kept; fix the configuration and restart zoneops to send them.`,
    refused: (who: string, address: string, err: string) =>
      `the mail server refused ${who}'s address ${address} (${err}); ${who} gets no e-mail alerts. Technician, please check the address.`,
    digestTitle: (site: string, n: number) => `[${site}] ${n} device alert${n === 1 ? '' : 's'}`,
    more: (n: number) => `${n} more device alert${n === 1 ? '' : 's'}`,
    seeAt: (where: string) => `, see ${where}`,
    seeElsewhere: ', see the status page or the e-mail alerts',
    late: (when: string) =>
      `[late] This message was due at ${when}; it was held while the notification channel was misconfigured.`,
    date: (m: number, d: number, time: string) => `${m}/${d} ${time}`,
    lateTag: '[late] ',
  },
} as const;

interface Ctx {
  readonly siteName: string;
  readonly language: Language;
}

function plain(text: string): RenderedMessage {
  return { title: text.slice(0, 60), text, markdown: `**${text}**` };
}

export function renderChannelDown(ctx: Ctx, channelId: string, failures: number, error: string) {
  return plain(`【${ctx.siteName}】${t[ctx.language].channelDown(channelId, failures, error.slice(0, 120))}`);
}

export function renderChannelMisconfigured(ctx: Ctx, channelId: string, error: string) {
  return plain(`【${ctx.siteName}】${t[ctx.language].misconfigured(channelId, error.slice(0, 300))}`);
}

export function renderRecipientRefused(ctx: Ctx, who: string, address: string, error: string) {
  return plain(`【${ctx.siteName}】${t[ctx.language].refused(who, address, error.slice(0, 200))}`);
}

/**
 * One message for a burst: the first line of each collapsed message, as many as fit in `maxLines`,
 * then "另有 N 条设备提醒，详见 …" for the rest (the status page when `publicUrl` is set).
 */
export function renderDigest(
  ctx: Ctx & { readonly publicUrl?: string },
  titles: readonly string[],
  maxLines = 10,
): RenderedMessage {
  const L = t[ctx.language];
  const shown = titles.slice(0, maxLines);
  const rest = titles.length - shown.length;
  const where = ctx.publicUrl ? L.seeAt(`${ctx.publicUrl.replace(/\/+$/, '')}/`) : L.seeElsewhere;
  const lines = [
    ...shown.map((s, i) => `${i + 1}. ${s}`),
    ...(rest > 0 ? [`${L.more(rest)}${where}`] : [where.replace(/^[，,]\s*/, '')]),
  ];
  const title = L.digestTitle(ctx.siteName, titles.length);
  return {
    title,
    text: [title, ...lines].join('\n'),
    markdown: [`**${title}**`, ...lines.map((l) => `> ${l}`)].join('\n'),
  };
}

/** The payload of a held message as it finally goes out: the note, with the time it was first due, in front. */
export function withLateNote(
  p: NotificationPayload,
  language: Language,
  dueAt: number,
  timeZone: string,
): NotificationPayload {
  const L = t[language];
  const local = localTime(dueAt, timeZone);
  const [, m, d] = local.date.split('-').map(Number) as [number, number, number];
  const note = L.late(L.date(m, d, hhmm(local.minutes)));
  return {
    ...p,
    title: `${L.lateTag}${p.title}`,
    text: `${note}\n${p.text}`,
    markdown: `${note}\n\n${p.markdown}`,
  };
}
