/**
 * MQTT: telemetry messages/s ingested end to end (publisher process → Mosquitto → zoneops' MQTT link
 * in its own process → device state updated and observation emitted), the link's CPU and peak RSS,
 * Mosquitto's CPU, and command round-trip latency p50/p99. Run alone:
 * `npm run bench:mqtt [-- --devices 10,2000 --messages 50000]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startMosquitto } from '../test/helpers/mosquitto.js';
import { argOf, runChild } from './lib/child.js';
import { assertLoopbackUrl } from './lib/loopback.js';
import { cpuSeconds, round } from './lib/proc.js';
import type { LinkResult } from './mqtt/link-worker.js';

export interface MqttRow extends LinkResult {
  readonly published: number;
  readonly mosquittoCpuSeconds: number;
}

const linkWorker = fileURLToPath(new URL('./mqtt/link-worker.ts', import.meta.url));
const publisher = fileURLToPath(new URL('./mqtt/publisher.ts', import.meta.url));

export async function runMqtt(
  devices: number,
  messages: number,
  opts: { commands?: number; cpuProfileDir?: string } = {},
): Promise<MqttRow> {
  // Unlimited queues: a slow subscriber must be measured as slow, not silently lose messages.
  const broker = await startMosquitto({ extraConfig: ['max_queued_messages 0', 'max_queued_bytes 0'] });
  try {
    let ready: () => void = () => {};
    const isReady = new Promise<void>((r) => (ready = r));
    const prof = opts.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfileDir}`] : [];
    const link = runChild<LinkResult>(
      linkWorker,
      [
        '--url',
        assertLoopbackUrl(broker.url, 'MQTT broker'),
        '--devices',
        String(devices),
        '--messages',
        String(messages),
        '--commands',
        String(opts.commands ?? 200),
      ],
      { nodeArgs: prof, onLine: (l) => l === 'READY' && ready(), timeoutMs: 300_000 },
    );
    await Promise.race([isReady, link.result]);
    const pid = brokerPid();
    const m0 = cpuSeconds(pid);
    const pub = await runChild<{ published: number }>(publisher, [
      '--url',
      broker.url,
      '--devices',
      String(devices),
      '--messages',
      String(messages),
    ]).result;
    const r = await link.result;
    return { ...r, published: pub.published, mosquittoCpuSeconds: round(cpuSeconds(pid) - m0, 2) };
  } finally {
    await broker.close();
  }
}

/** The mosquitto helper keeps its PID private: find our own child whose command is mosquitto. */
function brokerPid(): number {
  let found = -1;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (comm === 'mosquitto' && ppid === process.pid) found = Math.max(found, Number(entry));
    } catch {}
  }
  return found;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const d of argOf('devices', '10,2000').split(',').map(Number)) {
    const r = await runMqtt(d, Number(argOf('messages', '50000')));
    process.stdout.write(`${JSON.stringify(r)}\n`);
  }
}
