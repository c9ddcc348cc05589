import type { Language } from './messages.js';
import { inUseCpuPercent, sampleSpanMs } from './report-service.js';

/**
 * The definition of every figure of the monthly report, printed as a footnote under the section that
 * uses it. Each one says in words what the domain file named beside it computes — change both together.
 */
export const figureIds = [
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
] as const;
export type FigureId = (typeof figureIds)[number];

type Definition = (ctx: { complete: boolean; lang: Language }) => string;

const span = sampleSpanMs / 60_000;

const zh: Readonly<Record<FigureId, Definition>> = {
  // report-calendar.ts (reportDays, countedTo)
  expected: ({ complete }) =>
    `应开放时长：按国家法定节假日、调休上班日和专区办公时间计算的开放时间（午休不计）；${
      complete ? '本月已结束，为全月。' : '本月尚未结束，为截至今日零时已过的整天。'
    }`,
  // report-availability.ts
  coverage: () =>
    '监测覆盖率：开放时间内系统掌握设备是否正常工作的时间 ÷ 应开放时长；按计划或人工关闭的时间、系统未运行的时间不计入已监测。',
  availability: () =>
    '可用率：开放时间内设备在线可用（含纸张不足等提醒）的时间 ÷ 已监测时间；合计行为各设备可用时间之和 ÷ 已监测时间之和。只计查阅电脑、自助机、打印机、复印机等设备，不含智能插座和区域。',
  // report-equipment.ts
  integrity: () =>
    '设备完好率：月末为统计截止时没有未修复设备故障的设备数 ÷ 本月有监测的设备数；按时间为已监测开放时间中没有未修复设备故障的时间 ÷ 已监测时间。耗材、清洁消毒、群众报告和软件事件不算设备故障。',
  // report-faults.ts
  incidents: () =>
    '故障起数：按原因分列，不相加为一个“故障数”；同一台电脑开机失败引起的“开机失败”和“无法连接”算一起；智能插座的故障计入其供电的设备；系统已合并抑制的告警不计。',
  mtta: () => '平均响应时间：从发现到首次处理（确认、联系厂家或处理完毕）的平均时间；统计截止后的处理不计。',
  mttr: () =>
    '平均修复时间：从发现到恢复（人工修复或设备自行恢复）的平均时间；不足 1 小时按分钟计、保留一位小数，1 小时以上按小时计。',
  // report-vendors.ts
  vendor: () =>
    '厂家及技术服务商响应：联系次数为故障处理记录中登记的联系；修复用时从首次联系到恢复；按承诺修复指在承诺时间前恢复。',
  // report-power.ts
  adherence: () =>
    '开关机执行率：需要执行的计划开关机（设备尚未处于计划状态，或系统已下发命令）中执行成功的比例；设备已处于计划状态的不计；没有需要执行的为“无需执行”。',
  // report-hygiene.ts
  hygiene: () =>
    '清洁消毒按时率：按时完成 ÷（按时 + 迟报 + 未做 + 已超时），只计工作日中系统正在监测的日期。',
  // report-service.ts
  pages: () =>
    '打印复印页数：打印机、复印机页数计数器的增量（计数器清零的，计清零后的数）；每小时读取一次，每段增量计入前一次读数所在的小时。复印机、一体机的计数含复印。',
  onHours: () => '开机时长：查阅电脑、自助机在线的时长，来自设备状态记录。',
  inUse: () =>
    `使用时长（估算）：由处理器占用率推算，每次采样占用率不低于 ${inUseCpuPercent}% 的，按该采样间隔（最长 ${span} 分钟）计为使用中；没有占用率数据的设备不估算。`,
  // report-counters.ts, supply-forecast.ts
  forecast: () =>
    '预计用完日期：按余量记录的趋势推算（取各对记录间变化速度的中位数，个别异常读数不影响结果；换耗材后重新计算）；记录不足时不预测。',
  energy: () => '用电量：智能插座电量计数器的增量。',
};

const en: Readonly<Record<FigureId, Definition>> = {
  expected: ({ complete }) =>
    `Opening time: from the national holidays, make-up working days and the zone's office hours (lunch break excluded); ${
      complete ? 'the month is over: the whole month.' : 'the month is running: the whole days before today.'
    }`,
  coverage: () =>
    'Coverage: opening time zoneops knew whether the device worked ÷ opening time; time switched off by the schedule or by hand, and time zoneops was not running, is not monitored.',
  availability: () =>
    'Availability: opening time the device worked (warnings such as paper low included) ÷ monitored time; the total is Σ working ÷ Σ monitored over the rows. Equipment only: no smart plugs, no areas.',
  integrity: () =>
    'Intact rate: at the end, equipment with no unrepaired equipment fault when counting stopped ÷ equipment monitored in the month; time-weighted, monitored opening time without an open equipment fault ÷ monitored time. Consumables, cleaning, citizens’ reports and software are not equipment faults.',
  incidents: () =>
    'Incidents: per cause, never added into one figure; a PC that would not start is one incident (power-on failed and unreachable together); a plug’s fault counts on the device it feeds; alerts the engine suppressed are not counted.',
  mtta: () =>
    'Mean response time: from detection to the first action (acknowledged, vendor called or resolved); actions after counting stopped are not seen.',
  mttr: () =>
    'Mean repair time: from detection to recovery (repaired or recovered by itself); minutes with one decimal under an hour, hours from an hour on.',
  vendor: () =>
    'Vendors and service providers: calls recorded on the fault timeline; repair time from the first call to recovery; kept = recovered by the promised time.',
  adherence: () =>
    'Schedule adherence: switches that were needed (the device was not yet as planned, or zoneops sent a command) done ÷ needed; switches already as planned are not counted; none needed = “not needed”.',
  hygiene: () =>
    'On-time rate: on time ÷ (on time + late + missed + overdue), over working days zoneops was monitoring.',
  pages: () =>
    'Pages printed and copied: the growth of the devices’ page counters (after a reset, the new count); read hourly, each increase counted in the hour of the reading before it. Copiers and MFPs count copies too.',
  onHours: () => 'Hours on: PCs and kiosks up, from the status history.',
  inUse: () =>
    `Hours in use (estimated): a processor-load sample of at least ${inUseCpuPercent}% counts its interval (at most ${span} minutes) as in use; no estimate without load samples.`,
  forecast: () =>
    'Runs out on: from the level history’s trend (robust Theil–Sen estimate, restarted at each refill); none with too little history.',
  energy: () => 'Energy: the growth of the smart plugs’ energy counters.',
};

export function definition(id: FigureId, ctx: { complete: boolean; lang: Language }): string {
  return (ctx.lang === 'en' ? en : zh)[id](ctx);
}
