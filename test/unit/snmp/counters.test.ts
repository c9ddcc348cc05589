import { describe, expect, it } from 'vitest';
import { counterDelta } from '../../../src/probes/snmp/counters.js';

describe('page counter (Counter32)', () => {
  it('counts pages between two readings', () => {
    expect(counterDelta(271_871, 271_900)).toEqual({ kind: 'delta', pages: 29 });
  });
  it('handles the wrap at 2^32', () => {
    expect(counterDelta(4_294_967_290, 10)).toEqual({ kind: 'wrapped', pages: 16 });
  });
  it('treats any other decrease as a reset, not 4 billion pages', () => {
    expect(counterDelta(271_871, 120)).toEqual({ kind: 'reset' });
  });
});
