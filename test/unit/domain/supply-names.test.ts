import { describe, expect, it } from 'vitest';
import {
  colourName,
  supplyLabel,
  supplyTypeName,
  trayIn,
  trayLabel,
} from '../../../src/domain/supply-names.js';

/** Supplies and trays as a town office says them (src/domain/supply-names.ts), edge by edge. */
describe('colour names', () => {
  it('reads a colorant whatever its case and surrounding spaces', () => {
    expect(colourName('  Black ')).toBe('黑色');
    expect(colourName('CYAN', '', 'en')).toBe('cyan');
  });

  it('a two-word colorant is one colour, however many spaces separate the words', () => {
    expect(colourName('light cyan')).toBe('浅青色');
    expect(colourName('light   cyan')).toBe('浅青色');
    expect(colourName('light magenta', '', 'en')).toBe('light magenta');
  });

  it('falls back to the colour words of the description, grey and gray alike', () => {
    expect(colourName(null, 'Grey Toner')).toBe('灰色');
    expect(colourName(null, 'GRAY toner', 'en')).toBe('grey');
    expect(colourName(null, 'Light Cyan Ink')).toBe('浅青色');
    expect(colourName(null, 'Photo Black Ink', 'en')).toBe('photo black');
  });

  it('says nothing when neither the colorant nor the description names a colour', () => {
    expect(colourName(null)).toBe('');
    expect(colourName('unknown', 'Drum Unit')).toBe('');
  });
});

describe('supply type names', () => {
  it('a toner type whose description says cartridge is a toner cartridge; other types keep their own name', () => {
    expect(supplyTypeName('toner', 'Black Toner Cartridge')).toBe('墨粉盒');
    expect(supplyTypeName('toner', 'Black Toner')).toBe('墨粉');
    expect(supplyTypeName('opc', 'Drum Cartridge')).toBe('硒鼓');
    expect(supplyTypeName('wasteToner', 'Waste Toner Cartridge', 'en')).toBe('waste toner box');
  });

  it('an unknown type without telling words is no name at all', () => {
    expect(supplyTypeName('other', 'Part 7')).toBe('');
  });
});

describe('supply labels', () => {
  it('in English the device’s own words are shown, spaces collapsed and trimmed', () => {
    expect(supplyLabel({ type: 'toner', color: 'black', description: 'HP 26A Black' }, 'en')).toBe(
      'HP 26A Black',
    );
    expect(supplyLabel({ type: 'toner', description: '  Black    Toner  ' }, 'en')).toBe('Black Toner');
  });

  it('in English a description is cut at 60 characters', () => {
    const long = `${'A'.repeat(50)}BBBBBBBBBBCCCCC`;
    expect(supplyLabel({ type: 'toner', description: long }, 'en')).toBe(`${'A'.repeat(50)}BBBBBBBBBB`);
  });

  it('in English without a description: colour and type from the tables, or "supply"', () => {
    expect(supplyLabel({ type: 'toner', color: 'black' }, 'en')).toBe('black toner');
    expect(supplyLabel({ type: 'other', color: 'black' }, 'en')).toBe('black supply');
    expect(supplyLabel({ type: 'other' }, 'en')).toBe('supply');
  });

  it('a Chinese description is kept as the device said it, cut at 40 characters', () => {
    expect(supplyLabel({ type: 'toner', description: '黑色墨粉' }, 'zh-CN')).toBe('黑色墨粉');
    const long = `${'墨'.repeat(40)}粉粉`;
    expect(supplyLabel({ type: 'toner', description: long }, 'zh-CN')).toBe('墨'.repeat(40));
  });

  it('in Chinese: colour and type; receptacles carry no colour; an unknown type is 耗材', () => {
    expect(supplyLabel({ type: 'toner', color: 'black' }, 'zh-CN')).toBe('黑色墨粉');
    expect(supplyLabel({ type: 'wasteToner', color: 'black' }, 'zh-CN')).toBe('废粉盒');
    expect(supplyLabel({ type: 'other', color: 'magenta' }, 'zh-CN')).toBe('品红色耗材');
  });
});

describe('tray labels', () => {
  it('in English: the device’s word trimmed, else "Tray <index>"', () => {
    expect(trayLabel('  Manual Feed ', 2, 'en')).toBe('Manual Feed');
    expect(trayLabel('', 3, 'en')).toBe('Tray 3');
    expect(trayLabel('   ', 4, 'en')).toBe('Tray 4');
  });

  it('in Chinese: a Chinese name kept (at most 40 characters), else the known words, else 纸盒 <index>', () => {
    expect(trayLabel('纸盒一', 2, 'zh-CN')).toBe('纸盒一');
    expect(trayLabel(`${'盒'.repeat(40)}子`, 2, 'zh-CN')).toBe('盒'.repeat(40));
    expect(trayLabel('Tray 1', 5, 'zh-CN')).toBe('纸盒 1');
    expect(trayLabel('Stacker', 4, 'zh-CN')).toBe('纸盒 4');
  });

  it('knows the words printers use for their trays', () => {
    expect(trayLabel('Bypass Tray', 1, 'zh-CN')).toBe('手送纸盒');
    expect(trayLabel('Auto Select', 1, 'zh-CN')).toBe('自动选纸');
    expect(trayLabel('Rear Auto Sheet Feeder', 1, 'zh-CN')).toBe('自动进纸器');
    expect(trayLabel('Roll 1', 9, 'zh-CN')).toBe('卷纸 1');
    expect(trayLabel('2nd Cassette', 9, 'zh-CN')).toBe('纸盒 2');
    expect(trayLabel('  Paper   Tray  3 ', 9, 'zh-CN')).toBe('纸盒 3');
  });
});

describe('the tray a phrase names', () => {
  it('nothing when no tray is named', () => {
    expect(trayIn('Toner low')).toBeUndefined();
  });

  it('the rest is what comes before and after the tray, joined by a space', () => {
    expect(trayIn('Tray 2 empty')).toEqual({ name: '纸盒 2', rest: '  empty' });
    expect(trayIn('Load paper in Tray 2 now')).toEqual({ name: '纸盒 2', rest: 'Load paper in   now' });
    expect(trayIn('Tray 12 empty')).toEqual({ name: '纸盒 12', rest: '  empty' });
    expect(trayIn('TRAY1 empty')).toEqual({ name: '纸盒 1', rest: '  empty' });
  });

  it('paper / input before the tray belong to its name, with or without a space', () => {
    expect(trayIn('Paper Tray 1 empty')).toEqual({ name: '纸盒 1', rest: '  empty' });
    expect(trayIn('PaperTray 1 empty')).toEqual({ name: '纸盒 1', rest: '  empty' });
    expect(trayIn('Input Tray 2 open')).toEqual({ name: '纸盒 2', rest: '  open' });
    expect(trayIn('InputTray2 open')).toEqual({ name: '纸盒 2', rest: '  open' });
  });

  it('ordinal cassettes and drawers, with or without a space', () => {
    expect(trayIn('12th Tray empty')).toEqual({ name: '纸盒 12', rest: '  empty' });
    expect(trayIn('2nd Drawer open')).toEqual({ name: '纸盒 2', rest: '  open' });
    expect(trayIn('3rd Cassette jam')).toEqual({ name: '纸盒 3', rest: '  jam' });
    expect(trayIn('1stTray jam')).toEqual({ name: '纸盒 1', rest: '  jam' });
  });

  it('the bypass tray in its spellings', () => {
    expect(trayIn('Bypass empty')).toEqual({ name: '手送纸盒', rest: '  empty' });
    expect(trayIn('BypassTray empty')).toEqual({ name: '手送纸盒', rest: '  empty' });
    expect(trayIn('Bypass Tray empty')).toEqual({ name: '手送纸盒', rest: '  empty' });
    expect(trayIn('ManualFeed empty')).toEqual({ name: '手送纸盒', rest: '  empty' });
    expect(trayIn('Manual Feed empty')).toEqual({ name: '手送纸盒', rest: '  empty' });
    expect(trayIn('MPTray empty')).toEqual({ name: '手送纸盒', rest: '  empty' });
    expect(trayIn('MP Tray empty')).toEqual({ name: '手送纸盒', rest: '  empty' });
  });

  it('the multi-purpose tray written together, hyphenated or spaced', () => {
    expect(trayIn('Multipurpose Tray empty')).toEqual({ name: '手送纸盒', rest: '  empty' });
    expect(trayIn('MultipurposeTray empty')).toEqual({ name: '手送纸盒', rest: '  empty' });
    expect(trayIn('Multi-Purpose Tray empty')).toEqual({ name: '手送纸盒', rest: '  empty' });
    expect(trayIn('Multi Purpose Tray empty')).toEqual({ name: '手送纸盒', rest: '  empty' });
  });
});
