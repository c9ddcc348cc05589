import { kindName as domainKindName } from '../domain/condition-names.js';
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

/**
 * A fault kind's short name: the one list in domain/condition-names.ts. A kind that list does not know
 * prints as 其他 (never a raw code in front of a reader) or, in English, in words.
 */
export function kindName(kind: string, lang: Language): string {
  const named = domainKindName(kind, lang);
  if (named !== kind) return named;
  return lang === 'en' ? kind.replace(/-/g, ' ') : '其他';
}
