import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../../src/app.js';
import { createLogger } from '../../../src/log.js';
import { testConfig } from '../../helpers/config.js';
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
} from '../../helpers/ipp-replay.js';
import { waitUntil } from '../../helpers/proc.js';

/**
 * An IPP-only printer (no SNMP) whose black toner is at 5 % with its own low mark at 10 % (PWG 5100.13
 * marker-levels / marker-low-levels), while its printer-state-reasons say only `none`: the shared
 * supply rule (src/domain/supply-rules.ts) must still raise `toner-low`, through the whole daemon.
 * The answer is our own, built like the replay tests' (test/helpers/ipp-replay.ts).
 */
const answer = (requestId: number) =>
  encodeIpp({
    status: 0,
    requestId,
    printer: [
      ['printer-state', [{ tag: 'enum', value: 3 }]],
      ['printer-state-reasons', kw('none')],
      ['printer-is-accepting-jobs', [{ tag: 'boolean', value: true }]],
      ['queued-job-count', int(0)],
      ['printer-make-and-model', text('Pantum P3300DN')],
      ['marker-names', name('Black Toner')],
      ['marker-types', kw('toner')],
      ['marker-colors', name('#000000')],
      ['marker-levels', int(5)],
      ['marker-low-levels', int(10)],
      ['marker-high-levels', int(100)],
    ],
  });

let server: ReplayServer;
let app: App;
let dir: string;
const clock = new FakeClock('2026-11-26T10:00:00+08:00'); // a Thursday, the zone open

beforeAll(async () => {
  server = await startReplayServer((req) => httpResponse(200, 'OK', answer(requestIdOf(req))));
  dir = mkdtempSync(join(tmpdir(), 'zoneops-ipp-toner-'));
  const config = testConfig({
    site: 'ipptoner',
    siteName: '测试专区',
    officeHours: { seasons: [{ name: '全年', from: '01-01', periods: ['09:00-12:00', '14:00-17:30'] }] },
    people: [{ id: 'staff-a', name: '甲', role: 'staff', post: 'A', notify: [] }],
    devices: [
      {
        id: 'printer-01',
        name: '打印机 P-01',
        type: 'printer',
        location: '查阅区',
        assetNo: 'T-P01',
        vendor: { name: '厂家' },
        serviceProvider: { name: '服务商' },
        responsible: '甲',
        ipp: { uri: server.uri, intervalSeconds: 60, timeoutMs: 2000 },
      },
    ],
  });
  app = createApp({
    config,
    clock,
    logger: createLogger('silent'),
    listen: { host: '127.0.0.1', port: 0 },
    dbPath: join(dir, 'z.db'),
  });
  await app.start();
});

afterAll(async () => {
  await app?.stop();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('an IPP-only printer at its low toner mark', () => {
  it('raises toner-low through the daemon (poll loop → status → faults), naming the supply', async () => {
    await clock.advance(1_000); // the poll loop's first poll
    const faults = async () => {
      const store = app.store;
      return store ? await app.zone?.faults.list({ deviceId: 'printer-01' }) : [];
    };
    await waitUntil(async () => ((await faults()) ?? []).length > 0, 10_000, 'a fault for printer-01');
    const list = (await faults()) ?? [];
    expect(list.map((f) => [f.kind, f.severity, f.state, f.evidence.detail])).toEqual([
      ['toner-low', 'warning', 'open', 'Black Toner'],
    ]);
    // The device itself is up but degraded (a warning condition), in the register the pages show.
    expect((await app.store?.devices.get('printer-01'))?.status).toBe('degraded');
  });
});
