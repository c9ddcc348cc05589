import type { Severity } from './conditions.js';
import type { Contact } from './device.js';
import { evidenceText } from './evidence-text.js';
import type { FaultKind } from './fault-kinds.js';
import type { Audience } from './routing.js';

/**
 * Notification texts (pure): Simplified Chinese by default, English selectable. Short and actionable:
 * what, where, who should act — e.g. 【濯水镇政务公开专区】打印机 P-01（一楼查阅区）缺纸，请值班人员处理。
 */
export type Language = 'zh-CN' | 'en';

const what: Readonly<Record<FaultKind, Readonly<Record<Language, string>>>> = {
  unreachable: { 'zh-CN': '无法连接', en: 'cannot be reached' },
  'power-on-failed': { 'zh-CN': '按计划开机后未能启动', en: 'did not come up after the scheduled power-on' },
  'still-on-after-hours': { 'zh-CN': '下班后仍未关机', en: 'is still on after hours' },
  'paper-low': { 'zh-CN': '纸张不足', en: 'is low on paper' },
  'paper-out': { 'zh-CN': '缺纸', en: 'is out of paper' },
  'toner-low': { 'zh-CN': '墨粉不足', en: 'is low on toner' },
  'toner-out': { 'zh-CN': '墨粉已用完', en: 'is out of toner' },
  jam: { 'zh-CN': '卡纸', en: 'has a paper jam' },
  'door-open': { 'zh-CN': '机盖未关好', en: 'has a door open' },
  offline: { 'zh-CN': '处于脱机状态', en: 'is offline' },
  'service-requested': { 'zh-CN': '需要维修', en: 'needs service' },
  'disk-full': { 'zh-CN': '磁盘空间不足', en: 'is running out of disk space' },
  'forbidden-software': { 'zh-CN': '发现禁止安装的软件', en: 'has forbidden software installed' },
  'software-changed': { 'zh-CN': '已安装的软件发生变化', en: 'has changed installed software' },
  'hardware-changed': { 'zh-CN': '硬件配置发生变化', en: 'has changed hardware' },
  'cleaning-overdue': { 'zh-CN': '清洁已逾期', en: 'is overdue for cleaning' },
  'disinfection-overdue': { 'zh-CN': '消毒已逾期', en: 'is overdue for disinfection' },
  'public-report': { 'zh-CN': '有群众报告故障', en: 'was reported broken by a member of the public' },
  'supply-order-due': { 'zh-CN': '耗材需要提前采购', en: 'needs supplies ordered' },
  'printer-stopped': { 'zh-CN': '已停止工作且不接受打印任务', en: 'has stopped and refuses print jobs' },
  'spool-area-full': {
    'zh-CN': '打印缓存空间已满，无法接收新任务',
    en: 'has a full spool area and takes no new jobs',
  },
  'plug-overload': { 'zh-CN': '插座因过载已自动断电', en: 'plug cut the power because of an overload' },
};

/** What a fault kind says about its device, in words (`缺纸`, `无法连接`). */
export function faultWhat(kind: FaultKind, language: Language = 'zh-CN'): string {
  return what[kind][language];
}

/** A safety note appended to the message of some kinds. */
const caution: Readonly<Partial<Record<FaultKind, Readonly<Record<Language, string>>>>> = {
  'plug-overload': {
    'zh-CN': '请先检查所接设备有无异常，确认后再恢复供电。',
    en: 'Check the device behind it before power is restored.',
  },
};

/** The device's own detail as people read it (domain/evidence-text.ts): in words, never cut mid-word. */
export function detailText(kind: FaultKind, detail: string, language: Language): string {
  return evidenceText(kind, detail, language);
}

const t = {
  'zh-CN': {
    comma: '，',
    open: '（',
    close: '）',
    escalated: '【升级】',
    reminder: '【提醒】',
    unacked: (m: number) => `已 ${m} 分钟无人确认`,
    onDuty: '请值班人员处理。',
    technician: '请党政办技术员及时联系厂家和技术服务商。',
    onDutyAndTechnician: '请值班人员到现场查看，并告知党政办技术员。',
    change: '请技术员与专区负责人核实（任何人不得擅自更新软件或更换硬件）。',
    lead: '请专区负责人处理。',
    vendor: '厂家',
    provider: '技术服务商',
    assetNo: '资产编号',
    warranty: '保修',
    inWarranty: (d: string) => `在保（至 ${d}）`,
    outOfWarranty: (d: string) => `已过保（${d} 到期）`,
    unknownWarranty: '未登记',
    details: '详情',
    sep: '；',
    colon: '：',
  },
  en: {
    comma: ', ',
    open: ' (',
    close: ')',
    escalated: '[escalated] ',
    reminder: '[reminder] ',
    unacked: (m: number) => `unacknowledged for ${m} min`,
    onDuty: 'Attendant on duty, please handle it.',
    technician: 'Technician: please contact the vendor and the service provider.',
    onDutyAndTechnician: 'Attendant on duty, please check on site and tell the technician.',
    change:
      'Technician and zone lead: please verify (nobody may update software or swap hardware on their own).',
    lead: 'Zone lead, please handle it.',
    vendor: 'Vendor',
    provider: 'Service provider',
    assetNo: 'Asset no.',
    warranty: 'Warranty',
    inWarranty: (d: string) => `valid until ${d}`,
    outOfWarranty: (d: string) => `expired ${d}`,
    unknownWarranty: 'not recorded',
    details: 'Details',
    sep: '; ',
    colon: ': ',
  },
} as const;

interface MessageDevice {
  readonly id: string;
  readonly name: string;
  readonly location: string;
  readonly assetNo: string;
  readonly vendor: Contact;
  readonly serviceProvider: Contact;
  readonly warrantyUntil: string | null;
}

interface MessageFault {
  readonly id: number;
  readonly kind: FaultKind;
  readonly severity: Severity;
  readonly detail: string;
}

interface MessageContext {
  readonly siteName: string;
  readonly language: Language;
  readonly publicUrl?: string;
  /** Local date YYYY-MM-DD, for the warranty status. */
  readonly today: string;
}

export interface RenderedMessage {
  /** One line, for subjects and DingTalk's title. */
  readonly title: string;
  readonly text: string;
  readonly markdown: string;
  readonly link?: string;
}

/** A one-line summary stored with the fault, e.g. `打印机 P-01（一楼查阅区）缺纸`. */
export function faultSummary(
  kind: FaultKind,
  device: Pick<MessageDevice, 'name' | 'location'>,
  language: Language,
): string {
  return `${where(device, t[language])}${language === 'en' ? ' ' : ''}${what[kind][language]}`;
}

/** `打印机 P-01（一楼查阅区）`; a cleaning area, whose location is its own name, only once. */
function where(device: Pick<MessageDevice, 'name' | 'location'>, L: Texts): string {
  return device.location === device.name || device.location === ''
    ? device.name
    : `${device.name}${L.open}${device.location}${L.close}`;
}

export function faultLink(publicUrl: string | undefined, faultId: number): string | undefined {
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}/faults/${faultId}` : undefined;
}

export function renderFaultMessage(
  type: 'initial' | 'escalate' | 'remind',
  fault: MessageFault,
  device: MessageDevice,
  route: readonly Audience[],
  ctx: MessageContext,
  minutesOpen = 0,
): RenderedMessage {
  const L = t[ctx.language];
  const prefix = type === 'escalate' ? L.escalated : type === 'remind' ? L.reminder : '';
  const detail = evidenceText(fault.kind, fault.detail, ctx.language, 80);
  const subject = `${where(device, L)}${ctx.language === 'en' ? ' ' : ''}${what[fault.kind][ctx.language]}`;
  const withDetail = detail !== '' ? `${subject}${L.open}${detail}${L.close}` : subject;
  const late = type === 'initial' ? '' : `${L.comma}${L.unacked(minutesOpen)}`;
  const action = actionText(route, L);
  const note = caution[fault.kind]?.[ctx.language];
  const first = `【${ctx.siteName}】${prefix}${withDetail}${late}${L.comma}${action}${note ? `${ctx.language === 'en' ? ' ' : ''}${note}` : ''}`;
  const lines = [first];
  if (route.includes('technician')) lines.push(...technicianLines(device, ctx, L));
  const link = faultLink(ctx.publicUrl, fault.id);
  if (link) lines.push(`${L.details}${L.colon}${link}`);
  // No escapes: a robot sends its `text` type instead when the text carries markup (notify/robot-text.ts).
  const markdown = [
    `**${first}**`,
    ...lines.slice(1, link ? -1 : undefined).map((l) => `> ${l}`),
    ...(link ? [`[${L.details}](${link})`] : []),
  ].join('\n');
  return {
    title: `【${ctx.siteName}】${prefix}${subject}`,
    text: lines.join('\n'),
    markdown,
    ...(link ? { link } : {}),
  };
}

type Texts = (typeof t)[Language];

function actionText(route: readonly Audience[], L: Texts): string {
  if (route.includes('technician') && route.includes('lead')) return L.change;
  if (route.includes('technician') && route.includes('on-duty')) return L.onDutyAndTechnician;
  if (route.includes('technician')) return L.technician;
  if (route.includes('on-duty')) return L.onDuty;
  return L.lead;
}

function technicianLines(device: MessageDevice, ctx: MessageContext, L: Texts): string[] {
  const contact = (c: Contact) =>
    [c.name, c.contact ? `${L.open}${c.contact}${L.close}` : '', c.phone ? ` ${c.phone}` : ''].join('');
  const w = device.warrantyUntil;
  const warranty = w === null ? L.unknownWarranty : ctx.today <= w ? L.inWarranty(w) : L.outOfWarranty(w);
  return [
    `${L.vendor}${L.colon}${contact(device.vendor)}`,
    `${L.provider}${L.colon}${contact(device.serviceProvider)}`,
    `${L.assetNo}${L.colon}${device.assetNo}${L.sep}${L.warranty}${L.colon}${warranty}`,
  ];
}

/** What the power schedule tells the staff (the detail of its power-on-failed / still-on-after-hours faults). */
export type PowerMessage =
  | { readonly key: 'not-up-after-on'; readonly graceMinutes: number }
  | { readonly key: 'on-command-failed' }
  | { readonly key: 'switched-on-after-hours' }
  | { readonly key: 'still-on-plug-kept' }
  | { readonly key: 'still-on' }
  | { readonly key: 'off-command-failed' }
  | { readonly key: 'no-remote-off' }
  | { readonly key: 'off-held-printing'; readonly printing: boolean; readonly queued: number }
  | { readonly key: 'off-held-unknown' };

const power: Readonly<Record<Language, (m: PowerMessage) => string>> = {
  'zh-CN': (m) => {
    switch (m.key) {
      case 'not-up-after-on':
        return `设备开机后 ${m.graceMinutes} 分钟内仍无法连接，请到现场检查。`;
      case 'on-command-failed':
        return '开机指令发送失败，请到现场检查设备及其网络/插座。';
      case 'switched-on-after-hours':
        return '设备在下班后又被开启，可能有人正在使用；如无人使用请关机。';
      case 'still-on-plug-kept':
        return '设备下班关机后仍在运行（可能有人正在使用），为安全起见未断开插座电源，请现场确认。';
      case 'still-on':
        return '设备下班关机后仍在运行，可能有人正在使用，请现场确认。';
      case 'off-command-failed':
        return '关机指令发送失败，设备可能仍在运行，请值班人员关机。';
      case 'no-remote-off':
        return '设备下班后仍在运行，zoneops 无法远程关机，请值班人员关机。';
      case 'off-held-printing': {
        const busy = [m.printing ? '正在打印' : '', m.queued > 0 ? `还有 ${m.queued} 个排队任务` : '']
          .filter((x) => x !== '')
          .join('，');
        return `打印机${busy}，已暂缓断电，请值班人员确认。`;
      }
      case 'off-held-unknown':
        return '无法确认打印机是否在打印，已暂缓断电，请值班人员确认。';
    }
  },
  en: (m) => {
    switch (m.key) {
      case 'not-up-after-on':
        return `The device did not answer within ${m.graceMinutes} min of being switched on; please check it on site.`;
      case 'on-command-failed':
        return 'The power-on command could not be sent; please check the device, its network and its plug on site.';
      case 'switched-on-after-hours':
        return 'The device was switched on again after hours; someone may be using it. If not, please switch it off.';
      case 'still-on-plug-kept':
        return 'The device is still running after its shutdown (someone may be using it); its plug was left on for safety. Please check on site.';
      case 'still-on':
        return 'The device is still running after its shutdown; someone may be using it. Please check on site.';
      case 'off-command-failed':
        return 'The power-off command could not be sent; the device may still be on. Attendant, please switch it off.';
      case 'no-remote-off':
        return 'The device is still on after hours and zoneops cannot switch it off remotely. Attendant, please switch it off.';
      case 'off-held-printing':
        return `The printer is ${m.printing ? 'printing' : 'idle'} with ${m.queued} job(s) queued; its power cut is held. Attendant, please check.`;
      case 'off-held-unknown':
        return 'It is not known whether the printer is printing; its power cut is held. Attendant, please check.';
    }
  },
};

export function powerText(m: PowerMessage, language: Language): string {
  return power[language](m);
}
