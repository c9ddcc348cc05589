import {
  type Condition,
  type ConditionName,
  conditionSeverity,
  type KnownCondition,
  type Severity,
  worseSeverity,
} from '../../domain/conditions.js';
import { unsuffixedSeverity } from './quirks.js';

/** The severity suffix of a printer-state-reasons keyword (RFC 8011 §5.4.12). */
export type ReasonSeverity = 'error' | 'warning' | 'report';

export interface StateReason {
  /** The keyword without its severity suffix, e.g. `media-empty`. */
  readonly keyword: string;
  readonly severity: ReasonSeverity;
}

/**
 * Splits `media-empty-warning` into keyword and severity. RFC 8011 §5.4.12: a reason without a
 * suffix is an error, except where the IPP quirk table knows better (CUPS' own cups-* keywords are
 * notices). `none` is no reason at all.
 */
export function splitReason(raw: string): StateReason | null {
  const value = raw.trim();
  if (value === '' || value === 'none') return null;
  const m = /^(.+)-(error|warning|report)$/.exec(value);
  if (m) return { keyword: m[1] as string, severity: m[2] as ReasonSeverity };
  return { keyword: value, severity: unsuffixedSeverity(value) };
}

/**
 * IPP keywords (RFC 8011, PWG 5100.9 / 5100.13) → the shared condition vocabulary. Anything not
 * listed is kept verbatim as `ipp:<keyword>`, never dropped.
 */
const reasonConditions: Readonly<Record<string, KnownCondition>> = {
  'media-empty': 'paper-out',
  'media-needed': 'paper-out',
  'media-low': 'paper-low',
  'toner-empty': 'toner-out',
  'marker-supply-empty': 'toner-out',
  'toner-low': 'toner-low',
  'marker-supply-low': 'toner-low',
  'media-jam': 'jam',
  'door-open': 'door-open',
  'cover-open': 'door-open',
  'interlock-open': 'door-open',
  offline: 'offline',
  shutdown: 'offline',
  'input-tray-missing': 'input-tray-missing',
  'output-tray-missing': 'output-tray-missing',
  'marker-supply-missing': 'marker-supply-missing',
  'toner-missing': 'marker-supply-missing',
  'output-area-almost-full': 'output-near-full',
  'output-area-full': 'output-full',
  'marker-waste-almost-full': 'waste-near-full',
  'marker-waste-full': 'waste-full',
  'fuser-life-almost-over': 'maintenance-due',
  'cleaner-life-almost-over': 'maintenance-due',
  'opc-near-eol': 'maintenance-due',
  'fuser-life-over': 'service-requested',
  'cleaner-life-over': 'service-requested',
  'opc-life-over': 'service-requested',
  'fuser-over-temp': 'service-requested',
  'fuser-under-temp': 'service-requested',
  // RFC 8011: "the Printer is temporarily unable to accept more jobs"; often only a restart clears it
  // (OpenPrinting/cups PR #364, a CUPS maintainer's own printer reporting spool-area-full-report).
  'spool-area-full': 'spool-area-full',
};

/** Severity of a verbatim (unmapped) reason: straight from its suffix. */
const suffixSeverity: Readonly<Record<ReasonSeverity, Severity>> = {
  error: 'critical',
  warning: 'warning',
  report: 'info',
};

/**
 * Reasons → conditions. A mapped reason takes the vocabulary's severity (media-empty is critical to the
 * public whether the printer calls it -report while idle or -warning while printing: ippeveprinter
 * and many real printers use -report for conditions that still stop the next job); an `-error` suffix
 * raises it to critical. Unmapped reasons keep their suffix's severity. Several reasons mapping onto
 * one condition (media-empty + media-needed) give one condition, the most severe, details joined.
 */
export function reasonsToConditions(reasons: readonly StateReason[]): Condition[] {
  const byName = new Map<ConditionName, { severity: Severity; details: string[] }>();
  for (const r of reasons) {
    const known = reasonConditions[r.keyword];
    const name: ConditionName = known ?? `ipp:${r.keyword}`;
    let severity = known ? conditionSeverity[known] : suffixSeverity[r.severity];
    if (r.severity === 'error') severity = 'critical';
    const detail = `${r.keyword}-${r.severity}`;
    const seen = byName.get(name);
    if (seen) {
      seen.severity = worseSeverity(seen.severity, severity);
      if (!seen.details.includes(detail)) seen.details.push(detail);
    } else {
      byName.set(name, { severity, details: [detail] });
    }
  }
  return [...byName].map(([name, { severity, details }]) => ({ name, severity, detail: details.join(', ') }));
}
