import { describe, expect, it } from 'vitest';
import { knownConditions } from '../../../src/domain/conditions.js';
import { strings } from '../../../src/web/i18n.js';
import { statusBody } from '../../../src/web/pages/status.js';

const device = (conditions: string[]) => ({
  id: 'plug-03',
  name: '插座 S-03',
  type: 'plug' as const,
  location: '查阅区',
  assetNo: 'ZS-03',
  vendor: { name: '厂家' },
  serviceProvider: { name: '服务商' },
  purchasedOn: null,
  warrantyUntil: null,
  responsible: '甲',
  protocols: ['mqtt'],
  powerMethod: 'none' as const,
  active: true,
  status: 'degraded' as const,
  statusSince: 0,
  lastObservedAt: 0,
  conditions,
  conditionsAsOf: null,
});

describe('the status page names conditions in words', () => {
  it('every known condition has a Chinese and an English name', () => {
    for (const c of knownConditions) {
      expect(strings('zh-CN').condition(c), c).toMatch(/^[\u4e00-\u9fff/（）]+$/);
      expect(strings('en').condition(c), c).toMatch(/^[a-z -]+$/);
    }
  });

  it('plug-overload and printer-stopped are shown in Chinese, an unknown one as "another condition"', () => {
    const view = {
      devices: [device(['plug-overload', 'printer-stopped', 'ipp:cups-remote-pending'])],
      faults: [],
      names: new Map(),
      parties: new Map(),
      schedule: undefined,
      types: [],
      hygiene: [],
      overrides: [],
    };
    const page = statusBody(view as never, strings('zh-CN'), { now: 0, tz: 'Asia/Shanghai' }).value;
    expect(page).toContain('插座过载断电、打印机停止工作、设备报告的其他情况');
    expect(page).not.toContain('plug-overload');
    expect(page).not.toContain('ipp:cups-remote-pending');
  });
});
