import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type IppPrinter, startIppPrinter } from '../../helpers/ipp-peer.js';
import { type Mosquitto, startMosquitto } from '../../helpers/mosquitto.js';
import { type Receiver, startReceiver } from '../../helpers/receivers.js';
import { localClock, ShiftedClock, shanghai } from './clock.js';
import { type Daemon, device, powerActions, powerFaults, startDaemon, tempDb, zoneConfig } from './daemon.js';
import {
  freshReadings,
  type Published,
  startObserver,
  startTasmotaPlug,
  type TasmotaPlug,
} from './devices.js';

/**
 * The printing interlock with real peers: CUPS ippeveprinter (polled over IPP every 5 s) fed by a
 * Tasmota plug on a real Mosquitto. A job is printing at closing time (printers off at 18:00 on
 * Thursday 26 Nov 2026, winter hours): the plug must stay on while the printer is processing or has
 * queued jobs, the staff are told after interlockWaitMinutes (1), and the plug is cut only after the
 * queue is empty. When the plug is cut, the printer loses power (its process is stopped).
 */

let broker: Mosquitto;
let hook: Receiver;
let printer: IppPrinter;
let printerStopped: Promise<void> | undefined;
let observer: Awaited<ReturnType<typeof startObserver>>;
let plug: TasmotaPlug;
let daemon: Daemon;
const clock = new ShiftedClock(shanghai('2026-11-26T17:58:30'));
const at = (hhmmss: string) => shanghai(`2026-11-26T${hhmmss}`);
const JOB_SECONDS = 15;

const stopPrinter = () => {
  printerStopped ??= printer.stop();
  return printerStopped;
};

async function minute(hhmm: string) {
  clock.jumpTo(at(`${hhmm}:00`));
  await freshReadings(observer, ['tele/plug01/SENSOR'], daemon);
  await daemon.tick();
}

/** The daemon's own view of the printer, from its /metrics (what its IPP poller last read). */
async function daemonView(): Promise<{ queued: number | null; up: number | null }> {
  const text = await (await fetch(`http://127.0.0.1:${daemon.app.address?.port}/metrics`)).text();
  const value = (re: RegExp) => {
    const m = text.match(re);
    return m?.[1] === undefined ? null : Number(m[1]);
  };
  return {
    queued: value(/^zoneops_printer_queued_jobs\{[^}]*device="printer-01"[^}]*\} (\d+)/m),
    up: value(/^zoneops_device_up\{[^}]*device="printer-01"[^}]*protocol="ipp"[^}]*\} (\d+)/m),
  };
}

const cuts = (): Published[] =>
  observer.commands().filter((m) => m.topic === 'cmnd/plug01/POWER' && m.payload === 'OFF');

beforeAll(async () => {
  broker = await startMosquitto();
  hook = await startReceiver({ kind: 'webhook' });
  printer = await startIppPrinter({ name: 'zoneops interlock', jobSeconds: JOB_SECONDS });
  observer = await startObserver(broker.url, clock);
  plug = await startTasmotaPlug({
    url: broker.url,
    topic: 'plug01',
    clock,
    relay: 'on',
    load: () => 30,
    onRelay: (r) => {
      if (r === 'off') void stopPrinter();
    },
  });
  const config = zoneConfig({
    site: 'printzone',
    brokerUrl: broker.url,
    hookUrl: `${hook.url}/hook`,
    power: { interlockWaitMinutes: 1, staggerSeconds: 1, switchTimeoutSeconds: 5 },
    devices: [
      device('printer-01', 'printer', {
        ipp: { uri: printer.uri, intervalSeconds: 5, timeoutMs: 2000 },
        power: { method: 'plug', plug: 'plug-01' },
      }),
      device('plug-01', 'plug', { mqtt: { family: 'tasmota', topic: 'plug01' } }),
    ],
  });
  daemon = await startDaemon(config, clock, tempDb('power-interlock'));
  await vi.waitUntil(async () => (await daemonView()).queued === 0, { timeout: 15_000, interval: 200 });
}, 60_000);

afterAll(async () => {
  await daemon?.stop();
  await plug?.stop();
  if (printer) await stopPrinter();
  await observer?.stop();
  await hook?.close();
  await broker?.close();
});

describe('printing interlock: a job at closing time keeps the printer plug on', () => {
  let queueEmptyAt = 0;

  it('a job is printing when the printers’ off time comes: no cut at 18:00, 18:01, 18:02', async () => {
    await printer.printJob();
    await vi.waitUntil(async () => ((await daemonView()).queued ?? 0) > 0, { timeout: 8000, interval: 100 });
    await minute('17:59');
    await minute('18:00');
    await minute('18:01');
    await minute('18:02');
    // Still printing (the job takes 15 s of real time): the test ticked inside it.
    expect((await daemonView()).queued).toBeGreaterThan(0);
    expect(cuts()).toEqual([]);
    expect(plug.relay).toBe('on');
  });

  it('after interlockWaitMinutes the staff are told, through a still-on-after-hours fault naming the print queue', async () => {
    await vi.waitUntil(async () => (await powerFaults(daemon)).length > 0, { timeout: 5000, interval: 100 });
    const faults = await powerFaults(daemon);
    expect(faults.map((f) => [f.deviceId, f.kind, f.state])).toEqual([
      ['printer-01', 'still-on-after-hours', 'open'],
    ]);
    // In the zone's words (domain/messages.ts powerText): what the printer is doing, and that the cut waits.
    expect(faults[0]?.evidence.detail).toMatch(
      /^打印机(正在打印|还有 \d+ 个排队任务)(，还有 \d+ 个排队任务)?，已暂缓断电/,
    );
  });

  it('once the queue is empty, the next minute cuts the plug — and only then', async () => {
    await vi.waitUntil(async () => (await daemonView()).queued === 0, {
      timeout: (JOB_SECONDS + 12) * 1000,
      interval: 100,
    });
    queueEmptyAt = Date.now();
    await minute('18:03');
    const [cut, ...more] = cuts();
    expect(more).toEqual([]);
    expect(cut && localClock(cut.at).slice(0, 5)).toBe('18:03');
    expect(cut?.real).toBeGreaterThan(queueEmptyAt);
    expect(plug.relay).toBe('off');
  });

  it('the printer without power stops answering: the cut is confirmed, nothing more is sent', async () => {
    await stopPrinter();
    await vi.waitUntil(async () => (await daemonView()).up === 0, { timeout: 12_000, interval: 200 });
    await minute('18:04');
    await minute('18:10');
    expect(cuts()).toHaveLength(1);
    const closing = await powerActions(daemon, at('17:59:00'));
    expect(closing).toEqual([['printer-01', 'cut', 'ok']]);
  });
});
