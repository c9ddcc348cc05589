import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProbeIpp } from '../../../src/cli/probe-ipp.js';
import { probeIpp } from '../../../src/probes/ipp/probe.js';
import type { IppReading } from '../../../src/probes/ipp/reading.js';
import type { TlsPolicy } from '../../../src/probes/ipp/transport.js';
import { type IppPrinter, ipptoolGetPrinterAttributes, startIppPrinter } from '../../helpers/ipp-peer.js';
import { waitUntil } from '../../helpers/proc.js';

// CUPS ippeveprinter on 127.0.0.1, started as ../shared/fixtures/ipp/HOWTO.md shows.
const read = async (uri: string, tls?: TlsPolicy) => {
  const result = await probeIpp({ deviceId: 'mfp-01', uri, tls, timeoutMs: 5000 }, { now: Date.now });
  return result;
};
const reading = async (uri: string): Promise<IppReading> => {
  const { reading: r, observation } = await read(uri);
  if (!r) throw new Error(`unreachable: ${observation.problem?.message}`);
  return r;
};

/** One attribute's value text from `ipptool -tv` output. */
const ipptoolValue = (out: string, name: string) =>
  new RegExp(`^ {8}${name} \\([^)]+\\) = (.*)$`, 'm').exec(out)?.[1];

describe('ippeveprinter: idle, web forms, ipps', () => {
  let printer: IppPrinter;
  beforeAll(async () => {
    printer = await startIppPrinter({ name: 'Office MFP', tls: true });
  });
  afterAll(async () => {
    await printer?.stop();
  });

  it('reads an idle printer (cf. ippeveprinter-default.ipptool.txt)', async () => {
    const r = await reading(printer.uri);
    expect(r.state).toBe('idle');
    expect(r.reasons).toEqual([]);
    expect(r.conditions).toEqual([]);
    expect(r.message).toBe('Idle.');
    expect(r.acceptingJobs).toBe(true);
    expect(r.queuedJobs).toBe(0);
    expect(r.makeAndModel).toBe('Example Office MFP');
    expect(r.uuid).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(r.upTimeSeconds).toBeGreaterThanOrEqual(0);
    // No marker-* on the default printer: its printer-supply (index 1 waste 25, black 75, cyan 50, magenta 33, yellow 67).
    expect(
      r.markers.map((m) => [m.name, m.type, m.color, m.level, m.percent, m.state, m.receptacle]),
    ).toEqual([
      ['Ink Waste Tank', 'wasteInk', null, 25, 25, 'ok', true],
      ['Black Ink', 'ink', 'black', 75, 75, 'ok', false],
      ['Cyan Ink', 'ink', 'cyan', 50, 50, 'ok', false],
      ['Magenta Ink', 'ink', 'magenta', 33, 33, 'ok', false],
      ['Yellow Ink', 'ink', 'yellow', 67, 67, 'ok', false],
    ]);
  });

  it('agrees with ipptool -tv get-printer-attributes.test', async () => {
    const [r, out] = await Promise.all([reading(printer.uri), ipptoolGetPrinterAttributes(printer.uri)]);
    expect(ipptoolValue(out, 'printer-state')).toBe(r.state);
    expect(ipptoolValue(out, 'printer-state-reasons')).toBe('none');
    expect(ipptoolValue(out, 'printer-make-and-model')).toBe(r.makeAndModel);
    expect(ipptoolValue(out, 'printer-uuid')).toBe(r.uuid);
    expect(ipptoolValue(out, 'printer-state-message')).toBe(r.message);
    expect(ipptoolValue(out, 'queued-job-count')).toBe(String(r.queuedJobs));
    expect(ipptoolValue(out, 'printer-is-accepting-jobs')).toBe(String(r.acceptingJobs));
    expect(ipptoolValue(out, 'printer-supply')?.split(',index=').length).toBe(r.markers.length);
  });

  it('reads low and empty supplies and media set through the web forms (HOWTO.md §2)', async () => {
    await printer.webForm('/supplies?supply0=95&supply1=5&supply2=0&supply3=50&supply4=50');
    await printer.webForm('/media?size1=na_letter_8.5x11in&level1=0&size2=na_index-4x6_4x6in&level2=10');
    const r = await reading(printer.uri);
    // ippeveprinter-web-forms-toner-media.ipptool.txt: the same five -report reasons, state idle
    expect(r.state).toBe('idle');
    expect(r.reasons).toEqual([
      { keyword: 'marker-waste-almost-full', severity: 'report' },
      { keyword: 'media-empty', severity: 'report' },
      { keyword: 'media-low', severity: 'report' },
      { keyword: 'toner-empty', severity: 'report' },
      { keyword: 'toner-low', severity: 'report' },
    ]);
    expect(r.conditions.map((c) => [c.name, c.severity])).toEqual([
      ['waste-near-full', 'warning'],
      ['paper-out', 'critical'],
      ['paper-low', 'warning'],
      ['toner-out', 'critical'],
      ['toner-low', 'warning'],
    ]);
    expect(r.markers.map((m) => [m.type, m.percent, m.state])).toEqual([
      // By the shared supply rule (src/domain/supply-rules.ts, 10 % / 90 %), as the printer's own
      // marker-waste-almost-full and toner-low reasons say: the waste box nearly full, the toner low.
      ['wasteToner', 95, 'low'],
      ['toner', 5, 'low'],
      ['toner', 0, 'empty'],
      ['toner', 50, 'ok'],
      ['toner', 50, 'ok'],
    ]);
    // printer-input-tray: auto (-2), main level 0 of 250, photo level 10 of 250
    expect(r.trays.map((t) => [t.description, t.level, t.percent, t.state])).toEqual([
      ['auto', -2, null, 'unknown'],
      ['main', 0, 0, 'empty'],
      ['photo', 10, 4, 'ok'],
    ]);
  });

  it('ipps: refuses the self-signed certificate without a policy, naming its fingerprint', async () => {
    const fingerprint = await printer.certificateFingerprint();
    const { observation } = await read(printer.ippsUri);
    expect(observation.reachable).toBe(false);
    expect(observation.problem).toEqual({
      reason: 'auth',
      message:
        `TLS certificate of 127.0.0.1:${printer.port} not trusted (DEPTH_ZERO_SELF_SIGNED_CERT); ` +
        `to trust it set ipp.tls.fingerprint: ${fingerprint} (or ipp.tls.acceptAnyCertificate: true)`,
    });
  });

  it('ipps: accepts the pinned fingerprint (any case) and refuses a wrong one', async () => {
    const fingerprint = await printer.certificateFingerprint();
    const ok = await read(printer.ippsUri, { fingerprint: fingerprint.toLowerCase() });
    expect(ok.reading?.makeAndModel).toBe('Example Office MFP');
    const wrong = `${'AB:'.repeat(31)}AB`;
    const refused = await read(printer.ippsUri, { fingerprint: wrong });
    expect(refused.observation.problem).toEqual({
      reason: 'auth',
      message: `TLS certificate of 127.0.0.1:${printer.port} has fingerprint ${fingerprint}, not the pinned ipp.tls.fingerprint ${wrong}`,
    });
  });

  it('ipps: acceptAnyCertificate reads the printer', async () => {
    const { reading: r } = await read(printer.ippsUri, { acceptAnyCertificate: true });
    expect(r?.state).toBe('idle');
  });

  it('zoneops probe ipp --json prints the issue’s object; unreachable exits 1 with one line', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
    };
    expect(await runProbeIpp(printer.uri, { json: true }, io)).toBe(0);
    const view = JSON.parse(out.join('')) as Record<string, unknown>;
    expect(view).toMatchObject({
      reachable: true,
      state: 'idle',
      acceptingJobs: true,
      queuedJobs: 0,
      makeAndModel: 'Example Office MFP',
      message: 'Idle.',
    });
    expect(view.conditions).toEqual(['waste-near-full', 'paper-out', 'paper-low', 'toner-out', 'toner-low']);
    expect((view.reasons as unknown[])[0]).toEqual({
      keyword: 'marker-waste-almost-full',
      severity: 'report',
    });
    // printer-supply-description keeps "Cyan Ink" while the web form rewrote the type to toner
    expect((view.markers as unknown[])[2]).toEqual({
      name: 'Cyan Ink',
      type: 'toner',
      color: 'cyan',
      level: 0,
      percent: 0,
      state: 'empty',
    });
    expect(err).toEqual([]);

    out.length = 0;
    const down = 'ipp://127.0.0.1:1/ipp/print';
    expect(await runProbeIpp(down, { json: true, lang: 'en' }, io)).toBe(1);
    expect(JSON.parse(out.join(''))).toEqual({
      reachable: false,
      uri: down,
      problem: {
        reason: 'refused',
        message: 'connection refused by 127.0.0.1:1 (printer off or IPP disabled?)',
      },
    });
    expect(err).toEqual([
      `zoneops probe ipp: ${down}: connection refused by 127.0.0.1:1 (printer off or IPP disabled?)\n`,
    ]);
  });
});

describe('ippeveprinter: jobs, jams and open covers (STATE:/ATTR: lines, HOWTO.md §3)', () => {
  let printer: IppPrinter;
  beforeAll(async () => {
    printer = await startIppPrinter({ name: 'Office Copier', model: 'Office Copier', jobSeconds: 3 });
  });
  afterAll(async () => {
    await printer?.stop();
  });

  it('processing with a queued job', async () => {
    // ippeveprinter takes one job at a time (a second Print-Job or Create-Job gets server-error-busy),
    // so its queue is at most 1; longer queues are covered by the replay test (queued-job-count 3).
    await printer.printJob();
    const r = await reading(printer.uri);
    expect(r.state).toBe('processing');
    expect(r.queuedJobs).toBe(1);
    expect(r.message).toBe('Printing.');
    expect(r.conditions).toEqual([]);
    await waitUntil(async () => (await reading(printer.uri)).state === 'idle', 20_000, 'the queue to drain');
    expect((await reading(printer.uri)).queuedJobs).toBe(0);
  });

  it('jam + cover open with toner low/empty: -warning during the job, -report after', async () => {
    // The control file of ippeveprinter-STATE-jam-cover-*.ipptool.txt
    printer.setJobOutput([
      'STATE: +media-jam,cover-open-error',
      'ATTR: marker-names="Black Toner","Cyan Toner","Magenta Toner","Yellow Toner" marker-colors=#000000,#00FFFF,#FF00FF,#FFFF00 marker-types=toner,toner,toner,toner marker-levels=4,60,55,0 marker-low-levels=10,10,10,10 marker-high-levels=100,100,100,100',
      'ATTR: printer-alert="code=jam;severity=critical;group=mediaPath" printer-alert-description="Paper jam in tray 2"',
    ]);
    await printer.printJob();
    await waitUntil(async () => (await reading(printer.uri)).reasons.length > 0, 10_000, 'the reasons');
    const during = await reading(printer.uri);
    // ippeveprinter-STATE-jam-cover-during-job.ipptool.txt
    expect(during.state).toBe('processing');
    expect(during.reasons).toEqual([
      { keyword: 'cover-open', severity: 'warning' },
      { keyword: 'media-jam', severity: 'warning' },
    ]);
    expect(during.conditions).toEqual([
      { name: 'door-open', severity: 'critical', detail: 'cover-open-warning' },
      { name: 'jam', severity: 'critical', detail: 'media-jam-warning' },
    ]);
    expect(during.markers.map((m) => [m.name, m.color, m.level, m.percent, m.state])).toEqual([
      ['Black Toner', '#000000', 4, 4, 'low'],
      ['Cyan Toner', '#00FFFF', 60, 60, 'ok'],
      ['Magenta Toner', '#FF00FF', 55, 55, 'ok'],
      ['Yellow Toner', '#FFFF00', 0, 0, 'empty'],
    ]);
    expect(during.alerts).toEqual([
      { code: 'jam', severity: 'critical', group: 'mediaPath', description: 'Paper jam in tray 2' },
    ]);

    await waitUntil(async () => (await reading(printer.uri)).state === 'idle', 15_000, 'the job to end');
    // ippeveprinter-STATE-jam-cover-after-job.ipptool.txt
    const after = await reading(printer.uri);
    expect(after.reasons).toEqual([
      { keyword: 'cover-open', severity: 'report' },
      { keyword: 'media-jam', severity: 'report' },
    ]);
    expect(after.conditions.map((c) => [c.name, c.severity])).toEqual([
      ['door-open', 'critical'],
      ['jam', 'critical'],
    ]);
  });

  it('paused + media empty + supply low (second control file of HOWTO.md §3)', async () => {
    printer.setJobOutput(['STATE: media-empty,marker-supply-low,paused,toner-low']);
    await printer.printJob();
    await waitUntil(
      async () => (await reading(printer.uri)).reasons.some((r) => r.keyword === 'paused'),
      10_000,
      'paused',
    );
    const r = await reading(printer.uri);
    // ippeveprinter-STATE-media-empty-paused-during-job.ipptool.txt
    expect(r.reasons.map((x) => x.keyword)).toEqual([
      'marker-supply-low',
      'media-empty',
      'paused',
      'toner-low',
    ]);
    expect(r.conditions.map((c) => c.name)).toEqual(['toner-low', 'paper-out', 'ipp:paused']);
    expect(r.conditions[0]?.detail).toMatch(
      /^marker-supply-low-(warning|report), toner-low-(warning|report)$/,
    );
  });
});
