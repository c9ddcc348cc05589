import type { DeviceType } from '../domain/device.js';
import type { Language } from '../domain/messages.js';
import type { FaultCause } from '../domain/report-types.js';

/** Names the monthly report prints: Simplified Chinese by default, English selectable. */

const typeNames: Record<Language, Record<DeviceType, string>> = {
  'zh-CN': {
    pc: '查阅电脑',
    kiosk: '自助机',
    printer: '打印机',
    copier: '复印机',
    mfp: '打印复印一体机',
    plug: '智能插座',
    other: '其他设备',
  },
  en: {
    pc: 'PC',
    kiosk: 'kiosk',
    printer: 'printer',
    copier: 'copier',
    mfp: 'multifunction',
    plug: 'smart plug',
    other: 'other',
  },
};

export const typeName = (t: DeviceType, lang: Language): string => typeNames[lang][t];

const causeNames: Record<Language, Record<FaultCause | 'total', string>> = {
  'zh-CN': {
    equipment: '设备故障',
    consumables: '耗材（缺纸、墨粉、采购）',
    hygiene: '清洁消毒逾期',
    citizens: '群众报告',
    management: '软件及管理（违规软件、软硬件变化、下班未关机）',
    total: '合计（各类事件）',
  },
  en: {
    equipment: 'Equipment faults',
    consumables: 'Consumables (paper, toner, orders)',
    hygiene: 'Cleaning overdue',
    citizens: 'Citizens’ reports',
    management: 'Software and management',
    total: 'Total (all events)',
  },
};

export const causeName = (c: FaultCause | 'total', lang: Language): string => causeNames[lang][c];

export const partyName = (p: 'vendor' | 'service-provider', lang: Language): string =>
  lang === 'en'
    ? p === 'vendor'
      ? 'vendor'
      : 'service provider'
    : p === 'vendor'
      ? '生产厂家'
      : '技术服务商';

const kindNames: Record<Language, Record<string, string>> = {
  'zh-CN': {
    unreachable: '无法连接',
    'power-on-failed': '开机失败',
    'still-on-after-hours': '下班未关机',
    'paper-low': '纸张不足',
    'paper-out': '缺纸',
    'toner-low': '墨粉不足',
    'toner-out': '墨粉用完',
    jam: '卡纸',
    'door-open': '机盖未关',
    offline: '脱机',
    'service-requested': '需要维修',
    'disk-full': '磁盘空间不足',
    'forbidden-software': '违规软件',
    'software-changed': '软件变化',
    'hardware-changed': '硬件变化',
    'cleaning-overdue': '清洁逾期',
    'disinfection-overdue': '消毒逾期',
    'public-report': '群众报告',
    'supply-order-due': '耗材需采购',
    'printer-stopped': '打印机停止工作',
    'spool-area-full': '打印缓存已满',
    'plug-overload': '插座过载断电',
  },
  en: {},
};

export function kindName(kind: string, lang: Language): string {
  return kindNames[lang][kind] ?? (lang === 'en' ? kind.replace(/-/g, ' ') : '其他');
}
