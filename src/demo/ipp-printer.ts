import { createServer, type Server } from 'node:http';
import ipp from 'ipp';

/**
 * The demo's IPP printer: an in-process responder on 127.0.0.1 that answers Get-Printer-Attributes
 * (RFC 8011 §4.2.5) with our own profile of a colour inkjet — printer-state, printer-state-reasons,
 * queued-job-count and PWG 5100.13 `printer-supply` values ("key=value;" octetStrings, as ippeveprinter
 * reports its supplies). Encoded by the `ipp` package zoneops already uses to build its requests. No
 * recorded device data is copied here.
 */
export interface DemoIppPrinter {
  readonly uri: string;
  /** Jobs the printer reports waiting (the scripted day changes it). */
  setQueuedJobs(n: number): void;
  close(): Promise<void>;
}

interface InkjetProfile {
  readonly model: string;
  readonly uuid: string;
  /** Ink levels in percent: cyan, magenta, yellow, black. */
  readonly ink: readonly [number, number, number, number];
}

const colours = ['cyan', 'magenta', 'yellow', 'black'] as const;

function attributes(p: InkjetProfile, queued: number, startedAt: number) {
  return {
    'printer-uri-supported': 'ipp://127.0.0.1/ipp/print',
    'printer-name': 'demo-inkjet',
    'printer-make-and-model': p.model,
    'printer-uuid': p.uuid,
    'printer-state': 'idle',
    'printer-state-reasons': 'none',
    'printer-is-accepting-jobs': true,
    'queued-job-count': queued,
    'printer-up-time': Math.max(1, Math.floor((Date.now() - startedAt) / 1000)),
    'printer-supply': colours.map(
      (c, i) =>
        `index=${i + 1};class=supplyThatIsConsumed;type=inkCartridge;unit=percent;maxcapacity=100;level=${p.ink[i]};colorantname=${c};`,
    ),
    'printer-supply-description': colours.map((c) => `${c} ink`),
  };
}

export async function startIppPrinter(profile: InkjetProfile): Promise<DemoIppPrinter> {
  let queued = 0;
  const startedAt = Date.now();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      // The request-id is bytes 4–7 of every IPP message (RFC 8010 §3.1.1); the answer echoes it.
      const id = body.length >= 8 ? body.readInt32BE(4) : 1;
      const answer = ipp.serialize({
        version: '2.0',
        statusCode: 'successful-ok',
        id,
        'operation-attributes-tag': { 'attributes-charset': 'utf-8', 'attributes-natural-language': 'en' },
        'printer-attributes-tag': attributes(profile, queued, startedAt),
      });
      res.writeHead(200, { 'Content-Type': 'application/ipp', 'Content-Length': answer.length });
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    uri: `ipp://127.0.0.1:${port}/ipp/print`,
    setQueuedJobs(n) {
      queued = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
