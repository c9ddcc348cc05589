import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseConfig } from '../../src/config/load.js';
import { Secret } from '../../src/config/secret.js';
import { probeIpp } from '../../src/probes/ipp/probe.js';
import { readDevice } from '../../src/probes/snmp/read-device.js';
import {
  encodeIpp,
  httpResponse,
  int,
  kw,
  type ReplayServer,
  requestIdOf,
  startReplayServer,
} from '../helpers/ipp-replay.js';
import { device, zoneConfig } from './helpers/daemon.js';
import { type InputOutcome, Tally } from './helpers/summary.js';
import { malformedAnswers, startGarbageAgent, type UdpPeer } from './helpers/udp-agents.js';

/**
 * Bad input on the wire and in the config: malformed BER from a UDP server of our own, malformed IPP
 * from a TCP server of our own (both on 127.0.0.1), and config files fuzzed with fast-check. Each input
 * is counted by what became of it before anything is asserted.
 */
const tally = new Tally('wire-and-config-input');
const peers: Array<UdpPeer | ReplayServer> = [];
afterAll(async () => {
  for (const p of peers) await p.close();
  tally.save();
});

/** A malformed answer must come back as "unreachable" or as a reading that carries a problem. */
function observationOutcome(o: { reachable: boolean; problem?: { message: string } }): InputOutcome {
  if (!o.reachable) return (o.problem?.message.length ?? 0) > 0 ? 'refused' : 'mishandled';
  return o.problem !== undefined ? 'refused' : 'accepted';
}

describe('malformed SNMP answers (BER of our own making)', () => {
  it('every malformed answer gives an unreachable or problem-carrying observation, never an exception', async () => {
    // Each request gets the next malformation of its own bytes (truncated, wrong tags, huge lengths …).
    const agent = await startGarbageAgent((req, n) => {
      const all = malformedAnswers(req);
      return all[n % all.length] ?? null;
    });
    peers.push(agent);
    const mark = tally.mark();
    const rounds = malformedAnswers(Buffer.alloc(8)).length * 2;
    for (let i = 0; i < rounds; i++) {
      try {
        const r = await readDevice(
          {
            host: '127.0.0.1',
            port: agent.port,
            version: '2c',
            community: new Secret('public', 'test'),
            timeoutMs: 150,
            retries: 0,
          },
          { deviceId: 'pc-bad', now: Date.now },
        );
        const outcome =
          r.observation.deviceId === 'pc-bad' ? observationOutcome(r.observation) : 'mishandled';
        tally.mustRefuse(`malformed BER answer ${i}`, outcome, JSON.stringify(r.observation).slice(0, 300));
      } catch (err) {
        tally.input(`malformed BER answer ${i}`, 'crashed', String(err));
      }
    }
    expect(tally.failuresSince(mark)).toEqual([]);
    expect(agent.requests).toBeGreaterThanOrEqual(rounds);
  }, 60_000);
});

describe('malformed IPP answers (a TCP server of our own)', () => {
  it('truncated, lying lengths, wrong tags, HTTP errors, non-IPP bodies: unreachable with a problem, never a throw', async () => {
    const valid = (id: number) =>
      encodeIpp({
        status: 0,
        requestId: id,
        printer: [
          ['printer-state', int(3)],
          ['printer-state-reasons', kw('none')],
        ],
      });
    const answers: Array<(req: Buffer) => Buffer> = [
      (q) => httpResponse(200, 'OK', valid(requestIdOf(q)).subarray(0, 12)),
      (q) => {
        const b = Buffer.from(valid(requestIdOf(q)));
        b.writeUInt16BE(0xffff, 11);
        return httpResponse(200, 'OK', b);
      },
      (q) => {
        const b = Buffer.from(valid(requestIdOf(q)));
        b[8] = 0x7f;
        return httpResponse(200, 'OK', b);
      },
      (q) =>
        httpResponse(
          200,
          'OK',
          Buffer.concat([valid(requestIdOf(q)).subarray(0, -1), Buffer.from([0x21, 0, 1])]),
        ),
      () => httpResponse(200, 'OK', Buffer.from('<html>not ipp</html>'), 'text/html'),
      () => httpResponse(500, 'Internal Server Error', Buffer.from('oops'), 'text/plain'),
      () => httpResponse(200, 'OK', Buffer.alloc(0)),
      () => Buffer.from('garbage that is not HTTP\r\n\r\n'),
      (q) => httpResponse(200, 'OK', valid(requestIdOf(q) + 1)),
      () => httpResponse(200, 'OK', Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 53) & 0xff))),
    ];
    let n = 0;
    const server = await startReplayServer((req) =>
      (answers[n++ % answers.length] as (r: Buffer) => Buffer)(req),
    );
    peers.push(server);
    const mark = tally.mark();
    for (let i = 0; i < answers.length; i++) {
      try {
        const r = await probeIpp(
          { deviceId: 'printer-bad', uri: server.uri, timeoutMs: 1500 },
          { now: Date.now },
        );
        tally.mustRefuse(
          `malformed IPP answer ${i}`,
          observationOutcome(r.observation),
          JSON.stringify(r.observation).slice(0, 300),
        );
      } catch (err) {
        tally.input(`malformed IPP answer ${i}`, 'crashed', String(err));
      }
    }
    expect(tally.failuresSince(mark)).toEqual([]);
  }, 60_000);
});

describe('config files fuzzed', () => {
  const base = () =>
    zoneConfig({
      port: 9464,
      dbPath: 'data/z.db',
      devices: [
        device('pc-01', 'pc', {
          snmp: { host: '127.0.0.1', port: 161, version: '2c', community: 'fuzz-community-secret' },
        }),
        device('printer-01', 'printer', { ipp: { uri: 'ipp://127.0.0.1:631/ipp/print' } }),
      ],
    });
  const paths = [
    ['site'],
    ['siteName'],
    ['timezone'],
    ['http', 'listen'],
    ['store', 'path'],
    ['people', 0, 'role'],
    ['people', 0, 'post'],
    ['people', 0, 'notify'],
    ['notifiers', 0, 'url'],
    ['notifiers', 0, 'type'],
    ['api', 'tokens', 0, 'sha256'],
    ['api', 'tokens'],
    ['devices', 0, 'snmp', 'port'],
    ['devices', 0, 'snmp', 'version'],
    ['devices', 0, 'snmp', 'community'],
    ['devices', 0, 'id'],
    ['devices', 1, 'ipp', 'uri'],
    ['devices', 1, 'type'],
    ['officeHours', 'seasons', 0, 'periods'],
    ['officeHours', 'weekdays'],
    ['alerts', 'escalationMinutes'],
    ['hygiene', 'targets', 0, 'id'],
    ['devices'],
    ['people'],
    ['nonsense'],
  ] as const;
  const junk = fc.oneof(
    fc.jsonValue(),
    fc.constantFrom(
      '${UNSET_VAR_FOR_FUZZ}',
      'file:/nonexistent/zoneops-secret',
      '../../etc/passwd',
      '0.0.0.0:80',
      '127.0.0.2',
      '',
      '\u0000',
      '𠜎'.repeat(50),
      '-1',
      '99999999999999999999',
    ),
  );
  const problemLine = /^fuzz\.yaml(:\d+:\d+)?: .+/;
  // "FILE:LINE:COLUMN: path: message" (English; the path names list items from 1 with their id, e.g.
  // "devices #1 (pc-01) snmp.port"), or "FILE: path: message" when the problem has no place in the file.
  const schemaLine = /^fuzz\.yaml(:\d+:\d+)?: [^:]+: .+/;

  /** A refusal counts when it has problems and each is one line "FILE: path: message" without the secret. */
  const configOutcome = (
    r: ReturnType<typeof parseConfig>,
    line: RegExp,
  ): { outcome: InputOutcome; detail: string } => {
    if (r.ok) return { outcome: 'accepted', detail: 'valid' };
    const bad = r.error.filter(
      (p) => !line.test(p) || p.includes('fuzz-community-secret') || p.includes('\n'),
    );
    if (r.error.length === 0) return { outcome: 'mishandled', detail: 'refused without a problem line' };
    if (bad.length > 0)
      return { outcome: 'mishandled', detail: `badly worded: ${JSON.stringify(bad).slice(0, 300)}` };
    return { outcome: 'refused', detail: '' };
  };

  it('a valid config with one field replaced by anything: never throws, each problem is "FILE:LINE:COLUMN: path: message"', () => {
    const mark = tally.mark();
    const samples = fc.sample(
      fc.array(fc.tuple(fc.constantFrom(...paths), junk), { minLength: 1, maxLength: 3 }),
      { numRuns: 300, seed: 42 },
    );
    for (const edits of samples) {
      const data = base() as Record<string, unknown>;
      let applicable = true;
      for (const [path, value] of edits) {
        let at: Record<string | number, unknown> = data;
        for (const k of path.slice(0, -1)) {
          const next = at[k];
          if (typeof next !== 'object' || next === null) applicable = false;
          else at = next as Record<string | number, unknown>;
        }
        if (applicable) at[path[path.length - 1] as string | number] = value;
      }
      // An edit below a field an earlier edit replaced by a scalar has nowhere to go: not an input.
      if (!applicable) continue;
      const what = `config with ${JSON.stringify(edits).slice(0, 200)}`;
      try {
        const r = parseConfig(stringify(data), 'fuzz.yaml', {
          env: {},
          readFile: () => {
            throw new Error('no');
          },
        });
        const o = configOutcome(r, schemaLine);
        tally.input(what, o.outcome, o.detail);
      } catch (err) {
        tally.input(what, 'crashed', String(err));
      }
    }
    expect(tally.failuresSince(mark)).toEqual([]);
  });

  it('random text, YAML syntax junk and alias bombs: never throws, one clear line each', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
      ...Array.from(
        { length: 9 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
      ),
    ].join('\n');
    const fixed = [
      bomb,
      'site: [unclosed',
      'site: a\nsite: b',
      '- a list',
      '42',
      '',
      '\t\tsite:\n  - :',
      'site: !!binary AAAA',
      '? complex\n: key',
      '\uFEFFsite: x',
    ];
    const mark = tally.mark();
    const random = fc.sample(fc.string({ unit: 'grapheme', maxLength: 200 }), { numRuns: 150, seed: 7 });
    for (const text of [...fixed, ...random]) {
      const what = `config text ${JSON.stringify(text.slice(0, 80))}`;
      const t0 = Date.now();
      try {
        const r = parseConfig(text, 'fuzz.yaml', { env: {} });
        const ms = Date.now() - t0;
        const o = configOutcome(r, problemLine);
        // An alias bomb that takes seconds to refuse is a hang in all but name.
        if (ms >= 2000) tally.input(what, 'crashed', `took ${ms} ms`);
        else tally.mustRefuse(what, o.outcome, o.detail);
      } catch (err) {
        tally.input(what, 'crashed', String(err));
      }
    }
    expect(tally.failuresSince(mark)).toEqual([]);
  });
});
