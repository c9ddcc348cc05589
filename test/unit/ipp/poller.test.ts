import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../../src/domain/observation.js';
import { createLogger } from '../../../src/log.js';
import { createIppPoller } from '../../../src/probes/ipp/poller.js';
import type { IppProbeResult, IppTarget } from '../../../src/probes/ipp/probe.js';
import { FakeClock } from '../../helpers/fake-clock.js';

const ipp = (uri: string) => ({ uri, intervalSeconds: 60, timeoutMs: 5000 });
const up = (deviceId: string, at: number): IppProbeResult => ({
  observation: { deviceId, source: 'ipp', at, reachable: true, conditions: [] },
  reading: null,
});
const down = (deviceId: string, at: number): IppProbeResult => ({
  observation: {
    deviceId,
    source: 'ipp',
    at,
    reachable: false,
    conditions: [],
    problem: { reason: 'refused', message: 'refused' },
  },
  reading: null,
});

function logCapture() {
  const lines: Array<{ msg: string; deviceId?: string }> = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(JSON.parse(String(chunk)) as { msg: string });
      cb();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

describe('createIppPoller', () => {
  it('polls each device on its own interval; a hanging device delays only itself', async () => {
    const clock = new FakeClock('2026-03-02T09:00:00+08:00');
    const seen: Observation[] = [];
    const probe = (t: IppTarget, deps: { now: () => number; signal?: AbortSignal }) =>
      t.deviceId === 'slow'
        ? new Promise<IppProbeResult>((resolve) =>
            deps.signal?.addEventListener('abort', () => resolve(down('slow', deps.now()))),
          )
        : Promise.resolve(up(t.deviceId, deps.now()));
    const poller = createIppPoller({
      devices: [
        { id: 'slow', ipp: ipp('ipp://127.0.0.1:1/') },
        { id: 'fast', ipp: ipp('ipp://127.0.0.1:2/') },
        { id: 'pc' },
      ],
      clock,
      logger: createLogger('silent'),
      onObservation: (o) => seen.push(o),
      probe,
    });
    await poller.start();
    await clock.advance(0);
    await clock.advance(60_000);
    await clock.advance(60_000);
    expect(seen.map((o) => [o.deviceId, o.at - clock.now()])).toEqual([
      ['fast', -120_000],
      ['fast', -60_000],
      ['fast', 0],
    ]);
    await poller.stop();
    expect(clock.pendingTimers).toBe(0);
  });

  it('logs a fall once and a recovery once; a throwing probe or consumer is logged and polling goes on', async () => {
    const clock = new FakeClock('2026-03-02T09:00:00+08:00');
    const script = ['down', 'down', 'throw', 'up', 'up'];
    let n = 0;
    const { lines, logger } = logCapture();
    const seen: boolean[] = [];
    const poller = createIppPoller({
      devices: [{ id: 'mfp-01', ipp: ipp('ipp://127.0.0.1:1/') }],
      clock,
      logger,
      onObservation: (o) => {
        seen.push(o.reachable);
        if (seen.length === 1) throw new Error('consumer bug');
      },
      probe: async (t, deps) => {
        const step = script[n++];
        if (step === 'throw') throw new Error('probe bug');
        return step === 'up' ? up(t.deviceId, deps.now()) : down(t.deviceId, deps.now());
      },
    });
    await poller.start();
    for (let i = 0; i < 5; i++) await clock.advance(i === 0 ? 0 : 60_000);
    await poller.stop();
    expect(seen).toEqual([false, false, true, true]);
    expect(lines.map((l) => l.msg).filter((m) => m !== 'IPP poller started')).toEqual([
      'IPP device unreachable',
      'IPP poll failed unexpectedly',
      'IPP poll failed unexpectedly',
      'IPP device reachable again',
    ]);
  });
});
