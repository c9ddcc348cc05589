import type { Condition } from './conditions.js';

/**
 * What a probe saw of one device at one moment. Protocol adapters (probes/snmp|ipp|mqtt) turn bytes
 * into Observations and nothing more; every decision (status, faults, schedule) is made from them.
 * "Down is data": an unreachable device is an Observation with reachable=false and a problem, not an exception.
 */
export interface Observation {
  readonly deviceId: string;
  readonly source: ObservationSource;
  /** Epoch milliseconds when the reading was taken. */
  readonly at: number;
  readonly reachable: boolean;
  /** How long the probe took, for the poll-duration histogram. */
  readonly durationMs?: number;
  readonly problem?: ProbeProblem;
  /** Active conditions in the shared vocabulary (domain/conditions.ts). */
  readonly conditions: readonly Condition[];
  /**
   * Unreachable only: the schedule has the device off (asleep), so its silence is expected — it is
   * `off-scheduled`, never `down`, and a poller does not back off from it.
   */
  readonly asleep?: boolean;
  /**
   * Unreachable only: the conditions the device reported when it last answered. A printer that goes
   * silent while jammed is shown as "jammed (last known)", and its faults stay open until it answers.
   */
  readonly lastKnown?: { readonly at: number; readonly conditions: readonly Condition[] };
  readonly printer?: PrinterReading;
  readonly host?: HostReading;
  readonly power?: PowerReading;
}

export type ObservationSource = 'snmp' | 'ipp' | 'mqtt';

const probeFailures = ['timeout', 'unreachable', 'refused', 'dns', 'auth', 'protocol'] as const;
type ProbeFailure = (typeof probeFailures)[number];

export interface ProbeProblem {
  readonly reason: ProbeFailure;
  /** One clear line for the technician; never a secret, never a stack trace. */
  readonly message: string;
}

export type PrinterStatus = 'idle' | 'printing' | 'warmup' | 'stopped' | 'other' | 'unknown';

/** Level state of a supply or tray. `some-remaining` is the devices' "-3": present but not measured. */
export type LevelState = 'ok' | 'low' | 'empty' | 'some-remaining' | 'unknown';

export interface Supply {
  readonly index: number;
  readonly description: string;
  /** e.g. toner, ink, drum, wasteToner, fuser (Printer-MIB prtMarkerSuppliesType / IPP marker-types). */
  readonly type: string;
  readonly color: string | null;
  /** The raw level the device reported (may be negative special values). */
  readonly level: number;
  readonly max: number | null;
  /** 0..100 when the device gives a real level and max; null otherwise — never invented. */
  readonly percent: number | null;
  readonly state: LevelState;
  /** A receptacle (waste toner) fills up: a high level means nearly full, not plenty left. */
  readonly receptacle?: boolean;
}

export interface Tray {
  readonly index: number;
  readonly description: string;
  readonly media: string | null;
  readonly level: number;
  readonly max: number | null;
  readonly percent: number | null;
  readonly state: LevelState;
}

export interface PrinterAlert {
  readonly severity: string;
  readonly group: string;
  readonly code: string;
  readonly description: string;
}

export interface PrinterReading {
  readonly status: PrinterStatus;
  readonly acceptingJobs?: boolean;
  /** Jobs waiting or printing; null when the protocol does not tell. */
  readonly queuedJobs: number | null;
  readonly supplies: readonly Supply[];
  readonly trays: readonly Tray[];
  readonly alerts: readonly PrinterAlert[];
  /** Lifetime page/impression count; null when unknown. */
  readonly pageCount: number | null;
  readonly makeAndModel?: string;
  readonly message?: string;
}

export interface StorageReading {
  readonly description: string;
  readonly kind: 'fixed-disk' | 'ram' | 'virtual-memory' | 'removable' | 'network' | 'other';
  readonly usedBytes: number;
  readonly sizeBytes: number;
  /** A pseudo or virtual filesystem (tmpfs, devtmpfs, cgroup, /run/user/N, /dev/shm, snaps): shown, never judged full. */
  readonly pseudo?: true;
}

export interface HardwareItem {
  readonly index: number;
  readonly type: string;
  readonly description: string;
}

export interface HostReading {
  readonly uptimeSeconds: number | null;
  readonly cpuLoadPercent: number | null;
  readonly storage: readonly StorageReading[];
  readonly processes: readonly string[];
  readonly installed: readonly string[];
  readonly hardware: readonly HardwareItem[];
}

export interface PowerReading {
  /** The plug or agent is connected (MQTT availability/LWT). */
  readonly online: boolean;
  readonly relay: 'on' | 'off' | null;
  readonly watts: number | null;
  readonly energyKWh: number | null;
  /** Whether the device behind the plug/agent is really on (watts above threshold, or agent online). */
  readonly deviceOn: boolean | null;
  /** Epoch ms of the last message from the plug/agent. */
  readonly lastSeen: number;
}
