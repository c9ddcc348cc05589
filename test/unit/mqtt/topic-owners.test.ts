import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesFilter } from '../../../src/mqtt/topic-filter.js';
import { createFilterIndex, createTopicOwners } from '../../../src/mqtt/topic-owners.js';

/**
 * The index of topic filters that finds a message's device without asking every decoder. It must match
 * exactly as a filter matches a topic (MQTT 3.1.1 §4.7: `+` one level, `#` that level and all below it,
 * including the parent — `sport/#` matches `sport`), i.e. as `matchesFilter` does.
 */
const level = fc.constantFrom('tele', 'stat', 'cmnd', 'plug-1', 'plug-2', 'LWT', 'STATE', '');
const topic = fc.array(level, { minLength: 1, maxLength: 5 }).map((l) => l.join('/'));
const filter = fc
  .tuple(fc.array(fc.oneof(level, fc.constant('+')), { minLength: 0, maxLength: 4 }), fc.boolean())
  .filter(([levels, hash]) => levels.length > 0 || hash)
  .map(([levels, hash]) => [...levels, ...(hash ? ['#'] : [])].join('/'));

describe('topic filter index', () => {
  it('finds exactly the filters that match a topic, as matchesFilter decides', () => {
    fc.assert(
      fc.property(
        fc.array(filter, { minLength: 1, maxLength: 12 }),
        fc.array(topic, { maxLength: 10 }),
        (fs, ts) => {
          const index = createFilterIndex<number>();
          fs.forEach((f, i) => {
            index.add(f, i);
          });
          for (const t of ts) {
            const expected = fs.flatMap((f, i) => (matchesFilter(f, t) ? [i] : []));
            expect([...index.match(t)].sort((a, b) => a - b)).toEqual(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('matches the parent level with # and one level with +', () => {
    const index = createFilterIndex<string>();
    index.add('tele/plug-1/+', 'a');
    index.add('stat/#', 'b');
    expect([...index.match('tele/plug-1/LWT')]).toEqual(['a']);
    expect([...index.match('tele/plug-1/LWT/x')]).toEqual([]);
    expect([...index.match('stat')]).toEqual(['b']);
    expect([...index.match('stat/plug-2/POWER')]).toEqual(['b']);
  });
});

describe('topic owners', () => {
  const device = (id: string, filters: string[]) => ({ id, route: { filters } });
  const all = new Map(
    [
      device('plug-1', ['tele/plug-1/+', 'stat/plug-1/+']),
      device('plug-2', ['tele/plug-2/+', 'stat/plug-2/+']),
      device('plug-3', ['tele/plug-3/+', 'stat/plug-3/+']),
    ].map((d) => [d.id, d]),
  );
  const ids = (it: Iterable<{ id: string }>) => [...it].map((d) => d.id);

  it('asks only the devices whose filters match, in configuration order; nobody for a topic nobody owns', () => {
    const owners = createTopicOwners(all);
    expect(ids(owners.candidates('tele/plug-3/LWT'))).toEqual(['plug-3']);
    expect(ids(owners.candidates('nobody/x'))).toEqual([]);
    const overlapping = new Map([
      ['a', device('a', ['stat/#'])],
      ['b', device('b', ['stat/plug-1/+'])],
    ]);
    expect(ids(createTopicOwners(overlapping).candidates('stat/plug-1/POWER'))).toEqual(['a', 'b']);
  });

  it('asks the topic’s last owner first, and each device once', () => {
    const owners = createTopicOwners(all);
    owners.claimed('tele/plug-3/LWT', all.get('plug-3') as never);
    expect(ids(owners.candidates('tele/plug-3/LWT'))).toEqual(['plug-3']);
    owners.claimed('tele/plug-3/LWT', all.get('plug-1') as never);
    expect(ids(owners.candidates('tele/plug-3/LWT'))).toEqual(['plug-1', 'plug-3']);
  });

  it('among 10,000 devices the one whose filter matches is asked first, not the first configured', () => {
    const big = new Map(
      Array.from({ length: 10_000 }, (_, i) => device(`p${i}`, [`tele/p${i}/+`])).map((d) => [d.id, d]),
    );
    const owners = createTopicOwners(big);
    const first = owners.candidates('tele/p9999/STATE').next();
    expect(first.value?.id).toBe('p9999');
  });
});
