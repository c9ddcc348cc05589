import type { Language } from '../domain/messages.js';
import { duration, noData, pct } from '../domain/report-format.js';
import type { MonthlyReport } from '../domain/report-types.js';
import { chart, type DocSection, notes, p, stamp, table, tr } from './doc-kit.js';
import { causeName, kindName, partyName } from './texts.js';

/** 三、故障及处理（含厂家及技术服务商响应，按单位列出） and 四、清洁消毒. */

export function faultsSection(r: MonthlyReport, lang: Language, text: readonly string[]): DocSection {
  const t = tr(lang);
  const f = r.faults;
  const lines = [...f.byCause, f.total];
  const row = (c: (typeof lines)[number]) => [
    causeName(c.cause, lang),
    String(c.incidents),
    String(c.acknowledged),
    String(c.closed),
    String(c.stillOpen),
    duration(c.mttaMinutes, lang),
    duration(c.mttrMinutes, lang),
  ];
  const device = (id: string) => r.register.find((d) => d.id === id);
  const listed = f.incidents.filter(
    (i) => i.cause === 'equipment' || i.cause === 'consumables' || i.cause === 'management',
  );
  const span = (from: number, to: number | null) =>
    to === null ? t('未恢复', 'open') : duration(Math.round((to - from) / 6000) / 10, lang);
  return {
    key: 'faults',
    heading: t(
      '三、故障及处理（含厂家及技术服务商响应，按单位列出）',
      '3. Faults and their handling (vendors and service providers by unit)',
    ),
    blocks: [
      ...text.map(p),
      table({
        title: t('按原因统计', 'By cause'),
        headers: [
          t('原因', 'Cause'),
          t('起数', 'Incidents'),
          t('已响应', 'Responded'),
          t('已恢复', 'Recovered'),
          t('未恢复', 'Open'),
          t('平均响应时间', 'Mean response'),
          t('平均修复时间', 'Mean repair'),
        ],
        rows: f.byCause.map(row),
        total: row(f.total),
        widths: [4, 1.2, 1.2, 1.2, 1.2, 1.8, 1.8],
      }),
      chart({
        id: 'faults-by-cause',
        title: t('图2 故障及事件按原因', 'Figure 2. Incidents by cause'),
        kind: 'bar',
        categories: f.byCause.map((c) => causeName(c.cause, lang).replace(/（.*$|\s*\(.*$/, '')),
        values: f.byCause.map((c) => c.incidents),
        labels: f.byCause.map((c) => String(c.incidents)),
        unit: t('起', ''),
      }),
      table({
        title: t('故障明细', 'Incidents'),
        headers: [
          t('设备', 'Device'),
          t('国有资产编号', 'Asset no.'),
          t('故障', 'Fault'),
          t('发现时间', 'Found'),
          t('恢复时间', 'Recovered'),
          t('用时', 'Took'),
          t('联系', 'Called'),
        ],
        rows: listed.map((i) => [
          device(i.deviceId)?.name ?? i.deviceId,
          device(i.deviceId)?.assetNo ?? '',
          i.kinds.map((k) => kindName(k, lang)).join(t('、', ', ')),
          stamp(i.openedAt, r.tz),
          i.closedAt === null ? t('未恢复', 'open') : stamp(i.closedAt, r.tz),
          span(i.openedAt, i.closedAt),
          i.contacted === null ? '—' : partyName(i.contacted, lang),
        ]),
        widths: [2.6, 2.6, 2.4, 2.4, 2.4, 1.4, 1.6],
      }),
      table({
        title: t('厂家及技术服务商响应（按单位）', 'Vendors and service providers (by unit)'),
        headers: [
          t('单位', 'Unit'),
          t('类别', 'Role'),
          t('设备（台）', 'Devices'),
          t('设备故障（起）', 'Faults'),
          t('联系（次）', 'Called'),
          t('已修复', 'Repaired'),
          t('平均修复用时', 'Mean repair'),
          t('按承诺修复', 'Kept promise'),
          t('超出承诺', 'Missed promise'),
        ],
        rows: r.vendors.map((v) => [
          v.name,
          partyName(v.role, lang),
          String(v.devices.length),
          String(v.incidents),
          String(v.contacted),
          String(v.repaired),
          duration(v.meanRepairMinutes, lang),
          String(v.promisesKept),
          String(v.promisesMissed),
        ]),
        widths: [3.6, 1.6, 1.2, 1.4, 1.2, 1.2, 1.8, 1.4, 1.4],
      }),
    ],
    notes: notes(r, lang, ['incidents', 'mtta', 'mttr', 'vendor']),
  };
}

export function hygieneSection(r: MonthlyReport, lang: Language, text: readonly string[]): DocSection {
  const t = tr(lang);
  const h = r.hygiene;
  const task = (k: string) => (k === 'clean' ? t('清洁', 'cleaning') : t('消毒', 'disinfection'));
  const cells = (c: Record<string, number>, ratio: number | null) => [
    String(c['on-time']),
    String(c.late),
    String((c.missed ?? 0) + (c.overdue ?? 0)),
    String(c.due),
    pct(ratio, lang),
  ];
  return {
    key: 'hygiene',
    heading: t('四、清洁消毒', '4. Cleaning and disinfection'),
    blocks: [
      ...text.map(p),
      ...(h === null
        ? []
        : [
            table({
              title: t('清洁消毒执行情况（次）', 'Cleaning and disinfection (tasks)'),
              headers: [
                t('对象', 'Target'),
                t('任务', 'Task'),
                t('按时', 'On time'),
                t('迟报', 'Late'),
                t('未做', 'Not done'),
                t('待完成', 'Still due'),
                t('按时率', 'On time %'),
              ],
              rows: h.rows.map((x) => [x.targetName, task(x.task), ...cells(x.counts, x.ratio)]),
              total: [t('合计', 'Total'), '', ...cells(h.totals, h.ratio)],
            }),
          ]),
      ...(h !== null && h.rows.length === 0 ? [p(noData(lang))] : []),
    ],
    notes: notes(r, lang, ['hygiene']),
  };
}
