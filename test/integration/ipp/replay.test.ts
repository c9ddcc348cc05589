import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '../../../src/domain/observation.js';
import { defaultSupplyThresholds } from '../../../src/domain/supply-rules.js';
import { createLogger } from '../../../src/log.js';
import { createIppRead } from '../../../src/probes/ipp/poll.js';
import { probeIpp } from '../../../src/probes/ipp/probe.js';
import { createPollLoop } from '../../../src/probes/poll-loop.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import {
  encodeIpp,
  httpResponse,
  int,
  kw,
  name,
  type ReplayServer,
  requestIdOf,
  startReplayServer,
  text,
  withRequestId,
} from '../../helpers/ipp-replay.js';
import { waitUntil } from '../../helpers/proc.js';

const fixtures = join(import.meta.dirname, '../../../../shared/fixtures/ipp');
const now = () => Date.parse('2026-03-02T09:00:00+08:00');
const probe = (uri: string, timeoutMs = 2000) => probeIpp({ deviceId: 'p1', uri, timeoutMs }, { now });

// A copier that is stopped, with -error reasons and offline: states ippeveprinter cannot produce.
const stoppedCopier = (requestId: number) =>
  encodeIpp({
    status: 0,
    requestId,
    printer: [
      ['printer-state', [{ tag: 'enum', value: 5 }]],
      [
        'printer-state-reasons',
        kw(
          'media-jam-error',
          'offline-report',
          'toner-empty-error',
          'fuser-over-temp-warning',
          'developer-low-report',
        ),
      ],
      ['printer-state-message', text('卡纸：纸盒 2')],
      ['printer-is-accepting-jobs', [{ tag: 'boolean', value: false }]],
      ['queued-job-count', int(3)],
      ['printer-make-and-model', text('Kyocera TASKalfa 3253ci')],
      ['printer-uuid', [{ tag: 'uri', value: 'urn:uuid:00000000-0000-4000-8000-000000000001' }]],
      ['printer-up-time', int(86400)],
      ['printer-impressions-completed', int(123456)],
      ['printer-media-sheets-completed', int(100000)],
      ['marker-names', name('Black Toner', 'Waste Toner Box', 'Cyan Toner')],
      ['marker-types', kw('toner', 'waste-toner', 'toner')],
      ['marker-colors', name('#000000', 'none', '#00FFFF')],
      ['marker-levels', int(0, 100, -3)],
      ['marker-low-levels', int(10, 0, 10)],
      ['marker-high-levels', int(100, 90, 100)],
      ['printer-alert', [{ tag: 'octetString', value: 'code=jam;severity=critical;group=mediaPath' }]],
      ['printer-alert-description', text('Paper jam in tray 2')],
    ],
  });

describe('IPP probe against a replay server', () => {
  const servers: ReplayServer[] = [];
  const serve = async (answer: Parameters<typeof startReplayServer>[0]) => {
    const s = await startReplayServer(answer);
    servers.push(s);
    return s;
  };
  afterAll(async () => {
    for (const s of servers) await s.close();
  });

  it('reads stopped, -error reasons, offline, counters and special marker levels', async () => {
    const s = await serve((req) => httpResponse(200, 'OK', stoppedCopier(requestIdOf(req))));
    const { observation, reading } = await probe(s.uri);
    expect(observation.reachable).toBe(true);
    expect(reading?.state).toBe('stopped');
    expect(reading?.reasons).toEqual([
      { keyword: 'media-jam', severity: 'error' },
      { keyword: 'offline', severity: 'report' },
      { keyword: 'toner-empty', severity: 'error' },
      { keyword: 'fuser-over-temp', severity: 'warning' },
      { keyword: 'developer-low', severity: 'report' },
    ]);
    expect(observation.conditions).toEqual([
      { name: 'jam', severity: 'critical', detail: 'media-jam-error' },
      { name: 'offline', severity: 'critical', detail: 'offline-report' },
      // The reason and the marker at 0 % say the same (src/domain/supply-rules.ts): one condition, both details.
      { name: 'toner-out', severity: 'critical', detail: 'toner-empty-error; Black Toner' },
      { name: 'service-requested', severity: 'critical', detail: 'fuser-over-temp-warning' },
      { name: 'ipp:developer-low', severity: 'info', detail: 'developer-low-report' },
      // The waste box's marker is at 100 of 100: full, though no reason says so.
      { name: 'waste-full', severity: 'critical', detail: 'Waste Toner Box' },
    ]);
    expect(observation.printer).toMatchObject({
      status: 'stopped',
      acceptingJobs: false,
      queuedJobs: 3,
      pageCount: 123456,
      message: '卡纸：纸盒 2',
      alerts: [{ code: 'jam', severity: 'critical', group: 'mediaPath', description: 'Paper jam in tray 2' }],
    });
    expect(reading?.counters).toEqual({ impressions: 123456, pages: null, mediaSheets: 100000 });
    expect(reading?.uuid).toBe('urn:uuid:00000000-0000-4000-8000-000000000001');
    expect(reading?.upTimeSeconds).toBe(86400);
    expect(reading?.markers.map((m) => [m.name, m.level, m.percent, m.state, m.receptacle])).toEqual([
      ['Black Toner', 0, 0, 'empty', false],
      ['Waste Toner Box', 100, 100, 'empty', true],
      ['Cyan Toner', -3, null, 'some-remaining', false],
    ]);
  });

  it('replays a real printer’s recorded answer (get-printer-attributes-hp6830.bin)', async () => {
    const recorded = readFileSync(join(fixtures, 'get-printer-attributes-hp6830.bin'));
    const s = await serve((req) => httpResponse(200, 'OK', withRequestId(recorded, requestIdOf(req))));
    const { reading } = await probe(s.uri);
    expect(reading?.makeAndModel).toBe('HP Officejet Pro 6830');
    expect(reading?.reasons).toEqual([{ keyword: 'marker-supply-low', severity: 'warning' }]);
  });

  it('IPP error status: asks again in IPP 1.1, then a clear problem (get-printer-attributes-error-0x0503.bin)', async () => {
    const recorded = readFileSync(join(fixtures, 'get-printer-attributes-error-0x0503.bin'));
    const s = await serve((req) => httpResponse(200, 'OK', withRequestId(recorded, requestIdOf(req))));
    const { observation, reading } = await probe(s.uri);
    expect(reading).toBeNull();
    expect(observation.reachable).toBe(false);
    expect(observation.problem).toEqual({
      reason: 'protocol',
      message: `127.0.0.1:${s.port} answered IPP 1.1 Get-Printer-Attributes with server-error-version-not-supported (0x0503)`,
    });
    // First request in IPP 2.0, the second in 1.1 (version bytes of what the server received).
    expect(s.requests.map((r) => `${r[0]}.${r[1]}`)).toEqual(['2.0', '1.1']);
  });

  it('a printer that only speaks IPP 1.1 is read on the second try', async () => {
    const s = await serve((req) =>
      httpResponse(
        200,
        'OK',
        req[0] === 2
          ? encodeIpp({ status: 0x0503, requestId: requestIdOf(req), printer: [], version: [1, 1] })
          : stoppedCopier(requestIdOf(req)),
      ),
    );
    const { reading } = await probe(s.uri);
    expect(reading?.state).toBe('stopped');
  });

  it('HTTP 500 → protocol problem naming the status', async () => {
    const s = await serve(() =>
      httpResponse(500, 'Internal Server Error', Buffer.from('oops'), 'text/plain'),
    );
    const { observation } = await probe(s.uri);
    expect(observation.problem).toEqual({
      reason: 'protocol',
      message: `HTTP 500 Internal Server Error from 127.0.0.1:${s.port}/ipp/print (not an IPP printer at this URI?)`,
    });
  });

  it('garbage instead of HTTP → protocol problem', async () => {
    const s = await serve(() => Buffer.from('\x00\xff garbage garbage garbage\r\n\r\n', 'latin1'));
    const { observation } = await probe(s.uri);
    expect(observation.reachable).toBe(false);
    expect(observation.problem?.reason).toBe('protocol');
    expect(observation.problem?.message).toMatch(
      new RegExp(`^127\\.0\\.0\\.1:${s.port} did not answer with HTTP \\(HPE_`),
    );
  });

  it('garbage inside HTTP 200 → protocol problem', async () => {
    const s = await serve(() => httpResponse(200, 'OK', Buffer.from('<html>not ipp</html>')));
    const { observation } = await probe(s.uri);
    expect(observation.problem).toEqual({
      reason: 'protocol',
      message: `bad IPP answer from 127.0.0.1:${s.port}: not an IPP message (version 60.104) (at byte 0)`,
    });
  });

  it('truncated IPP message → protocol problem (get-printer-attributes-epsonxp6000.bin cut at 5000 bytes)', async () => {
    const recorded = readFileSync(join(fixtures, 'get-printer-attributes-epsonxp6000.bin'));
    const s = await serve((req) =>
      httpResponse(200, 'OK', withRequestId(recorded, requestIdOf(req)).subarray(0, 5000)),
    );
    const { observation } = await probe(s.uri);
    expect(observation.problem?.reason).toBe('protocol');
    expect(observation.problem?.message).toMatch(
      /^bad IPP answer from 127\.0\.0\.1:\d+: message truncated in .* \(at byte \d+\)$/,
    );
  });

  it('connection cut in the middle of the body → protocol problem', async () => {
    const s = await serve((req) => httpResponse(200, 'OK', stoppedCopier(requestIdOf(req))).subarray(0, 200));
    const { observation } = await probe(s.uri);
    expect(observation.problem).toEqual({
      reason: 'protocol',
      message: `127.0.0.1:${s.port} closed the connection before a complete HTTP answer`,
    });
  });

  it('an answer for another request → protocol problem', async () => {
    const s = await serve((req) => httpResponse(200, 'OK', stoppedCopier(requestIdOf(req) + 1)));
    const { observation } = await probe(s.uri);
    expect(observation.problem?.message).toMatch(
      /^IPP answer from 127\.0\.0\.1:\d+ is for request \d+, not \d+$/,
    );
  });

  it('never answers → timeout problem after the device’s timeout', async () => {
    const s = await serve(() => null);
    const started = Date.now();
    const { observation } = await probe(s.uri, 400);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(observation.problem).toEqual({
      reason: 'timeout',
      message: `no answer from 127.0.0.1:${s.port} within 400 ms`,
    });
  });

  it('nothing listening → refused', async () => {
    const s = await serve(() => null);
    await s.close();
    const { observation } = await probe(s.uri);
    expect(observation.problem).toEqual({
      reason: 'refused',
      message: `connection refused by 127.0.0.1:${s.port} (printer off or IPP disabled?)`,
    });
  });
});

describe('IPP poller with bad and good devices', () => {
  let good: ReplayServer;
  let silent: ReplayServer;
  let broken: ReplayServer;
  beforeAll(async () => {
    good = await startReplayServer((req) => httpResponse(200, 'OK', stoppedCopier(requestIdOf(req))));
    silent = await startReplayServer(() => null);
    broken = await startReplayServer(() => httpResponse(500, 'Internal Server Error', Buffer.from('')));
  });
  afterAll(async () => {
    await Promise.all([good.close(), silent.close(), broken.close()]);
  });

  it('keeps polling the good device while another never answers and a third fails', async () => {
    const clock = new FakeClock('2026-03-02T09:00:00+08:00');
    const seen: Array<{ obs: Observation }> = [];
    // The budget is left long: the silent device ends at its own 3 s probe timeout (real time).
    const ipp = (id: string, uri: string, timeoutMs: number) => ({
      id,
      intervalMs: 10_000,
      budgetMs: 60_000,
      target: { deviceId: id, uri, timeoutMs },
    });
    const poller = createPollLoop({
      protocol: 'ipp',
      targets: [
        ipp('silent', silent.uri, 3000),
        ipp('good', good.uri, 3000),
        ipp('broken', broken.uri, 3000),
      ],
      read: createIppRead({ now: () => clock.now(), supplies: defaultSupplyThresholds }),
      clock,
      logger: createLogger('silent'),
      onObservation: (obs) => seen.push({ obs }),
      maxConcurrent: 32,
      maxBackoffMs: 900_000,
      isAsleep: () => false,
      jitter: 0,
    });
    poller.start();
    // The first polls are spread over the first 10 s (silent at 0, good at 3.3 s, broken at 6.7 s).
    await clock.advance(10_000);
    // The silent device's probe hangs (until its 3 s timeout) while the others are answered.
    await waitUntil(
      () => seen.some((s) => s.obs.deviceId === 'good') && seen.some((s) => s.obs.deviceId === 'broken'),
      2500,
    );
    expect(seen.some((s) => s.obs.deviceId === 'silent')).toBe(false);
    await clock.advance(10_000);
    await waitUntil(
      () => seen.filter((s) => s.obs.deviceId === 'good').length >= 2,
      2500,
      'second poll of good',
    );
    await waitUntil(() => seen.some((s) => s.obs.deviceId === 'silent'), 5000, 'silent to time out');
    const silentObs = seen.find((s) => s.obs.deviceId === 'silent')?.obs;
    expect(silentObs?.problem).toEqual({
      reason: 'timeout',
      message: `no answer from 127.0.0.1:${silent.port} within 3000 ms`,
    });
    expect(seen.find((s) => s.obs.deviceId === 'broken')?.obs.problem?.message).toMatch(/^HTTP 500 /);
    expect(seen.find((s) => s.obs.deviceId === 'good')?.obs.conditions.map((c) => c.name)).toContain('jam');
    await poller.stop();
  });
});
