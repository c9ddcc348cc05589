import { describe, expect, it } from 'vitest';
import { column, compareOids, hasRowsUnder, type Varbind, viewOf } from '../../../src/probes/snmp/varbind.js';

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

describe('column and hasRowsUnder (binary search in the sorted view)', () => {
  const vb = (oid: string, value: number): Varbind => ({ oid, type: 'integer', value });
  // Two walks one after the other, the second of an earlier subtree, and neighbours that share text
  // but not arcs (…43.11.1.1.9 vs …43.11.1.1.90, the column itself as a key).
  const view = viewOf(
    [
      '1.3.6.1.2.1.43.11.1.1.9.1.10',
      '1.3.6.1.2.1.43.11.1.1.9',
      '1.3.6.1.2.1.43.11.1.1.90.1.1',
      '1.3.6.1.2.1.43.11.1.1.9.1.2',
      '1.3.6.1.2.1.43.11.1.1.8.1.1',
      '1.3.6.1.2.1.25.3.2.1.3.1',
      '1.3.6.1.2.1.43.11.1.1.9.1.1',
    ].map((oid, i) => vb(oid, i)),
  );

  it('gives exactly the column cells, by numeric index, whatever order the view was built in', () => {
    const c = column(view, '1.3.6.1.2.1.43.11.1.1.9');
    expect([...c.keys()]).toEqual(['1.1', '1.2', '1.10']);
    expect([...c.values()].map((v) => v.value)).toEqual([6, 3, 0]);
    expect([...column(view, '1.3.6.1.2.1.43.11.1.1.8').keys()]).toEqual(['1.1']);
    expect(column(view, '1.3.6.1.2.1.43.11.1.1.7').size).toBe(0);
    expect(column(view, '1.3.6.1.2.1.99').size).toBe(0);
  });

  it('sees rows under a base, never the base alone or a sibling with a longer arc', () => {
    expect(hasRowsUnder(view, '1.3.6.1.2.1.25.3.2.1.3')).toBe(true);
    expect(hasRowsUnder(view, '1.3.6.1.2.1.25.3.2.1.3.1')).toBe(false);
    expect(hasRowsUnder(view, '1.3.6.1.2.1.43.11.1.1.9.1')).toBe(true);
    expect(hasRowsUnder(view, '1.3.6.1.2.1.43.11.1.1.1')).toBe(false);
    expect(hasRowsUnder(viewOf([]), '1.3')).toBe(false);
  });

  it('a view that grows after a first lookup is looked up afresh', () => {
    const m = viewOf([vb('1.2.3.1', 1)]);
    expect(column(m, '1.2.3').size).toBe(1);
    m.set('1.2.3.2', vb('1.2.3.2', 2));
    expect([...column(m, '1.2.3').keys()]).toEqual(['1', '2']);
  });
});
