import { describe, expect, it } from 'vitest';
import { definition, type FigureId, figureIds } from '../../../src/domain/report-definitions.js';
import { inUseCpuPercent, sampleSpanMs } from '../../../src/domain/report-service.js';

/**
 * The footnotes under the monthly report's sections (src/domain/report-definitions.ts): each one says in
 * words what the figure beside it is. The texts are what the town's leaders read, so they are pinned word
 * for word, Chinese by default and English when asked; the figures they quote (10 %, 10 minutes) are the
 * ones report-service.ts uses.
 */
const zh = (id: FigureId, complete = true) => definition(id, { complete, lang: 'zh-CN' });
const en = (id: FigureId, complete = true) => definition(id, { complete, lang: 'en' });

describe('the figures that have a definition', () => {
  it('are the fifteen figures of the report, in the order of the report', () => {
    expect(figureIds).toEqual([
      'expected',
      'coverage',
      'availability',
      'integrity',
      'incidents',
      'mtta',
      'mttr',
      'vendor',
      'adherence',
      'hygiene',
      'pages',
      'onHours',
      'inUse',
      'forecast',
      'energy',
    ]);
  });

  it('each has its own text in each language, and the Chinese one is written in Chinese', () => {
    for (const id of figureIds) {
      expect(zh(id)).toMatch(/[\u4e00-\u9fff]/);
      expect(en(id)).not.toMatch(/[\u4e00-\u9fff]/);
    }
    expect(new Set(figureIds.map((id) => zh(id))).size).toBe(15);
    expect(new Set(figureIds.map((id) => en(id))).size).toBe(15);
  });
});

describe('the opening time (应开放时长)', () => {
  it('says the whole month once the month is over', () => {
    expect(zh('expected', true)).toBe(
      '应开放时长：按国家法定节假日、调休上班日和专区办公时间计算的开放时间（午休不计）；本月已结束，为全月。',
    );
    expect(en('expected', true)).toBe(
      "Opening time: from the national holidays, make-up working days and the zone's office hours (lunch break excluded); the month is over: the whole month.",
    );
  });

  it('says the whole days before today while the month is running', () => {
    expect(zh('expected', false)).toBe(
      '应开放时长：按国家法定节假日、调休上班日和专区办公时间计算的开放时间（午休不计）；本月尚未结束，为截至今日零时已过的整天。',
    );
    expect(en('expected', false)).toBe(
      "Opening time: from the national holidays, make-up working days and the zone's office hours (lunch break excluded); the month is running: the whole days before today.",
    );
  });
});

describe('the other definitions, in Chinese', () => {
  const texts: ReadonlyArray<readonly [FigureId, string]> = [
    [
      'coverage',
      '监测覆盖率：开放时间内系统掌握设备是否正常工作的时间 ÷ 应开放时长；按计划或人工关闭的时间、系统未运行的时间不计入已监测。',
    ],
    [
      'availability',
      '可用率：开放时间内设备在线可用（含纸张不足等提醒）的时间 ÷ 已监测时间；合计行为各设备可用时间之和 ÷ 已监测时间之和。只计查阅电脑、自助机、打印机、复印机等设备，不含智能插座和区域。',
    ],
    [
      'integrity',
      '设备完好率：月末为统计截止时没有未修复设备故障的设备数 ÷ 本月有监测的设备数；按时间为已监测开放时间中没有未修复设备故障的时间 ÷ 已监测时间。耗材、清洁消毒、群众报告和软件事件不算设备故障。',
    ],
    [
      'incidents',
      '故障起数：按原因分列，不相加为一个“故障数”；同一台电脑开机失败引起的“开机失败”和“无法连接”算一起；智能插座的故障计入其供电的设备；系统已合并抑制的告警不计。',
    ],
    ['mtta', '平均响应时间：从发现到首次处理（确认、联系厂家或处理完毕）的平均时间；统计截止后的处理不计。'],
    [
      'mttr',
      '平均修复时间：从发现到恢复（人工修复或设备自行恢复）的平均时间；不足 1 小时按分钟计、保留一位小数，1 小时以上按小时计。',
    ],
    [
      'vendor',
      '厂家及技术服务商响应：联系次数为故障处理记录中登记的联系；修复用时从首次联系到恢复；按承诺修复指在承诺时间前恢复。',
    ],
    [
      'adherence',
      '开关机执行率：需要执行的计划开关机（设备尚未处于计划状态，或系统已下发命令）中执行成功的比例；设备已处于计划状态的不计；没有需要执行的为“无需执行”。',
    ],
    [
      'hygiene',
      '清洁消毒按时率：按时完成 ÷（按时 + 迟报 + 未做 + 已超时），只计工作日中系统正在监测的日期。',
    ],
    [
      'pages',
      '打印复印页数：打印机、复印机页数计数器的增量（计数器清零的，计清零后的数）；每小时读取一次，每段增量计入前一次读数所在的小时。复印机、一体机的计数含复印。',
    ],
    ['onHours', '开机时长：查阅电脑、自助机在线的时长，来自设备状态记录。'],
    [
      'inUse',
      '使用时长（估算）：由处理器占用率推算，每次采样占用率不低于 10% 的，按该采样间隔（最长 10 分钟）计为使用中；没有占用率数据的设备不估算。',
    ],
    [
      'forecast',
      '预计用完日期：按余量记录的趋势推算（取各对记录间变化速度的中位数，个别异常读数不影响结果；换耗材后重新计算）；记录不足时不预测。',
    ],
    ['energy', '用电量：智能插座电量计数器的增量。'],
  ];
  for (const [id, text] of texts)
    it(`defines ${id}, whether or not the month is over`, () => {
      expect(zh(id, true)).toBe(text);
      expect(zh(id, false)).toBe(text);
    });
});

describe('the other definitions, in English', () => {
  const texts: ReadonlyArray<readonly [FigureId, string]> = [
    [
      'coverage',
      'Coverage: opening time zoneops knew whether the device worked ÷ opening time; time switched off by the schedule or by hand, and time zoneops was not running, is not monitored.',
    ],
    [
      'availability',
      'Availability: opening time the device worked (warnings such as paper low included) ÷ monitored time; the total is Σ working ÷ Σ monitored over the rows. Equipment only: no smart plugs, no areas.',
    ],
    [
      'integrity',
      'Intact rate: at the end, equipment with no unrepaired equipment fault when counting stopped ÷ equipment monitored in the month; time-weighted, monitored opening time without an open equipment fault ÷ monitored time. Consumables, cleaning, citizens’ reports and software are not equipment faults.',
    ],
    [
      'incidents',
      'Incidents: per cause, never added into one figure; a PC that would not start is one incident (power-on failed and unreachable together); a plug’s fault counts on the device it feeds; alerts the engine suppressed are not counted.',
    ],
    [
      'mtta',
      'Mean response time: from detection to the first action (acknowledged, vendor called or resolved); actions after counting stopped are not seen.',
    ],
    [
      'mttr',
      'Mean repair time: from detection to recovery (repaired or recovered by itself); minutes with one decimal under an hour, hours from an hour on.',
    ],
    [
      'vendor',
      'Vendors and service providers: calls recorded on the fault timeline; repair time from the first call to recovery; kept = recovered by the promised time.',
    ],
    [
      'adherence',
      'Schedule adherence: switches that were needed (the device was not yet as planned, or zoneops sent a command) done ÷ needed; switches already as planned are not counted; none needed = “not needed”.',
    ],
    [
      'hygiene',
      'On-time rate: on time ÷ (on time + late + missed + overdue), over working days zoneops was monitoring.',
    ],
    [
      'pages',
      'Pages printed and copied: the growth of the devices’ page counters (after a reset, the new count); read hourly, each increase counted in the hour of the reading before it. Copiers and MFPs count copies too.',
    ],
    ['onHours', 'Hours on: PCs and kiosks up, from the status history.'],
    [
      'inUse',
      'Hours in use (estimated): a processor-load sample of at least 10% counts its interval (at most 10 minutes) as in use; no estimate without load samples.',
    ],
    [
      'forecast',
      'Runs out on: from the level history’s trend (robust Theil–Sen estimate, restarted at each refill); none with too little history.',
    ],
    ['energy', 'Energy: the growth of the smart plugs’ energy counters.'],
  ];
  for (const [id, text] of texts)
    it(`defines ${id}, whether or not the month is over`, () => {
      expect(en(id, true)).toBe(text);
      expect(en(id, false)).toBe(text);
    });
});

describe('the estimate of hours in use', () => {
  it('quotes the threshold and the longest interval the estimate really uses (10 %, 10 minutes)', () => {
    expect(inUseCpuPercent).toBe(10);
    expect(sampleSpanMs).toBe(10 * 60_000);
  });
});
