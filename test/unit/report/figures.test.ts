import { describe, expect, it } from 'vitest';
import { availability } from '../../../src/domain/report-availability.js';
import { countedTo } from '../../../src/domain/report-calendar.js';
import { faultFigures } from '../../../src/domain/report-faults.js';
import { dayRuns, duration, periodText, reportTitle } from '../../../src/domain/report-format.js';
import { hygieneFigures } from '../../../src/domain/report-hygiene.js';
import type { FaultFact, ReportDevice } from '../../../src/domain/report-input.js';
import { checkReportMonth } from '../../../src/domain/report-month.js';
import { powerAdherence } from '../../../src/domain/report-power.js';
import { supplyLabel } from '../../../src/domain/supply-names.js';

const bj = (s: string) => Date.parse(`${s}+08:00`);
const tz = 'Asia/Shanghai';

describe('the frame: title, period, durations', () => {
  it('never doubles 专区 in the title', () => {
    expect(reportTitle('濯水镇政务公开专区', '2026-12', 'zh-CN')).toBe(
      '濯水镇政务公开专区设备运行情况月报（2026年12月）',
    );
    expect(reportTitle('演示镇政务公开专区（模拟）', '2026-12', 'zh-CN')).toBe(
      '演示镇政务公开专区（模拟）设备运行情况月报（2026年12月）',
    );
    expect(reportTitle('濯水镇', '2026-12', 'zh-CN')).toBe(
      '濯水镇政务公开专区设备运行情况月报（2026年12月）',
    );
    expect(reportTitle('Zhuoshui', '2026-12', 'en')).toBe(
      'Zhuoshui: monthly equipment report (December 2026)',
    );
  });

  it('writes the period and holidays as the office does', () => {
    expect(periodText('2026-12-01', '2026-12-31', 'zh-CN')).toBe('2026年12月1日至12月31日');
    const national = ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({
      date: `2026-10-${d}`,
      reason: '国庆节',
    }));
    expect(dayRuns([...national, { date: '2026-10-10', reason: '调休上班' }], 'zh-CN')).toEqual([
      '10月1日至7日 国庆节',
      '10月10日 调休上班',
    ]);
  });

  it('minutes with one decimal under an hour, hours from an hour on (never “0 分”)', () => {
    expect(duration(0.5, 'zh-CN')).toBe('0.5 分钟');
    expect(duration(59.9, 'zh-CN')).toBe('59.9 分钟');
    expect(duration(150, 'zh-CN')).toBe('2.5 小时');
    expect(duration(null, 'zh-CN')).toBe('—');
  });

  it('names supplies in Chinese from Printer-MIB and IPP words alike', () => {
    expect(supplyLabel({ type: 'toner', color: 'black' }, 'zh-CN')).toBe('黑色墨粉');
    expect(supplyLabel({ type: 'toner-cartridge', color: '#00FFFF' }, 'zh-CN')).toBe('青色墨粉盒');
    expect(supplyLabel({ type: 'wasteToner', color: null }, 'zh-CN')).toBe('废粉盒');
    expect(supplyLabel({ type: 'opc', color: null }, 'zh-CN')).toBe('硒鼓');
    expect(supplyLabel({ type: 'glueWaterAdditive', color: 'magenta' }, 'zh-CN')).toBe('品红色耗材');
    expect(supplyLabel({ type: 'toner', color: 'black' }, 'en')).toBe('black toner');
    expect(supplyLabel({ type: 'wasteToner', color: null }, 'en')).toBe('waste toner box');
  });

  it('names a supply from the device’s own description when its type says nothing', () => {
    // prtMarkerSuppliesDescription .1.1 and .1.2 of ../shared/fixtures/snmprec/brother.snmprec.
    expect(supplyLabel({ type: 'other', color: null, description: 'Black Toner Cartridge' }, 'zh-CN')).toBe(
      '黑色墨粉盒',
    );
    expect(supplyLabel({ type: 'other', color: null, description: 'Drum Unit' }, 'zh-CN')).toBe('硒鼓');
    expect(supplyLabel({ type: 'unknown', color: null, description: '黑色碳粉' }, 'zh-CN')).toBe('黑色碳粉');
  });
});

describe('which month can be reported', () => {
  const now = bj('2026-12-15T10:00');
  const first = bj('2026-12-02T09:00');
  it.each([
    ['2026-13', '月份格式应为 YYYY-MM'],
    ['december', '月份格式应为 YYYY-MM'],
    ['2027-01', '2027年1月尚未开始'],
    ['9999-12', '9999年12月尚未开始'],
    ['2026-11', '数据库中最早的记录是 2026-12-02'],
  ])('%s → %s', (month, message) => {
    const r = checkReportMonth(month, now, first, tz, 'zh-CN');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });
  it('the running month, and with no record at all only it', () => {
    expect(checkReportMonth('2026-12', now, first, tz, 'zh-CN').ok).toBe(true);
    expect(checkReportMonth('2026-12', now, null, tz, 'zh-CN').ok).toBe(true);
    const none = checkReportMonth('2026-11', now, null, tz, 'zh-CN');
    expect(none.ok ? '' : none.error).toContain('数据库中还没有任何记录');
  });
  it('a running month is counted to the start of today', () => {
    expect(countedTo('2026-12', tz, now)).toBe(bj('2026-12-15T00:00'));
    expect(countedTo('2026-11', tz, now)).toBe(bj('2026-12-01T00:00'));
  });
});

const pc: ReportDevice = {
  id: 'pc-02',
  name: '电脑 2',
  type: 'pc',
  location: '',
  assetNo: 'A-2',
  powerMethod: 'wol',
  plug: null,
  vendor: 'V',
  serviceProvider: 'S',
};
const fault = (
  id: number,
  kind: string,
  opened: string,
  closed: string | null,
  extra: Partial<FaultFact> = {},
): FaultFact => ({
  id,
  deviceId: 'pc-02',
  kind,
  state: closed ? 'resolved' : 'open',
  openedAt: bj(opened),
  closedAt: closed ? bj(closed) : null,
  events: [],
  ...extra,
});

describe('faults by cause', () => {
  const from = bj('2026-12-01T00:00');
  const to = bj('2027-01-01T00:00');
  it('a PC that does not start is one incident, whichever fault came first', () => {
    for (const [a, b] of [
      ['2026-12-02T08:48', '2026-12-02T08:55'],
      ['2026-12-02T08:55', '2026-12-02T08:48'],
    ] as const) {
      const f = faultFigures(
        [fault(1, 'unreachable', a, '2026-12-02T15:00'), fault(2, 'power-on-failed', b, '2026-12-02T15:00')],
        [pc],
        from,
        to,
        0,
      );
      expect(f.byCause.find((c) => c.cause === 'equipment')?.incidents).toBe(1);
      expect(f.incidents[0]?.kinds).toEqual(['power-on-failed', 'unreachable']);
      // From the first fault (08:48) to the repair (15:00): 372 min.
      expect(f.total.mttrMinutes).toBe(372);
      expect(f.folded).toBe(1);
    }
  });
  it('a later unreachable of the same PC is an incident of its own; suppressed faults are not counted', () => {
    const f = faultFigures(
      [
        fault(1, 'power-on-failed', '2026-12-02T08:55', '2026-12-02T10:00'),
        fault(2, 'unreachable', '2026-12-03T11:00', '2026-12-03T11:30'),
        fault(3, 'unreachable', '2026-12-02T08:50', '2026-12-02T10:00', { state: 'suppressed' }),
      ],
      [pc],
      from,
      to,
      0,
    );
    expect(f.byCause.find((c) => c.cause === 'equipment')?.incidents).toBe(2);
    expect(f.suppressed).toBe(1);
  });
  it('what happens after counting stopped is not seen', () => {
    const f = faultFigures([fault(1, 'jam', '2026-12-31T16:00', '2027-01-02T09:00')], [pc], from, to, 0);
    expect(f.total).toMatchObject({ incidents: 1, closed: 0, stillOpen: 1, mttrMinutes: null });
  });
});

describe('power adherence and hygiene over what was needed and monitored', () => {
  it('no switch needed is 无需执行 (null), not 0 %', () => {
    const day = {
      date: '2026-12-02',
      open: true,
      reason: '工作日',
      kind: 'weekday',
      opening: [],
      power: { pc: [{ from: bj('2026-12-02T08:45'), to: bj('2026-12-02T17:45') }] },
    };
    // Up all day (already on at the switch-on; switched off by hand before the switch-off: down → off).
    const segments = new Map([
      [
        'pc-02',
        [
          { from: bj('2026-12-01T00:00'), to: bj('2026-12-02T17:00'), status: 'up' as const },
          { from: bj('2026-12-02T17:00'), to: bj('2026-12-03T00:00'), status: 'off-scheduled' as const },
        ],
      ],
    ]);
    const p = powerAdherence([pc], [day], [], segments, bj('2026-12-01T00:00'), bj('2026-12-03T00:00'));
    expect(p).toMatchObject({ planned: 2, notNeeded: 2, needed: 0, adherence: null });
  });

  it('a cleaning due before monitoring began is not counted as missed', () => {
    const summary = {
      month: '2026-12',
      rows: [
        {
          target: 'desk',
          targetName: '查阅区',
          task: 'clean' as const,
          counts: { 'on-time': 1, late: 1, missed: 1, due: 0, overdue: 0 },
          ratio: 1 / 3,
          slots: [
            { dueDate: '2026-12-01', status: 'missed' as const, recordId: null },
            { dueDate: '2026-12-02', status: 'on-time' as const, recordId: 1 },
            { dueDate: '2026-12-03', status: 'late' as const, recordId: 2 },
          ],
        },
      ],
      totals: { 'on-time': 1, late: 1, missed: 1, due: 0, overdue: 0 },
      ratio: 1 / 3,
    };
    const h = hygieneFigures(summary, new Set(['2026-12-02', '2026-12-03']));
    expect(h?.totals).toMatchObject({ 'on-time': 1, late: 1, missed: 0 });
    expect(h?.ratio).toBe(1 / 2);
    expect(h?.unmonitoredDays).toEqual(['2026-12-01']);
  });

  it('a device off by the schedule during opening hours is neither up nor down', () => {
    const open = [{ from: bj('2026-12-02T09:00'), to: bj('2026-12-02T12:00') }];
    const a = availability(
      [
        { deviceId: 'x', to: 'off-scheduled', at: bj('2026-12-01T18:00') },
        { deviceId: 'x', to: 'up', at: bj('2026-12-02T10:00') },
      ],
      open,
      bj('2026-12-01T00:00'),
      bj('2026-12-03T00:00'),
    );
    expect(a).toMatchObject({ expectedMinutes: 180, monitoredMinutes: 120, upMinutes: 120, availability: 1 });
    expect(a.coverage).toBe(120 / 180);
  });
});
