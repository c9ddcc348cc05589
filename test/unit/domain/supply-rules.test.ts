import { describe, expect, it } from 'vitest';
import type { Supply } from '../../../src/domain/observation.js';
import { defaultSupplyThresholds, supplyConditions, supplyState } from '../../../src/domain/supply-rules.js';

/**
 * When a supply needs attention (src/domain/supply-rules.ts), at and around the config's thresholds
 * (alerts.supplyLowPercent 10, alerts.wasteNearFullPercent 90 — the defaults in config).
 * Special levels are Printer-MIB's (RFC 3805 prtMarkerSuppliesLevel: -1 other, -2 unknown,
 * -3 some remaining) and IPP's marker-levels (PWG 5100.x: -1 unavailable, -2 unknown, -3 some remaining).
 */
const t = defaultSupplyThresholds;

describe('the default thresholds are the config defaults', () => {
  it('10 % low, 90 % nearly full', () => {
    expect(t).toEqual({ lowPercent: 10, nearFullPercent: 90 });
  });
});

describe('a consumable (toner, drum): empty at 0, low at or below 10 %', () => {
  const table: [number, string][] = [
    [0, 'empty'],
    [1, 'low'],
    [9, 'low'],
    [10, 'low'],
    [11, 'ok'],
    [50, 'ok'],
    [100, 'ok'],
  ];
  it.each(table)('%s %% → %s', (percent, state) => {
    expect(supplyState({ level: percent, percent, receptacle: false }, 'ok', t)).toBe(state);
  });
  it('level 0 is empty even when the scale says otherwise (raw 0 of a max)', () => {
    expect(supplyState({ level: 0, percent: 5, receptacle: false }, 'ok', t)).toBe('empty');
  });
  it('percent 0 with a non-zero raw level is empty', () => {
    expect(supplyState({ level: 3, percent: 0, receptacle: false }, 'ok', t)).toBe('empty');
  });
  it('raw level and percent differ (max 500): the percentage decides low', () => {
    expect(supplyState({ level: 50, percent: 10, receptacle: false }, 'ok', t)).toBe('low');
    expect(supplyState({ level: 55, percent: 11, receptacle: false }, 'ok', t)).toBe('ok');
  });
  it('another configured threshold (20 %) moves the boundary', () => {
    const t20 = { lowPercent: 20, nearFullPercent: 80 };
    expect(supplyState({ level: 20, percent: 20, receptacle: false }, 'ok', t20)).toBe('low');
    expect(supplyState({ level: 21, percent: 21, receptacle: false }, 'ok', t20)).toBe('ok');
    expect(supplyState({ level: 15, percent: 15, receptacle: false }, 'ok', t)).toBe('ok');
  });
});

describe('the device’s own low mark (IPP marker-low-levels) replaces the threshold', () => {
  it('low mark 25: 25 low, 26 ok', () => {
    expect(supplyState({ level: 25, percent: 25, receptacle: false, lowMark: 25 }, 'ok', t)).toBe('low');
    expect(supplyState({ level: 26, percent: 26, receptacle: false, lowMark: 25 }, 'ok', t)).toBe('ok');
  });
  it('low mark 0 is a real mark: 5 % is then ok', () => {
    expect(supplyState({ level: 5, percent: 5, receptacle: false, lowMark: 0 }, 'ok', t)).toBe('ok');
  });
  it('low mark 5: 8 % is ok although below the config’s 10', () => {
    expect(supplyState({ level: 8, percent: 8, receptacle: false, lowMark: 5 }, 'ok', t)).toBe('ok');
  });
  it('a negative, null or missing low mark falls back to the config', () => {
    expect(supplyState({ level: 10, percent: 10, receptacle: false, lowMark: -1 }, 'ok', t)).toBe('low');
    expect(supplyState({ level: 10, percent: 10, receptacle: false, lowMark: null }, 'ok', t)).toBe('low');
    expect(supplyState({ level: 10, percent: 10, receptacle: false }, 'ok', t)).toBe('low');
    expect(supplyState({ level: 11, percent: 11, receptacle: false, lowMark: -1 }, 'ok', t)).toBe('ok');
  });
});

describe('a receptacle (waste toner) fills up: nearly full at or above 90 %, full at 100 %', () => {
  const table: [number, string][] = [
    [0, 'ok'],
    [5, 'ok'],
    [89, 'ok'],
    [90, 'low'],
    [99, 'low'],
    [100, 'empty'],
  ];
  it.each(table)('%s %% → %s', (percent, state) => {
    expect(supplyState({ level: percent, percent, receptacle: true }, 'ok', t)).toBe(state);
  });
  it('the device’s high mark (IPP marker-high-levels) 80: 80 nearly full, 79 ok', () => {
    expect(supplyState({ level: 80, percent: 80, receptacle: true, highMark: 80 }, 'ok', t)).toBe('low');
    expect(supplyState({ level: 79, percent: 79, receptacle: true, highMark: 80 }, 'ok', t)).toBe('ok');
  });
  it('high mark 0 is a real mark: any level is nearly full', () => {
    expect(supplyState({ level: 1, percent: 1, receptacle: true, highMark: 0 }, 'ok', t)).toBe('low');
  });
  it('no high mark at all: the config’s 90 stands', () => {
    expect(supplyState({ level: 90, percent: 90, receptacle: true }, 'ok', t)).toBe('low');
    expect(supplyState({ level: 89, percent: 89, receptacle: true }, 'ok', t)).toBe('ok');
  });
  it('high mark 95: 92 % is still ok', () => {
    expect(supplyState({ level: 92, percent: 92, receptacle: true, highMark: 95 }, 'ok', t)).toBe('ok');
  });
  it('a high mark of 100 or more, negative, or null is no mark: the config’s 90 stands', () => {
    for (const highMark of [100, 101, -1, null]) {
      expect(supplyState({ level: 90, percent: 90, receptacle: true, highMark }, 'ok', t)).toBe('low');
      expect(supplyState({ level: 89, percent: 89, receptacle: true, highMark }, 'ok', t)).toBe('ok');
    }
  });
});

describe('without a percentage the adapter’s reading stands (special levels)', () => {
  const table: [number, 'ok' | 'unknown' | 'some-remaining' | 'low'][] = [
    [-1, 'unknown'], // other
    [-2, 'unknown'], // unknown
    [-3, 'some-remaining'], // some remaining
    [0, 'low'],
  ];
  it.each(table)('level %s read as %s stays %s', (level, read) => {
    expect(supplyState({ level, percent: null, receptacle: false }, read, t)).toBe(read);
    expect(supplyState({ level, percent: null, receptacle: true }, read, t)).toBe(read);
  });
});

const supply = (over: Partial<Supply>): Supply => ({
  index: 1,
  description: 'Black Toner',
  type: 'toner',
  color: 'black',
  level: 5,
  max: 100,
  percent: 5,
  state: 'low',
  ...over,
});

describe('conditions from supplies', () => {
  it('marking supplies low/empty: toner-low / toner-out, the name is the detail', () => {
    expect(supplyConditions([supply({})])).toEqual([
      { name: 'toner-low', severity: 'warning', detail: 'Black Toner' },
    ]);
    expect(supplyConditions([supply({ state: 'empty' })])).toEqual([
      { name: 'toner-out', severity: 'critical', detail: 'Black Toner' },
    ]);
  });
  it.each([
    'toner',
    'ink',
    'inkCartridge',
    'ink-cartridge',
    'inkRibbon',
    'ink-ribbon',
    'solidWax',
    'solid-wax',
    'ribbonWax',
    'ribbon-wax',
    'tonerCartridge',
    'toner-cartridge',
    'matteToner',
    'matte-toner',
    'matteInk',
    'matte-ink',
  ])('type %s (SNMP / IPP spelling) is marking', (type) => {
    expect(supplyConditions([supply({ type, description: 'X' })]).map((c) => c.name)).toEqual(['toner-low']);
  });
  it.each(['drum', 'opc', 'developer', 'fuser', 'transferUnit'])('type %s is maintenance', (type) => {
    expect(
      supplyConditions([supply({ type, description: 'Unit', state: 'low' })]).map((c) => c.name),
    ).toEqual(['maintenance-due']);
    expect(
      supplyConditions([supply({ type, description: 'Unit', state: 'empty' })]).map((c) => c.name),
    ).toEqual(['maintenance-due']);
  });
  it('an unknown/other type is marking when its name says toner, ink, cartridge, 墨 or 粉', () => {
    for (const type of ['unknown', 'other', 'Other']) {
      for (const description of ['Black Toner', 'Cyan INK', 'Print Cartridge', '黑色墨盒', '碳粉']) {
        expect(supplyConditions([supply({ type, description })]).map((c) => c.name)).toEqual(['toner-low']);
      }
      expect(supplyConditions([supply({ type, description: 'Drum Unit' })]).map((c) => c.name)).toEqual([
        'maintenance-due',
      ]);
    }
  });
  it('a drum whose name mentions toner is still a drum (type decides)', () => {
    expect(
      supplyConditions([supply({ type: 'drum', description: 'Toner drum' })]).map((c) => c.name),
    ).toEqual(['maintenance-due']);
  });
  it('no name: the type is the detail', () => {
    expect(supplyConditions([supply({ description: '' })])).toEqual([
      { name: 'toner-low', severity: 'warning', detail: 'toner' },
    ]);
  });
  it('ok, unknown and some-remaining give nothing', () => {
    for (const state of ['ok', 'unknown', 'some-remaining'] as const) {
      expect(supplyConditions([supply({ state })])).toEqual([]);
      expect(supplyConditions([supply({ state, receptacle: true, type: 'wasteToner' })])).toEqual([]);
    }
  });
  it('a receptacle nearly full / full: waste-near-full / waste-full', () => {
    const waste = supply({ type: 'wasteToner', description: 'Waste Toner Box', receptacle: true });
    expect(supplyConditions([{ ...waste, state: 'low' }])).toEqual([
      { name: 'waste-near-full', severity: 'warning', detail: 'Waste Toner Box' },
    ]);
    expect(supplyConditions([{ ...waste, state: 'empty' }])).toEqual([
      { name: 'waste-full', severity: 'critical', detail: 'Waste Toner Box' },
    ]);
  });
  it('several supplies: one condition each, in order', () => {
    const got = supplyConditions([
      supply({ index: 1, description: 'Cyan', state: 'empty' }),
      supply({ index: 2, description: 'Magenta', state: 'ok' }),
      supply({ index: 3, type: 'drum', description: 'Drum', state: 'low' }),
    ]);
    expect(got.map((c) => [c.name, c.detail])).toEqual([
      ['toner-out', 'Cyan'],
      ['maintenance-due', 'Drum'],
    ]);
  });
});
