/**
 * Child process: zoneops' MQTT link (src/mqtt/link.ts) against a Mosquitto, with `--devices D`
 * Tasmota plugs configured. Prints `READY`, then counts the observations emitted for the
 * publisher's telemetry until `--messages M` arrived (or 2 s of silence, or 120 s), then measures
 * command round trips (link.power.switch → cmnd/<t>/POWER → a fake plug in this process answers
 * stat/<t>/POWER → confirmed). Prints `RESULT {…}`.
 */
import mqtt from 'mqtt';
import { systemClock } from '../../src/clock.js';
import { createLogger } from '../../src/log.js';
import { createMqttLink } from '../../src/mqtt/link.js';
import { waitUntil } from '../../test/helpers/proc.js';
import { parseZone } from '../../test/unit/mqtt/config-fixture.js';
import { argOf, sendResult } from '../lib/child.js';
import { percentile } from '../lib/proc.js';

export interface LinkResult {
  readonly devices: number;
  readonly received: number;
  readonly observations: number;
  readonly seconds: number;
  readonly messagesPerSecond: number;
  readonly cpuSeconds: number;
  readonly cpuUsPerMessage: number;
  readonly peakRssBytes: number;
  readonly commands: number;
  readonly commandP50Ms: number;
  readonly commandP99Ms: number;
  readonly commandFailures: number;
}

const url = argOf('url', '');
const count = Number(argOf('devices', '10'));
const expected = Number(argOf('messages', '1000'));
const commandCount = Number(argOf('commands', '200'));

const devices = Array.from({ length: count }, (_, i) => ({
  id: `plug-${i}`,
  name: `插座 ${i}`,
  type: 'plug',
  location: '查阅区',
  assetNo: `B-${i}`,
  vendor: { name: '厂家' },
  serviceProvider: { name: '服务商' },
  responsible: '甲',
  mqtt: { family: 'tasmota', topic: `bench_plug_${i}` },
}));
const config = parseZone({ mqtt: { url } }, devices);
let observations = 0;
let first = 0;
let last = 0;
const link = createMqttLink({
  config: config.mqtt,
  site: 'bench',
  clock: systemClock,
  logger: createLogger('silent'),
  devices: config.devices,
  onObservation: (o) => {
    if (o.power?.watts === undefined) return;
    if (observations === 0) first = performance.now();
    observations++;
    last = performance.now();
  },
});
await link.start();
await waitUntil(() => link.connected, 10_000, 'MQTT link connected');
// Subscriptions are acknowledged before READY: give the broker a moment to install them.
await new Promise((r) => setTimeout(r, 300));
const cpu0 = process.cpuUsage();
process.stdout.write('READY\n');

const deadline = Date.now() + 120_000;
while (observations < expected && Date.now() < deadline) {
  const before = observations;
  await new Promise((r) => setTimeout(r, observations === 0 ? 100 : 2000));
  if (observations > 0 && observations === before) break; // silence: the rest was dropped
}
const cpu = process.cpuUsage(cpu0);
const ingested = observations;
const seconds = Math.max(1e-6, (last - first) / 1000);

// Command round trips against a fake Tasmota plug (a second client in this process).
const plug = await mqtt.connectAsync(url, { reconnectPeriod: 0 });
plug.on('message', (topic, payload) => {
  const t = topic.split('/')[1] ?? '';
  plug.publish(`stat/${t}/POWER`, payload.toString().toUpperCase());
});
await plug.subscribeAsync('cmnd/+/POWER', { qos: 1 });
const lat: number[] = [];
const relay = new Map<string, 'on' | 'off'>();
let failures = 0;
for (let i = 0; i < commandCount; i++) {
  // Every command changes the plug's state (a command for the state it is in confirms at once).
  const id = `plug-${i % count}`;
  const action = relay.get(id) === 'on' ? 'off' : 'on';
  relay.set(id, action);
  const s = performance.now();
  const r = await link.power.switch(id, action, { timeoutMs: 5000 });
  if (r.ok) lat.push(performance.now() - s);
  else failures++;
}
await plug.endAsync();
await link.stop();
const result: LinkResult = {
  devices: count,
  received: link.stats.received,
  observations: ingested,
  seconds,
  messagesPerSecond: ingested / seconds,
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
  cpuUsPerMessage: (cpu.user + cpu.system) / Math.max(1, ingested),
  peakRssBytes: process.resourceUsage().maxRSS * 1024,
  commands: lat.length,
  commandP50Ms: percentile(lat, 50),
  commandP99Ms: percentile(lat, 99),
  commandFailures: failures,
};
sendResult(result);
