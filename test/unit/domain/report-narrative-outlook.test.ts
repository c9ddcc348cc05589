import { describe, expect, it } from 'vitest';
import type { UsageLine } from '../../../src/domain/report-types.js';
import { base, hygiene, line, month, say, supply } from '../../helpers/monthly-report.js';

/**
 * The paragraphs of the monthly report (src/domain/report-narrative.ts) under 耗材, 服务情况 and
 * 存在问题和下步打算, written from the hand-made February 2026 of test/helpers/monthly-report.ts (16 open
 * days). The expected sentences are the ones a leader would read, Chinese by default, English when asked.
 */
const usage = (deviceId: string, onHours: number, inUseHours: number | null): UsageLine => ({
  deviceId,
  type: 'pc',
  onHours,
  inUseHours,
  days: [],
});
const byHour = (pages: Record<number, number>) =>
  Array.from({ length: 24 }, (_, hour) => ({ hour, pages: pages[hour] ?? 0, inUseHours: 0 }));
const service = (o: Partial<(typeof base)['service']>) => month({ service: { ...base.service, ...o } });

describe('耗材 (supplies)', () => {
  it('says nothing needs ordering when no supply runs out within the lead time', () => {
    const r = month({ supplies: [supply('printer-01', 'toner', { color: 'black', orderDue: false })] });
    expect(say(r).supplies).toEqual(['耗材余量充足，采购周期内无需采购。']);
    expect(say(r, 'en').supplies).toEqual([
      'Supplies last beyond the procurement lead time: nothing to order.',
    ]);
  });

  it('lists the supplies to order with the day they run out, or a waste box fills up', () => {
    const r = month({
      supplies: [
        supply('printer-01', 'toner', { color: 'black', runsOutOn: '2026-03-05' }),
        supply('printer-01', 'toner', { index: 2, color: 'cyan', orderDue: false, runsOutOn: '2026-06-01' }),
        supply('copier-01', 'wasteToner', { receptacle: true, runsOutOn: '2026-03-10' }),
        supply('printer-01', 'opc'),
      ],
    });
    expect(say(r).supplies).toEqual([
      '需采购耗材 3 种：打印机 P-01 黑色墨粉预计3月5日用完、复印机废粉盒预计3月10日装满、打印机 P-01 硒鼓。',
    ]);
  });

  it('says the same in English, the supplies joined by commas', () => {
    const r = month({
      supplies: [
        supply('printer-01', 'toner', { color: 'black', runsOutOn: '2026-03-05' }),
        supply('printer-01', 'opc'),
      ],
    });
    expect(say(r, 'en').supplies).toEqual([
      '2 supplies to order: 打印机 P-01 black toner (runs out 5 Mar 2026), 打印机 P-01 drum (OPC).',
    ]);
  });
});

describe('服务情况 (service)', () => {
  const busy = service({
    pagesTotal: 1234,
    // Hours 10 and 15 tie at 400 pages: the earlier one is the peak.
    byHour: byHour({ 9: 300, 10: 400, 15: 400, 16: 134 }),
    usage: [usage('pc-01', 100.4, 30.2), usage('kiosk-01', 50.3, null)],
    citizensReports: 5,
    citizensSameAsFault: 2,
  });

  it('gives the free pages, the mean per open day, the busiest hour and the hours on and in use', () => {
    // 1234 pages ÷ 16 open days = 77.125 → 77.1; on 100.4 + 50.3 = 150.7 h; in use 30.2 h (the kiosk has none).
    expect(say(busy).service).toEqual([
      '本月免费打印复印 1234 页，开放日日均 77.1 页，打印高峰在 10 时至 11 时；查阅电脑和自助机开机 150.7 小时，估算使用 30.2 小时。',
      '群众报告设备问题 5 件，其中 2 件与已发现的故障为同一问题。',
    ]);
    expect(say(busy, 'en').service).toEqual([
      '1234 pages printed and copied free of charge (77.1 per open day), busiest 10:00–11:00; PCs and kiosks on 150.7 h, in use about 30.2 h (estimated).',
      '5 citizens’ reports, 2 about a fault already known.',
    ]);
  });

  it('writes a whole mean per day without decimals', () => {
    // 421 ÷ 21 = 20.05 → 20.0 → 20.
    const r = month({
      period: { ...base.period, openDays: 21 },
      service: { ...base.service, pagesTotal: 421, byHour: byHour({ 23: 421 }) },
    });
    expect(say(r).service[0]).toBe(
      '本月免费打印复印 421 页，开放日日均 20 页，打印高峰在 23 时至 24 时；查阅电脑和自助机开机 0 小时。',
    );
  });

  it('gives no mean per day when the zone was never open', () => {
    const r = month({
      period: { ...base.period, openDays: 0 },
      service: { ...base.service, pagesTotal: 20, byHour: byHour({ 9: 20 }) },
    });
    expect(say(r).service[0]).toBe(
      '本月免费打印复印 20 页，打印高峰在 9 时至 10 时；查阅电脑和自助机开机 0 小时。',
    );
  });

  it('says 0 pages, no peak and no estimate when there is no counter and no load sample', () => {
    const r = service({ usage: [usage('kiosk-01', 50.3, null)] });
    expect(say(r).service).toEqual([
      '本月免费打印复印 0 页；查阅电脑和自助机开机 50.3 小时。',
      '群众报告设备问题 0 件。',
    ]);
    expect(say(r, 'en').service).toEqual([
      '0 pages printed and copied free of charge; PCs and kiosks on 50.3 h.',
      '0 citizens’ reports.',
    ]);
  });

  it('gives the mean of pages that were counted even when there were none', () => {
    expect(say(service({ pagesTotal: 0 })).service[0]).toBe(
      '本月免费打印复印 0 页，开放日日均 0 页；查阅电脑和自助机开机 0 小时。',
    );
  });
});

describe('存在问题和下步打算 (outlook)', () => {
  it('says the equipment ran normally, with availability exactly 95 % and no figure not counted as problems', () => {
    // base: 打印机 P-01 99 %, 自助机 no figure, 查阅电脑 1 exactly 95 %; coverage 95 %; cleaning all on time.
    expect(say(base).outlook).toEqual([
      '存在问题：',
      '本月设备运行正常，未发现需要整改的问题。',
      '下步打算：',
      '1. 继续做好设备日常巡检、清洁消毒和耗材储备。',
    ]);
    expect(say(base, 'en').outlook).toEqual([
      'Problems:',
      'None: the equipment ran normally this month.',
      'Next steps:',
      '1. Keep up the daily checks, cleaning and supply stock.',
    ]);
  });

  const troubled = month({
    devices: [...base.devices, line('copier-01', '复印机', { availability: 0.9499 })],
    availability: { ...base.availability, coverage: 0.8999 },
    integrity: {
      ...base.integrity,
      broken: [{ deviceId: 'printer-01', kinds: ['jam', 'service-requested'] }],
    },
    hygiene: hygiene({ 'on-time': 40, late: 3, missed: 1, overdue: 1 }),
    power: { ...base.power, needed: 20, done: 17, failed: 1, missed: 2, adherence: 0.85 },
    supplies: [
      supply('printer-01', 'toner', { color: 'black', runsOutOn: '2026-03-05' }),
      supply('copier-01', 'wasteToner', { receptacle: true }),
    ],
  });

  it('numbers the problems and the next steps, in Chinese', () => {
    expect(say(troubled).outlook).toEqual([
      '存在问题：',
      '1. 复印机可用率 94.99%，低于 95%。',
      '2. 打印机 P-01 仍有未修复的故障（卡纸、需要维修）。',
      '3. 清洁消毒未做 2 次、迟报 3 次。',
      '4. 系统监测覆盖率 89.99%，部分开放时间未掌握设备状态。',
      '5. 计划开关机未执行成功 3 次。',
      '下步打算：',
      '1. 督促厂家或技术服务商尽快修复打印机 P-01。',
      '2. 提醒值班人员按时完成清洁消毒并及时登记。',
      '3. 检查设备网络和监测设置，提高监测覆盖率。',
      '4. 按预测及时采购打印机 P-01 黑色墨粉、复印机废粉盒。',
      '5. 继续做好设备日常巡检、清洁消毒和耗材储备。',
    ]);
  });

  it('numbers the problems and the next steps, in English', () => {
    expect(say(troubled, 'en').outlook).toEqual([
      'Problems:',
      '1. 复印机: availability 94.99%, below 95%.',
      '2. 打印机 P-01 still has an open fault (jam, needs service).',
      '3. Cleaning: 2 not done, 3 late.',
      '4. Coverage 89.99%: device status unknown for part of the opening time.',
      '5. 3 planned switches not done.',
      'Next steps:',
      '1. Have the vendor or service provider repair 打印机 P-01.',
      '2. Remind the attendants to clean on time and record it.',
      '3. Check the devices’ network and monitoring to raise coverage.',
      '4. Order 打印机 P-01 black toner, 复印机 waste toner box in time.',
      '5. Keep up the daily checks, cleaning and supply stock.',
    ]);
  });

  const problems = (r: typeof base) => {
    const o = say(r).outlook;
    return o.slice(1, o.indexOf('下步打算：'));
  };

  it('flags cleaning when anything was late, missed or overdue, each on its own', () => {
    expect(problems(month({ hygiene: hygiene({ 'on-time': 9, late: 1 }) }))).toEqual([
      '1. 清洁消毒未做 0 次、迟报 1 次。',
    ]);
    expect(problems(month({ hygiene: hygiene({ 'on-time': 9, missed: 1 }) }))).toEqual([
      '1. 清洁消毒未做 1 次、迟报 0 次。',
    ]);
    expect(problems(month({ hygiene: hygiene({ 'on-time': 9, overdue: 1 }) }))).toEqual([
      '1. 清洁消毒未做 1 次、迟报 0 次。',
    ]);
    expect(problems(month({ hygiene: null }))).toEqual(['本月设备运行正常，未发现需要整改的问题。']);
  });

  it('flags coverage only below 90 %, and not when nothing was monitored or there is no figure', () => {
    const coverage = (c: number | null, hasData = true) =>
      problems(month({ hasData, availability: { ...base.availability, coverage: c } }));
    const ok = ['本月设备运行正常，未发现需要整改的问题。'];
    expect(coverage(0.9)).toEqual(ok);
    expect(coverage(0.5, false)).toEqual(ok);
    expect(coverage(null)).toEqual(ok);
    expect(coverage(0.5)).toEqual(['1. 系统监测覆盖率 50.00%，部分开放时间未掌握设备状态。']);
  });

  it('flags planned switches that failed or were missed, each on its own', () => {
    const power = (failed: number, missed: number) =>
      problems(month({ power: { ...base.power, failed, missed } }));
    expect(power(1, 0)).toEqual(['1. 计划开关机未执行成功 1 次。']);
    expect(power(0, 2)).toEqual(['1. 计划开关机未执行成功 2 次。']);
  });
});

describe('English counts and the words fixed on 2026-12-02', () => {
  it('one of a thing is singular; a waste box is full by its day, not run out', () => {
    const r = month({
      supplies: [supply('copier-01', 'wasteToner', { receptacle: true, runsOutOn: '2026-03-10' })],
      service: { ...base.service, citizensReports: 1 },
      power: { ...base.power, needed: 1, done: 0, failed: 1, missed: 0, adherence: 0 },
    });
    const en = say(r, 'en');
    expect(en.supplies).toEqual(['1 supply to order: 复印机 waste toner box (full by 10 Mar 2026).']);
    expect(en.service[1]).toBe('1 citizen’s report.');
    expect(en.outlook).toContain('1. 1 planned switch not done.');
  });

  it('a device name ending in a Latin letter or digit is followed by a space before Chinese', () => {
    const r = month({ devices: [line('printer-02', '打印机 P-02', { availability: 0.9 })] });
    expect(say(r).outlook[1]).toBe('1. 打印机 P-02 可用率 90.00%，低于 95%。');
  });
});
