import { describe, expect, it } from 'vitest';
import { conditionFaultKind, defaultKindSeverity, faultKinds } from '../../../src/domain/fault-kinds.js';

/**
 * The fault kinds (src/domain/fault-kinds.ts): which stop the service (critical: told at once, day or
 * night), which wait for office hours, which conditions open which fault.
 */
describe('fault kinds', () => {
  it('critical: the device cannot serve the public now; the rest are warnings', () => {
    const critical = faultKinds.filter((k) => defaultKindSeverity[k] === 'critical');
    expect(critical.sort()).toEqual(
      [
        'unreachable',
        'power-on-failed',
        'paper-out',
        'toner-out',
        'jam',
        'door-open',
        'offline',
        'service-requested',
        'printer-stopped',
        'spool-area-full',
        'plug-overload',
      ].sort(),
    );
    expect(
      faultKinds.filter((k) => !critical.includes(k)).every((k) => defaultKindSeverity[k] === 'warning'),
    ).toBe(true);
  });

  it('conditions open the fault of the same name; what stops the printer without a name of its own is a service request; notices open none', () => {
    for (const same of [
      'paper-low',
      'paper-out',
      'toner-low',
      'toner-out',
      'jam',
      'door-open',
      'offline',
      'disk-full',
    ] as const)
      expect(conditionFaultKind[same]).toBe(same);
    for (const c of ['input-tray-missing', 'marker-supply-missing', 'output-full', 'waste-full'] as const)
      expect(conditionFaultKind[c]).toBe('service-requested');
    expect(conditionFaultKind['output-near-full' as keyof typeof conditionFaultKind]).toBeUndefined();
    expect(conditionFaultKind['maintenance-due' as keyof typeof conditionFaultKind]).toBeUndefined();
    for (const c of ['forbidden-software', 'software-changed', 'hardware-changed'] as const)
      expect(conditionFaultKind[c]).toBe(c);
  });
});
