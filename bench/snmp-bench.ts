/**
 * `npm run bench:snmp [-- --n 10,100,1000]`: the SNMP part of `npm run bench` alone — one full poll
 * cycle of N simulated devices on 127.0.0.1 (replay agents for printers, snmpd for PCs) by zoneops'
 * poller, Prometheus snmp_exporter and snmpbulkwalk, printed as a table (writes no files).
 * Target (issue 3): 1,000 printers or PCs in one 60 s cycle using < 0.25 core and < 200 MB RSS.
 * A benchmark, not a test: nothing here fails on a number.
 */
import { argOf } from './lib/child.js';
import { runSnmp } from './snmp/run.js';

const sizes = argOf('n', '10,100,1000').split(',').map(Number);
for (const n of sizes) {
  const r = await runSnmp(n, {
    log: (l) => process.stdout.write(`${l}\n`),
    bulkwalkSample: Math.min(n, 100),
  });
  const z = r.zoneops;
  process.stdout.write(
    `N=${n}: zoneops ${z.answered}/${n} in ${z.wallSeconds.toFixed(2)} s → ${(n / z.wallSeconds).toFixed(1)} devices/s, ` +
      `${z.cpuSecondsPer1000.toFixed(2)} CPU-s per 1,000 polls (${(((z.cpuSecondsPer1000 / 1000) * n) / 60).toFixed(3)} core at one cycle a minute), ` +
      `peak RSS ${(z.peakRssBytes / 2 ** 20).toFixed(0)} MB, event-loop p99 ${z.eventLoopP99Ms.toFixed(1)} ms; ` +
      `snmp_exporter ${r.exporter.cpuSecondsPer1000.toFixed(2)} CPU-s/1,000 → ratio ${r.ratio.cpu.toFixed(2)}; ` +
      `snmpbulkwalk ${r.bulkwalk.cpuSecondsPer1000.toFixed(1)} CPU-s/1,000\n`,
  );
}
