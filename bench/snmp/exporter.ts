import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { hostSubtrees, oid, printerSubtrees, systemScalars } from '../../src/probes/snmp/oids.js';
import { freePort, waitForTcp } from '../../test/helpers/net.js';
import { requireBinary, startPeer } from '../../test/helpers/proc.js';
import { assertLoopback } from '../lib/loopback.js';
import { cpuSeconds, peakRssBytes, percentile, pool } from '../lib/proc.js';
import { type BenchDevice, benchCommunity } from './agents.js';

/**
 * Debian's prometheus-snmp-exporter (0.21) with a module written by hand with numeric OIDs (no MIB
 * files; Debian ships no snmp.yml): the same GET of the system group and the same GetBulk walks
 * (max-repetitions 25, timeout 5 s, 1 retry) that zoneops does, per kind of device, with metrics
 * and index labels for the columns zoneops decodes.
 */
type Index = { labelname: string; type: 'gauge' };
const idx = (...names: string[]): Index[] => names.map((labelname) => ({ labelname, type: 'gauge' }));
const metric = (name: string, o: string, type: string, indexes: Index[] = []) => ({
  name,
  oid: o,
  type,
  help: `${name} (${o})`,
  ...(indexes.length > 0 ? { indexes } : {}),
});

const system = [
  metric('sysDescr', '1.3.6.1.2.1.1.1', 'DisplayString'),
  metric('sysUpTime', '1.3.6.1.2.1.1.3', 'gauge'),
  metric('sysName', '1.3.6.1.2.1.1.5', 'DisplayString'),
];
const dev = idx('hrDeviceIndex');
const devCols = [
  metric('hrDeviceDescr', oid.hrDeviceDescr, 'DisplayString', dev),
  metric('hrDeviceStatus', oid.hrDeviceStatus, 'gauge', dev),
];
const params = {
  version: 2,
  max_repetitions: 25,
  retries: 1,
  timeout: '5s',
  auth: { community: benchCommunity },
  get: [...systemScalars],
};

export function exporterModules(): Record<string, unknown> {
  const supplies = idx('hrDeviceIndex', 'prtMarkerSuppliesIndex');
  const inputs = idx('hrDeviceIndex', 'prtInputIndex');
  const alerts = idx('hrDeviceIndex', 'prtAlertIndex');
  return {
    zone_printer: {
      ...params,
      walk: [...printerSubtrees],
      metrics: [
        ...system,
        ...devCols,
        metric('hrPrinterStatus', oid.hrPrinterStatus, 'gauge', dev),
        metric('hrPrinterDetectedErrorState', oid.hrPrinterDetectedErrorState, 'OctetString', dev),
        metric('prtInputMaxCapacity', oid.prtInputMaxCapacity, 'gauge', inputs),
        metric('prtInputCurrentLevel', oid.prtInputCurrentLevel, 'gauge', inputs),
        metric('prtInputMediaName', oid.prtInputMediaName, 'OctetString', inputs),
        metric(
          'prtMarkerLifeCount',
          oid.prtMarkerLifeCount,
          'counter',
          idx('hrDeviceIndex', 'prtMarkerIndex'),
        ),
        metric('prtMarkerSuppliesColorantIndex', oid.prtMarkerSuppliesColorantIndex, 'gauge', supplies),
        metric('prtMarkerSuppliesClass', oid.prtMarkerSuppliesClass, 'gauge', supplies),
        metric('prtMarkerSuppliesType', oid.prtMarkerSuppliesType, 'gauge', supplies),
        metric('prtMarkerSuppliesDescription', oid.prtMarkerSuppliesDescription, 'OctetString', supplies),
        metric('prtMarkerSuppliesSupplyUnit', oid.prtMarkerSuppliesSupplyUnit, 'gauge', supplies),
        metric('prtMarkerSuppliesMaxCapacity', oid.prtMarkerSuppliesMaxCapacity, 'gauge', supplies),
        metric('prtMarkerSuppliesLevel', oid.prtMarkerSuppliesLevel, 'gauge', supplies),
        metric(
          'prtMarkerColorantValue',
          oid.prtMarkerColorantValue,
          'OctetString',
          idx('hrDeviceIndex', 'prtMarkerColorantIndex'),
        ),
        metric('prtAlertSeverityLevel', oid.prtAlertSeverityLevel, 'gauge', alerts),
        metric('prtAlertGroup', oid.prtAlertGroup, 'gauge', alerts),
        metric('prtAlertCode', oid.prtAlertCode, 'gauge', alerts),
        metric('prtAlertDescription', oid.prtAlertDescription, 'OctetString', alerts),
      ],
    },
    zone_pc: {
      ...params,
      walk: [...hostSubtrees],
      metrics: [
        ...system,
        metric('hrSystemUptime', oid.hrSystemUptimeBase, 'gauge'),
        metric('hrStorageType', oid.hrStorageType, 'OctetString', idx('hrStorageIndex')),
        metric('hrStorageDescr', oid.hrStorageDescr, 'OctetString', idx('hrStorageIndex')),
        metric('hrStorageAllocationUnits', oid.hrStorageAllocationUnits, 'gauge', idx('hrStorageIndex')),
        metric('hrStorageSize', oid.hrStorageSize, 'gauge', idx('hrStorageIndex')),
        metric('hrStorageUsed', oid.hrStorageUsed, 'gauge', idx('hrStorageIndex')),
        ...devCols,
        metric('hrProcessorLoad', oid.hrProcessorLoad, 'gauge', dev),
        metric('hrSWRunName', oid.hrSWRunName, 'OctetString', idx('hrSWRunIndex')),
        metric('hrSWInstalledName', oid.hrSWInstalledName, 'OctetString', idx('hrSWInstalledIndex')),
      ],
    },
  };
}

export interface ExporterCycle {
  readonly devices: number;
  readonly answered: number;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly peakRssBytes: number;
  readonly scrapeP50Ms: number;
  readonly scrapeP99Ms: number;
  /** snmp_scrape_pdus_returned, averaged: a check that it walked what zoneops walks. */
  readonly varbindsPerDevice: number;
}

/** One exporter process per run (so its peak RSS is this run's): scrapes every device once. */
export async function exporterCycle(
  devices: readonly BenchDevice[],
  concurrency: number,
): Promise<ExporterCycle> {
  const bin = requireBinary('prometheus-snmp-exporter');
  const dir = mkdtempSync(join(tmpdir(), 'zoneops-bench-exporter-'));
  const conf = join(dir, 'snmp.yml');
  writeFileSync(conf, stringify(exporterModules()));
  const port = await freePort();
  const peer = startPeer(bin, [
    `--config.file=${conf}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=error',
  ]);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    await waitForTcp(port, 15_000).catch((err: unknown) => {
      throw new Error(`snmp_exporter did not start: ${String(err)}\n${peer.output()}`);
    });
    const pid = peer.proc.pid ?? -1;
    const scrape = (d: BenchDevice) =>
      new Promise<{ ok: boolean; pdus: number }>((resolve) => {
        const path = `/snmp?module=zone_${d.kind}&target=${assertLoopback(d.host, `device ${d.id}`)}:${d.port}`;
        const req = request({ host: '127.0.0.1', port, path, agent, timeout: 60_000 }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const body = Buffer.concat(chunks).toString();
            const m = /^snmp_scrape_pdus_returned (\d+)/m.exec(body);
            resolve({ ok: res.statusCode === 200 && m !== null, pdus: m ? Number(m[1]) : 0 });
          });
        });
        req.on('error', () => resolve({ ok: false, pdus: 0 }));
        req.end();
      });
    // Warm-up, like zoneops' run.
    await pool(devices.slice(0, 10), concurrency, async (d) => void (await scrape(d)));
    const latencies: number[] = [];
    let answered = 0;
    let pdus = 0;
    const cpu0 = cpuSeconds(pid);
    const t0 = performance.now();
    await pool(devices, concurrency, async (d) => {
      const s = performance.now();
      const r = await scrape(d);
      latencies.push(performance.now() - s);
      if (r.ok) answered++;
      pdus += r.pdus;
    });
    const wallSeconds = (performance.now() - t0) / 1000;
    const result: ExporterCycle = {
      devices: devices.length,
      answered,
      wallSeconds,
      cpuSeconds: cpuSeconds(pid) - cpu0,
      peakRssBytes: peakRssBytes(pid),
      scrapeP50Ms: percentile(latencies, 50),
      scrapeP99Ms: percentile(latencies, 99),
      varbindsPerDevice: pdus / Math.max(1, devices.length),
    };
    if (answered < devices.length) {
      process.stderr.write(
        `snmp_exporter: ${devices.length - answered} scrapes failed\n${peer.output().slice(-1500)}\n`,
      );
    }
    return result;
  } finally {
    agent.destroy();
    await peer.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
