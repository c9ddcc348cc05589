import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../../src/config/secret.js';
import { pcProfile } from '../../../src/demo/profiles/pc.js';
import { errorBits, paperOutAlert, printerProfile } from '../../../src/demo/profiles/printer.js';
import { type DemoSnmpAgent, startSnmpAgent } from '../../../src/demo/snmp-agent.js';
import { readDevice } from '../../../src/probes/snmp/read-device.js';
import { freeUdpPort } from '../../helpers/net.js';

// The demo's SNMP agents (net-snmp Agent API) read back by zoneops' own SNMP reader over UDP on 127.0.0.1.
// Expected values come from our own profiles in src/demo/profiles/ (no recorded fixture is used).
let printer: DemoSnmpAgent;
let pc: DemoSnmpAgent;
const target = (port: number) => ({
  host: '127.0.0.1',
  port,
  version: '2c' as const,
  timeoutMs: 1000,
  retries: 0,
  community: new Secret('demo-test', 'inline'),
});

beforeAll(async () => {
  printer = await startSnmpAgent(
    printerProfile({
      model: 'Demo LaserPrinter DL-2000',
      serial: 'T-1',
      pages: 4321,
      tonerPercent: 62,
      paperSheets: 35,
    }),
    { port: await freeUdpPort(), community: 'demo-test' },
  );
  pc = await startSnmpAgent(pcProfile({ name: 'DEMO-PC', diskUsedGiB: 96 }), {
    port: await freeUdpPort(),
    community: 'demo-test',
  });
});
afterAll(async () => {
  await printer.close();
  await pc.close();
});

describe('demo SNMP agents', () => {
  it('serve a printer that zoneops reads as healthy, then as out of paper once the script empties the tray', async () => {
    const ok = await readDevice(target(printer.port), { deviceId: 'printer-01', now: Date.now });
    expect(ok.kind).toBe('printer');
    expect(ok.observation.reachable).toBe(true);
    expect(ok.observation.conditions).toEqual([]);
    expect(ok.observation.printer?.pageCount).toBe(4321);
    expect(ok.observation.printer?.trays.map((t) => [t.description, t.level, t.max])).toEqual([
      ['Manual feed', -3, 1],
      ['Cassette 1', 35, 250],
    ]);
    expect(ok.observation.printer?.supplies.map((s) => [s.type, s.percent])).toEqual([
      ['toner', 62],
      ['opc', 64],
    ]);

    printer.setCell('prtInputTable', 10, [1, 2], 0);
    printer.setCell('hrPrinterTable', 2, [1], Buffer.from([errorBits.noPaper]));
    printer.addRow('prtAlertTable', paperOutAlert(2));
    const out = await readDevice(target(printer.port), { deviceId: 'printer-01', now: Date.now });
    expect(out.errors).toEqual(['noPaper']);
    expect(out.observation.conditions.map((c) => c.name)).toContain('paper-out');
  });

  it('serve a PC with HOST-RESOURCES storage, processes and installed software', async () => {
    const r = await readDevice(target(pc.port), { deviceId: 'pc-01', now: Date.now });
    expect(r.kind).toBe('pc');
    expect(r.observation.host?.installed).toEqual(['Microsoft Edge', 'WPS Office', '政务服务客户端']);
    expect(r.observation.host?.storage[0]?.usedBytes).toBe(96 * 1024 ** 3);
    expect(r.observation.host?.cpuLoadPercent).toBe(7);
  });

  it('refuses a wrong community (the reader reports the device unreachable, not a crash)', async () => {
    const r = await readDevice(
      { ...target(pc.port), community: new Secret('wrong', 'inline') },
      { deviceId: 'pc-01', now: Date.now },
    );
    expect(r.observation.reachable).toBe(false);
    expect(r.observation.problem?.reason).toBeDefined();
  });
});
