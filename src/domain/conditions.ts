/**
 * One vocabulary of device conditions, whatever the protocol: SNMP's hrPrinterDetectedErrorState
 * bits, IPP's printer-state-reasons and MQTT agents' reports all map onto these names, so the
 * fault engine, metrics and pages never need to know where a condition came from.
 */
export const printerConditions = [
  'paper-low',
  'paper-out',
  'toner-low',
  'toner-out',
  'jam',
  'door-open',
  'offline',
  'service-requested',
  'input-tray-missing',
  'output-tray-missing',
  'marker-supply-missing',
  'output-near-full',
  'output-full',
  'waste-near-full',
  'waste-full',
  'maintenance-due',
  // stopped and refusing jobs for longer than one poll (IPP printer-state stopped + printer-is-accepting-jobs false)
  'printer-stopped',
  'spool-area-full',
] as const;

export const knownConditions = [
  ...printerConditions,
  // PCs and kiosks
  'disk-full',
  'forbidden-software',
  'software-changed',
  'hardware-changed',
  // smart plugs: the plug's own overload protection cut the power (Shelly relay/0 "overpower")
  'plug-overload',
] as const;
export type KnownCondition = (typeof knownConditions)[number];

/** A condition the device reported that has no normalised name yet, kept verbatim (e.g. `ipp:fuser-over-temp`). */
type OtherCondition = `${'ipp' | 'snmp' | 'mqtt'}:${string}`;
export type ConditionName = KnownCondition | OtherCondition;

export const severities = ['critical', 'warning', 'info'] as const;
export type Severity = (typeof severities)[number];

export interface Condition {
  readonly name: ConditionName;
  readonly severity: Severity;
  /** Human-readable detail from the device (an alert description, the supply concerned, the software found). */
  readonly detail?: string;
}

/** Default severity of each known condition: critical stops the service to the public, warning will soon. */
export const conditionSeverity: Readonly<Record<KnownCondition, Severity>> = {
  'paper-low': 'warning',
  'paper-out': 'critical',
  'toner-low': 'warning',
  'toner-out': 'critical',
  jam: 'critical',
  'door-open': 'critical',
  offline: 'critical',
  'service-requested': 'critical',
  'input-tray-missing': 'critical',
  'output-tray-missing': 'warning',
  'marker-supply-missing': 'critical',
  'output-near-full': 'warning',
  'output-full': 'critical',
  'waste-near-full': 'warning',
  'waste-full': 'critical',
  'maintenance-due': 'info',
  'printer-stopped': 'critical',
  'spool-area-full': 'critical',
  'disk-full': 'warning',
  'forbidden-software': 'warning',
  'software-changed': 'warning',
  'hardware-changed': 'warning',
  'plug-overload': 'critical',
};

export function isKnownCondition(name: string): name is KnownCondition {
  return (knownConditions as readonly string[]).includes(name);
}

export function condition(name: KnownCondition, detail?: string): Condition {
  return detail === undefined
    ? { name, severity: conditionSeverity[name] }
    : { name, severity: conditionSeverity[name], detail };
}

/** Severity order, least to most severe. The one definition: merges, faults and decoders use it. */
export const severityRank: Readonly<Record<Severity, number>> = { info: 0, warning: 1, critical: 2 };

export function worseSeverity(a: Severity, b: Severity): Severity {
  return severityRank[a] >= severityRank[b] ? a : b;
}

/**
 * One condition per name (the fault engine keys on it): the most severe occurrence wins and the details
 * of all occurrences are kept, joined with "; ".
 */
export function dedupeConditions(list: readonly Condition[]): Condition[] {
  const byName = new Map<string, { first: Condition; details: string[] }>();
  for (const c of list) {
    const entry = byName.get(c.name) ?? { first: c, details: [] };
    if (severityRank[c.severity] > severityRank[entry.first.severity]) entry.first = c;
    if (c.detail !== undefined && !entry.details.includes(c.detail)) entry.details.push(c.detail);
    byName.set(c.name, entry);
  }
  return [...byName.values()].map(({ first, details }) => {
    const { detail: _drop, ...rest } = first;
    return details.length === 0 ? rest : { ...rest, detail: details.join('; ') };
  });
}
