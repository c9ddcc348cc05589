/**
 * Which device a message's topic may belong to, cheapest first, so that ingest stays flat with a
 * city's 10,000 plugs: the device that last claimed this topic, then the devices whose own topic filters
 * match it, found in a tree of filter levels (`+` one level, `#` the rest, MQTT 3.1.1 §4.7) rather than by
 * asking every device's decoder. A decoder takes only topics its own filters bring (checked for every
 * dialect in test/unit/mqtt/fuzz.test.ts), so no one else is asked: without the tree the first message
 * of each topic — the retained LWT and state of every plug at connect — asked on average half of all the
 * decoders, and a topic nobody owns asked all of them.
 */
interface Node<T> {
  readonly children: Map<string, Node<T>>;
  /** Values whose filter ends here. */
  readonly here: T[];
  /** Values whose filter has `#` at this level. */
  readonly rest: T[];
}

const node = <T>(): Node<T> => ({ children: new Map(), here: [], rest: [] });

export function createFilterIndex<T>() {
  const root = node<T>();
  const walk = (n: Node<T>, levels: readonly string[], i: number, out: Set<T>) => {
    for (const v of n.rest) out.add(v);
    if (i === levels.length) {
      for (const v of n.here) out.add(v);
      return;
    }
    const exact = n.children.get(levels[i] as string);
    if (exact) walk(exact, levels, i + 1, out);
    const plus = n.children.get('+');
    if (plus) walk(plus, levels, i + 1, out);
  };
  return {
    add(filter: string, value: T): void {
      let n = root;
      for (const level of filter.split('/')) {
        if (level === '#') {
          n.rest.push(value);
          return;
        }
        let next = n.children.get(level);
        if (!next) {
          next = node<T>();
          n.children.set(level, next);
        }
        n = next;
      }
      n.here.push(value);
    },
    /** Every value one of whose filters matches the topic (as `matchesFilter` decides), each once. */
    match(topic: string): Set<T> {
      const out = new Set<T>();
      walk(root, topic.split('/'), 0, out);
      return out;
    },
  };
}

/** At most this many topics are remembered (a flood of made-up topics must not grow memory without end). */
const maxRemembered = 100_000;

export function createTopicOwners<T extends { readonly route: { readonly filters: readonly string[] } }>(
  all: ReadonlyMap<string, T>,
) {
  const index = createFilterIndex<T>();
  const rank = new Map<T, number>();
  for (const t of all.values()) {
    rank.set(t, rank.size);
    for (const f of t.route.filters) index.add(f, t);
  }
  const owners = new Map<string, T>();
  return {
    /** The devices to ask: the topic's last owner, then those whose filters match, in configuration order. */
    *candidates(topic: string): Generator<T> {
      const known = owners.get(topic);
      if (known) yield known;
      const hits = [...index.match(topic)].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
      for (const t of hits) if (t !== known) yield t;
    },
    /** The device that decoded the topic: asked first next time. */
    claimed(topic: string, t: T): void {
      if (owners.get(topic) !== t && owners.size < maxRemembered) owners.set(topic, t);
    },
  };
}
