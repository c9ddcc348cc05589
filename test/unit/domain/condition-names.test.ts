import { describe, expect, it } from 'vitest';
import { conditionName, isNamedCondition, kindName } from '../../../src/domain/condition-names.js';
import { knownConditions } from '../../../src/domain/conditions.js';

/**
 * The short words of the pages, filters and reports (src/domain/condition-names.ts): every device
 * condition and fault kind by the name a town office uses, in Chinese and in English.
 */

const names: [string, string, string][] = [
  ['paper-low', '纸张不足', 'paper low'],
  ['paper-out', '缺纸', 'out of paper'],
  ['toner-low', '墨粉不足', 'toner low'],
  ['toner-out', '墨粉用完', 'out of toner'],
  ['jam', '卡纸', 'paper jam'],
  ['door-open', '机盖未关', 'door open'],
  ['offline', '脱机', 'offline'],
  ['service-requested', '需要维修', 'needs service'],
  ['input-tray-missing', '纸盒未装好', 'tray missing'],
  ['output-tray-missing', '出纸盘未装好', 'output tray missing'],
  ['marker-supply-missing', '未装墨盒/粉盒', 'cartridge missing'],
  ['output-near-full', '出纸盘将满', 'output tray almost full'],
  ['output-full', '出纸盘已满', 'output tray full'],
  ['waste-near-full', '废粉盒将满', 'waste box almost full'],
  ['waste-full', '废粉盒已满', 'waste box full'],
  ['maintenance-due', '需要保养', 'maintenance due'],
  ['printer-stopped', '打印机停止工作', 'printer stopped'],
  ['spool-area-full', '打印缓存已满', 'spool area full'],
  ['disk-full', '磁盘空间不足', 'disk full'],
  ['forbidden-software', '违规软件', 'forbidden software'],
  ['software-changed', '软件变化', 'software changed'],
  ['hardware-changed', '硬件变化', 'hardware changed'],
  ['plug-overload', '插座过载断电', 'plug overload'],
];

const kindsOnly: [string, string, string][] = [
  ['unreachable', '无法连接', 'unreachable'],
  ['power-on-failed', '开机失败', 'power-on failed'],
  ['still-on-after-hours', '下班未关机', 'still on after hours'],
  ['cleaning-overdue', '清洁逾期', 'cleaning overdue'],
  ['disinfection-overdue', '消毒逾期', 'disinfection overdue'],
  ['public-report', '群众报告', 'public report'],
  ['supply-order-due', '耗材需采购', 'supplies to order'],
];

describe('conditionName: each known condition by its short name', () => {
  it('the list covers every known condition', () => {
    expect(names.map(([k]) => k).sort()).toEqual([...knownConditions].sort());
  });
  it.each(names)('%s → %s / %s', (name, zh, en) => {
    expect(conditionName(name, 'zh-CN')).toBe(zh);
    expect(conditionName(name, 'en')).toBe(en);
  });
  it('a condition the device reported in its own terms is "another condition"', () => {
    expect(conditionName('ipp:com.vendor-thing', 'zh-CN')).toBe('设备报告的其他情况');
    expect(conditionName('snmp:alert-15', 'en')).toBe('other condition reported by the device');
  });
  it('a fault kind that is no condition is not named as one', () => {
    expect(conditionName('unreachable', 'zh-CN')).toBe('设备报告的其他情况');
  });
});

describe('kindName: fault kinds by their short name', () => {
  it.each(kindsOnly)('%s (a kind of its own) → %s / %s', (kind, zh, en) => {
    expect(kindName(kind, 'zh-CN')).toBe(zh);
    expect(kindName(kind, 'en')).toBe(en);
  });
  it('a kind named after its condition has the condition’s name', () => {
    expect(kindName('paper-out', 'zh-CN')).toBe('缺纸');
    expect(kindName('plug-overload', 'en')).toBe('plug overload');
    expect(kindName('disk-full', 'zh-CN')).toBe('磁盘空间不足');
  });
  it('* is the total line of a table', () => {
    expect(kindName('*', 'zh-CN')).toBe('合计');
    expect(kindName('*', 'en')).toBe('Total');
  });
  it('an unknown kind is shown as it is', () => {
    expect(kindName('new-kind', 'zh-CN')).toBe('new-kind');
    expect(kindName('new-kind', 'en')).toBe('new-kind');
  });
});

describe('isNamedCondition: only the known conditions', () => {
  it.each(names)('%s is named', (name) => {
    expect(isNamedCondition(name, 'zh-CN')).toBe(true);
    expect(isNamedCondition(name, 'en')).toBe(true);
  });
  it('fault kinds of their own, the total line and raw device conditions are not', () => {
    for (const name of ['unreachable', 'public-report', '*', 'ipp:media-jam', 'Paper jam', ''])
      expect(isNamedCondition(name, 'zh-CN'), name).toBe(false);
  });
  it('names every object has (constructor, toString) are not conditions, and are not named as one', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(isNamedCondition(name, 'zh-CN'), name).toBe(false);
      expect(conditionName(name, 'zh-CN'), name).toBe('设备报告的其他情况');
      expect(kindName(name, 'en'), name).toBe(name);
    }
  });
});
