import { describe, expect, it } from 'vitest';
import { compareOids } from '../../../src/probes/snmp/varbind.js';

describe('compareOids', () => {
  it('orders OIDs by their numeric arcs, not as text', () => {
    const sorted = [
      '1.3.6.1.2.1.43.11.1.1.9.1.10',
      '1.3.6.1.2.1.43.11.1.1.9.1.2',
      '1.3.6.1.2.1.43',
      '1.3.6.1.2.1.43.11.1.1.9.1.1',
    ].sort(compareOids);
    expect(sorted).toEqual([
      '1.3.6.1.2.1.43',
      '1.3.6.1.2.1.43.11.1.1.9.1.1',
      '1.3.6.1.2.1.43.11.1.1.9.1.2',
      '1.3.6.1.2.1.43.11.1.1.9.1.10',
    ]);
  });

  it('says equal, before and after as a sign', () => {
    expect(compareOids('1.2.3', '1.2.3')).toBe(0);
    expect(Math.sign(compareOids('1.2', '1.2.3'))).toBe(-1);
    expect(Math.sign(compareOids('1.2.3', '1.2'))).toBe(1);
    expect(Math.sign(compareOids('2', '10'))).toBe(-1);
    expect(Math.sign(compareOids('1.4294967295', '1.4294967294'))).toBe(1);
  });
});
