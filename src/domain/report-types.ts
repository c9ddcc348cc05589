import type { ComplaintFigures } from './complaint-figures.js';
import type { DeviceType } from './device.js';
import type { SlotStatus } from './hygiene-compliance.js';
import type { HygieneTask } from './hygiene-plan.js';
import type { ReportDevice, ReportFrame } from './report-input.js';

/**
 * The monthly report's figures (pure types). Every figure is defined once, in the domain file that
 * computes it, and its definition is printed as a footnote (report-definitions.ts). A ratio is null
 * when there is nothing to divide by: the report then says 无数据, never 100 %.
 */

export interface DeviceLine {
  readonly id: string;
  readonly name: string;
  readonly assetNo: string;
  readonly type: DeviceType;
  readonly location: string;
  /** Opening minutes counted (closed days count none). */
  readonly expectedMinutes: number;
  /** Opening minutes zoneops knew whether it worked (up, degraded or down). */
  readonly monitoredMinutes: number;
  /** Opening minutes `up` or `degraded` (working, perhaps with a warning such as paper low). */
  readonly upMinutes: number;
  /** monitored − up: the minutes it was down. */
  readonly unavailableMinutes: number;
  readonly downMinutes: number;
  /** monitored ÷ expected. */
  readonly coverage: number | null;
  /** up ÷ monitored. */
  readonly availability: number | null;
  /** No open equipment fault when counting stopped; null when never monitored. */
  readonly intactAtEnd: boolean | null;
  /** Monitored opening minutes without an open equipment fault ÷ monitored opening minutes. */
  readonly intactRatio: number | null;
  /** Equipment-fault incidents opened in the month. */
  readonly faults: number;
  readonly pages: number | null;
  readonly energyKWh: number | null;
  /** The plug whose counter gave energyKWh. */
  readonly energyFrom: string | null;
  /** Hours the schedule had it off (status off-scheduled): the saving. */
  readonly offScheduledHours: number;
}

export interface AvailabilityTotals {
  readonly devices: number;
  readonly expectedMinutes: number;
  readonly monitoredMinutes: number;
  readonly upMinutes: number;
  readonly unavailableMinutes: number;
  readonly downMinutes: number;
  /** Σ monitored ÷ Σ expected. */
  readonly coverage: number | null;
  /** Σ up ÷ Σ monitored, over the same rows. */
  readonly availability: number | null;
}

export interface IntegrityFigures {
  /** Equipment monitored in the month / of them intact when counting stopped. */
  readonly monitored: number;
  readonly intactAtEnd: number;
  readonly ratioAtEnd: number | null;
  /** Σ intact monitored minutes ÷ Σ monitored minutes. */
  readonly timeWeighted: number | null;
  /** Equipment with an open equipment fault when counting stopped, and its kinds. */
  readonly broken: ReadonlyArray<{ readonly deviceId: string; readonly kinds: readonly string[] }>;
}

export const faultCauses = ['equipment', 'consumables', 'hygiene', 'citizens', 'management'] as const;
export type FaultCause = (typeof faultCauses)[number];

export interface CauseLine {
  readonly cause: FaultCause | 'total';
  readonly incidents: number;
  readonly acknowledged: number;
  /** Ended by a repair or by itself, before counting stopped. */
  readonly closed: number;
  readonly stillOpen: number;
  /** Mean minutes open → acknowledged / open → closed, one decimal; null when none. */
  readonly mttaMinutes: number | null;
  readonly mttrMinutes: number | null;
}

/** One incident: a fault, or several faults of one cause folded into one (a PC that would not start). */
export interface IncidentLine {
  readonly deviceId: string;
  readonly cause: FaultCause;
  /** The fault kinds, the first the one that names it (power-on-failed before unreachable). */
  readonly kinds: readonly string[];
  readonly faultIds: readonly number[];
  readonly openedAt: number;
  readonly acknowledgedAt: number | null;
  readonly closedAt: number | null;
  /** Who was called about it. */
  readonly contacted: 'vendor' | 'service-provider' | null;
}

export interface FaultFigures {
  readonly byCause: readonly CauseLine[];
  readonly total: CauseLine;
  readonly incidents: readonly IncidentLine[];
  /** Faults counted inside another one's incident (unreachable under power-on-failed). */
  readonly folded: number;
  /** Faults the fault engine marked suppressed (inhibited): on the timeline, not counted. */
  readonly suppressed: number;
  /** Citizens' reports about a device that already had an open fault: the same problem. */
  readonly citizensSameAsFault: number;
}

export interface VendorLine {
  readonly role: 'vendor' | 'service-provider';
  readonly name: string;
  readonly devices: readonly string[];
  /** Equipment incidents of the month on those devices. */
  readonly incidents: number;
  readonly contacted: number;
  /** Of the contacted, closed before counting stopped. */
  readonly repaired: number;
  /** Mean minutes from the call to the repair. */
  readonly meanRepairMinutes: number | null;
  readonly promisesKept: number;
  readonly promisesMissed: number;
}

export interface PowerSummary {
  /** Planned switch-ons and -offs of devices the schedule can switch. */
  readonly planned: number;
  /** Of them: the device was already as planned (no command needed). */
  readonly notNeeded: number;
  /** Of them: zoneops did not know the device's state (not monitored). */
  readonly unmonitored: number;
  /** needed = done + failed + missed. */
  readonly needed: number;
  readonly done: number;
  readonly failed: number;
  readonly missed: number;
  /** done ÷ needed; null when no action was needed (无需执行). */
  readonly adherence: number | null;
  readonly unplannedActions: number;
}

export interface SupplyLine {
  readonly deviceId: string;
  readonly index: number;
  readonly type: string;
  readonly color: string | null;
  readonly description: string;
  readonly receptacle: boolean;
  readonly usedPercent: number;
  readonly refills: number;
  readonly lastPercent: number | null;
  readonly daysLeft: number | null;
  /** Local date the forecast says it runs out (a receptacle: fills up). */
  readonly runsOutOn: string | null;
  readonly orderDue: boolean;
}

export interface HygieneLine {
  readonly target: string;
  readonly targetName: string;
  readonly task: HygieneTask;
  readonly counts: Readonly<Record<SlotStatus, number>>;
  readonly ratio: number | null;
}

export interface HygieneFigures {
  readonly rows: readonly HygieneLine[];
  readonly totals: Readonly<Record<SlotStatus, number>>;
  readonly ratio: number | null;
  /** Working days not counted because zoneops was not monitoring the zone then. */
  readonly unmonitoredDays: readonly string[];
}

export interface UsageLine {
  readonly deviceId: string;
  readonly type: DeviceType;
  /** Hours on (up or degraded), measured from the status history. */
  readonly onHours: number;
  /** Hours in use, estimated from processor load; null without samples. */
  readonly inUseHours: number | null;
  readonly days: ReadonlyArray<{
    readonly date: string;
    readonly onHours: number;
    readonly inUseHours: number | null;
  }>;
}

export interface ServiceFigures {
  readonly days: readonly string[];
  /** Pages per counted day (all printing devices); null on a day with no counter reading at all. */
  readonly pagesByDay: ReadonlyArray<{ readonly date: string; readonly pages: number }>;
  readonly pagesByDevice: ReadonlyArray<{
    readonly deviceId: string;
    readonly pages: number;
    readonly byDay: readonly number[];
  }>;
  readonly pagesTotal: number | null;
  /** Local hours 0–23: pages, and estimated PC hours in use. */
  readonly byHour: ReadonlyArray<{
    readonly hour: number;
    readonly pages: number;
    readonly inUseHours: number;
  }>;
  readonly usage: readonly UsageLine[];
  readonly citizensReports: number;
  readonly citizensSameAsFault: number;
}

export interface MonthlyReport {
  readonly month: string;
  readonly site: string;
  readonly siteName: string;
  readonly tz: string;
  readonly generatedAt: number;
  readonly frame: ReportFrame & { readonly submittedOn: string };
  readonly period: {
    readonly from: number;
    readonly to: number;
    /** Counting stops here: the month's end, or the start of today for a running month. */
    readonly countedTo: number;
    readonly complete: boolean;
    readonly daysInMonth: number;
    readonly daysCounted: number;
    readonly openDays: number;
    readonly openMinutes: number;
    readonly closedDays: ReadonlyArray<{ readonly date: string; readonly reason: string }>;
    readonly makeUpDays: ReadonlyArray<{ readonly date: string; readonly reason: string }>;
    /** Open days on which some equipment had a known status. */
    readonly monitoredDays: number;
  };
  /** False when nothing was monitored in the counted period: the report says 无数据. */
  readonly hasData: boolean;
  /** The whole register, for names and asset numbers. */
  readonly register: readonly ReportDevice[];
  /** Equipment only (no plugs, no `area-*` entries). */
  readonly devices: readonly DeviceLine[];
  readonly availability: AvailabilityTotals;
  readonly integrity: IntegrityFigures;
  readonly faults: FaultFigures;
  readonly vendors: readonly VendorLine[];
  readonly power: PowerSummary;
  readonly supplies: readonly SupplyLine[];
  readonly hygiene: HygieneFigures | null;
  readonly service: ServiceFigures;
  readonly energyKWh: number | null;
  readonly offScheduledHours: number;
  readonly complaints: ComplaintFigures | null;
}
