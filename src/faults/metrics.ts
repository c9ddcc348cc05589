import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { defaultKindSeverity, faultKinds } from '../domain/fault-kinds.js';

/**
 * What faults report for /metrics (notifications have their own, src/notify/metrics.ts). The fault
 * service calls these; `createAlertMetrics` puts them on the daemon's registry (label values are fault
 * kinds and severities: bounded, no free text, no secrets).
 */
export interface AlertMetrics {
  faultAcknowledged(kind: string, severity: string, seconds: number): void;
  faultResolved(kind: string, severity: string, seconds: number): void;
  faultOpened(kind: string): void;
}

export const noopAlertMetrics: AlertMetrics = {
  faultAcknowledged() {},
  faultResolved() {},
  faultOpened() {},
};

interface AlertGaugeSources {
  openFaults(): Promise<Array<{ kind: string; severity: string; n: number }>>;
}

const durationBuckets = [60, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400, 259_200];

export function createAlertMetrics(registry: Registry, sources: AlertGaugeSources): AlertMetrics {
  const opened = new Counter({
    name: 'zoneops_faults_opened_total',
    help: 'Faults opened (a reopened flapping fault counts once), by kind.',
    labelNames: ['kind'],
    registers: [registry],
  });
  const ack = new Histogram({
    name: 'zoneops_fault_ack_seconds',
    help: 'Time from a fault opening to its acknowledgement.',
    labelNames: ['kind', 'severity'],
    buckets: durationBuckets,
    registers: [registry],
  });
  const resolve = new Histogram({
    name: 'zoneops_fault_resolve_seconds',
    help: 'Time from a fault opening to its resolution by a person.',
    labelNames: ['kind', 'severity'],
    buckets: durationBuckets,
    registers: [registry],
  });
  // Every kind exists from the start at its usual severity: no fault yet is a true 0 (an empty bucket, no
  // open fault), so a newcomer's dashboard shows 0 instead of "No data".
  for (const kind of faultKinds) {
    const labels = { kind, severity: defaultKindSeverity[kind] };
    ack.zero(labels);
    resolve.zero(labels);
    opened.inc({ kind }, 0);
  }
  new Gauge({
    name: 'zoneops_faults_open',
    help: 'Open faults (not resolved or cleared), by kind and severity.',
    labelNames: ['kind', 'severity'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const kind of faultKinds) this.set({ kind, severity: defaultKindSeverity[kind] }, 0);
      for (const r of await sources.openFaults()) this.set({ kind: r.kind, severity: r.severity }, r.n);
    },
  });
  return {
    faultOpened: (kind) => opened.inc({ kind }),
    faultAcknowledged: (kind, severity, s) => ack.observe({ kind, severity }, s),
    faultResolved: (kind, severity, s) => resolve.observe({ kind, severity }, s),
  };
}
