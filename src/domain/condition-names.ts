import type { KnownCondition } from './conditions.js';
import type { FaultKind } from './fault-kinds.js';
import type { Language } from './messages.js';

/**
 * Short names of the device conditions and fault kinds as the staff read them on pages, in filters and
 * in reports (pure). The notification sentences are in messages.ts; this is the one list of short words.
 */
const conditionNames: Readonly<Record<Language, Readonly<Record<KnownCondition, string>>>> = {
  'zh-CN': {
    'paper-low': '纸张不足',
    'paper-out': '缺纸',
    'toner-low': '墨粉不足',
    'toner-out': '墨粉用完',
    jam: '卡纸',
    'door-open': '机盖未关',
    offline: '脱机',
    'service-requested': '需要维修',
    'input-tray-missing': '纸盒未装好',
    'output-tray-missing': '出纸盘未装好',
    'marker-supply-missing': '未装墨盒/粉盒',
    'output-near-full': '出纸盘将满',
    'output-full': '出纸盘已满',
    'waste-near-full': '废粉盒将满',
    'waste-full': '废粉盒已满',
    'maintenance-due': '需要保养',
    'printer-stopped': '打印机停止工作',
    'spool-area-full': '打印缓存已满',
    'disk-full': '磁盘空间不足',
    'forbidden-software': '违规软件',
    'software-changed': '软件变化',
    'hardware-changed': '硬件变化',
    'plug-overload': '插座过载断电',
  },
  en: {
    'paper-low': 'paper low',
    'paper-out': 'out of paper',
    'toner-low': 'toner low',
    'toner-out': 'out of toner',
    jam: 'paper jam',
    'door-open': 'door open',
    offline: 'offline',
    'service-requested': 'needs service',
    'input-tray-missing': 'tray missing',
    'output-tray-missing': 'output tray missing',
    'marker-supply-missing': 'cartridge missing',
    'output-near-full': 'output tray almost full',
    'output-full': 'output tray full',
    'waste-near-full': 'waste box almost full',
    'waste-full': 'waste box full',
    'maintenance-due': 'maintenance due',
    'printer-stopped': 'printer stopped',
    'spool-area-full': 'spool area full',
    'disk-full': 'disk full',
    'forbidden-software': 'forbidden software',
    'software-changed': 'software changed',
    'hardware-changed': 'hardware changed',
    'plug-overload': 'plug overload',
  },
};

const kindOnly: Readonly<Record<Language, Readonly<Record<string, string>>>> = {
  'zh-CN': {
    unreachable: '无法连接',
    'power-on-failed': '开机失败',
    'still-on-after-hours': '下班未关机',
    'cleaning-overdue': '清洁逾期',
    'disinfection-overdue': '消毒逾期',
    'public-report': '群众报告',
    'supply-order-due': '耗材需采购',
    '*': '合计',
  },
  en: {
    unreachable: 'unreachable',
    'power-on-failed': 'power-on failed',
    'still-on-after-hours': 'still on after hours',
    'cleaning-overdue': 'cleaning overdue',
    'disinfection-overdue': 'disinfection overdue',
    'public-report': 'public report',
    'supply-order-due': 'supplies to order',
    '*': 'Total',
  },
};

/** A condition's short name; an unnormalised one (`ipp:…`, `snmp:alert-…`) as `设备报告的其他情况`. */
/** A table's own entry only: a device's text such as `constructor` is not a name (nor Object's method). */
function own(table: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

export function conditionName(name: string, language: Language): string {
  const known = own(conditionNames[language], name);
  if (known) return known;
  return language === 'en' ? 'other condition reported by the device' : '设备报告的其他情况';
}

/** A fault kind's short name (`缺纸`, `开机失败`); `*` is the total line of a table. */
export function kindName(kind: FaultKind | '*' | string, language: Language): string {
  return own(kindOnly[language], kind) ?? own(conditionNames[language], kind) ?? kind;
}

/** For tests and the pages' legend: every known condition's name. */
export function isNamedCondition(name: string, language: Language): boolean {
  return Object.hasOwn(conditionNames[language], name);
}
