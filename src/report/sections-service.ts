import type { Language } from '../domain/messages.js';
import { dateText, noData, pct } from '../domain/report-format.js';
import type { MonthlyReport } from '../domain/report-types.js';
import { supplyLabel } from '../domain/supply-names.js';
import { complaintTables } from './complaint-tables.js';
import { chart, type DocSection, type DocTable, dec, notes, p, table, tr } from './doc-kit.js';
import { typeName } from './texts.js';

/** 五、耗材与采购, 六、服务情况 and 七、存在问题和下步打算. */

const name = (r: MonthlyReport, id: string) => r.register.find((d) => d.id === id)?.name ?? id;

export function suppliesSection(r: MonthlyReport, lang: Language, text: readonly string[]): DocSection {
  const t = tr(lang);
  const level = (x: number | null) => (x === null ? noData(lang) : `${x}%`);
  const runsOut = (s: MonthlyReport['supplies'][number]) =>
    s.runsOutOn === null ? t('记录不足', 'too little history') : dateText(s.runsOutOn, lang);
  const rows = r.supplies.map((s) => [
    name(r, s.deviceId),
    supplyLabel({ type: s.type, color: s.color }, lang),
    dec(s.usedPercent, 1),
    String(s.refills),
    level(s.lastPercent),
    runsOut(s),
    s.orderDue ? t('是', 'yes') : t('否', 'no'),
  ]);
  return {
    key: 'supplies',
    heading: t('五、耗材与采购', '5. Supplies and procurement'),
    blocks: [
      ...text.map(p),
      table({
        title: t('耗材使用与预测', 'Supplies used and forecast'),
        headers: [
          t('设备', 'Device'),
          t('耗材', 'Supply'),
          t('本月用量（%）', 'Used (%)'),
          t('更换次数', 'Refills'),
          t('当前余量', 'Level now'),
          t('预计用完（装满）日期', 'Runs out (fills) on'),
          t('需采购', 'Order'),
        ],
        rows,
        widths: [2.6, 2.4, 1.4, 1.2, 1.4, 2.6, 1],
      }),
      chart({
        id: 'supplies',
        title: t('图3 耗材余量及预计用完日期', 'Figure 3. Supply levels and when they run out'),
        kind: 'hbar',
        categories: r.supplies.map(
          (s) => `${name(r, s.deviceId)} ${supplyLabel({ type: s.type, color: s.color }, lang)}`,
        ),
        values: r.supplies.map((s) => s.lastPercent),
        labels: rows.map((row) => `${row[4]} · ${row[5]}`),
        unit: '%',
        max: 100,
      }),
    ],
    notes: notes(r, lang, ['forecast']),
  };
}

export function serviceSection(r: MonthlyReport, lang: Language, text: readonly string[]): DocSection {
  const t = tr(lang);
  const sv = r.service;
  const kind = (id: string) => {
    const type = r.register.find((d) => d.id === id)?.type;
    return type === 'copier'
      ? t('复印', 'copies')
      : type === 'mfp'
        ? t('打印复印', 'prints and copies')
        : t('打印', 'prints');
  };
  const daily = dailyTable(r, lang);
  const hours = sv.byHour.filter((h) => h.pages > 0 || h.inUseHours > 0);
  const openDays = Math.max(1, r.period.openDays);
  return {
    key: 'service',
    heading: t('六、服务情况', '6. Service given'),
    blocks: [
      ...text.map(p),
      chart({
        id: 'pages-per-day',
        title: t('图4 每日打印复印页数', 'Figure 4. Pages printed and copied per day'),
        kind: 'line',
        categories: sv.pagesByDay.map((d) => dateText(d.date, lang, true)),
        values: sv.pagesByDay.map((d) => d.pages),
        labels: daily.rows.map((row) => row[1] as string),
        unit: t('页', 'pages'),
      }),
      table({
        title: t('各设备打印复印页数（免费服务）', 'Pages per device (free service)'),
        headers: [t('设备', 'Device'), t('类别', 'Kind'), t('页数', 'Pages')],
        rows: sv.pagesByDevice.map((d) => [name(r, d.deviceId), kind(d.deviceId), String(d.pages)]),
        total: [t('合计', 'Total'), '', sv.pagesTotal === null ? noData(lang) : String(sv.pagesTotal)],
      }),
      table(daily),
      table({
        title: t('查阅电脑和自助机使用情况（小时）', 'PCs and kiosks (hours)'),
        headers: [
          t('设备', 'Device'),
          t('类别', 'Type'),
          t('开机时长', 'Hours on'),
          t('使用时长（估算）', 'Hours in use (estimated)'),
          t('开放日日均使用（估算）', 'Per open day in use (estimated)'),
        ],
        rows: sv.usage.map((u) => [
          name(r, u.deviceId),
          typeName(u.type, lang),
          dec(u.onHours),
          u.inUseHours === null ? noData(lang) : dec(u.inUseHours),
          u.inUseHours === null ? noData(lang) : dec(Math.round((u.inUseHours / openDays) * 10) / 10),
        ]),
        total: [
          t('合计', 'Total'),
          '',
          dec(Math.round(sv.usage.reduce((n, u) => n + u.onHours, 0) * 10) / 10),
          sv.usage.some((u) => u.inUseHours !== null)
            ? dec(Math.round(sv.usage.reduce((n, u) => n + (u.inUseHours ?? 0), 0) * 10) / 10)
            : noData(lang),
          '',
        ],
      }),
      table({
        title: t('分时段服务量（高峰时段）', 'By hour of day (busiest hours)'),
        headers: [
          t('时段', 'Hour'),
          t('打印复印页数', 'Pages'),
          t('电脑使用（估算，小时）', 'PC hours in use (estimated)'),
        ],
        rows: hours.map((h) => [`${h.hour}:00–${h.hour + 1}:00`, String(h.pages), dec(h.inUseHours)]),
      }),
      ...(r.complaints === null
        ? [
            p(
              t(
                `群众报告设备问题 ${sv.citizensReports} 件（见三、故障及处理）；群众投诉、意见建议和满意度评价在投诉登记中另行统计，本报告未列入。`,
                `${sv.citizensReports} citizens’ reports (see 3.); complaints, suggestions and satisfaction are kept in the complaints register, not in this report.`,
              ),
            ),
          ]
        : [
            p(
              t(
                `本月收到群众投诉和意见建议 ${r.complaints.total.received} 件，受理 ${r.complaints.total.accepted} 件，按时答复 ${r.complaints.total.answeredOnTime} 件，未办结 ${r.complaints.total.open} 件；满意度评价 ${r.complaints.satisfaction.total} 件，满意率 ${pct(r.complaints.satisfaction.rate, lang)}${r.period.complete ? '' : '（投诉和满意度统计至报告生成时）'}。`,
                `${r.complaints.total.received} complaints and suggestions received, ${r.complaints.total.accepted} accepted, ${r.complaints.total.answeredOnTime} answered on time, ${r.complaints.total.open} open; ${r.complaints.satisfaction.total} satisfaction ratings, ${pct(r.complaints.satisfaction.rate, lang)} satisfied${r.period.complete ? '' : ' (complaints and ratings up to the time of this report)'}.`,
              ),
            ),
            // The complaint register's own tables (src/report/complaint-tables.ts), as they are.
            ...complaintTables(r.complaints, lang).map((x) => table(x)),
          ]),
    ],
    notes: notes(r, lang, ['pages', 'onHours', 'inUse']),
  };
}

/** Pages per day: the total and each printing device, the numbers the line chart shows. */
function dailyTable(r: MonthlyReport, lang: Language): DocTable {
  const t = tr(lang);
  const sv = r.service;
  return {
    title: t('每日打印复印页数', 'Pages per day'),
    headers: [t('日期', 'Date'), t('合计', 'Total'), ...sv.pagesByDevice.map((d) => name(r, d.deviceId))],
    rows: sv.pagesByDay.map((d, i) => [
      dateText(d.date, lang, true),
      String(d.pages),
      ...sv.pagesByDevice.map((x) => String(x.byDay[i] ?? 0)),
    ]),
    total: [
      t('合计', 'Total'),
      String(sv.pagesByDay.reduce((n, d) => n + d.pages, 0)),
      ...sv.pagesByDevice.map((x) => String(x.pages)),
    ],
  };
}

export function outlookSection(lang: Language, text: readonly string[]): DocSection {
  return {
    key: 'outlook',
    heading: tr(lang)('七、存在问题和下步打算', '7. Problems and next steps'),
    blocks: text.map(p),
    notes: [],
  };
}
