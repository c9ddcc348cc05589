import type { ReasonSeverity } from './reasons.js';

/**
 * Every known way a real printer (or a CUPS queue) bends IPP, in ONE table, like SNMP's
 * src/probes/snmp/quirks.ts: each row names the behaviour, where it was seen, and what zoneops does.
 * The decoders ask the hooks; rows without a hook document behaviour handled structurally elsewhere.
 */
export interface IppQuirk {
  readonly id: string;
  readonly vendor: string;
  /** What the printer does, and where it is documented or was seen. */
  readonly behaviour: string;
  /** What we do about it. */
  readonly handling: string;
  /**
   * The severity of a printer-state-reasons keyword that carries no -error/-warning/-report suffix,
   * where the printer means something else than RFC 8011's default ("error"); undefined = not concerned.
   */
  readonly unsuffixedSeverity?: (keyword: string) => ReasonSeverity | undefined;
  /** Rewrites one printer-alert value before it is read as key=value; null = "no alert". */
  readonly alertValue?: (raw: string) => string | null | undefined;
  readonly handledIn?: string;
}

const alertIndexPrefix = /^\s*printer-alert\s*\[\s*\d+\s*\]\s*=\s*/;

export const ippQuirks: readonly IppQuirk[] = [
  {
    id: 'cups-keywords',
    vendor: 'CUPS (every CUPS queue: the IPP backend and the scheduler)',
    behaviour:
      'sets its own cups-* printer-state-reasons without a severity suffix as details of a report or as job sub-states: ' +
      '"+cups-ipp-conformance-failure-report,cups-ipp-missing-send-document" (backend/ipp.c), cups-remote-* and ' +
      'cups-waiting-for-job-completed while a job is sent; where CUPS means a warning it says so in the keyword ' +
      '(cups-missing-filter-warning, scheduler/colorman.c)',
    handling:
      'a cups-* keyword without a suffix is a report (a notice: info), never an error; with a suffix the suffix counts',
    unsuffixedSeverity: (keyword) => (keyword.startsWith('cups-') ? 'report' : undefined),
  },
  {
    id: 'alert-index-prefix',
    vendor: 'Xerox (AltaLink / VersaLink)',
    behaviour:
      'printer-alert values start with the attribute name and an index, "printer-alert[0] = code=jam;severity=critical;…", ' +
      'so a plain key=value reader finds no "code" (issue 21: Xerox alerts read with an empty code)',
    handling: 'a leading "printer-alert[n] = " is removed before the key=value pairs are read',
    alertValue: (raw) => (alertIndexPrefix.test(raw) ? raw.replace(alertIndexPrefix, '') : undefined),
  },
  {
    id: 'alert-none',
    vendor: 'Xerox and others (idle printers)',
    behaviour:
      'answer printer-alert with "none" or an empty string when no alert is active (PWG 5100.9 errata; ' +
      'istopwg/ippeveselfcert issue #61: "a blank string … should be acceptable when no alerts are present")',
    handling: '"none" and blank values are no alert at all, not one blank alert',
    alertValue: (raw) => {
      const v = raw.trim().toLowerCase();
      return v === '' || v === 'none' || v === 'code=none' ? null : undefined;
    },
  },
  {
    id: 'stopped-not-accepting',
    vendor: 'HP OfficeJet Pro 7740 / 8710 (and any printer that parks itself)',
    behaviour:
      'answer printer-state stopped with printer-is-accepting-jobs false and only other-error and ' +
      'spool-area-full-report as reasons: no mapped condition, so the device was merely "degraded"',
    handling:
      'stopped and not accepting jobs on two polls in a row raises printer-stopped for the technician, with the reasons in words',
    handledIn: 'stopped.ts (printer-stopped), reasons.ts (spool-area-full)',
  },
];

/** The severity a suffix-less keyword has: a quirk row's, else RFC 8011 §5.4.12's "error". */
export function unsuffixedSeverity(keyword: string): ReasonSeverity {
  for (const q of ippQuirks) {
    const s = q.unsuffixedSeverity?.(keyword);
    if (s) return s;
  }
  return 'error';
}

/** One printer-alert value as the key=value text to read, or null when it says "no alert". */
export function alertText(raw: string): string | null {
  let value = raw;
  for (const q of ippQuirks) {
    const r = q.alertValue?.(value);
    if (r === null) return null;
    if (r !== undefined) value = r;
  }
  return value;
}
