import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/clock.js';
import type { Observation } from '../../../src/domain/observation.js';
import { defaultSupplyThresholds } from '../../../src/domain/supply-rules.js';
import { createLogger } from '../../../src/log.js';
import { createPollLoop } from '../../../src/probes/poll-loop.js';
import { MemoryBaselineStore } from '../../../src/probes/snmp/baseline-store.js';
import { createSnmpRead } from '../../../src/probes/snmp/poll.js';
import { readDevice } from '../../../src/probes/snmp/read-device.js';
import type { SnmpTarget } from '../../../src/probes/snmp/transport.js';
import { waitUntil } from '../../helpers/proc.js';
import { type RawAgent, type RawVarbind, startRawAgent } from './raw-agent.js';
import { community, ownFixtures, type Snmpsim, startSnmpsim } from './snmpsim.js';

const supplies = '1.3.6.1.2.1.43.11.1.1';
const system = (descr: string, enterprise: string): RawVarbind[] => [
  ['1.3.6.1.2.1.1.1.0', { t: 'str', v: descr }],
  ['1.3.6.1.2.1.1.2.0', { t: 'oid', v: enterprise }],
  ['1.3.6.1.2.1.1.3.0', { t: 'int', v: 100 }],
  ['1.3.6.1.2.1.1.5.0', { t: 'str', v: 'printer' }],
];
/** The supplies rows as a LaserJet sends them: not in OID order. */
const shuffled: RawVarbind[] = [
  [`${supplies}.6.1.1`, { t: 'str', v: 'Black Cartridge' }],
  [`${supplies}.8.1.1`, { t: 'int', v: 100 }],
  [`${supplies}.6.1.2`, { t: 'str', v: 'Cyan Cartridge' }],
  [`${supplies}.9.1.1`, { t: 'int', v: 50 }],
  [`${supplies}.8.1.2`, { t: 'int', v: 100 }],
  [`${supplies}.9.1.2`, { t: 'int', v: 25 }],
];

function outOfOrderAgent(descr: string, enterprise: string) {
  return startRawAgent((pdu, oids) => {
    if (pdu === 'get') return system(descr, enterprise);
    const start = oids[0] ?? '';
    if (start === supplies) return shuffled;
    return [[start, { t: 'endOfMibView' }]];
  });
}

const agents: RawAgent[] = [];
let sim: Snmpsim;
beforeAll(async () => {
  sim = await startSnmpsim(ownFixtures, 'bad-types');
});
afterAll(async () => {
  await Promise.all(agents.map((a) => a.close()));
  await sim?.stop();
});

const target = (port: number, timeoutMs = 1000): SnmpTarget => ({
  host: '127.0.0.1',
  port,
  version: '2c',
  community: community('public'),
  timeoutMs,
  retries: 0,
});
const read = (port: number, timeoutMs?: number) =>
  readDevice(target(port, timeoutMs), { deviceId: 'p', kindHint: 'printer', now: Date.now });

describe('agents that misbehave', () => {
  it('LaserJet answering out of order: the whole table is read (like snmpbulkwalk -Cc)', async () => {
    const a = await outOfOrderAgent('HP ETHERNET MULTI-ENVIRONMENT', '1.3.6.1.4.1.11.2.3.9.1');
    agents.push(a);
    const r = await read(a.port);
    expect(r.quirks).toContain('laserjet-out-of-order');
    expect(
      r.observation.printer?.supplies.map((s) => [s.index, s.description, s.level, s.max, s.percent]),
    ).toEqual([
      [1, 'Black Cartridge', 50, 100, 50],
      [2, 'Cyan Cartridge', 25, 100, 25],
    ]);
    expect(r.observation.problem).toBeUndefined();
  });

  it('any other agent answering out of order: partial data with a clear note, no crash', async () => {
    const a = await outOfOrderAgent('Generic Printer', '1.3.6.1.4.1.99999');
    agents.push(a);
    const r = await read(a.port);
    expect(r.observation.reachable).toBe(true);
    expect(r.observation.problem?.message).toContain('out of order');
  });

  it('noSuchObject/endOfMibView everywhere: reachable, with a problem saying so', async () => {
    const a = await startRawAgent((pdu, oids) =>
      oids.map((o) => [o, pdu === 'get' ? { t: 'noSuchObject' } : { t: 'endOfMibView' }] as RawVarbind),
    );
    agents.push(a);
    const r = await readDevice(target(a.port), { deviceId: 'e', now: Date.now });
    expect(r.observation.reachable).toBe(true);
    expect(r.observation.problem?.message).toContain('no sysDescr');
    expect(r.observation.printer).toBeUndefined();
  });

  it('an agent repeating the same OID forever: the walk stops, the poll ends', async () => {
    const a = await startRawAgent((pdu) =>
      pdu === 'get'
        ? system('HP LaserJet', '1.3.6.1.4.1.11')
        : [[`${supplies}.9.1.1`, { t: 'int', v: 5 }] as RawVarbind],
    );
    agents.push(a);
    const r = await read(a.port);
    expect(r.observation.reachable).toBe(true);
    expect(r.observation.problem?.message).toContain('loop');
  });

  it('an agent answering endless rows of long strings: the poll stops at its byte budget, the rest is skipped', async () => {
    // Every walk gets 20 more rows of 2,000 bytes after whatever OID it asks for, in the same subtree.
    const a = await startRawAgent((pdu, oids) => {
      if (pdu === 'get') return system('Hostile PC', '1.3.6.1.4.1.99999');
      const start = oids[0] ?? '';
      const parts = start.split('.');
      const base = parts.length > 12 ? parts.slice(0, 12).join('.') : start;
      const n = parts.length > 12 ? Number(parts[12]) : 0;
      return Array.from(
        { length: 20 },
        (_, i) => [`${base}.${n + i + 1}`, { t: 'str', v: 'x'.repeat(2000) }] as RawVarbind,
      );
    });
    agents.push(a);
    const budget = 200 * 1024;
    const r = await readDevice(target(a.port), {
      deviceId: 'h',
      kindHint: 'pc',
      now: Date.now,
      limits: { maxBytes: budget },
    });
    expect(r.observation.reachable).toBe(true);
    expect(r.observation.problem?.message).toContain(`more than ${budget} bytes in one poll`);
    // Later subtrees were not walked at all once the budget was spent.
    expect(r.observation.problem?.message).toMatch(/skipped, more than \d+ bytes in one poll/);
  });

  it('an agent that never answers: timeout, not an exception', async () => {
    const a = await startRawAgent(() => null);
    agents.push(a);
    const r = await read(a.port, 200);
    expect(r.observation.reachable).toBe(false);
    expect(r.observation.problem?.reason).toBe('timeout');
  });

  it('wrong types and truncated tables (bad-types.snmprec via snmpsim): partial data, named', async () => {
    const r = await readDevice(
      { ...target(sim.port), community: community('bad-types') },
      { deviceId: 'b', kindHint: 'printer', now: Date.now },
    );
    expect(r.observation.reachable).toBe(true);
    expect(r.observation.problem?.message).toContain('hrPrinterDetectedErrorState.1 is integer');
  });
});

describe('the poller with a dead device among good ones', () => {
  it('keeps polling the others on time while one never answers', async () => {
    const silent = await startRawAgent(() => null);
    const hp = await outOfOrderAgent('HP ETHERNET MULTI-ENVIRONMENT', '1.3.6.1.4.1.11.2.3.9.1');
    agents.push(silent, hp);
    const seen: Observation[] = [];
    const dev = (id: string, t: SnmpTarget) => ({
      id,
      type: 'printer' as const,
      target: t,
      intervalMs: 1000,
      budgetMs: 30_000,
    });
    const poller = createPollLoop({
      protocol: 'snmp',
      targets: [
        dev('dead', target(silent.port, 1500)),
        dev('hp', target(hp.port)),
        dev('bad', { ...target(sim.port), community: community('bad-types') }),
      ],
      read: createSnmpRead({
        baselines: new MemoryBaselineStore(),
        forbiddenPatterns: [],
        supplies: defaultSupplyThresholds,
        now: () => systemClock.now(),
        logger: createLogger('silent'),
      }),
      clock: systemClock,
      logger: createLogger('silent'),
      onObservation: (o) => seen.push(o),
      maxConcurrent: 2,
      maxBackoffMs: 900_000,
      isAsleep: () => false,
    });
    poller.start();
    try {
      // While "dead" holds one slot for 1.5 s per try, the two others keep getting polled every second.
      await waitUntil(() => seen.filter((o) => o.deviceId === 'hp').length >= 3, 15_000, 'three hp polls');
      await waitUntil(() => seen.some((o) => o.deviceId === 'dead'), 15_000, 'the dead device reported');
    } finally {
      await poller.stop();
    }
    expect(seen.filter((o) => o.deviceId === 'bad').length).toBeGreaterThanOrEqual(2);
    const dead = seen.find((o) => o.deviceId === 'dead');
    expect(dead?.reachable).toBe(false);
    expect(dead?.problem?.reason).toBe('timeout');
  });
});
