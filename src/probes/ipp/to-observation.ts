import { dedupeConditions } from '../../domain/conditions.js';
import type {
  Observation,
  PrinterReading,
  PrinterStatus,
  ProbeProblem,
  Supply,
} from '../../domain/observation.js';
import { supplyConditions } from '../../domain/supply-rules.js';
import type { IppMarker, IppReading } from './reading.js';

const statusOf: Readonly<Record<IppReading['state'], PrinterStatus>> = {
  idle: 'idle',
  processing: 'printing',
  stopped: 'stopped',
  unknown: 'unknown',
};

/** The shared Observation for one IPP reading (pure). */
export function ippObservation(deviceId: string, at: number, reading: IppReading): Observation {
  const supplies = reading.markers.map(supplyOf);
  const printer: PrinterReading = {
    status: statusOf[reading.state],
    ...(reading.acceptingJobs === null ? {} : { acceptingJobs: reading.acceptingJobs }),
    queuedJobs: reading.queuedJobs,
    supplies,
    trays: reading.trays,
    alerts: reading.alerts,
    // Impressions are what copier contracts bill; pages and sheets only when impressions are absent.
    pageCount: reading.counters.impressions ?? reading.counters.pages ?? reading.counters.mediaSheets,
    ...(reading.makeAndModel === null ? {} : { makeAndModel: reading.makeAndModel }),
    ...(reading.message === null ? {} : { message: reading.message }),
  };
  // The printer's own reasons, and what its marker levels say by the shared supply rule.
  const conditions = dedupeConditions([...reading.conditions, ...supplyConditions(supplies)]);
  return { deviceId, source: 'ipp', at, reachable: true, conditions, printer };
}

export function unreachableObservation(deviceId: string, at: number, problem: ProbeProblem): Observation {
  return { deviceId, source: 'ipp', at, reachable: false, problem, conditions: [] };
}

function supplyOf(m: IppMarker): Supply {
  return {
    index: m.index,
    description: m.name,
    type: m.type,
    color: m.color,
    level: m.level,
    max: m.max,
    percent: m.percent,
    state: m.state,
    receptacle: m.receptacle,
  };
}
