import type { ComplaintFact, ComplaintFigures, SatisfactionFact } from './complaint-figures.js';
import type { DeviceType } from './device.js';
import type { ComplianceSummary } from './hygiene-compliance.js';
import type { DeviceStatus } from './status.js';

/** The rows the monthly report is computed from (read by src/report/load.ts; pure types). */

export interface ReportDevice {
  readonly id: string;
  readonly name: string;
  readonly type: DeviceType;
  readonly location: string;
  /** How the schedule switches it; `none` = monitor only (no planned power actions). */
  readonly powerMethod: 'wol' | 'plug' | 'agent' | 'none';
  /** The plug feeding it (its energy is the device's), if any. */
  readonly plug: string | null;
  readonly vendor: string;
}

export interface TransitionFact {
  readonly deviceId: string;
  readonly to: DeviceStatus;
  readonly at: number;
}

interface FaultEventFact {
  readonly at: number;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface FaultFact {
  readonly id: number;
  readonly deviceId: string;
  readonly kind: string;
  readonly state: string;
  readonly detail: string;
  readonly openedAt: number;
  readonly closedAt: number | null;
  readonly events: readonly FaultEventFact[];
}

export interface ActionFact {
  readonly deviceId: string;
  readonly action: 'on' | 'soft-off' | 'cut';
  readonly result: 'pending' | 'ok' | 'failed';
  readonly requestedAt: number;
}

export interface CounterFact {
  readonly deviceId: string;
  readonly at: number;
  readonly value: number;
}

export interface SupplyFact {
  readonly deviceId: string;
  readonly index: number;
  readonly at: number;
  readonly percent: number;
  readonly type: string;
  readonly color: string | null;
  readonly description: string;
  readonly receptacle: boolean;
}

export interface ReportInput {
  readonly month: string;
  readonly tz: string;
  readonly site: string;
  readonly siteName: string;
  /** When the report is made: a month still running is counted up to now. */
  readonly now: number;
  readonly devices: readonly ReportDevice[];
  /** Every transition in the month plus each device's last one before it. */
  readonly transitions: readonly TransitionFact[];
  /** Faults opened in the month, with their events. */
  readonly faults: readonly FaultFact[];
  readonly actions: readonly ActionFact[];
  /** Counter samples in the month plus each device's last one before it. */
  readonly pages: readonly CounterFact[];
  readonly energy: readonly CounterFact[];
  /** Supply samples from well before the month (for the forecast) to its end. */
  readonly supplies: readonly SupplyFact[];
  readonly hygiene: ComplianceSummary | null;
  readonly leadTimeDays: number;
  /** Complaints received in the month and satisfaction evaluations (absent: the report has no such section). */
  readonly complaints?: {
    readonly received: readonly ComplaintFact[];
    readonly ratings: readonly SatisfactionFact[];
  };
}

export interface DeviceLine {
  readonly id: string;
  readonly name: string;
  readonly type: DeviceType;
  readonly location: string;
  /** Opening minutes in the month (closed days count none). */
  readonly expectedMinutes: number;
  /** Minutes of opening hours the device was `down`. */
  readonly downMinutes: number;
  /** Minutes of opening hours with no known status (not monitored). */
  readonly unknownMinutes: number;
  /** 1 − down ÷ (expected − unknown); null when never monitored during opening hours. */
  readonly availability: number | null;
  /** Hours the device was off by the schedule (status off-scheduled): the saving. */
  readonly offScheduledHours: number;
  readonly faults: number;
  readonly pages: number | null;
  readonly energyKWh: number | null;
  /** The plug whose counter gave energyKWh (the device itself when it is a plug). */
  readonly energyFrom: string | null;
}

export interface KindLine {
  readonly kind: string;
  readonly opened: number;
  readonly acknowledged: number;
  /** Resolved by a person or cleared by itself. */
  readonly closed: number;
  readonly resolved: number;
  readonly cleared: number;
  readonly stillOpen: number;
  /** Mean time to acknowledge / to close, seconds; null when none. */
  readonly mttaSeconds: number | null;
  readonly mttrSeconds: number | null;
}

export interface VendorSummary {
  readonly contacted: number;
  /** Closed after the vendor/provider was called. */
  readonly closed: number;
  /** Mean time from the (first) call to the fault closing, seconds. */
  readonly meanResponseSeconds: number | null;
  readonly promisesKept: number;
  readonly promisesMissed: number;
}

export interface IncidentLine {
  readonly faultId: number;
  readonly deviceId: string;
  readonly openedAt: number;
  readonly state: string;
  readonly detail: string;
}

export interface PowerSummary {
  /** Planned switch-ons and switch-offs of devices the schedule can switch. */
  readonly planned: number;
  readonly done: number;
  readonly failed: number;
  /** Planned but no command recorded (already in state, or zoneops not running). */
  readonly noAction: number;
  /** done ÷ planned; null when nothing was planned. */
  readonly adherence: number | null;
  /** Commands outside any planned switch (keep-on, forced, retries). */
  readonly unplannedActions: number;
}

export interface SupplyLine {
  readonly deviceId: string;
  readonly index: number;
  readonly name: string;
  readonly type: string;
  readonly color: string | null;
  /** Percentage points used up (a receptacle: filled) during the month. */
  readonly usedPercent: number;
  readonly refills: number;
  readonly lastPercent: number | null;
  readonly daysLeft: number | null;
  readonly orderDue: boolean;
}

export interface MonthlyReport {
  readonly month: string;
  readonly site: string;
  readonly siteName: string;
  readonly tz: string;
  readonly generatedAt: number;
  readonly period: {
    readonly from: number;
    readonly to: number;
    /** The instant counting stopped (the month's end, or now for a running month). */
    readonly countedTo: number;
    readonly openDays: number;
    readonly openMinutes: number;
    readonly closedDays: ReadonlyArray<{ readonly date: string; readonly reason: string }>;
  };
  readonly devices: readonly DeviceLine[];
  readonly faultsByKind: readonly KindLine[];
  readonly faultTotals: KindLine;
  readonly vendor: VendorSummary;
  readonly power: PowerSummary;
  readonly forbiddenSoftware: readonly IncidentLine[];
  readonly supplies: readonly SupplyLine[];
  readonly supplyOrders: readonly IncidentLine[];
  readonly hygiene: ComplianceSummary | null;
  /** 服务情况: citizens' complaints and suggestions, and satisfaction (domain/complaint-figures.ts). */
  readonly complaints: ComplaintFigures | null;
  readonly totals: {
    readonly pages: number;
    readonly energyKWh: number;
    readonly offScheduledHours: number;
    readonly downMinutes: number;
    readonly availability: number | null;
  };
}
