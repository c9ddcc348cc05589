import { describe, expect, it } from 'vitest';
import {
  condition,
  conditionSeverity,
  dedupeConditions,
  isKnownCondition,
  knownConditions,
  worseSeverity,
} from '../../../src/domain/conditions.js';

/**
 * The one vocabulary of conditions (src/domain/conditions.ts): severities as the zone treats them —
 * critical stops the service to the public, warning will soon, info is maintenance.
 */
describe('severities', () => {
  it('what stops the public is critical', () => {
    for (const c of [
      'paper-out',
      'toner-out',
      'jam',
      'door-open',
      'offline',
      'service-requested',
      'input-tray-missing',
      'marker-supply-missing',
      'output-full',
      'waste-full',
      'printer-stopped',
      'spool-area-full',
      'plug-overload',
    ] as const)
      expect(conditionSeverity[c], c).toBe('critical');
  });
  it('what will soon is a warning; maintenance is info', () => {
    for (const c of [
      'paper-low',
      'toner-low',
      'output-tray-missing',
      'output-near-full',
      'waste-near-full',
      'disk-full',
      'forbidden-software',
      'software-changed',
      'hardware-changed',
    ] as const)
      expect(conditionSeverity[c], c).toBe('warning');
    expect(conditionSeverity['maintenance-due']).toBe('info');
    expect(Object.keys(conditionSeverity).sort()).toEqual([...knownConditions].sort());
  });
  it('known names, and protocol names kept verbatim are not known', () => {
    expect(isKnownCondition('jam')).toBe(true);
    expect(isKnownCondition('plug-overload')).toBe(true);
    expect(isKnownCondition('ipp:fuser-over-temp')).toBe(false);
    expect(isKnownCondition('')).toBe(false);
  });
  it('condition(): the default severity, a detail only when given', () => {
    expect(condition('jam')).toEqual({ name: 'jam', severity: 'critical' });
    expect('detail' in condition('jam')).toBe(false);
    expect(condition('paper-low', 'Tray 2')).toEqual({
      name: 'paper-low',
      severity: 'warning',
      detail: 'Tray 2',
    });
  });
  it('worseSeverity', () => {
    expect(worseSeverity('info', 'critical')).toBe('critical');
    expect(worseSeverity('critical', 'warning')).toBe('critical');
    expect(worseSeverity('warning', 'info')).toBe('warning');
    expect(worseSeverity('info', 'warning')).toBe('warning');
    expect(worseSeverity('info', 'info')).toBe('info');
  });
});

describe('dedupeConditions: one per name, the worst wins, details kept', () => {
  it('the worst occurrence’s severity, every distinct detail once, in order', () => {
    expect(
      dedupeConditions([
        { name: 'jam', severity: 'warning', detail: 'Tray 1' },
        { name: 'jam', severity: 'critical', detail: 'Tray 2' },
        { name: 'jam', severity: 'info', detail: 'Tray 1' },
      ]),
    ).toEqual([{ name: 'jam', severity: 'critical', detail: 'Tray 1; Tray 2' }]);
  });
  it('an equal severity later does not replace the first', () => {
    expect(
      dedupeConditions([
        { name: 'ipp:x', severity: 'warning', detail: 'a' },
        { name: 'ipp:x', severity: 'warning' },
      ]),
    ).toEqual([{ name: 'ipp:x', severity: 'warning', detail: 'a' }]);
  });
  it('a lesser severity later does not replace the worse', () => {
    expect(
      dedupeConditions([
        { name: 'jam', severity: 'critical' },
        { name: 'jam', severity: 'info' },
      ]),
    ).toEqual([{ name: 'jam', severity: 'critical' }]);
  });
  it('no detail anywhere: none; a detail on the weaker one is still kept', () => {
    const got = dedupeConditions([
      { name: 'paper-low', severity: 'warning' },
      { name: 'paper-low', severity: 'warning' },
    ]);
    expect(got).toEqual([{ name: 'paper-low', severity: 'warning' }]);
    expect('detail' in (got[0] ?? {})).toBe(false);
    expect(
      dedupeConditions([
        { name: 'jam', severity: 'info', detail: 'Tray 3' },
        { name: 'jam', severity: 'critical' },
      ]),
    ).toEqual([{ name: 'jam', severity: 'critical', detail: 'Tray 3' }]);
  });
  it('different names stay apart, in first-seen order', () => {
    expect(
      dedupeConditions([
        { name: 'toner-low', severity: 'warning' },
        { name: 'jam', severity: 'critical' },
        { name: 'toner-low', severity: 'warning' },
      ]).map((c) => c.name),
    ).toEqual(['toner-low', 'jam']);
    expect(dedupeConditions([])).toEqual([]);
  });
});
