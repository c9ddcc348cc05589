import { oid } from './oids.js';
import { hasPrinterData } from './printer-decode.js';
import type { MibView } from './varbind.js';

export type DeviceKind = 'printer' | 'pc' | 'other';

const printerDescr =
  /printer|printing system|laserjet|jetdirect|copier|bizhub|imageRUNNER|iR-ADV|\bLBP|\bCanon\b|RICOH|SHARP|KYOCERA|UTAX|Xerox|EPSON|Brother|e-STUDIO|Konica|Lexmark|OKI|Pantum|奔图|打印/i;
const hostDescr = /Windows|Linux|Darwin|FreeBSD|Kylin|UOS|麒麟|统信/i;

/** Printer-MIB data wins (a PC's print queues appear in hrPrinterTable but never under mib-2.43). */
export function classify(view: MibView, sysDescr: string): DeviceKind {
  for (const key of view.keys()) if (key.startsWith(`${oid.printerMib}.`)) return 'printer';
  const hostPrefixes = [oid.hrStorageEntry, oid.hrSWRunName, oid.hrProcessorLoad, oid.hrSystemUptimeBase];
  for (const key of view.keys()) if (hostPrefixes.some((p) => key.startsWith(`${p}.`))) return 'pc';
  if (hasPrinterData(view)) return 'printer';
  return kindFromDescr(sysDescr);
}

function kindFromDescr(sysDescr: string): DeviceKind {
  if (hostDescr.test(sysDescr)) return 'pc';
  if (printerDescr.test(sysDescr)) return 'printer';
  return 'other';
}
