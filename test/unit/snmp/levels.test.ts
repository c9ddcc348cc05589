import { describe, expect, it } from 'vitest';
import { interpretLevel } from '../../../src/probes/snmp/levels.js';

const consumable = (level: number | null, max: number | null) =>
  interpretLevel({ level, max, receptacle: false });
const receptacle = (level: number | null, max: number | null) =>
  interpretLevel({ level, max, receptacle: true });

describe('supply and tray levels', () => {
  it('gives a percentage only for a real level over a real max', () => {
    expect(consumable(40, 100)).toEqual({ level: 40, max: 100, percent: 40, state: 'ok' });
    expect(consumable(1060, 5300)).toEqual({ level: 1060, max: 5300, percent: 20, state: 'ok' });
  });

  it('handles the level special values -1, -2, -3 without inventing a percentage', () => {
    expect(consumable(-1, 100)).toEqual({ level: -1, max: 100, percent: null, state: 'unknown' });
    expect(consumable(-2, 100)).toEqual({ level: -2, max: 100, percent: null, state: 'unknown' });
    expect(consumable(-3, 100)).toEqual({ level: -3, max: 100, percent: null, state: 'some-remaining' });
    expect(consumable(null, 100)).toEqual({ level: -2, max: 100, percent: null, state: 'unknown' });
  });

  it('handles the max special values -1 and -2 (no scale → no percentage)', () => {
    expect(consumable(5, -1)).toEqual({ level: 5, max: null, percent: null, state: 'some-remaining' });
    expect(consumable(-3, -2)).toEqual({ level: -3, max: null, percent: null, state: 'some-remaining' });
    expect(consumable(0, -2)).toEqual({ level: 0, max: null, percent: null, state: 'unknown' });
  });

  it('marks low at 10 % and empty at 0', () => {
    expect(consumable(11, 100).state).toBe('ok');
    expect(consumable(10, 100).state).toBe('low');
    expect(consumable(1, 100).state).toBe('low');
    expect(consumable(0, 100).state).toBe('empty');
  });

  it('caps a level above max at 100 % (Brother)', () => {
    expect(consumable(130, 100)).toEqual({ level: 130, max: 100, percent: 100, state: 'ok' });
  });

  it('reads a receptacle the other way round: high level = nearly full', () => {
    expect(receptacle(5, 100)).toEqual({ level: 5, max: 100, percent: 5, state: 'ok' });
    expect(receptacle(90, 100).state).toBe('low');
    expect(receptacle(100, 100).state).toBe('empty');
    expect(receptacle(0, 100).state).toBe('ok');
  });
});
