import { printerMakerOf } from './makers.js';
import { oid } from './oids.js';
import { asOid, column, hasRowsUnder, type MibView } from './varbind.js';

export type DeviceKind = 'printer' | 'pc' | 'other';

/** What the kind was told from (shown by `zoneops probe snmp`). */
export interface Classification {
  readonly kind: DeviceKind;
  readonly evidence: string;
}

/**
 * sysDescr patterns of printers and copiers. Besides the big brands: Samsung (LibreNMS samsungprinter:
 * "Samsung C…", "Samsung S…", "Samsung ML…"; "Samsung CLX-3170 Series"), Dell (LibreNMS dell-laser:
 * /^Dell.*(MFP|Printer|Laser)/, "Dell MFP Laser 3115cn"), Toshiba TEC and e-STUDIO, Zebra, and the
 * Chinese-market Pantum (奔图) and Lenovo printers.
 */
const printerDescr =
  /printer|printing system|laserjet|jetdirect|copier|bizhub|imageRUNNER|iR-ADV|\bLBP|\bCanon\b|RICOH|SHARP|KYOCERA|UTAX|Xerox|EPSON|Brother|e-STUDIO|TOSHIBA TEC|Konica|Lexmark|\bOKI\b|Pantum|奔图|\bSamsung (?:C|S|M|ML|SL|CL)[A-Z]*-?\d|^Dell\b.*(?:MFP|Printer|Laser)|\bZebra|ZebraNet|\bZTC\b|\bLenovo (?:LJ|M|CM|CS|GM|LM)\d|打印|复印/i;
const hostDescr = /Windows|Linux|Darwin|FreeBSD|Kylin|UOS|麒麟|统信/i;

const printerDeviceType = '1.3.6.1.2.1.25.3.1.5';

/**
 * The device kind by evidence, strongest first:
 * 1. Printer-MIB rows (mib-2.43): a printer (a PC's print queues appear in hrPrinterTable, never there);
 * 2. an hrDevice row of type printer whose hrPrinterStatus answers, on an agent that runs no software
 *    table (a label printer with a little HOST-RESOURCES; a PC with print queues lists its processes);
 * 3. sysObjectID under a printer maker's subtree (makers.ts);
 * 4. sysDescr patterns (printers first where a brand is named, then host operating systems);
 * 5. HOST-RESOURCES storage, processes, installed software or processor load: a PC.
 * An uptime alone (every agent has one, scanners too) is no evidence of anything.
 */
export function classifyEvidence(
  view: MibView,
  sysDescr: string,
  sysObjectID: string | null,
): Classification {
  if (hasRowsUnder(view, oid.printerMib)) return { kind: 'printer', evidence: 'Printer-MIB rows' };
  const runsSoftware = hasRows(view, [oid.hrSWRunName, oid.hrSWInstalledName]);
  if (!runsSoftware && printerDeviceAnswers(view)) {
    return { kind: 'printer', evidence: 'hrDeviceType printer with hrPrinterStatus' };
  }
  const maker = printerMakerOf(sysObjectID);
  if (maker) return { kind: 'printer', evidence: `sysObjectID of ${maker.maker}` };
  const byDescr = kindFromDescr(sysDescr);
  if (byDescr !== 'other') return { kind: byDescr, evidence: 'sysDescr' };
  if (hasRows(view, [oid.hrStorageEntry, oid.hrSWRunName, oid.hrSWInstalledName, oid.hrProcessorLoad])) {
    return { kind: 'pc', evidence: 'HOST-RESOURCES storage/processes' };
  }
  if (printerDeviceAnswers(view)) return { kind: 'printer', evidence: 'hrPrinterStatus' };
  return { kind: 'other', evidence: 'no printer or PC evidence' };
}

export function classify(view: MibView, sysDescr: string, sysObjectID: string | null = null): DeviceKind {
  return classifyEvidence(view, sysDescr, sysObjectID).kind;
}

/** Printers are recognised by brand before a host OS word, so "… kernel 3.0.0" firmware stays a printer. */
export function kindFromDescr(sysDescr: string): DeviceKind {
  if (hostDescr.test(sysDescr) && !/printer|copier|打印|复印/i.test(sysDescr)) return 'pc';
  if (printerDescr.test(sysDescr)) return 'printer';
  return 'other';
}

function hasRows(view: MibView, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => hasRowsUnder(view, p));
}

/** An hrPrinterStatus row whose hrDevice row (same index) is of type printer, or has no type row at all. */
function printerDeviceAnswers(view: MibView): boolean {
  for (const index of column(view, oid.hrPrinterStatus).keys()) {
    const type = view.get(`${oid.hrDeviceType}.${index}`);
    if (type === undefined || asOid(type) === printerDeviceType) return true;
  }
  return false;
}
