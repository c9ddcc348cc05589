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
