/**
 * Child process: publishes `--messages M` Tasmota telemetry messages (tele/<t>/SENSOR, QoS 0),
 * round-robin over `--devices D` plugs, as fast as the socket takes them (waits for drain).
 */
import mqtt from 'mqtt';
import { argOf, sendResult } from '../lib/child.js';

const url = argOf('url', '');
const count = Number(argOf('devices', '10'));
const total = Number(argOf('messages', '1000'));
const client = await mqtt.connectAsync(url, { reconnectPeriod: 0 });
const t0 = performance.now();
for (let i = 0; i < total; i++) {
  const payload = `{"Time":"2024-05-01T10:00:00","ENERGY":{"Total":${(i / 1000).toFixed(3)},"Power":${i % 300},"Voltage":220,"Current":0.1}}`;
  // publish() buffers; wait for the callback every 500 messages so memory stays bounded.
  if (i % 500 === 499) await client.publishAsync(`tele/bench_plug_${i % count}/SENSOR`, payload, { qos: 0 });
  else client.publish(`tele/bench_plug_${i % count}/SENSOR`, payload, { qos: 0 });
}
await client.endAsync();
sendResult({ published: total, seconds: (performance.now() - t0) / 1000 });
