/**
 * Child process: the daemon's HTTP side in process (createApp, withoutFeatures) with a generated
 * config of `--devices N` loopback devices and a fresh SQLite store in a temp dir. Prints
 * `READY <port>`, serves until SIGTERM, then prints `RESULT {cpuSeconds, peakRssBytes}`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.js';
import { systemClock } from '../../src/clock.js';
import { createLogger } from '../../src/log.js';
import { minimalConfigData, testConfig } from '../../test/helpers/config.js';
import { argOf, sendResult } from '../lib/child.js';

const n = Number(argOf('devices', '2000'));
const types = ['printer', 'copier', 'printer', 'printer', 'pc'] as const;
const data = minimalConfigData();
data.devices = Array.from({ length: n }, (_, i) => {
  const type = types[i % types.length] as string;
  return {
    id: `${type}-${i}`,
    name: `设备 ${i}`,
    type,
    location: `查阅区 ${i % 7}`,
    assetNo: `BENCH-${i}`,
    vendor: { name: '厂家' },
    serviceProvider: { name: '服务商' },
    responsible: '甲',
    snmp: { host: '127.0.0.1', port: 20000 + (i % 40000), version: '2c', community: 'bench-community' },
  };
});
const dir = mkdtempSync(join(tmpdir(), 'zoneops-bench-api-'));
const app = createApp({
  config: testConfig(data),
  clock: systemClock,
  logger: createLogger('silent'),
  listen: { host: '127.0.0.1', port: 0 },
  dbPath: join(dir, 'zoneops.db'),
  withoutFeatures: true,
});
await app.start();
// Every device reports once, as after the first poll cycle, so /metrics carries what it carries in a
// running zone (a printer's 19 condition series and its supplies, a PC's load and disks).
const now = Date.now();
for (const d of data.devices as Array<{ id: string; type: string }>) {
  const type = d.type as 'printer' | 'pc';
  app.zone?.deviceMetrics.observe(
    { id: d.id, type },
    type === 'pc'
      ? {
          deviceId: d.id,
          source: 'snmp',
          at: now,
          reachable: true,
          durationMs: 80,
          conditions: [],
          host: {
            uptimeSeconds: 3600,
            cpuLoadPercent: 12,
            storage: [
              { description: 'C:', kind: 'fixed-disk', usedBytes: 60e9, sizeBytes: 120e9 },
              { description: 'RAM', kind: 'ram', usedBytes: 3e9, sizeBytes: 8e9 },
            ],
            processes: [],
            installed: [],
            hardware: [],
          },
        }
      : {
          deviceId: d.id,
          source: 'snmp',
          at: now,
          reachable: true,
          durationMs: 40,
          conditions: [],
          printer: {
            status: 'idle',
            queuedJobs: 0,
            pageCount: 12_345,
            trays: [],
            alerts: [],
            supplies: ['black', 'cyan', 'magenta', 'yellow'].map((color, i) => ({
              index: i + 1,
              description: `${color} toner`,
              type: 'toner',
              color,
              level: 50,
              max: 100,
              percent: 50,
              state: 'ok' as const,
            })),
          },
        },
  );
}
const cpu0 = process.cpuUsage();
process.stdout.write(`READY ${app.address?.port}\n`);
process.once('SIGTERM', () => {
  const cpu = process.cpuUsage(cpu0);
  void app.stop().finally(() => {
    rmSync(dir, { recursive: true, force: true });
    sendResult({
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    });
    process.exit(0);
  });
});
