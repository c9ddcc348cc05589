import { type Condition, condition } from './conditions.js';
import type { LevelState, Supply } from './observation.js';

/**
 * When a printer's supply needs attention, whatever protocol reported it (SNMP Printer-MIB or IPP
 * marker-* / printer-supply). Pure; both protocol adapters call it, with the thresholds from the config
 * (`alerts.supplyLowPercent`, `alerts.wasteNearFullPercent`).
 *
 * The rule:
 * 1. A consumable is `empty` at 0 and `low` at or below its own low mark when the device declares one
 *    (IPP `marker-low-levels`), else at or below `lowPercent` of its capacity.
 * 2. A receptacle (waste toner, waste ink) fills up: `empty` (no room left) at 100 %, `low` (nearly full)
 *    at or above its own high mark (IPP `marker-high-levels`), else at or above `nearFullPercent`.
 * 3. Without a percentage (the special values -1/-2/-3, no capacity, a vendor's step levels) the state
 *    the adapter read stands: nothing is invented.
 * 4. Conditions: a marking consumable (toner, ink, their cartridges, ribbons, wax) low/empty gives
 *    `toner-low`/`toner-out`; any other consumable (drum, developer, fuser …) `maintenance-due`; a
 *    receptacle nearly full/full gives `waste-near-full`/`waste-full`. The supply's name is the detail.
 */
export interface SupplyThresholds {
  readonly lowPercent: number;
  readonly nearFullPercent: number;
}

export const defaultSupplyThresholds: SupplyThresholds = { lowPercent: 10, nearFullPercent: 90 };

interface SupplyLevel {
  /** The raw level the device reported (special values are negative). */
  readonly level: number;
  /** 0..100, or null when the device gives no usable scale. */
  readonly percent: number | null;
  readonly receptacle: boolean;
  /** The device's own marks, in percent (IPP marker-low-levels / marker-high-levels); null when none. */
  readonly lowMark?: number | null;
  readonly highMark?: number | null;
}

/** Rules 1–3: the state of one supply. `read` is what the adapter made of it without a percentage. */
export function supplyState(s: SupplyLevel, read: LevelState, t: SupplyThresholds): LevelState {
  if (s.percent === null) return read;
  if (s.receptacle) {
    const nearFull = s.highMark !== null && s.highMark !== undefined && s.highMark >= 0 && s.highMark < 100;
    if (s.percent >= 100) return 'empty';
    if (s.percent >= (nearFull ? (s.highMark as number) : t.nearFullPercent)) return 'low';
    return 'ok';
  }
  if (s.level === 0 || s.percent === 0) return 'empty';
  const ownLow = s.lowMark !== null && s.lowMark !== undefined && s.lowMark >= 0;
  if (s.percent <= (ownLow ? (s.lowMark as number) : t.lowPercent)) return 'low';
  return 'ok';
}

/** Marking supply types, in SNMP (Printer-MIB, camelCase) and IPP (PWG, hyphenated) spelling. */
const markingTypes = new Set([
  'toner',
  'ink',
  'inkcartridge',
  'inkribbon',
  'solidwax',
  'ribbonwax',
  'tonercartridge',
  'mattetoner',
  'matteink',
]);

function isMarkingSupply(s: Pick<Supply, 'type' | 'description'>): boolean {
  const type = s.type.toLowerCase().replaceAll('-', '');
  if (markingTypes.has(type)) return true;
  // Unknown type: the name tells (Black Toner Cartridge, 黑色墨粉, 墨盒 …).
  return (type === 'unknown' || type === 'other') && /toner|ink|cartridge|墨|粉/i.test(s.description);
}

/** Rule 4: the conditions a printer's supplies give. */
export function supplyConditions(supplies: readonly Supply[]): Condition[] {
  return supplies.flatMap((s): Condition[] => {
    const what = s.description || s.type;
    if (s.receptacle) {
      if (s.state === 'empty') return [condition('waste-full', what)];
      if (s.state === 'low') return [condition('waste-near-full', what)];
      return [];
    }
    const marking = isMarkingSupply(s);
    if (s.state === 'empty') return [condition(marking ? 'toner-out' : 'maintenance-due', what)];
    if (s.state === 'low') return [condition(marking ? 'toner-low' : 'maintenance-due', what)];
    return [];
  });
}
