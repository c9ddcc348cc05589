import { hhmm, localTime } from '../domain/local-time.js';
import type { Language } from '../domain/messages.js';
import type { MonthlyReport } from '../domain/report-types.js';
import { colourName, supplyLabel, supplyTypeName } from '../domain/supply-names.js';
import { complaintTables } from './complaint-tables.js';
import { kindName, stateName, words } from './texts.js';

/** The report as titled tables, shared by the Markdown, CSV and HTML renderers (so they never disagree). */
interface ReportTable {
  readonly title: string;
  readonly headers: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
}

export interface ReportDocument {
  readonly title: string;
  /** Label → value lines under the title. */
  readonly meta: ReadonlyArray<readonly [string, string]>;
  readonly tables: readonly ReportTable[];
  readonly note: string;
  readonly sign: string;
}

export const pct = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);
const num = (n: number | null, digits = 0): string => (n === null ? '—' : n.toFixed(digits));

function localStamp(ms: number, tz: string): string {
  const t = localTime(ms, tz);
  return `${t.date} ${hhmm(t.minutes)}`;
}

export function reportDocument(r: MonthlyReport, lang: Language): ReportDocument {
  const w = words[lang];
  const dur = (s: number | null) => {
    if (s === null) return '—';
    const m = Math.round(s / 60);
    return w.hours(Math.floor(m / 60), m % 60);
  };
  const stamp = (ms: number) => localStamp(ms, r.tz);
  const closed = r.period.closedDays;
  const meta: Array<[string, string]> = [
    [w.site, `${r.siteName} (${r.site})`],
    [w.month, r.month],
    [w.period, `${stamp(r.period.from)} – ${stamp(r.period.to)}`],
    [w.countedTo, stamp(r.period.countedTo)],
    [w.openDays, String(r.period.openDays)],
    [w.openHours, num(r.period.openMinutes / 60, 1)],
    [
      w.closedDays,
      closed.length === 0
        ? w.none
        : closed.map((d) => `${d.date.slice(5)} ${d.reason}`).join(lang === 'en' ? ', ' : '、'),
    ],
    [w.generated, stamp(r.generatedAt)],
  ];
  const s = w.summary;
  const tables: ReportTable[] = [
    {
      title: w.sections.summary,
      headers: [w.sections.summary, ''],
      rows: [
        [s.availability, pct(r.totals.availability)],
        [s.down, String(r.totals.downMinutes)],
        [s.faults, String(r.faultTotals.opened)],
        [s.pages, String(r.totals.pages)],
        [s.energy, num(r.totals.energyKWh, 2)],
        [s.offHours, num(r.totals.offScheduledHours, 1)],
        [s.hygiene, pct(r.hygiene?.ratio ?? null)],
      ],
    },
    {
      title: w.sections.devices,
      headers: w.device,
      rows: r.devices.map((d) => [
        d.name,
        d.id,
        d.location,
        String(d.expectedMinutes),
        String(d.downMinutes),
        String(d.unknownMinutes),
        pct(d.availability),
        String(d.faults),
        num(d.pages),
        num(d.energyKWh, 2),
        num(d.offScheduledHours, 1),
      ]),
    },
    {
      title: w.sections.faults,
      headers: w.fault,
      rows: [...r.faultsByKind, r.faultTotals].map((k) => [
        kindName(k.kind, lang),
        String(k.opened),
        String(k.acknowledged),
        String(k.closed),
        String(k.resolved),
        String(k.cleared),
        String(k.stillOpen),
        dur(k.mttaSeconds),
        dur(k.mttrSeconds),
      ]),
    },
    {
      title: w.sections.vendor,
      headers: w.vendor,
      rows: [
        [
          String(r.vendor.contacted),
          String(r.vendor.closed),
          dur(r.vendor.meanResponseSeconds),
          String(r.vendor.promisesKept),
          String(r.vendor.promisesMissed),
        ],
      ],
    },
    {
      title: w.sections.power,
      headers: w.power,
      rows: [
        [
          String(r.power.planned),
          String(r.power.done),
          String(r.power.failed),
          String(r.power.noAction),
          pct(r.power.adherence),
          String(r.power.unplannedActions),
        ],
      ],
    },
    incidentTable(w.sections.forbidden, r.forbiddenSoftware, lang, stamp),
    {
      title: w.sections.hygiene,
      headers: w.hygiene,
      rows: (r.hygiene?.rows ?? []).map((h) => [
        h.targetName,
        w.tasks[h.task] ?? h.task,
        String(h.counts['on-time']),
        String(h.counts.late),
        String(h.counts.missed),
        String(h.counts.overdue),
        pct(h.ratio),
      ]),
    },
    {
      title: w.sections.supplies,
      headers: w.supply,
      rows: r.supplies.map((x) => [
        x.deviceId,
        supplyLabel({ type: x.type, color: x.color, description: x.name }, lang),
        lang === 'en' ? x.type : supplyTypeName(x.type, x.name) || '—',
        lang === 'en' ? (x.color ?? '') : colourName(x.color, x.name),
        num(x.usedPercent, 1),
        String(x.refills),
        num(x.lastPercent),
        num(x.daysLeft, 1),
        x.orderDue ? w.yes : w.no,
      ]),
    },
    incidentTable(w.sections.orders, r.supplyOrders, lang, stamp),
    // 服务情况: the complaint figures (issue 18); issue 19's section of the same name takes these tables.
    ...complaintTables(r.complaints, lang),
  ];
  return {
    title: lang === 'en' ? `${r.siteName}: ${w.title} (${r.month})` : `${r.siteName}${w.title}（${r.month}）`,
    meta,
    tables,
    note: w.note,
    sign: w.sign,
  };
}

function incidentTable(
  title: string,
  list: MonthlyReport['forbiddenSoftware'],
  lang: Language,
  stamp: (ms: number) => string,
): ReportTable {
  return {
    title,
    headers: words[lang].incident,
    rows: list.map((i) => [
      String(i.faultId),
      i.deviceId,
      stamp(i.openedAt),
      stateName(i.state, lang),
      i.detail,
    ]),
  };
}
