import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultAgentTemplates } from '../../../src/config/sections/mqtt.js';
import { deviceRoute } from '../../../src/mqtt/dialects/route.js';
import type { Decoded, MqttFamily } from '../../../src/mqtt/dialects/types.js';
import { matchesFilter } from '../../../src/mqtt/topic-filter.js';

const ctx = { site: 'demo', clientId: 'zoneops-demo', agent: defaultAgentTemplates };
const devices: Array<{ family: MqttFamily; topic: string }> = [
  { family: 'tasmota', topic: 'p1' },
  { family: 'shelly1', topic: 's1' },
  { family: 'shelly2', topic: 's2' },
  { family: 'agent', topic: 'PC' },
  { family: 'generic', topic: 'zoneops/demo/devices/k/telemetry' },
];
const routes = devices.map((d, i) => {
  const r = deviceRoute(`d${i}`, d, ctx);
  if ('problem' in r) throw new Error(r.problem);
  return r;
});
const topics = [
  'tele/p1/LWT',
  'tele/p1/STATE',
  'tele/p1/SENSOR',
  'stat/p1/POWER',
  'stat/p1/RESULT',
  'stat/p1/STATUS8',
  'shellies/s1/online',
  'shellies/s1/relay/0',
  'shellies/s1/relay/0/power',
  'shellies/s1/relay/0/energy',
  's2/online',
  's2/status/switch:0',
  's2/events/rpc',
  'zoneops-demo_d2/rpc',
  'homeassistant/switch/PC/shutdown/config',
  'homeassistant/button/PC/restart/config',
  'homeassistant/switch/PC/shutdown/state',
  'homeassistant/sensor/PC/availability',
  'homeassistant/sensor/PC/cpu/state',
  'zoneops/demo/devices/k/telemetry',
];

/** Every update must hold only well-typed values: what a bad payload can never produce. */
function assertSane(d: Decoded | null): void {
  if (d?.kind === 'learned' && d.learned !== null) {
    // a learned command topic is always the agent's own and a plain topic
    expect(d.learned.topic.startsWith('homeassistant/')).toBe(true);
    expect(d.learned.topic.split('/')[2]).toBe('PC');
    expect(d.learned.topic).not.toMatch(/[+#]/);
    return;
  }
  if (d === null || d.kind !== 'update') return;
  const u = d.update;
  if (u.online !== undefined) expect(typeof u.online).toBe('boolean');
  if (u.relay !== undefined) expect(['on', 'off']).toContain(u.relay);
  for (const n of [u.watts, u.energyKWh]) {
    if (n !== undefined) expect(Number.isFinite(n) && n >= 0).toBe(true);
  }
  if (u.deviceOn !== undefined) expect(typeof u.deviceOn).toBe('boolean');
}

const decodeAll = (topic: string, payload: Uint8Array) => {
  for (const r of routes) {
    const d = r.decode(topic, payload);
    if (d !== null) return d;
  }
  return null;
};

/** Hostile JSON: the right keys with wrong types, deep nesting, prototype keys. */
const hostileValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double(),
  fc.constantFrom(Number.NaN, -1, 1e308, '12', 'ON', 'on', 'true', ''),
  fc.string(),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.anything(), { maxKeys: 3 }),
);
const hostileObject = fc.record(
  {
    POWER: hostileValue,
    POWER1: hostileValue,
    ENERGY: fc.oneof(hostileValue, fc.record({ Power: hostileValue, Total: hostileValue })),
    StatusSNS: fc.oneof(hostileValue, fc.record({ ENERGY: fc.record({ Power: hostileValue }) })),
    output: hostileValue,
    apower: hostileValue,
    aenergy: fc.oneof(hostileValue, fc.record({ total: hostileValue })),
    method: fc.constantFrom('NotifyStatus', 'x', 1),
    params: fc.oneof(hostileValue, fc.record({ 'switch:0': hostileValue })),
    online: hostileValue,
    relay: hostileValue,
    watts: hostileValue,
    energyKWh: hostileValue,
    deviceOn: hostileValue,
    conditions: hostileValue,
    errors: fc.oneof(hostileValue, fc.constant(['overpower']), fc.array(fc.string(), { maxLength: 3 })),
    id: fc.oneof(hostileValue, fc.integer({ min: 0, max: 5 })),
    result: fc.oneof(hostileValue, fc.record({ output: hostileValue, apower: hostileValue })),
    error: hostileValue,
    name: fc.oneof(hostileValue, fc.constantFrom('shutdown', 'restart')),
    command_topic: fc.oneof(
      hostileValue,
      fc.constantFrom(
        'homeassistant/switch/PC/shutdown/set',
        'homeassistant/switch/OTHER/shutdown/set',
        'cmnd/p1/POWER',
        'homeassistant/switch/PC/#',
      ),
    ),
    state_topic: hostileValue,
    device: fc.oneof(
      hostileValue,
      fc.record({ name: fc.oneof(hostileValue, fc.constantFrom('PC', 'OTHER')) }),
    ),
    payload_on: hostileValue,
    __proto__: hostileValue,
  },
  { requiredKeys: [] },
);

describe('payload handlers under fuzzing (fast-check)', () => {
  it('random bytes on every topic: never a throw, never an ill-typed reading', () => {
    fc.assert(
      fc.property(fc.constantFrom(...topics), fc.uint8Array({ maxLength: 512 }), (topic, bytes) => {
        assertSane(decodeAll(topic, bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('hostile JSON with the right keys and wrong types: never a throw, never an ill-typed reading', () => {
    fc.assert(
      fc.property(fc.constantFrom(...topics), hostileObject, (topic, obj) => {
        const d = decodeAll(topic, new TextEncoder().encode(JSON.stringify(obj)));
        assertSane(d);
      }),
      { numRuns: 2000 },
    );
  });

  it('random topics never match a device they do not belong to and never throw', () => {
    // A topic is a device's only when its own topic is one of the levels (generic: the whole topic).
    const owns = (i: number, topic: string) => {
      const d = devices[i] as { family: MqttFamily; topic: string };
      if (d.family === 'generic') return topic === d.topic;
      // A Gen2 Shelly answers zoneops' RPC on `<src>/rpc`, src = the client id and the device id
      // (src/mqtt/dialects/shelly-gen2.ts): that reply topic is the device's too.
      if (d.family === 'shelly2' && topic === `${ctx.clientId}_d${i}/rpc`) return true;
      return topic.split('/').includes(d.topic);
    };
    // Random strings, and the devices' own topic shapes with someone else's name in them.
    const foreign = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc
        .tuple(fc.constantFrom(...topics), fc.constantFrom('p2', 's3', 'PC2', 'x', '+', '#', ''))
        .map(([t, other]) => t.replace(/\b(p1|s1|s2|PC|k)\b/, other)),
      fc
        .tuple(
          fc.constantFrom('tele', 'stat', 'shellies', 'homeassistant/sensor', 'zoneops/demo/devices'),
          fc.string(),
        )
        .map(([prefix, rest]) => `${prefix}/${rest}`),
    );
    fc.assert(
      fc.property(foreign, fc.string({ maxLength: 40 }), (topic, text) => {
        const payload = new TextEncoder().encode(text);
        for (const [i, r] of routes.entries()) {
          const d = r.decode(topic, payload);
          if (!owns(i, topic)) expect(d, `${devices[i]?.family} claimed ${topic}`).toBeNull();
          // A decoder takes only topics its own subscriptions bring (the link finds a message's device
          // through the devices' filters, src/mqtt/topic-owners.ts).
          if (d !== null)
            expect(
              r.filters.some((f) => matchesFilter(f, topic)),
              topic,
            ).toBe(true);
          assertSane(d);
        }
      }),
      { numRuns: 2000 },
    );
    // And each device's own topics are its (so the check above is not vacuous).
    for (const t of topics) {
      const claimed = routes.flatMap((r, i) =>
        r.decode(t, new TextEncoder().encode('{}')) !== null ? [i] : [],
      );
      expect(claimed, t).toHaveLength(1);
      expect(owns(claimed[0] as number, t), t).toBe(true);
      expect(
        routes[claimed[0] as number]?.filters.some((f) => matchesFilter(f, t)),
        t,
      ).toBe(true);
    }
  });

  it('1 MB of junk is refused by size before parsing, on every topic', () => {
    const junk = new Uint8Array(1024 * 1024).fill(0x7b);
    for (const t of topics) {
      expect(decodeAll(t, junk)).toMatchObject({ kind: 'bad', reason: 'too-large' });
    }
  });

  it('invalid UTF-8 is refused as such', () => {
    expect(decodeAll('stat/p1/POWER', new Uint8Array([0xff, 0xfe, 0x4f]))).toMatchObject({
      reason: 'not-utf8',
    });
  });
});
