/**
 * `npm run bench:snmp [-- --n 10,100,1000]`: polls N simulated agents (snmpsim on 127.0.0.1 serving
 * the shared recordings, one community per device, printers and PCs mixed) through the real poller and
 * prints devices/s, CPU-seconds per 1,000 device polls (this process only) and peak RSS.
 * Target: 1,000 printers or PCs in one 60 s cycle using < 0.25 core and < 200 MB RSS.
 * A benchmark, not a test: nothing here fails on a number.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../src/clock.js';
import { MemoryBaselineStore } from '../src/probes/snmp/baseline-store.js';
import { createSnmpPoller, type SnmpDevice } from '../src/probes/snmp/poller.js';
import { community, startSnmpsim } from '../test/integration/snmp/snmpsim.js';

const shared = fileURLToPath(new URL('../../shared/fixtures/snmprec', import.meta.url));
const own = fileURLToPath(new URL('../test/fixtures/snmp', import.meta.url));
const dataDir = existsSync(shared) ? shared : own;
const printers = existsSync(shared)
  ? [
      'ricoh_mpc3002',
      'sharp',
      'konica_c250i',
      'brother_hl5370dw',
      'jetdirect_m252dw',
      'xerox',
      'epson',
      'utax',
    ]
  : ['cn-copier', 'ricoh-coarse', 'canon-steps', 'brother-over'];
const pcs = existsSync(shared) ? ['winxp-full-walk', 'linux_opensips'] : ['win-pc'];
const arg = process.argv.indexOf('--n');
const sizes = (arg > 0 ? (process.argv[arg + 1] ?? '') : '10,100,1000').split(',').map(Number);

const sim = await startSnmpsim(dataDir, printers[0] as string);
const quiet = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };
try {
  for (const n of sizes) {
    const devices: SnmpDevice[] = Array.from({ length: n }, (_, i) => {
      const isPc = i % 5 === 4; // one PC for four printers, like the zone
      const name = isPc ? (pcs[i % pcs.length] as string) : (printers[i % printers.length] as string);
      return {
        id: `dev-${i}`,
        type: isPc ? 'pc' : 'printer',
        intervalSeconds: 3600,
        target: {
          host: '127.0.0.1',
          port: sim.port,
          version: '2c',
          community: community(name),
          timeoutMs: 5000,
          retries: 1,
        },
      };
    });
    let ok = 0;
    const poller = createSnmpPoller({
      devices,
      clock: systemClock,
      logger: quiet,
      onObservation: (o) => {
        if (o.reachable) ok++;
      },
      baselines: new MemoryBaselineStore(),
      forbiddenPatterns: [],
      maxConcurrent: 32,
    });
    // Warm-up (module loading, JIT) is not what is being measured.
    await Promise.all(devices.slice(0, 10).map((d) => poller.pollNow(d.id)));
    ok = 0;
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(devices.map((d) => poller.pollNow(d.id)));
    const secs = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(sampler);
    await poller.stop();
    const cpuSecs = (cpu.user + cpu.system) / 1e6;
    process.stdout.write(
      `N=${n}: ${ok}/${n} answered in ${secs.toFixed(2)} s → ${(n / secs).toFixed(1)} devices/s; ` +
        `${((cpuSecs / n) * 1000).toFixed(2)} CPU-s per 1,000 polls (zoneops only); peak RSS ${(peak / 2 ** 20).toFixed(0)} MB\n`,
    );
  }
} finally {
  await sim.stop();
}
