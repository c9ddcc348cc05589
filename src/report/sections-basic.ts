import { localTime } from '../domain/local-time.js';
import type { Language } from '../domain/messages.js';
import { dateText, dayRuns, duration, noData, num1, pct } from '../domain/report-format.js';
import type { MonthlyReport } from '../domain/report-types.js';
import { chart, type DocSection, dec, notes, p, table, tr } from './doc-kit.js';
import { typeName } from './texts.js';

/** 一、基本情况 and 二、设备运行. */

export function basicSection(r: MonthlyReport, lang: Language, text: readonly string[]): DocSection {
  const t = tr(lang);
  const per = r.period;
  const a = r.availability;
  const eq = r.faults.byCause.find((c) => c.cause === 'equipment');
  const byType = new Map<string, number>();
  for (const d of r.devices)
    byType.set(typeName(d.type, lang), (byType.get(typeName(d.type, lang)) ?? 0) + 1);
  const days = (list: ReadonlyArray<{ date: string; reason: string }>) =>
    list.length === 0 ? t('无', 'none') : dayRuns(list, lang).join(t('、', ', '));
  const holidays = per.closedDays.filter((d) => !/周末|weekend/i.test(d.reason));
  const rows: Array<[string, string]> = [
    [
      t('统计截至', 'Counted up to'),
      per.complete
        ? t('全月', 'the whole month')
        : t(
            `${dateText(localDate(r), lang)}零时（本月尚未结束）`,
            `the start of ${dateText(localDate(r), lang)} (month running)`,
          ),
    ],
    [t('应开放天数', 'Open days'), String(per.openDays)],
    [t('应开放时长（小时）', 'Opening time (h)'), num1(Math.round((per.openMinutes / 60) * 10) / 10)],
    [t('节假日及闭馆（不含周末）', 'Holidays and closures (weekends aside)'), days(holidays)],
    [t('调休上班', 'Make-up working days'), days(per.makeUpDays)],
    [
      t('在册设备（台）', 'Equipment on the register'),
      `${a.devices}${byType.size > 0 ? `${t('（', ' (')}${[...byType].map(([k, n]) => `${k} ${n}`).join(t('、', ', '))}${t('）', ')')}` : ''}`,
    ],
    [t('监测覆盖率', 'Coverage'), pct(a.coverage, lang)],
    [t('设备总体可用率', 'Availability'), pct(a.availability, lang)],
    [t('设备完好率（月末）', 'Intact rate (at the end)'), pct(r.integrity.ratioAtEnd, lang)],
    [t('设备完好率（按时间）', 'Intact rate (time-weighted)'), pct(r.integrity.timeWeighted, lang)],
    [t('设备故障（起）', 'Equipment faults'), String(eq?.incidents ?? 0)],
    [t('平均响应时间', 'Mean response time'), duration(eq?.mttaMinutes ?? null, lang)],
    [t('平均修复时间', 'Mean repair time'), duration(eq?.mttrMinutes ?? null, lang)],
    [t('开关机执行率', 'Schedule adherence'), adherenceText(r, lang)],
    [
      t('清洁消毒按时率', 'Cleaning on time'),
      r.hygiene === null ? t('未配置', 'not configured') : pct(r.hygiene.ratio, lang),
    ],
    [
      t('免费打印复印（页）', 'Pages printed and copied'),
      r.service.pagesTotal === null ? noData(lang) : String(r.service.pagesTotal),
    ],
    [t('用电量（千瓦时）', 'Energy (kWh)'), r.energyKWh === null ? noData(lang) : r.energyKWh.toFixed(2)],
  ];
  return {
    key: 'basic',
    heading: t('一、基本情况', '1. Overview'),
    blocks: [
      ...text.map(p),
      table({
        title: t('主要指标', 'Key figures'),
        headers: [t('项目', 'Item'), t('数值', 'Value')],
        rows,
        widths: [2, 3],
      }),
    ],
    notes: notes(r, lang, [
      'expected',
      'coverage',
      'availability',
      'integrity',
      'incidents',
      'mtta',
      'mttr',
      'adherence',
    ]),
  };
}

export function adherenceText(r: MonthlyReport, lang: Language): string {
  if (r.power.planned === 0) return tr(lang)('无计划', 'nothing planned');
  return r.power.adherence === null ? tr(lang)('无需执行', 'not needed') : pct(r.power.adherence, lang);
}

const yesNo = (v: boolean | null, lang: Language) =>
  v === null ? noData(lang) : v ? tr(lang)('完好', 'intact') : tr(lang)('有故障', 'faulty');

export function devicesSection(r: MonthlyReport, lang: Language, text: readonly string[]): DocSection {
  const t = tr(lang);
  const a = r.availability;
  const pw = r.power;
  const rows = r.devices.map((d) => [
    d.name,
    d.assetNo,
    d.location,
    String(d.expectedMinutes),
    String(d.monitoredMinutes),
    String(d.upMinutes),
    String(d.unavailableMinutes),
    pct(d.coverage, lang),
    pct(d.availability, lang),
    yesNo(d.intactAtEnd, lang),
    String(d.faults),
  ]);
  const total = [
    t('合计', 'Total'),
    '',
    '',
    String(a.expectedMinutes),
    String(a.monitoredMinutes),
    String(a.upMinutes),
    String(a.unavailableMinutes),
    pct(a.coverage, lang),
    pct(a.availability, lang),
    `${r.integrity.intactAtEnd}/${r.integrity.monitored}`,
    String(r.devices.reduce((n, d) => n + d.faults, 0)),
  ];
  const energy = r.devices.filter((d) => d.energyKWh !== null || d.offScheduledHours > 0);
  return {
    key: 'devices',
    heading: t('二、设备运行', '2. Equipment'),
    blocks: [
      ...text.map(p),
      table({
        title: t('各设备可用率（开放时间内，分钟）', 'Availability per device (opening time, minutes)'),
        headers: [
          t('设备', 'Device'),
          t('国有资产编号', 'Asset no.'),
          t('位置', 'Location'),
          t('应开放', 'Expected'),
          t('已监测', 'Monitored'),
          t('可用', 'Working'),
          t('不可用', 'Unavailable'),
          t('监测覆盖率', 'Coverage'),
          t('可用率', 'Availability'),
          t('月末状态', 'At the end'),
          t('设备故障（起）', 'Faults'),
        ],
        rows,
        total,
        widths: [3, 3, 2.4, 1.6, 1.6, 1.6, 1.6, 2, 2, 1.6, 1.4],
      }),
      chart({
        id: 'availability',
        title: t('图1 各设备可用率', 'Figure 1. Availability per device'),
        kind: 'hbar',
        categories: r.devices.map((d) => d.name),
        values: r.devices.map((d) =>
          d.availability === null ? null : Math.round(d.availability * 10_000) / 100,
        ),
        labels: rows.map((row) => row[8] as string),
        unit: '%',
        max: 100,
      }),
      table({
        title: t('开关机计划执行情况（次）', 'Power schedule (switches)'),
        headers: [
          t('计划开关机', 'Planned'),
          t('已处于计划状态', 'Already so'),
          t('未监测', 'Not monitored'),
          t('需执行', 'Needed'),
          t('执行成功', 'Done'),
          t('执行失败', 'Failed'),
          t('未执行', 'Missed'),
          t('执行率', 'Adherence'),
          t('计划外操作', 'Unplanned'),
        ],
        rows: [
          [
            String(pw.planned),
            String(pw.notNeeded),
            String(pw.unmonitored),
            String(pw.needed),
            String(pw.done),
            String(pw.failed),
            String(pw.missed),
            adherenceText(r, lang),
            String(pw.unplannedActions),
          ],
        ],
      }),
      table({
        title: t('用电与节能', 'Energy and the schedule’s saving'),
        headers: [
          t('设备', 'Device'),
          t('用电（千瓦时）', 'Energy (kWh)'),
          t('按计划关机（小时）', 'Off by schedule (h)'),
        ],
        rows: energy.map((d) => [d.name, dec(d.energyKWh, 2), dec(d.offScheduledHours, 1)]),
        total: [
          t('合计', 'Total'),
          r.energyKWh === null ? '—' : r.energyKWh.toFixed(2),
          dec(r.offScheduledHours, 1),
        ],
      }),
    ],
    notes: notes(r, lang, ['availability', 'coverage', 'integrity', 'adherence', 'energy']),
  };
}

const localDate = (r: MonthlyReport): string => localTime(r.period.countedTo, r.tz).date;
