import { describe, expect, it } from 'vitest';
import { sectionKeys } from '../../../src/domain/report-narrative.js';
import type { CauseLine, IncidentLine } from '../../../src/domain/report-types.js';
import {
  base,
  bj,
  cause,
  hygiene,
  incident,
  line,
  month,
  period,
  say,
} from '../../helpers/monthly-report.js';

/**
 * The paragraphs of the monthly report (src/domain/report-narrative.ts) under 基本情况, 设备运行, 故障情况 and
 * 清洁消毒, written from the hand-made February 2026 of test/helpers/monthly-report.ts. The expected
 * sentences are the ones a technician would read in the report, Chinese by default, English when asked.
 */

describe('the sections', () => {
  it('are the seven sections of the report, in its order, each with its paragraphs', () => {
    const sections = ['basic', 'devices', 'faults', 'hygiene', 'supplies', 'service', 'outlook'];
    expect(sectionKeys).toEqual(sections);
    expect(Object.keys(say(base))).toEqual(sections);
  });
});

describe('基本情况 (basic)', () => {
  it('gives the opening days and hours, the holidays and make-up days in date order, and the three ratios', () => {
    expect(say(base).basic).toEqual([
      '本月应开放 16 天、共 104 小时（2月14日 调休上班，2月15日至23日 春节，2月28日 调休上班）。专区在册设备 4 台，系统监测覆盖率 95.00%，设备总体可用率 98.50%，月末设备完好率 100.00%。',
    ]);
  });

  it('says the same in English, the weekends left out', () => {
    const r = period({
      closedDays: base.period.closedDays.map((d) =>
        d.reason === '春节' ? { ...d, reason: 'Spring Festival' } : d,
      ),
    });
    expect(say(r, 'en').basic).toEqual([
      'The zone was due open 16 days, 104 hours (14 Feb make-up working day, 15 Feb–23 Feb Spring Festival, 28 Feb make-up working day). 4 devices are on the register; coverage 95.00%, availability 98.50%, intact at the end 100.00%.',
    ]);
  });

  it('first says how far a running month is counted, to midnight Beijing time', () => {
    const r = period({
      countedTo: bj('2026-02-04T00:00'),
      complete: false,
      daysCounted: 3,
      openDays: 2,
      openMinutes: 780,
      closedDays: [{ date: '2026-02-01', reason: '周末' }],
      makeUpDays: [],
    });
    expect(say(r).basic).toEqual([
      '本月尚未结束，以下数据统计至2月4日零时（已过 3 天）。',
      '本月应开放 2 天、共 13 小时。专区在册设备 4 台，系统监测覆盖率 95.00%，设备总体可用率 98.50%，月末设备完好率 100.00%。',
    ]);
    expect(say(r, 'en').basic).toEqual([
      'The month is still running: figures up to the start of 4 Feb 2026 (3 days).',
      'The zone was due open 2 days, 13 hours. 4 devices are on the register; coverage 95.00%, availability 98.50%, intact at the end 100.00%.',
    ]);
  });

  it('writes one day and one open day in the singular in English, and half hours with one decimal', () => {
    const one = { complete: false, closedDays: [], makeUpDays: [], openDays: 1, openMinutes: 390 };
    const r = period({ ...one, countedTo: bj('2026-02-03T00:00'), daysCounted: 1 });
    expect(say(r, 'en').basic).toEqual([
      'The month is still running: figures up to the start of 3 Feb 2026 (1 day).',
      'The zone was due open 1 day, 6.5 hours. 4 devices are on the register; coverage 95.00%, availability 98.50%, intact at the end 100.00%.',
    ]);
    expect(say(r).basic[1]).toBe(
      '本月应开放 1 天、共 6.5 小时。专区在册设备 4 台，系统监测覆盖率 95.00%，设备总体可用率 98.50%，月末设备完好率 100.00%。',
    );
  });

  it('says 无数据 for every figure when nothing was monitored', () => {
    const r = month({ hasData: false, period: { ...base.period, closedDays: [], makeUpDays: [] } });
    expect(say(r).basic).toEqual([
      '本月应开放 16 天、共 104 小时。专区在册设备 4 台，本统计期内系统尚未监测到设备运行情况，各项指标均为无数据。',
    ]);
    expect(say(r, 'en').basic).toEqual([
      'The zone was due open 16 days, 104 hours. 4 devices are on the register; zoneops monitored nothing in this period: every figure is “no data”.',
    ]);
  });
});

describe('设备运行 (devices)', () => {
  it('names the equipment with the lowest availability, and says no switching was needed', () => {
    const r = month({
      devices: [...base.devices, line('copier-01', '复印机', { availability: 0.9, unavailableMinutes: 624 })],
    });
    expect(say(r).devices).toEqual([
      '可用率最低的是复印机（90.00%），开放时间内不可用 624 分钟。',
      '计划开关机 40 次，无需执行（设备已处于计划状态 38 次，系统未监测 2 次）。',
    ]);
    expect(say(r, 'en').devices).toEqual([
      'Lowest availability: 复印机 (90.00%), 624 min unavailable during opening hours.',
      '40 planned switches, none needed (already as planned 38, not monitored 2).',
    ]);
  });

  it('says when no equipment has an availability figure', () => {
    const r = month({ devices: [line('kiosk-01', '自助机', { availability: null })] });
    expect(say(r).devices[0]).toBe('本月没有设备的可用率数据。');
    expect(say(r, 'en').devices[0]).toBe('No device has availability figures this month.');
  });

  it('gives the schedule adherence when switching was needed', () => {
    const power = { ...base.power, needed: 20, done: 19, failed: 1, adherence: 0.95 };
    expect(say(month({ power })).devices[1]).toBe('计划开关机需执行 20 次，成功 19 次，执行率 95.00%。');
    expect(say(month({ power }), 'en').devices[1]).toBe('20 planned switches were needed, 19 done: 95.00%.');
  });
});

describe('故障情况 (faults)', () => {
  const faults = (equipment: Partial<CauseLine>, incidents: IncidentLine[] = []) =>
    month({
      faults: {
        ...base.faults,
        byCause: [cause('equipment', equipment), ...base.faults.byCause.slice(1)],
        incidents,
      },
    });

  it('says there was no equipment fault and no other incident', () => {
    expect(say(base).faults).toEqual([
      '本月未发生设备故障。',
      '耗材提醒 0 次；清洁消毒逾期 0 次；群众报告 0 件；软件及管理事件 0 起。',
    ]);
    expect(say(base, 'en').faults).toEqual([
      'No equipment fault this month.',
      'Consumables: 0; cleaning overdue: 0; citizens’ reports: 0; software and management: 0.',
    ]);
  });

  it('counts the other causes as zero when their lines are missing', () => {
    const r = month({ faults: { ...base.faults, byCause: [] } });
    expect(say(r).faults).toEqual([
      '本月未发生设备故障。',
      '耗材提醒 0 次；清洁消毒逾期 0 次；群众报告 0 件；软件及管理事件 0 起。',
    ]);
  });

  it('says all equipment faults were repaired, with the mean response in minutes and repair in hours', () => {
    const r = faults({ incidents: 3, closed: 3, stillOpen: 0, mttaMinutes: 12.5, mttrMinutes: 150 });
    expect(say(r).faults[0]).toBe(
      '本月共发生设备故障 3 起，均已修复，平均响应时间 12.5 分钟，平均修复时间 2.5 小时。',
    );
    expect(say(r, 'en').faults[0]).toBe(
      '3 equipment faults, all repaired; mean response 12.5 min, mean repair 2.5 h.',
    );
  });

  it('says how many were repaired and how many are still open, a missing mean as a dash', () => {
    const r = faults({ incidents: 3, closed: 2, stillOpen: 1, mttaMinutes: 45, mttrMinutes: null });
    expect(say(r).faults[0]).toBe(
      '本月共发生设备故障 3 起，已修复 2 起、未修复 1 起，平均响应时间 45.0 分钟，平均修复时间 —。',
    );
    expect(say(r, 'en').faults[0]).toBe(
      '3 equipment faults, 2 repaired, 1 open; mean response 45.0 min, mean repair —.',
    );
  });

  it('counts the supply alerts per device and kind, in the order they came, and the other causes', () => {
    const r = month({
      faults: {
        ...base.faults,
        byCause: [
          cause('equipment'),
          cause('consumables', { incidents: 5 }),
          cause('hygiene', { incidents: 2 }),
          cause('citizens', { incidents: 1 }),
          cause('management', { incidents: 4 }),
        ],
        incidents: [
          incident('printer-01', 'consumables', ['paper-out']),
          incident('printer-01', 'consumables', ['toner-low']),
          incident('printer-01', 'equipment', ['jam']),
          incident('copier-01', 'consumables', ['paper-out', 'jam']),
          incident('printer-01', 'consumables', ['paper-out']),
          incident('kiosk-09', 'consumables', ['paper-out']),
          incident('copier-01', 'hygiene', ['cleaning-overdue']),
        ],
      },
    });
    // 打印机 P-01 ends in a digit: a space before the Chinese kind; 复印机 does not; kiosk-09 is not in the
    // register and is named by its id.
    expect(say(r).faults[1]).toBe(
      '耗材提醒 5 次（打印机 P-01 缺纸 2 次、打印机 P-01 墨粉不足 1 次、复印机缺纸 1 次、kiosk-09 缺纸 1 次）；清洁消毒逾期 2 次；群众报告 1 件；软件及管理事件 4 起。',
    );
    expect(say(r, 'en').faults[1]).toBe(
      'Consumables: 5 (打印机 P-01 out of paper ×2, 打印机 P-01 toner low ×1, 复印机 out of paper ×1, kiosk-09 out of paper ×1); cleaning overdue: 2; citizens’ reports: 1; software and management: 4.',
    );
  });
});

describe('清洁消毒 (hygiene)', () => {
  it('says when no cleaning plan is configured', () => {
    expect(say(month({ hygiene: null })).hygiene).toEqual(['未配置清洁消毒计划。']);
    expect(say(month({ hygiene: null }), 'en').hygiene).toEqual(['No cleaning plan is configured.']);
  });

  it('says when no task was due while monitoring', () => {
    expect(say(month({ hygiene: hygiene({ due: 2 }) })).hygiene).toEqual([
      '本统计期内没有应完成的清洁消毒任务（或系统未在监测）。',
    ]);
    expect(say(month({ hygiene: hygiene({ due: 2 }) }), 'en').hygiene).toEqual([
      'No cleaning task was due while zoneops was monitoring.',
    ]);
  });

  it('counts tasks due as on time + late + missed + overdue (not those still due), and the days not counted', () => {
    // 40 + 3 + 1 + 1 = 45 due, 2 not done; 40/45 = 88.89 %.
    const h = hygiene({ 'on-time': 40, late: 3, missed: 1, overdue: 1, due: 2 }, [
      '2026-02-02',
      '2026-02-03',
    ]);
    expect(say(month({ hygiene: h })).hygiene).toEqual([
      '本月应完成清洁消毒 45 次，按时 40 次、迟报 3 次、未做 2 次，按时率 88.89%。2月2日、2月3日系统尚未监测，不计。',
    ]);
    expect(say(month({ hygiene: h }), 'en').hygiene).toEqual([
      '45 cleaning tasks due: 40 on time, 3 late, 2 not done; 88.89% on time. Not counted (not monitored): 2 Feb, 3 Feb.',
    ]);
  });

  it('adds nothing when every working day was monitored', () => {
    expect(say(base).hygiene).toEqual([
      '本月应完成清洁消毒 32 次，按时 32 次、迟报 0 次、未做 0 次，按时率 100.00%。',
    ]);
  });
});
