import type { LevelInput, LevelResult } from './levels.js';

/**
 * Every known way a real device bends the standard MIBs, in ONE table. Each row names the vendor
 * behaviour it handles; decoders ask `quirksFor(identity)` and apply the hooks. Rows without a
 * hook document behaviour handled structurally elsewhere (named in `handledIn`).
 */
export interface DeviceIdentity {
  readonly sysDescr: string;
  readonly sysObjectID: string | null;
}

export interface Quirk {
  readonly id: string;
  readonly vendor: string;
  /** What the device does. */
  readonly behaviour: string;
  /** What we do about it. */
  readonly handling: string;
  readonly matches: (d: DeviceIdentity) => boolean;
  /** Overrides the level interpretation of a supply or tray; undefined = not concerned. */
  readonly level?: (input: LevelInput & { readonly description: string }) => LevelResult | undefined;
  /** Rewrites hrPrinterDetectedErrorState bytes before decoding. */
  readonly errorState?: (bytes: Buffer) => Buffer;
  /** The walk accepts OIDs that do not increase (like `snmpbulkwalk -Cc`), guarded against loops. */
  readonly allowOutOfOrder?: boolean;
  /** hrStorage Integer32 values that wrapped negative are read as unsigned. */
  readonly unsignedStorage?: boolean;
  /**
   * SNMPv3 contexts to try, in order, when the default context has no Printer-MIB and the device's
   * config names no context (v1/v2c have no documented vendor convention for these printers).
   */
  readonly v3Contexts?: readonly string[];
  readonly handledIn?: string;
}

const enterprise = (n: number) => (d: DeviceIdentity) =>
  d.sysObjectID !== null &&
  (d.sysObjectID === `1.3.6.1.4.1.${n}` || d.sysObjectID.startsWith(`1.3.6.1.4.1.${n}.`));
const descr = (re: RegExp) => (d: DeviceIdentity) => re.test(d.sysDescr);
const any =
  (...tests: Array<(d: DeviceIdentity) => boolean>) =>
  (d: DeviceIdentity) =>
    tests.some((t) => t(d));
const everyone = () => true;

export const quirks: readonly Quirk[] = [
  {
    id: 'ricoh-coarse-levels',
    vendor: 'Ricoh',
    behaviour:
      'reports -3 for any toner level between 1 and 100 % and -100 for an empty toner; its waste-toner bottle reports 100 (of 100) while it has room and -100 when nearly full',
    handling:
      "-3 → some-remaining (no percentage); -100 → empty (consumable) or nearly full (receptacle); a receptacle's positive level is room left, not fill",
    matches: any(enterprise(367), descr(/\bRICOH\b/i)),
    level: ({ level, receptacle, max }) => {
      if (level === -100) {
        return receptacle
          ? { level, max: max !== null && max > 0 ? max : null, percent: null, state: 'low' }
          : { level, max: max !== null && max > 0 ? max : null, percent: null, state: 'empty' };
      }
      if (receptacle && level !== null && level >= 0) {
        return { level, max: max !== null && max > 0 ? max : null, percent: null, state: 'ok' };
      }
      return undefined;
    },
  },
  {
    id: 'sharp-waste-room-left',
    vendor: 'Sharp',
    behaviour:
      'reports the waste-toner box as level 100 with max -2 while it has room (the level is room left)',
    handling: 'a receptacle\'s positive level means "room left" → some-remaining, never "full"',
    matches: any(enterprise(2385), descr(/\bSHARP\b/i)),
    level: ({ level, receptacle, max }) =>
      receptacle && level !== null && level > 0
        ? { level, max: max !== null && max > 0 ? max : null, percent: null, state: 'some-remaining' }
        : undefined,
  },
  {
    id: 'canon-step-levels',
    vendor: 'Canon',
    behaviour:
      'reports toner/ink only in steps (100/10/1, or 0/100) against max 100, not a measured percentage',
    handling: 'a step value gives a state (100 ok, 10 and 1 low, 0 empty) but no percentage',
    matches: any(enterprise(1602), descr(/^Canon\b/i)),
    level: ({ level, max, receptacle }) => {
      if (receptacle || max !== 100 || level === null) return undefined;
      if (level === 100) return { level, max, percent: null, state: 'ok' };
      if (level === 10 || level === 1) return { level, max, percent: null, state: 'low' };
      if (level === 0) return { level, max, percent: null, state: 'empty' };
      return undefined;
    },
  },
  {
    id: 'brother-above-max',
    vendor: 'Brother (and others)',
    behaviour: 'reports a level above max (e.g. a high-yield cartridge in a standard slot)',
    handling: 'percentage capped at 100, state ok',
    matches: everyone,
    handledIn: 'levels.ts interpretLevel',
  },
  {
    id: 'receptacle-fill-level',
    vendor: 'all (waste toner, waste ink)',
    behaviour:
      'receptacles (prtMarkerSuppliesClass receptacleThatIsFilled, or waste types) report how full they are: a high level means nearly full, not plenty left',
    handling: 'receptacle flag; ≥90 % full → low (waste-near-full), 100 % → empty (waste-full)',
    matches: everyone,
    handledIn: 'levels.ts stateOf, printer-decode.ts isReceptacle',
  },
  {
    id: 'kyocera-space-error-state',
    vendor: 'Kyocera (and UTAX/TA Triumph-Adler, Copystar rebadges)',
    behaviour:
      'answers hrPrinterDetectedErrorState with the one-byte string " " (0x20) when there is no error',
    handling: 'a lone 0x20 octet is read as "no error" instead of lowToner',
    matches: any(enterprise(1347), descr(/KYOCERA|UTAX|Triumph-Adler|Copystar/i)),
    errorState: (b) => (b.length === 1 && b[0] === 0x20 ? Buffer.alloc(1) : b),
  },
  {
    id: 'laserjet-out-of-order',
    vendor: 'HP LaserJet / JetDirect',
    behaviour: 'returns OIDs out of order inside a walk (snmpbulkwalk needs -Cc for them)',
    handling: 'the walk accepts non-increasing OIDs, stops on a repeated OID or after a row cap',
    matches: any(enterprise(11), descr(/JETDIRECT|LaserJet/i)),
    allowOutOfOrder: true,
  },
  {
    id: 'hp-jetdirect-context',
    vendor: 'HP LaserJet / JetDirect (e.g. LaserJet flow MFP M575, Color LaserJet Flow E78325)',
    behaviour:
      'over SNMPv3 answers the system group in the default context but serves the Printer-MIB (cartridges, trays) only in the context "Jetdirect" (LibreNMS issue #17166, PR #19927; glpi-agent issue #1091)',
    handling:
      'v3 without a configured context: when the default context has no Printer-MIB, the printer subtrees are read again in context Jetdirect',
    matches: any(enterprise(11), descr(/JETDIRECT|LaserJet/i)),
    v3Contexts: ['Jetdirect'],
  },
  {
    id: 'toshiba-mfp-context',
    vendor: 'Toshiba e-STUDIO',
    behaviour:
      'over SNMPv3 serves its data only in the context "MFP" (LibreNMS issue #13465: "polling without context dosen\'t give anything, but polling with "MFP" context does work")',
    handling:
      'v3 without a configured context: when the default context has no Printer-MIB, the printer subtrees are read again in context MFP; a device silent in the default context needs snmp.context: MFP in its config',
    matches: any(enterprise(1129), descr(/TOSHIBA (?:e-STUDIO|TEC)/i)),
    v3Contexts: ['MFP'],
  },
  {
    id: 'printer-silent-asleep',
    vendor: 'many printers and copiers (Ricoh, Konica Minolta, Sharp in deep sleep; any while jammed)',
    behaviour: 'stop answering SNMP while asleep by schedule or jammed',
    handling:
      'a timeout while the schedule says "asleep" is reported as asleep, not down; a silent printer keeps its last known conditions',
    matches: everyone,
    handledIn: 'poller.ts (isAsleep dependency)',
  },
  {
    id: 'windows-negative-storage',
    vendor: 'Microsoft SNMP service (Windows)',
    behaviour: 'hrStorageSize/Used overflow Integer32 on large disks and come back negative',
    handling: 'negative values are read as unsigned 32-bit',
    matches: any(enterprise(311), descr(/Windows/i)),
    unsignedStorage: true,
  },
  {
    id: 'gb18030-text',
    vendor: 'Chinese-market devices (and Windows in a Chinese locale)',
    behaviour: 'send descriptions and software names in GB18030/GBK, sometimes as a hex dump',
    handling:
      'text decoded as UTF-8, else GB18030, else Windows-1252; "0x…" and "E4 B8 AD" hex forms decoded',
    matches: everyone,
    handledIn: 'text.ts decodeText',
  },
];

export function quirksFor(identity: DeviceIdentity): Quirk[] {
  return quirks.filter((q) => q.matches(identity));
}
