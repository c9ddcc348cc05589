import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeIpp } from '../../../src/probes/ipp/probe.js';
import { type AllDayZone, startAllDayZone } from '../../helpers/all-day-zone.js';
import {
  encodeIpp,
  httpResponse,
  int,
  kw,
  type ReplayServer,
  requestIdOf,
  startReplayServer,
  text,
} from '../../helpers/ipp-replay.js';
import { freePort } from '../../helpers/net.js';
import { waitUntil } from '../../helpers/proc.js';

/**
 * Printers as they really answer, replayed by the test's own IPP server and polled by the whole
 * daemon (createApp), every 5 s:
 * - an HP OfficeJet Pro 7740 / 8710 that parked itself (issue 21, checked against those printers):
 *   printer-state stopped (5), printer-is-accepting-jobs false, printer-state-reasons other-error and
 *   spool-area-full-report. RFC 8011 §5.4.12: "spool-area-full: the limit of persistent storage
 *   allocated for spooling has been reached; the Printer is temporarily unable to accept more jobs";
 *   a CUPS maintainer's own printer reports spool-area-full-report and only a restart clears it
 *   (OpenPrinting/cups PR #364). Expected: printer-stopped (after a second poll) and spool-area-full,
 *   both to the technician, the reasons in Chinese.
 * - a healthy CUPS queue with the reasons CUPS' IPP backend sets together,
 *   "+cups-ipp-conformance-failure-report,cups-ipp-missing-send-document" (OpenPrinting/cups
 *   backend/ipp.c, update_reasons calls): the suffix-less CUPS keyword is a notice, nothing critical.
 * - a Xerox AltaLink whose printer-alert values carry the "printer-alert[0] = " prefix (issue 21), and
 *   an idle one answering printer-alert "none".
 */

const officejet = (id: number) =>
  encodeIpp({
    status: 0,
    requestId: id,
    printer: [
      ['printer-state', [{ tag: 'enum', value: 5 }]],
      ['printer-state-reasons', kw('other-error', 'spool-area-full-report')],
      ['printer-is-accepting-jobs', [{ tag: 'boolean', value: false }]],
      ['queued-job-count', int(0)],
      ['printer-make-and-model', text('HP OfficeJet Pro 8710')],
    ],
  });

const cupsQueue = (id: number) =>
  encodeIpp({
    status: 0,
    requestId: id,
    printer: [
      ['printer-state', [{ tag: 'enum', value: 3 }]],
      ['printer-state-reasons', kw('cups-ipp-conformance-failure-report', 'cups-ipp-missing-send-document')],
      ['printer-is-accepting-jobs', [{ tag: 'boolean', value: true }]],
      ['queued-job-count', int(0)],
      ['printer-make-and-model', text('Local Raw Printer')],
    ],
  });

const xerox = (id: number, alert: string) =>
  encodeIpp({
    status: 0,
    requestId: id,
    printer: [
      ['printer-state', [{ tag: 'enum', value: 3 }]],
      ['printer-state-reasons', kw('none')],
      ['printer-is-accepting-jobs', [{ tag: 'boolean', value: true }]],
      ['printer-make-and-model', text('Xerox AltaLink C8045')],
      ['printer-alert', [{ tag: 'octetString', value: alert }]],
      ['printer-alert-description', text('Paper jam in tray 2')],
    ],
  });

let zone: AllDayZone;
const servers: ReplayServer[] = [];

const device = (id: string, uri: string) => ({
  id,
  name: id === 'hp-01' ? '打印机 P-01' : id,
  type: 'printer',
  location: '一楼查阅区',
  assetNo: `T-${id}`,
  vendor: { name: '惠普', phone: '400-000-0000' },
  serviceProvider: { name: '维修部', phone: '023-0000000' },
  responsible: '甲',
  ipp: { uri, intervalSeconds: 5, timeoutMs: 2000 },
});

interface FaultView {
  deviceId: string;
  kind: string;
  severity: string;
  state: string;
}
interface DeviceView {
  id: string;
  status: string;
  conditions: string[];
}

const api = <T>(path: string) => zone.api<T>(path);
const faults = async () => (await api<{ faults: FaultView[] }>('/faults')).faults;

beforeAll(async () => {
  const serve = async (answer: (id: number) => Buffer) => {
    const s = await startReplayServer((req) => httpResponse(200, 'OK', answer(requestIdOf(req))));
    servers.push(s);
    return s.uri;
  };
  const devices = [
    device('hp-01', await serve(officejet)),
    device('cups-01', await serve(cupsQueue)),
    device(
      'xerox-01',
      await serve((id) => xerox(id, 'printer-alert[0] = code=jam;severity=critical;group=mediaPath')),
    ),
    device('xerox-02', await serve((id) => xerox(id, 'none'))),
  ];
  zone = await startAllDayZone({
    site: 'ipptest',
    mqtt: { embedded: { listen: `127.0.0.1:${await freePort()}` } },
    devices,
  });
}, 30_000);

afterAll(async () => {
  await zone?.stop();
  for (const s of servers) await s.close();
});

describe('a stopped printer that refuses jobs reaches the technician', () => {
  it('printer-stopped and spool-area-full are raised for the HP OfficeJet (printer-stopped after a second poll)', async () => {
    await waitUntil(
      async () => (await faults()).some((f) => f.deviceId === 'hp-01' && f.kind === 'printer-stopped'),
      20_000,
      'printer-stopped on hp-01',
    );
    const hp = (await faults()).filter((f) => f.deviceId === 'hp-01');
    expect(hp.map((f) => [f.kind, f.severity, f.state]).sort()).toEqual([
      ['printer-stopped', 'critical', 'open'],
      ['spool-area-full', 'critical', 'open'],
    ]);
  }, 30_000);

  it('the technician is told in Chinese, with the reasons in words and the vendor named', async () => {
    await waitUntil(
      () => zone.hook.accepted.some((r) => (r.json as { kind?: string }).kind === 'printer-stopped'),
      15_000,
      'printer-stopped message',
    );
    const msg = zone.hook.accepted
      .map((r) => r.json as { kind?: string; text: string; to: Array<{ id: string }> })
      .find((m) => m.kind === 'printer-stopped');
    expect(msg?.to.map((t) => t.id)).toEqual(['tech']);
    expect(msg?.text).toContain(
      '打印机 P-01（一楼查阅区）已停止工作且不接受打印任务（其他错误；打印缓存空间已满）',
    );
    expect(msg?.text).toContain('请党政办技术员及时联系厂家和技术服务商。');
    expect(msg?.text).toContain('厂家：惠普 400-000-0000');
    expect(msg?.text).not.toMatch(/other-error|spool-area-full-report/);
  }, 20_000);
});

describe('CUPS keywords and Xerox alerts as the printers send them', () => {
  it('a CUPS queue with cups-ipp-missing-send-document raises nothing critical and stays up', async () => {
    await waitUntil(
      async () => (await api<DeviceView>('/devices/cups-01')).conditions?.length > 0,
      15_000,
      'cups-01 polled',
    );
    const d = await api<DeviceView>('/devices/cups-01');
    expect([...d.conditions].sort()).toEqual([
      'ipp:cups-ipp-conformance-failure',
      'ipp:cups-ipp-missing-send-document',
    ]);
    // Only notices (info): the device is up, not degraded, and no fault is open.
    expect(d.status).toBe('up');
    expect((await faults()).filter((f) => f.deviceId === 'cups-01')).toEqual([]);
  }, 20_000);

  it('the Xerox alert "printer-alert[0] = code=jam;…" reads code jam; "none" is no alert', async () => {
    const [withPrefix, idle] = servers.slice(2);
    const read = (uri: string) => probeIpp({ deviceId: 'x', uri, timeoutMs: 2000 }, { now: Date.now });
    expect((await read(withPrefix?.uri ?? '')).reading?.alerts).toEqual([
      { code: 'jam', severity: 'critical', group: 'mediaPath', description: 'Paper jam in tray 2' },
    ]);
    expect((await read(idle?.uri ?? '')).reading?.alerts).toEqual([]);
    const d = await api<DeviceView>('/devices/xerox-02');
    expect(d.status).toBe('up');
  }, 20_000);
});
