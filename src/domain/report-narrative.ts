import { localTime } from './local-time.js';
import type { Language } from './messages.js';
import { dateText, dayRuns, duration, num1, pct, spaced } from './report-format.js';
import type { IncidentLine, MonthlyReport } from './report-types.js';
import { supplyLabel } from './supply-names.js';

/**
 * The paragraph under each section, written from the figures (pure), in the words of a town office's
 * report: 本月共发生设备故障 3 起，均已修复，平均修复时间 2.5 小时；打印机 P-01 缺纸 4 次… The technician
 * can replace any of them with the month's notes file before the report is filed.
 */
export const sectionKeys = [
  'basic',
  'devices',
  'faults',
  'hygiene',
  'supplies',
  'service',
  'outlook',
] as const;
export type SectionKey = (typeof sectionKeys)[number];

export type Narrative = Readonly<Record<SectionKey, readonly string[]>>;

const lowAvailability = 0.95;
const lowCoverage = 0.9;

export function narrative(r: MonthlyReport, lang: Language, kindName: (kind: string) => string): Narrative {
  const zh = lang !== 'en';
  const t = (a: string, b: string) => (zh ? a : b);
  const name = (id: string) => r.register.find((d) => d.id === id)?.name ?? id;
  const list = (xs: readonly string[]) => xs.join(zh ? '、' : ', ');
  const p = r.period;
  const a = r.availability;

  const closed = p.closedDays.filter((d) => !/周末|weekend/i.test(d.reason));
  const basic: string[] = [];
  if (!p.complete)
    basic.push(
      t(
        `本月尚未结束，以下数据统计至${dateText(localDate(p.countedTo, r), lang, true)}零时（已过 ${p.daysCounted} 天）。`,
        `The month is still running: figures up to the start of ${dateText(localDate(p.countedTo, r), lang)} (${p.daysCounted} ${p.daysCounted === 1 ? 'day' : 'days'}).`,
      ),
    );
  const runs = dayRuns(
    [
      ...closed,
      ...p.makeUpDays.map((d) => ({ date: d.date, reason: t('调休上班', 'make-up working day') })),
    ].sort((x, y) => x.date.localeCompare(y.date)),
    lang,
  );
  const holidays = runs.length === 0 ? '' : t(`（${runs.join('，')}）`, ` (${runs.join(', ')})`);
  basic.push(
    t(
      `本月应开放 ${p.openDays} 天、共 ${num1(p.openMinutes / 60)} 小时${holidays}。专区在册设备 ${a.devices} 台，`,
      `The zone was due open ${p.openDays} ${p.openDays === 1 ? 'day' : 'days'}, ${num1(p.openMinutes / 60)} hours${holidays}. ${a.devices} devices are on the register; `,
    ) +
      (r.hasData
        ? t(
            `系统监测覆盖率 ${pct(a.coverage, lang)}，设备总体可用率 ${pct(a.availability, lang)}，月末设备完好率 ${pct(r.integrity.ratioAtEnd, lang)}。`,
            `coverage ${pct(a.coverage, lang)}, availability ${pct(a.availability, lang)}, intact at the end ${pct(r.integrity.ratioAtEnd, lang)}.`,
          )
        : t(
            '本统计期内系统尚未监测到设备运行情况，各项指标均为无数据。',
            'zoneops monitored nothing in this period: every figure is “no data”.',
          )),
  );

  const worst = [...r.devices]
    .filter((d) => d.availability !== null)
    .sort((x, y) => (x.availability as number) - (y.availability as number))[0];
  const pw = r.power;
  const devices = [
    worst === undefined
      ? t('本月没有设备的可用率数据。', 'No device has availability figures this month.')
      : t(
          `可用率最低的是${worst.name}（${pct(worst.availability, lang)}），开放时间内不可用 ${worst.unavailableMinutes} 分钟。`,
          `Lowest availability: ${worst.name} (${pct(worst.availability, lang)}), ${worst.unavailableMinutes} min unavailable during opening hours.`,
        ),
    pw.needed === 0
      ? t(
          `计划开关机 ${pw.planned} 次，无需执行（设备已处于计划状态 ${pw.notNeeded} 次，系统未监测 ${pw.unmonitored} 次）。`,
          `${count(pw.planned, 'planned switch', 'planned switches')}, none needed (already as planned ${pw.notNeeded}, not monitored ${pw.unmonitored}).`,
        )
      : t(
          `计划开关机需执行 ${pw.needed} 次，成功 ${pw.done} 次，执行率 ${pct(pw.adherence, lang)}。`,
          `${count(pw.needed, 'planned switch was', 'planned switches were')} needed, ${pw.done} done: ${pct(pw.adherence, lang)}.`,
        ),
  ];

  const line = (c: string) => r.faults.byCause.find((x) => x.cause === c);
  const eq = line('equipment');
  const repaired =
    eq === undefined
      ? ''
      : eq.stillOpen === 0
        ? t('均已修复', 'all repaired')
        : t(
            `已修复 ${eq.closed} 起、未修复 ${eq.stillOpen} 起`,
            `${eq.closed} repaired, ${eq.stillOpen} open`,
          );
  const consumables = r.faults.incidents.filter((i) => i.cause === 'consumables');
  const faults = [
    eq === undefined || eq.incidents === 0
      ? t('本月未发生设备故障。', 'No equipment fault this month.')
      : t(
          `本月共发生设备故障 ${eq.incidents} 起，${repaired}，平均响应时间 ${duration(eq.mttaMinutes, lang)}，平均修复时间 ${duration(eq.mttrMinutes, lang)}。`,
          `${count(eq.incidents, 'equipment fault', 'equipment faults')}, ${repaired}; mean response ${duration(eq.mttaMinutes, lang)}, mean repair ${duration(eq.mttrMinutes, lang)}.`,
        ),
    t(
      `耗材提醒 ${consumables.length} 次${consumables.length > 0 ? `（${list(countBy(consumables, (i) => `${spaced(name(i.deviceId))}${kindName(i.kinds[0] ?? '')}`).map(([k, n]) => `${k} ${n} 次`))}）` : ''}；清洁消毒逾期 ${line('hygiene')?.incidents ?? 0} 次；群众报告 ${line('citizens')?.incidents ?? 0} 件；软件及管理事件 ${line('management')?.incidents ?? 0} 起。`,
      `Consumables: ${consumables.length}${consumables.length > 0 ? ` (${list(countBy(consumables, (i) => `${name(i.deviceId)} ${kindName(i.kinds[0] ?? '')}`).map(([k, n]) => `${k} ×${n}`))})` : ''}; cleaning overdue: ${line('hygiene')?.incidents ?? 0}; citizens’ reports: ${line('citizens')?.incidents ?? 0}; software and management: ${line('management')?.incidents ?? 0}.`,
    ),
  ];

  const h = r.hygiene;
  const hygiene =
    h === null
      ? [t('未配置清洁消毒计划。', 'No cleaning plan is configured.')]
      : [
          h.ratio === null
            ? t(
                '本统计期内没有应完成的清洁消毒任务（或系统未在监测）。',
                'No cleaning task was due while zoneops was monitoring.',
              )
            : t(
                `本月应完成清洁消毒 ${h.totals['on-time'] + h.totals.late + h.totals.missed + h.totals.overdue} 次，按时 ${h.totals['on-time']} 次、迟报 ${h.totals.late} 次、未做 ${h.totals.missed + h.totals.overdue} 次，按时率 ${pct(h.ratio, lang)}。`,
                `${count(h.totals['on-time'] + h.totals.late + h.totals.missed + h.totals.overdue, 'cleaning task', 'cleaning tasks')} due: ${h.totals['on-time']} on time, ${h.totals.late} late, ${h.totals.missed + h.totals.overdue} not done; ${pct(h.ratio, lang)} on time.`,
              ) +
              (h.unmonitoredDays.length > 0
                ? t(
                    `${list(h.unmonitoredDays.map((d) => dateText(d, lang, true)))}系统尚未监测，不计。`,
                    ` Not counted (not monitored): ${list(h.unmonitoredDays.map((d) => dateText(d, lang, true)))}.`,
                  )
                : ''),
        ];

  const due = r.supplies.filter((s) => s.orderDue);
  const supply = (s: MonthlyReport['supplies'][number]) =>
    `${zh ? spaced(name(s.deviceId)) : `${name(s.deviceId)} `}${supplyLabel({ type: s.type, color: s.color }, lang)}`;
  const supplies = [
    due.length === 0
      ? t(
          '耗材余量充足，采购周期内无需采购。',
          'Supplies last beyond the procurement lead time: nothing to order.',
        )
      : t(
          `需采购耗材 ${due.length} 种：${list(due.map((s) => `${supply(s)}${s.runsOutOn ? `预计${dateText(s.runsOutOn, lang, true)}${s.receptacle ? '装满' : '用完'}` : ''}`))}。`,
          `${count(due.length, 'supply', 'supplies')} to order: ${list(due.map((s) => `${supply(s)}${s.runsOutOn ? ` (${s.receptacle ? 'full by' : 'runs out'} ${dateText(s.runsOutOn, lang)})` : ''}`))}.`,
        ),
  ];

  const sv = r.service;
  const busiest = [...sv.byHour]
    .filter((x) => x.pages > 0)
    .sort((x, y) => y.pages - x.pages || x.hour - y.hour)[0];
  const on = sv.usage.reduce((n, u) => n + u.onHours, 0);
  const used = sv.usage.some((u) => u.inUseHours !== null)
    ? sv.usage.reduce((n, u) => n + (u.inUseHours ?? 0), 0)
    : null;
  const service = [
    t(
      `本月免费打印复印 ${sv.pagesTotal ?? 0} 页${p.openDays > 0 && sv.pagesTotal !== null ? `，开放日日均 ${num1(Math.round((sv.pagesTotal / p.openDays) * 10) / 10)} 页` : ''}${busiest ? `，打印高峰在 ${busiest.hour} 时至 ${busiest.hour + 1} 时` : ''}；查阅电脑和自助机开机 ${num1(Math.round(on * 10) / 10)} 小时${used === null ? '' : `，估算使用 ${num1(Math.round(used * 10) / 10)} 小时`}。`,
      `${sv.pagesTotal ?? 0} pages printed and copied free of charge${p.openDays > 0 && sv.pagesTotal !== null ? ` (${num1(Math.round((sv.pagesTotal / p.openDays) * 10) / 10)} per open day)` : ''}${busiest ? `, busiest ${busiest.hour}:00–${busiest.hour + 1}:00` : ''}; PCs and kiosks on ${num1(Math.round(on * 10) / 10)} h${used === null ? '' : `, in use about ${num1(Math.round(used * 10) / 10)} h (estimated)`}.`,
    ),
    t(
      `群众报告设备问题 ${sv.citizensReports} 件${sv.citizensSameAsFault > 0 ? `，其中 ${sv.citizensSameAsFault} 件与已发现的故障为同一问题` : ''}。`,
      `${count(sv.citizensReports, 'citizen’s report', 'citizens’ reports')}${sv.citizensSameAsFault > 0 ? `, ${sv.citizensSameAsFault} about a fault already known` : ''}.`,
    ),
  ];

  return {
    basic,
    devices,
    faults,
    hygiene,
    supplies,
    service,
    outlook: outlook(r, lang, name, kindName, due.map(supply)),
  };
}

function outlook(
  r: MonthlyReport,
  lang: Language,
  name: (id: string) => string,
  kindName: (kind: string) => string,
  toOrder: readonly string[],
): string[] {
  const zh = lang !== 'en';
  const t = (a: string, b: string) => (zh ? a : b);
  const problems: string[] = [];
  const plans: string[] = [];
  for (const d of r.devices.filter((x) => x.availability !== null && x.availability < lowAvailability))
    problems.push(
      t(
        `${spaced(d.name)}可用率 ${pct(d.availability, lang)}，低于 95%`,
        `${d.name}: availability ${pct(d.availability, lang)}, below 95%`,
      ),
    );
  for (const b of r.integrity.broken) {
    problems.push(
      t(
        `${spaced(name(b.deviceId))}仍有未修复的故障（${b.kinds.map(kindName).join('、')}）`,
        `${name(b.deviceId)} still has an open fault (${b.kinds.map(kindName).join(', ')})`,
      ),
    );
    plans.push(
      t(
        `督促厂家或技术服务商尽快修复${name(b.deviceId)}`,
        `Have the vendor or service provider repair ${name(b.deviceId)}`,
      ),
    );
  }
  const h = r.hygiene;
  if (h !== null && h.totals.missed + h.totals.overdue + h.totals.late > 0) {
    problems.push(
      t(
        `清洁消毒未做 ${h.totals.missed + h.totals.overdue} 次、迟报 ${h.totals.late} 次`,
        `Cleaning: ${h.totals.missed + h.totals.overdue} not done, ${h.totals.late} late`,
      ),
    );
    plans.push(
      t('提醒值班人员按时完成清洁消毒并及时登记', 'Remind the attendants to clean on time and record it'),
    );
  }
  if (r.hasData && r.availability.coverage !== null && r.availability.coverage < lowCoverage) {
    problems.push(
      t(
        `系统监测覆盖率 ${pct(r.availability.coverage, lang)}，部分开放时间未掌握设备状态`,
        `Coverage ${pct(r.availability.coverage, lang)}: device status unknown for part of the opening time`,
      ),
    );
    plans.push(
      t(
        '检查设备网络和监测设置，提高监测覆盖率',
        'Check the devices’ network and monitoring to raise coverage',
      ),
    );
  }
  if (r.power.failed + r.power.missed > 0)
    problems.push(
      t(
        `计划开关机未执行成功 ${r.power.failed + r.power.missed} 次`,
        `${count(r.power.failed + r.power.missed, 'planned switch', 'planned switches')} not done`,
      ),
    );
  if (toOrder.length > 0)
    plans.push(t(`按预测及时采购${toOrder.join('、')}`, `Order ${toOrder.join(', ')} in time`));
  plans.push(
    t('继续做好设备日常巡检、清洁消毒和耗材储备', 'Keep up the daily checks, cleaning and supply stock'),
  );
  const numbered = (xs: readonly string[]) => xs.map((x, i) => `${i + 1}. ${x}${zh ? '。' : '.'}`);
  return [
    t('存在问题：', 'Problems:'),
    ...(problems.length === 0
      ? [t('本月设备运行正常，未发现需要整改的问题。', 'None: the equipment ran normally this month.')]
      : numbered(problems)),
    t('下步打算：', 'Next steps:'),
    ...numbered(plans),
  ];
}

/** `1 planned switch`, `2 planned switches`: English says the number with the noun's own form. */
function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function countBy(list: readonly IncidentLine[], key: (i: IncidentLine) => string): Array<[string, number]> {
  const m = new Map<string, number>();
  for (const i of list) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return [...m.entries()];
}

const localDate = (ms: number, r: MonthlyReport): string => localTime(ms, r.tz).date;
