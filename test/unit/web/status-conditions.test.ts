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
});

describe('the status page names conditions in words', () => {
  it('every known condition has a Chinese and an English name', () => {
    for (const c of knownConditions) {
      expect(strings('zh-CN').conditions[c], c).toMatch(/[\u4e00-\u9fff]/);
      expect(strings('en').conditions[c], c).toBeTruthy();
    }
  });

  it('plug-overload and printer-stopped are shown in Chinese, an unknown one as the device said it', () => {
    const view = {
      devices: [device(['plug-overload', 'printer-stopped', 'ipp:cups-remote-pending'])],
      faults: [],
      schedule: undefined,
      hygiene: [],
    };
    const page = statusBody(view as never, strings('zh-CN'), 'Asia/Shanghai').value;
    expect(page).toContain('插座过载断电、打印机停止工作、ipp:cups-remote-pending');
    expect(page).not.toContain('plug-overload');
  });
});
