import type { ComplaintFact, SatisfactionFact } from './complaint-figures.js';
import type { DeviceType } from './device.js';
import type { ComplianceSummary } from './hygiene-compliance.js';
import type { DeviceStatus } from './status.js';

/** The stored rows the monthly report is computed from (read by src/report/load.ts; pure types). */

export interface ReportDevice {
  readonly id: string;
  readonly name: string;
  readonly type: DeviceType;
  readonly location: string;
  /** 国有资产编号. */
  readonly assetNo: string;
  /** How the schedule switches it; `none` = monitor only (no planned power actions). */
  readonly powerMethod: 'wol' | 'plug' | 'agent' | 'none';
  /** The plug feeding it (its energy is the device's, its faults count on the device), if any. */
  readonly plug: string | null;
  /** 生产厂家 and 技术服务商, by name. */
  readonly vendor: string;
  readonly serviceProvider: string;
}

export interface TransitionFact {
  readonly deviceId: string;
  readonly to: DeviceStatus;
  readonly at: number;
}

export interface FaultEventFact {
  readonly at: number;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface FaultFact {
  readonly id: number;
  readonly deviceId: string;
  readonly kind: string;
  readonly state: string;
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

/** A PC's or kiosk's processor load as sampled (SNMP HOST-RESOURCES-MIB hrProcessorLoad). */
export interface UsageFact {
  readonly deviceId: string;
  readonly at: number;
  readonly cpuPercent: number;
}

/** Who files the report (config `report:` and the month's notes file). */
export interface ReportFrame {
  /** 填报单位. */
  readonly unit: string | null;
  /** 填报人, 审核人: blank lines to sign when not given. */
  readonly preparedBy: string | null;
  readonly reviewedBy: string | null;
  /** 报送日期 YYYY-MM-DD; the day the report is made when not given. */
  readonly submittedOn: string | null;
}

export interface ReportInput {
  readonly month: string;
  readonly tz: string;
  readonly site: string;
  readonly siteName: string;
  /** When the report is made: only a running month depends on it (counted to the start of today). */
  readonly now: number;
  readonly frame: ReportFrame;
  /** The whole register (plugs included: their energy and faults belong to the devices they feed). */
  readonly devices: readonly ReportDevice[];
  /** Every transition in the month plus each device's last one before it. */
  readonly transitions: readonly TransitionFact[];
  /** Faults open at any time in the month (opened before it and still open included), with their events. */
  readonly faults: readonly FaultFact[];
  readonly actions: readonly ActionFact[];
  /** Counter samples in the month plus each device's last one before it. */
  readonly pages: readonly CounterFact[];
  readonly energy: readonly CounterFact[];
  /** Supply samples from well before the month (for the forecast) to its end. */
  readonly supplies: readonly SupplyFact[];
  readonly usage: readonly UsageFact[];
  /** Citizens' reports received in the month, with the fault each opened or joined. */
  readonly citizenReports: ReadonlyArray<{
    readonly deviceId: string;
    readonly at: number;
    readonly faultId: number | null;
  }>;
  /** Cleaning compliance evaluated at the instant counting stops (see countedTo). */
  readonly hygiene: ComplianceSummary | null;
  /** Complaints received and satisfaction given in the month (the complaint register); null: not kept. */
  readonly complaints: {
    readonly received: readonly ComplaintFact[];
    readonly ratings: readonly SatisfactionFact[];
  } | null;
  readonly leadTimeDays: number;
}
