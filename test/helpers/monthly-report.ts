import type { Language } from '../../src/domain/messages.js';
import { narrative } from '../../src/domain/report-narrative.js';
import type {
  CauseLine,
  DeviceLine,
  FaultCause,
  HygieneFigures,
  IncidentLine,
  MonthlyReport,
  SupplyLine,
} from '../../src/domain/report-types.js';

/**
 * A hand-made monthly report (the shape of src/domain/report-types.ts) for the narrative's unit tests:
 * February 2026 in Beijing time, Spring Festival 15–23 February, make-up working days on Saturday 14 and
 * Saturday 28 February; 16 open days of 6.5 hours = 104 hours. `base` is a quiet, complete month; the
 * builders make the pieces a test overrides.
 */
export const bj = (s: string) => Date.parse(`${s}+08:00`);
/** Fault kinds in words (the test's own list, as src/report/texts.ts would say them). */
export const names: Record<string, [string, string]> = {
  'paper-out': ['缺纸', 'out of paper'],
  'toner-low': ['墨粉不足', 'toner low'],
  jam: ['卡纸', 'jam'],
  'service-requested': ['需要维修', 'needs service'],
};
/** The narrative of a report, its fault kinds named from `names`. */
export const say = (r: MonthlyReport, lang: Language = 'zh-CN') =>
  narrative(r, lang, (k) => names[k]?.[lang === 'en' ? 1 : 0] ?? k);

export const line = (id: string, name: string, o: Partial<DeviceLine> = {}): DeviceLine => ({
  id,
  name,
  assetNo: `A-${id}`,
  type: 'printer',
  location: '查阅区',
  expectedMinutes: 6240,
  monitoredMinutes: 6240,
  upMinutes: 6240,
  unavailableMinutes: 0,
  downMinutes: 0,
  coverage: 1,
  availability: 1,
  intactAtEnd: true,
  intactRatio: 1,
  faults: 0,
  pages: null,
  energyKWh: null,
  energyFrom: null,
  offScheduledHours: 0,
  ...o,
});
export const cause = (c: FaultCause | 'total', o: Partial<CauseLine> = {}): CauseLine => ({
  cause: c,
  incidents: 0,
  acknowledged: 0,
  closed: 0,
  stillOpen: 0,
  mttaMinutes: null,
  mttrMinutes: null,
  ...o,
});
export const incident = (deviceId: string, c: FaultCause, kinds: string[]): IncidentLine => ({
  deviceId,
  cause: c,
  kinds,
  faultIds: [1],
  openedAt: bj('2026-02-10T10:00'),
  acknowledgedAt: null,
  closedAt: null,
  contacted: null,
});
export const reg = (id: string, name: string) => ({
  id,
  name,
  type: 'printer' as const,
  location: '查阅区',
  assetNo: `A-${id}`,
  powerMethod: 'none' as const,
  plug: null,
  vendor: 'V',
  serviceProvider: 'S',
});
export const hygiene = (
  o: Partial<HygieneFigures['totals']>,
  unmonitoredDays: string[] = [],
): HygieneFigures => {
  const totals = { 'on-time': 0, late: 0, missed: 0, due: 0, overdue: 0, ...o };
  const passed = totals['on-time'] + totals.late + totals.missed + totals.overdue;
  return { rows: [], totals, ratio: passed === 0 ? null : totals['on-time'] / passed, unmonitoredDays };
};
export const supply = (deviceId: string, type: string, o: Partial<SupplyLine> = {}): SupplyLine => ({
  deviceId,
  index: 1,
  type,
  color: null,
  description: '',
  receptacle: false,
  usedPercent: 50,
  refills: 0,
  lastPercent: 20,
  daysLeft: 10,
  runsOutOn: null,
  orderDue: true,
  ...o,
});

/** A quiet, complete month: nothing to complain about. */
export const base: MonthlyReport = {
  month: '2026-02',
  site: 'demo',
  siteName: '演示专区',
  tz: 'Asia/Shanghai',
  generatedAt: bj('2026-03-02T09:00'),
  frame: { unit: null, preparedBy: null, reviewedBy: null, submittedOn: '2026-03-02' },
  period: {
    from: bj('2026-02-01T00:00'),
    to: bj('2026-03-01T00:00'),
    countedTo: bj('2026-03-01T00:00'),
    complete: true,
    daysInMonth: 28,
    daysCounted: 28,
    openDays: 16,
    openMinutes: 16 * 390,
    closedDays: [
      { date: '2026-02-01', reason: '周末' },
      { date: '2026-02-07', reason: '周末' },
      { date: '2026-02-08', reason: 'Weekend' },
      ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => ({
        date: `2026-02-${d}`,
        reason: '春节',
      })),
    ],
    makeUpDays: [
      { date: '2026-02-14', reason: '春节调休' },
      { date: '2026-02-28', reason: '春节调休' },
    ],
    monitoredDays: 16,
  },
  hasData: true,
  register: [reg('printer-01', '打印机 P-01'), reg('copier-01', '复印机')],
  devices: [
    line('printer-01', '打印机 P-01', { availability: 0.99, unavailableMinutes: 60 }),
    line('kiosk-01', '自助机', { availability: null }),
    line('pc-01', '查阅电脑 1', { availability: 0.95, unavailableMinutes: 312 }),
  ],
  availability: {
    devices: 4,
    expectedMinutes: 4 * 6240,
    monitoredMinutes: 23712,
    upMinutes: 23356,
    unavailableMinutes: 356,
    downMinutes: 356,
    coverage: 0.95,
    availability: 0.985,
  },
  integrity: { monitored: 3, intactAtEnd: 3, ratioAtEnd: 1, timeWeighted: 1, broken: [] },
  faults: {
    byCause: [
      cause('equipment'),
      cause('consumables'),
      cause('hygiene'),
      cause('citizens'),
      cause('management'),
    ],
    total: cause('total'),
    incidents: [],
    folded: 0,
    suppressed: 0,
    citizensSameAsFault: 0,
  },
  vendors: [],
  power: {
    planned: 40,
    notNeeded: 38,
    unmonitored: 2,
    needed: 0,
    done: 0,
    failed: 0,
    missed: 0,
    adherence: null,
    unplannedActions: 0,
  },
  supplies: [],
  hygiene: hygiene({ 'on-time': 32 }),
  service: {
    days: [],
    pagesByDay: [],
    pagesByDevice: [],
    pagesTotal: null,
    byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, pages: 0, inUseHours: 0 })),
    usage: [],
    citizensReports: 0,
    citizensSameAsFault: 0,
  },
  energyKWh: null,
  offScheduledHours: 0,
  complaints: null,
};
export const month = (o: Partial<MonthlyReport>): MonthlyReport => ({ ...base, ...o });
export const period = (o: Partial<MonthlyReport['period']>) => month({ period: { ...base.period, ...o } });
