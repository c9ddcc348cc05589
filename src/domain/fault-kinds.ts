import type { ConditionName, Severity } from './conditions.js';

/** The stable fault kinds (issue 6). Stored in the database and used in metrics labels: never rename one. */
export const faultKinds = [
  'unreachable',
  'power-on-failed',
  'still-on-after-hours',
  'paper-low',
  'paper-out',
  'toner-low',
  'toner-out',
  'jam',
  'door-open',
  'offline',
  'service-requested',
  'disk-full',
  'forbidden-software',
  'software-changed',
  'hardware-changed',
  'cleaning-overdue',
  'disinfection-overdue',
  'public-report',
  'supply-order-due',
  'printer-stopped',
  'spool-area-full',
  'plug-overload',
] as const;
export type FaultKind = (typeof faultKinds)[number];

export const defaultKindSeverity: Readonly<Record<FaultKind, Severity>> = {
  unreachable: 'critical',
  'power-on-failed': 'critical',
  'still-on-after-hours': 'warning',
  'paper-low': 'warning',
  'paper-out': 'critical',
  'toner-low': 'warning',
  'toner-out': 'critical',
  jam: 'critical',
  'door-open': 'critical',
  offline: 'critical',
  'service-requested': 'critical',
  'disk-full': 'warning',
  'forbidden-software': 'warning',
  'software-changed': 'warning',
  'hardware-changed': 'warning',
  'cleaning-overdue': 'warning',
  'disinfection-overdue': 'warning',
  'public-report': 'warning',
  'supply-order-due': 'warning',
  'printer-stopped': 'critical',
  'spool-area-full': 'critical',
  'plug-overload': 'critical',
};

/**
 * Which device condition opens which fault. Conditions without a kind of their own that still stop
 * the service (a missing tray, a full waste box) become `service-requested` with the condition as detail;
 * mere notices (output-near-full, maintenance-due) open no fault and only make the device `degraded`.
 */
export const conditionFaultKind: Readonly<Partial<Record<ConditionName, FaultKind>>> = {
  'paper-low': 'paper-low',
  'paper-out': 'paper-out',
  'toner-low': 'toner-low',
  'toner-out': 'toner-out',
  jam: 'jam',
  'door-open': 'door-open',
  offline: 'offline',
  'service-requested': 'service-requested',
  'input-tray-missing': 'service-requested',
  'marker-supply-missing': 'service-requested',
  'output-full': 'service-requested',
  'waste-full': 'service-requested',
  'disk-full': 'disk-full',
  'forbidden-software': 'forbidden-software',
  'software-changed': 'software-changed',
  'hardware-changed': 'hardware-changed',
  'printer-stopped': 'printer-stopped',
  'spool-area-full': 'spool-area-full',
  'plug-overload': 'plug-overload',
};

/** Kinds whose presence the probes re-check every poll, so they clear by themselves after N good polls. */
export function isObservedKind(kind: FaultKind): boolean {
  return kind === 'unreachable' || Object.values(conditionFaultKind).includes(kind);
}
