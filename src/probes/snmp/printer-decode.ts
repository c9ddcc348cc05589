import { type Condition, condition, dedupeConditions, type KnownCondition } from '../../domain/conditions.js';
import type { PrinterAlert, PrinterReading, PrinterStatus, Supply, Tray } from '../../domain/observation.js';
import {
  defaultSupplyThresholds,
  type SupplyThresholds,
  supplyConditions,
} from '../../domain/supply-rules.js';
import { decodeErrorState, type ErrorStateBit, errorStateConditions } from './error-state.js';
import { interpretLevel, type LevelResult } from './levels.js';
import { oid } from './oids.js';
import {
  alertCodes,
  alertGroups,
  alertSeverities,
  hrDeviceStatusAsPrinter,
  hrDeviceStatusDown,
  hrPrinterStatus,
  supplyClassReceptacle,
  supplyTypes,
  wasteTypes,
} from './printer-enums.js';
import type { Quirk } from './quirks.js';
import { decodeText } from './text.js';
import {
  asBytes,
  asInt,
  asOid,
  column,
  compareOids,
  hasRowsUnder,
  type MibView,
  type Varbind,
} from './varbind.js';

interface PrinterDecode {
  readonly reading: PrinterReading;
  readonly errors: readonly ErrorStateBit[];
  readonly conditions: readonly Condition[];
  /** Data that was there but malformed: one line each, for the device's problem report. */
  readonly warnings: readonly string[];
}

/** True when the walk found any Printer-MIB or hrPrinter data at all. */
export function hasPrinterData(view: MibView): boolean {
  return hasRowsUnder(view, oid.printerMib) || hasRowsUnder(view, oid.hrPrinterEntry);
}

/** Pure: the varbinds of one poll → the printer's typed reading and its conditions. */
export function decodePrinter(
  view: MibView,
  quirks: readonly Quirk[],
  thresholds: SupplyThresholds = defaultSupplyThresholds,
): PrinterDecode {
  const warnings: string[] = [];
  const { errors, index: printerIndex } = readErrorState(view, quirks, warnings);
  const supplies = readSupplies(view, quirks, thresholds, warnings);
  const trays = readTrays(view);
  const alerts = readAlerts(view);
  const reading: PrinterReading = {
    status: readStatus(view, printerIndex),
    queuedJobs: null,
    supplies,
    trays,
    alerts,
    pageCount: readPageCount(view),
  };
  const conditions = dedupeConditions([
    ...errorStateConditions(errors),
    ...supplyConditions(supplies),
    ...alerts.flatMap(alertConditions),
  ]);
  return { reading, errors, conditions, warnings };
}

function readErrorState(
  view: MibView,
  quirks: readonly Quirk[],
  warnings: string[],
): { errors: ErrorStateBit[]; index: string | null } {
  const first = [...column(view, oid.hrPrinterDetectedErrorState)][0];
  if (!first) {
    const status = [...column(view, oid.hrPrinterStatus)][0];
    return { errors: [], index: status ? status[0] : null };
  }
  const [index, vb] = first;
  let bytes = asBytes(vb);
  if (bytes === null) {
    warnings.push(
      `hrPrinterDetectedErrorState.${index} is ${vb.type}, expected OCTET STRING; error bits ignored`,
    );
    return { errors: [], index };
  }
  for (const q of quirks) if (q.errorState) bytes = q.errorState(bytes);
  return { errors: decodeErrorState(bytes), index };
}

/** hrPrinterStatus, or (when a printer has none) its hrDevice row's hrDeviceStatus. */
function readStatus(view: MibView, printerIndex: string | null): PrinterStatus {
  const idx = printerIndex ?? [...column(view, oid.hrPrinterStatus).keys()][0] ?? printerDeviceIndex(view);
  if (idx === null) return 'unknown';
  const device = asInt(view.get(`${oid.hrDeviceStatus}.${idx}`));
  if (device === hrDeviceStatusDown) return 'stopped';
  const s = asInt(view.get(`${oid.hrPrinterStatus}.${idx}`));
  if (s !== null) return hrPrinterStatus[s] ?? 'unknown';
  return device === null ? 'unknown' : (hrDeviceStatusAsPrinter[device] ?? 'unknown');
}

/** The index of the first hrDevice row of type printer (hrDeviceTypes 5). */
function printerDeviceIndex(view: MibView): string | null {
  for (const [idx, vb] of column(view, oid.hrDeviceType)) {
    if (asOid(vb) === `${oid.hrDeviceTypes}.5`) return idx;
  }
  return null;
}

function lastIndex(suffix: string): number {
  return Number(suffix.split('.').at(-1));
}

function cell(view: MibView, col: string, suffix: string): Varbind | undefined {
  return view.get(`${col}.${suffix}`);
}

function readSupplies(
  view: MibView,
  quirks: readonly Quirk[],
  thresholds: SupplyThresholds,
  warnings: string[],
): Supply[] {
  const rows = new Set<string>();
  for (const col of [oid.prtMarkerSuppliesDescription, oid.prtMarkerSuppliesLevel]) {
    for (const k of column(view, col).keys()) rows.add(k);
  }
  const out: Supply[] = [];
  for (const suffix of [...rows].sort(compareOids)) {
    const levelVb = cell(view, oid.prtMarkerSuppliesLevel, suffix);
    const level = asInt(levelVb);
    if (levelVb && level === null)
      warnings.push(`prtMarkerSuppliesLevel.${suffix} is ${levelVb.type}, expected INTEGER`);
    const description = decodeText(asBytes(cell(view, oid.prtMarkerSuppliesDescription, suffix)));
    const typeNo = asInt(cell(view, oid.prtMarkerSuppliesType, suffix));
    const cls = asInt(cell(view, oid.prtMarkerSuppliesClass, suffix));
    const receptacle =
      cls === supplyClassReceptacle ||
      (cls === null && typeNo !== null && wasteTypes.has(typeNo)) ||
      (cls === null && typeNo === null && /waste|废/i.test(description));
    const max = asInt(cell(view, oid.prtMarkerSuppliesMaxCapacity, suffix));
    const lv = levelWithQuirks({ level, max, receptacle, description }, quirks, thresholds);
    const supply: Supply = {
      index: lastIndex(suffix),
      description,
      type: typeNo === null ? 'unknown' : (supplyTypes[typeNo] ?? 'other'),
      color: colorOf(view, suffix),
      level: lv.level,
      max: lv.max,
      percent: lv.percent,
      state: lv.state,
      ...(receptacle ? { receptacle: true } : {}),
    };
    out.push(supply);
  }
  return out;
}

function levelWithQuirks(
  input: { level: number | null; max: number | null; receptacle: boolean; description: string },
  quirks: readonly Quirk[],
  thresholds: SupplyThresholds,
): LevelResult {
  for (const q of quirks) {
    const r = q.level?.(input);
    if (r) return r;
  }
  return interpretLevel(input, thresholds);
}

function colorOf(view: MibView, supplySuffix: string): string | null {
  const colorant = asInt(cell(view, oid.prtMarkerSuppliesColorantIndex, supplySuffix));
  if (colorant === null || colorant <= 0) return null;
  const device = supplySuffix.split('.')[0];
  const value = decodeText(asBytes(view.get(`${oid.prtMarkerColorantValue}.${device}.${colorant}`)));
  return value === '' ? null : value;
}

function readTrays(view: MibView): Tray[] {
  const rows = new Set<string>();
  for (const col of [oid.prtInputName, oid.prtInputCurrentLevel, oid.prtInputMaxCapacity]) {
    for (const k of column(view, col).keys()) rows.add(k);
  }
  return [...rows].sort(compareOids).map((suffix) => {
    const name = decodeText(asBytes(cell(view, oid.prtInputName, suffix)));
    const descr = decodeText(asBytes(cell(view, oid.prtInputDescription, suffix)));
    const media = decodeText(asBytes(cell(view, oid.prtInputMediaName, suffix)));
    const lv = interpretLevel({
      level: asInt(cell(view, oid.prtInputCurrentLevel, suffix)),
      max: asInt(cell(view, oid.prtInputMaxCapacity, suffix)),
      receptacle: false,
    });
    return {
      index: lastIndex(suffix),
      description: descr || name || `Tray ${lastIndex(suffix)}`,
      media: media === '' ? null : media,
      level: lv.level,
      max: lv.max,
      percent: lv.percent,
      state: lv.state,
    };
  });
}

function readAlerts(view: MibView): PrinterAlert[] {
  const rows = new Set<string>();
  for (const col of [oid.prtAlertSeverityLevel, oid.prtAlertCode, oid.prtAlertDescription]) {
    for (const k of column(view, col).keys()) rows.add(k);
  }
  return [...rows].sort(compareOids).map((suffix) => {
    const sev = asInt(cell(view, oid.prtAlertSeverityLevel, suffix));
    const group = asInt(cell(view, oid.prtAlertGroup, suffix));
    const code = asInt(cell(view, oid.prtAlertCode, suffix));
    return {
      severity: sev === null ? 'unknown' : (alertSeverities[sev] ?? `severity-${sev}`),
      group: group === null ? 'unknown' : (alertGroups[group] ?? `group-${group}`),
      code: code === null ? 'unknown' : (alertCodes[code] ?? `code-${code}`),
      description: decodeText(asBytes(cell(view, oid.prtAlertDescription, suffix))),
    };
  });
}

function readPageCount(view: MibView): number | null {
  const first = [...column(view, oid.prtMarkerLifeCount).values()][0];
  return asInt(first);
}

const alertCondition: Readonly<Record<string, KnownCondition>> = {
  coverOpen: 'door-open',
  doorOpen: 'door-open',
  interlockOpen: 'door-open',
  jam: 'jam',
  subunitOffline: 'offline',
  markerTonerEmpty: 'toner-out',
  markerInkEmpty: 'toner-out',
  markerTonerAlmostEmpty: 'toner-low',
  markerInkAlmostEmpty: 'toner-low',
  markerWasteTonerReceptacleAlmostFull: 'waste-near-full',
  markerWasteInkReceptacleAlmostFull: 'waste-near-full',
  markerWasteTonerReceptacleFull: 'waste-full',
  markerWasteInkReceptacleFull: 'waste-full',
  markerTonerCartridgeMissing: 'marker-supply-missing',
  inputMediaTrayMissing: 'input-tray-missing',
  inputMediaSupplyLow: 'paper-low',
  inputMediaSupplyEmpty: 'paper-out',
  outputMediaTrayMissing: 'output-tray-missing',
  outputMediaTrayAlmostFull: 'output-near-full',
  outputMediaTrayFull: 'output-full',
  subunitUnrecoverableFailure: 'service-requested',
};

function alertConditions(a: PrinterAlert): Condition[] {
  const known = alertCondition[a.code];
  if (known) return [condition(known, a.description || a.code)];
  if (a.severity === 'critical') {
    return [{ name: `snmp:alert-${a.code}`, severity: 'critical', detail: a.description || a.code }];
  }
  return [];
}
