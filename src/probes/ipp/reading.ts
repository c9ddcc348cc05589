import type { Condition } from '../../domain/conditions.js';
import type { LevelState, PrinterAlert, Tray } from '../../domain/observation.js';
import { defaultSupplyThresholds, type SupplyThresholds, supplyState } from '../../domain/supply-rules.js';
import { attributesOf, groupTags, type IppAttribute, type IppMessage } from './codec.js';
import { intField, parseKeyValues } from './key-values.js';
import { alertText } from './quirks.js';
import { reasonsToConditions, type StateReason, splitReason } from './reasons.js';

/** Everything zoneops reads from one Get-Printer-Attributes answer. Pure data. */
export interface IppReading {
  /** IPP status code of the answer (0x0000 successful-ok, 0x0001 …-ignored-or-substituted-attributes). */
  readonly statusCode: number;
  readonly state: 'idle' | 'processing' | 'stopped' | 'unknown';
  readonly reasons: readonly StateReason[];
  readonly conditions: readonly Condition[];
  readonly message: string | null;
  readonly acceptingJobs: boolean | null;
  readonly queuedJobs: number | null;
  readonly makeAndModel: string | null;
  readonly uuid: string | null;
  readonly upTimeSeconds: number | null;
  readonly counters: IppCounters;
  readonly markers: readonly IppMarker[];
  readonly trays: readonly Tray[];
  readonly alerts: readonly PrinterAlert[];
}

/** PWG 5100.13 lifetime counters, each only when the printer offers it. */
interface IppCounters {
  readonly impressions: number | null;
  readonly pages: number | null;
  readonly mediaSheets: number | null;
}

export interface IppMarker {
  readonly index: number;
  readonly name: string;
  readonly type: string;
  readonly color: string | null;
  /** As the printer gave it: 0..100, or -1 unknown, -2 unavailable, -3 some remaining. */
  readonly level: number;
  readonly low: number | null;
  readonly high: number | null;
  /** Scale of `level`: 100 for marker-levels (percentages), maxcapacity for printer-supply. */
  readonly max: number | null;
  /** A real percentage, or null for the special levels — never invented. */
  readonly percent: number | null;
  readonly state: LevelState;
  /** Waste receptacle: fills up; its state describes the room left. */
  readonly receptacle: boolean;
  /** marker-* attributes, or printer-supply when the printer has no marker-* (ippeveprinter's default). */
  readonly from: 'marker' | 'printer-supply';
}

const printerStates: Readonly<Record<number, IppReading['state']>> = {
  3: 'idle',
  4: 'processing',
  5: 'stopped',
};

/** Decodes the printer-attributes group of a Get-Printer-Attributes answer. */
export function readPrinterAttributes(
  message: IppMessage,
  thresholds: SupplyThresholds = defaultSupplyThresholds,
): IppReading {
  const attrs = attributesOf(message, groupTags.printer);
  const a = new Attrs(attrs);
  const reasons = a
    .strings('printer-state-reasons')
    .map(splitReason)
    .filter((r): r is StateReason => r !== null);
  const stateCode = a.int('printer-state');
  return {
    statusCode: message.code,
    state: stateCode === null ? 'unknown' : (printerStates[stateCode] ?? 'unknown'),
    reasons,
    conditions: reasonsToConditions(reasons),
    message: a.string('printer-state-message'),
    acceptingJobs: a.bool('printer-is-accepting-jobs'),
    queuedJobs: a.int('queued-job-count'),
    makeAndModel: a.string('printer-make-and-model'),
    uuid: a.string('printer-uuid'),
    upTimeSeconds: a.int('printer-up-time'),
    counters: {
      impressions: a.int('printer-impressions-completed'),
      pages: a.int('printer-pages-completed'),
      mediaSheets: a.int('printer-media-sheets-completed'),
    },
    markers:
      a.has('marker-levels') || a.has('marker-names') ? markersOf(a, thresholds) : suppliesOf(a, thresholds),
    trays: traysOf(a),
    alerts: alertsOf(a),
  };
}

function markersOf(a: Attrs, thresholds: SupplyThresholds): IppMarker[] {
  const names = a.strings('marker-names');
  const types = a.strings('marker-types');
  const colors = a.strings('marker-colors');
  const levels = a.ints('marker-levels');
  const lows = a.ints('marker-low-levels');
  const highs = a.ints('marker-high-levels');
  const count = Math.max(names.length, levels.length);
  const out: IppMarker[] = [];
  for (let i = 0; i < count; i++) {
    const type = types[i] ?? 'other';
    const level = levels[i] ?? -1;
    const low = lows[i] ?? null;
    const high = highs[i] ?? null;
    const receptacle = /waste/i.test(type);
    const percent = level >= 0 && level <= 100 ? level : null;
    out.push({
      index: i + 1,
      name: names[i] ?? `marker ${i + 1}`,
      type,
      color: colors[i] ?? null,
      level,
      low,
      high,
      max: 100,
      // marker-levels are percentages by definition (CUPS / PWG 5100.13); negatives are special values.
      percent,
      state: supplyState(
        { level, percent, receptacle, lowMark: low, highMark: high },
        read(level),
        thresholds,
      ),
      receptacle,
      from: 'marker',
    });
  }
  return out;
}

function suppliesOf(a: Attrs, thresholds: SupplyThresholds): IppMarker[] {
  const descriptions = a.strings('printer-supply-description');
  return a.strings('printer-supply').map((raw, i) => {
    const kv = parseKeyValues(raw);
    const level = intField(kv, 'level') ?? -1;
    const max = intField(kv, 'maxcapacity');
    const type = kv.get('type') ?? 'other';
    const colorant = kv.get('colorantname');
    const receptacle = kv.get('class') === 'receptacleThatIsFilled' || /waste/i.test(type);
    const realMax = max !== null && max > 0 ? max : null;
    const description = descriptions[i]?.trim();
    const percent =
      realMax !== null && level >= 0 ? Math.round((Math.min(level, realMax) / realMax) * 100) : null;
    return {
      index: intField(kv, 'index') ?? i + 1,
      name:
        description || [colorant, type].filter((s) => s && s !== 'unknown').join(' ') || `supply ${i + 1}`,
      type,
      color: colorant === undefined || colorant === 'unknown' ? null : colorant,
      level,
      // printer-supply carries no low threshold: its low state comes from printer-state-reasons only.
      low: null,
      high: null,
      max: realMax,
      percent,
      state: supplyState({ level, percent, receptacle }, read(level), thresholds),
      receptacle,
      from: 'printer-supply',
    };
  });
}

/** -1 unknown, -2 unavailable, -3 "some remaining" (RFC 3805 / CUPS marker-levels). */
function specialState(level: number): LevelState | null {
  if (level === -3) return 'some-remaining';
  if (level < 0) return 'unknown';
  return null;
}

/** What a level says without a percentage: a special value, an empty 0, else nothing to report. */
function read(level: number): LevelState {
  return specialState(level) ?? (level === 0 ? 'empty' : 'ok');
}

function traysOf(a: Attrs): Tray[] {
  return a.strings('printer-input-tray').map((raw, i) => {
    const kv = parseKeyValues(raw);
    const level = intField(kv, 'level') ?? -1;
    const maxRaw = intField(kv, 'maxcapacity');
    const max = maxRaw !== null && maxRaw > 0 ? maxRaw : null;
    return {
      index: i + 1,
      description: kv.get('name') || kv.get('type') || `tray ${i + 1}`,
      media: null,
      level,
      max,
      percent: max !== null && level >= 0 ? Math.round((Math.min(level, max) / max) * 100) : null,
      state: specialState(level) ?? (level === 0 ? 'empty' : 'ok'),
    };
  });
}

/** printer-alert values (PWG 5100.9) with their descriptions by position; "none"/blank values are no alert. */
function alertsOf(a: Attrs): PrinterAlert[] {
  const descriptions = a.strings('printer-alert-description');
  const out: PrinterAlert[] = [];
  a.strings('printer-alert').forEach((raw, i) => {
    const text = alertText(raw);
    if (text === null) return;
    const kv = parseKeyValues(text);
    out.push({
      code: kv.get('code') ?? '',
      severity: kv.get('severity') ?? '',
      group: kv.get('group') ?? '',
      description: descriptions[i] ?? '',
    });
  });
  return out;
}

/** Typed access to one group's attributes; wrong value types read as absent, never as garbage. */
class Attrs {
  constructor(private readonly map: ReadonlyMap<string, IppAttribute>) {}

  has(name: string): boolean {
    return this.map.has(name);
  }

  strings(name: string): string[] {
    const out: string[] = [];
    for (const v of this.map.get(name)?.values ?? []) if (v.kind === 'string') out.push(v.value);
    return out;
  }

  string(name: string): string | null {
    return this.strings(name)[0] ?? null;
  }

  /** Keeps positions (marker-* lists are aligned by index): a non-integer value reads as null. */
  ints(name: string): Array<number | null> {
    return (this.map.get(name)?.values ?? []).map((v) => (v.kind === 'integer' ? v.value : null));
  }

  int(name: string): number | null {
    return this.ints(name)[0] ?? null;
  }

  bool(name: string): boolean | null {
    const v = this.map.get(name)?.values[0];
    return v?.kind === 'boolean' ? v.value : null;
  }
}
