import { describe, expect, it } from 'vitest';
import {
  baselineOf,
  compilePatterns,
  defaultForbiddenPatterns,
  forbiddenFound,
  softwareConditions,
} from '../../../src/probes/snmp/software-policy.js';

const patterns = compilePatterns(defaultForbiddenPatterns);

describe('forbidden software', () => {
  it('matches games and download tools by whole-name glob, case-insensitively', () => {
    expect(
      forbiddenFound(
        {
          processes: ['SOL.EXE', 'explorer.exe', 'Thunder.exe', 'steamwebhelper.exe'],
          installed: ['微信', 'QQ游戏 2024', '百度网盘'],
        },
        patterns,
      ),
    ).toEqual(['QQ游戏 2024', 'SOL.EXE', 'Thunder.exe', 'steamwebhelper.exe', '百度网盘']);
  });
  it('leaves ordinary office software alone', () => {
    expect(
      forbiddenFound(
        { processes: ['WINWORD.EXE', 'wps.exe', 'soffice.bin'], installed: ['WPS Office'] },
        patterns,
      ),
    ).toEqual([]);
  });
  it('treats regex characters in patterns literally', () => {
    const [re] = compilePatterns(['a+b.exe']);
    expect(re?.test('a+b.exe')).toBe(true);
    expect(re?.test('aab.exe')).toBe(false);
  });
});

describe('baselines', () => {
  const base = baselineOf(
    { installed: ['WPS Office', '7-Zip'], hardware: [{ index: 1, type: 'processor', description: 'Intel' }] },
    1,
  );
  it('reports added and removed software and hardware', () => {
    const c = softwareConditions(
      {
        processes: [],
        installed: ['WPS Office', 'Foxit Reader'],
        hardware: [
          { index: 7, type: 'processor', description: 'Intel' },
          { index: 8, type: 'diskStorage', description: 'USB Mass Storage' },
        ],
      },
      [],
      base,
    );
    expect(c).toEqual([
      { name: 'software-changed', severity: 'warning', detail: 'added: Foxit Reader; removed: 7-Zip' },
      { name: 'hardware-changed', severity: 'warning', detail: 'added: diskStorage: USB Mass Storage' },
    ]);
  });
  it('an empty list from an agent is "not reported", not "everything removed"', () => {
    expect(softwareConditions({ processes: [], installed: [], hardware: [] }, [], base)).toEqual([]);
  });
});
