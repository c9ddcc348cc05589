import type { LevelState } from '../../domain/observation.js';
import { defaultSupplyThresholds, type SupplyThresholds, supplyState } from '../../domain/supply-rules.js';

/**
 * Turns a Printer-MIB level/max pair into {max, percent, state}, honouring the special values
 * (RFC 3805 prtMarkerSuppliesLevel / prtInputCurrentLevel): level -1 other, -2 unknown,
 * -3 "some remaining"; max -1 other, -2 unknown. A percentage is only given when the device
 * gave both a real level and a real max — never invented.
 *
 * For a receptacle (waste toner) the reported level is how full it is (a high level means
 * nearly full); its `state` describes the room left, so `low` = nearly full, `empty` = full. With a
 * percentage, the state is the shared supply rule's (src/domain/supply-rules.ts).
 */
export interface LevelInput {
  readonly level: number | null;
  readonly max: number | null;
  readonly receptacle: boolean;
}

export interface LevelResult {
  readonly level: number;
  readonly max: number | null;
  readonly percent: number | null;
  readonly state: LevelState;
}

export function interpretLevel(
  input: LevelInput,
  thresholds: SupplyThresholds = defaultSupplyThresholds,
): LevelResult {
  const max = input.max !== null && input.max > 0 ? input.max : null;
  const level = input.level ?? -2;
  if (level === -3) return { level, max, percent: null, state: 'some-remaining' };
  if (level < 0) return { level, max, percent: null, state: 'unknown' };
  if (max === null) {
    // Without a scale a positive level only says "something is there"; a bare 0 is not trusted
    // (Brother sends 0 with max -2 on duplicate rows while the toner is fine).
    return { level, max, percent: null, state: level > 0 ? 'some-remaining' : 'unknown' };
  }
  // Brother and others report more than max after a high-yield cartridge: cap at 100 %.
  const percent = Math.min(100, Math.round((level / max) * 100));
  const state = supplyState({ level, percent, receptacle: input.receptacle }, 'ok', thresholds);
  return { level, max, percent, state };
}
