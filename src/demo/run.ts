import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { type App, createApp } from '../app.js';
import { systemClock } from '../clock.js';
import { loadConfig } from '../config/load.js';
import { createLogger, type LogLevel } from '../log.js';
import { accessRules, aclInputOf } from '../mqtt/acl.js';
import { startEmbeddedBroker } from '../mqtt/embedded-broker.js';
import { hashPin } from '../web/pin-hash.js';
import { demoConfig, demoPeople } from './demo-config.js';
import { type DemoInbox, startInbox } from './inbox.js';
import { startIppPrinter } from './ipp-printer.js';
import { type MqttSim, startMqttSim } from './mqtt-sim.js';
import { freeTcpPort, freeUdpPort } from './ports.js';
import { pcProfile } from './profiles/pc.js';
import { errorBits, paperOutAlert, printerProfile } from './profiles/printer.js';
import { type DemoSnmpAgent, startSnmpAgent } from './snmp-agent.js';

interface DemoOptions {
  /** zoneops' HTTP port (0 = any free port). */
  port?: number;
  logLevel?: LogLevel;
  /** Each line the newcomer should read (URLs, sign-in, the script as it happens). */
  out: (line: string) => void;
  /** Seconds after start at which the printer runs out of paper (default 20). */
  paperOutAfterSeconds?: number;
}

export interface Demo {
  readonly statusUrl: string;
  readonly inboxUrl: string;
  readonly technicianToken: string;
  readonly app: App;
  stop(): Promise<void>;
}

/**
 * Starts the simulated zone on 127.0.0.1: SNMP agents for two PCs and two printers, a smart plug and a
 * PC agent on an MQTT broker, a demo inbox for notifications, and zoneops itself with a generated
 * config. Then the scripted day runs: PC 2 never comes up (its plug draws 2 W), the printer runs out
 * of paper after 20 s, and the reading area's cleaning falls due 2 minutes in and is late.
 */
export async function startDemo(o: DemoOptions): Promise<Demo> {
  const dir = mkdtempSync(join(tmpdir(), 'zoneops-demo-'));
  const stops: Array<() => Promise<void>> = [];
  const timers: NodeJS.Timeout[] = [];
  const stop = async () => {
    for (const t of timers) clearTimeout(t);
    while (stops.length > 0)
      await stops
        .pop()?.()
        .catch((err: unknown) => process.stderr.write(`demo: a part did not stop cleanly: ${String(err)}\n`));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const community = `demo-${randomBytes(6).toString('hex')}`;
    const technicianToken = `zo_demo_${randomBytes(18).toString('base64url')}`;
    const inbox: DemoInbox = await startInbox(0, '演示收件箱 · zoneops demo inbox');
    stops.push(() => inbox.close());
    const mqttPort = await freeTcpPort();
    const mqttPasswords = {
      zoneops: randomBytes(18).toString('base64url'),
      'pc-01': randomBytes(18).toString('base64url'),
      'plug-02': randomBytes(18).toString('base64url'),
    };

    const ports = {
      pc01: await freeUdpPort(),
      pc02: await freeUdpPort(),
      printer01: await freeUdpPort(),
      printer02: await freeUdpPort(),
    };
    const agents: DemoSnmpAgent[] = [];
    const agent = async (profile: Parameters<typeof startSnmpAgent>[0], port: number) => {
      const a = await startSnmpAgent(profile, { port, community });
      agents.push(a);
      stops.push(() => a.close());
      return a;
    };
    await agent(pcProfile({ name: 'DEMO-PC-01', diskUsedGiB: 96 }), ports.pc01);
    // pc-02 "fails to start": no SNMP agent ever answers on its port.
    const printer01 = await agent(
      printerProfile({
        model: 'Demo LaserPrinter DL-2000',
        serial: 'DL2K-0001',
        pages: 48_213,
        tonerPercent: 62,
        paperSheets: 35,
      }),
      ports.printer01,
    );
    await agent(
      printerProfile({
        model: 'Demo Copier DC-3500',
        serial: 'DC35-0002',
        pages: 210_877,
        tonerPercent: 41,
        paperSheets: 480,
      }),
      ports.printer02,
    );

    // An IPP-only colour inkjet next to the SNMP agents: supplies and its print queue over IPP.
    const inkjet = await startIppPrinter({
      model: 'Demo ColorJet CJ-400',
      uuid: 'urn:uuid:6f1c2d4e-0000-4000-8000-00000000d400',
      ink: [55, 70, 18, 80],
    });
    stops.push(() => inkjet.close());
    inkjet.setQueuedJobs(2);

    const keys = Object.keys(demoPeople) as Array<keyof typeof demoPeople>;
    const hashes = await Promise.all(keys.map((k) => hashPin(demoPeople[k].pin)));
    const pinHashes = Object.fromEntries(keys.map((k, i) => [k, hashes[i] as string])) as Record<
      keyof typeof demoPeople,
      string
    >;
    const now = Date.now();
    const file = join(dir, 'zoneops-demo.yaml');
    const httpPort = o.port || (await freeTcpPort());
    const data = demoConfig(
      { snmp: ports, mqttPort, inboxUrl: inbox.url, ippUri: inkjet.uri, httpPort },
      { community, technicianToken, pinHashes, mqttPasswords },
      join(dir, 'zoneops-demo.db'),
      now,
    );
    writeFileSync(file, `# Generated by \`zoneops demo\`; deleted when the demo stops.\n${stringify(data)}`, {
      mode: 0o600,
    });
    const loaded = loadConfig(file);
    if (!loaded.ok) throw new Error(`demo config is invalid (a bug):\n${loaded.error.join('\n')}`);

    const logger = createLogger(o.logLevel ?? 'warn', process.stderr);
    // The zone's broker, with the access rules of the demo config (every device its own credential),
    // up before zoneops so the simulated devices have reported their state when it starts.
    const broker = await startEmbeddedBroker({
      host: '127.0.0.1',
      port: mqttPort,
      rules: accessRules(aclInputOf(loaded.value)),
      limits: loaded.value.mqtt.embedded,
      clock: systemClock,
      logger: logger.child({ component: 'demo-broker' }),
    });
    stops.push(() => broker.close());
    const sim: MqttSim = await startMqttSim(broker.url, 5000);
    stops.push(() => sim.close());
    sim.agent('pc-01', true, { username: 'pc-01', password: mqttPasswords['pc-01'] });
    // The plug is on but the PC behind it draws only standby power: it did not boot.
    sim.plug(
      'plug-02',
      { relay: true, loadWatts: 2 },
      { username: 'plug-02', password: mqttPasswords['plug-02'] },
    );

    const app = createApp({
      config: loaded.value,
      clock: systemClock,
      logger,
      listen: { host: '127.0.0.1', port: httpPort },
    });
    stops.push(() => app.stop());
    await app.start();
    const addr = app.address as { host: string; port: number };

    const base = `http://127.0.0.1:${addr.port}`;

    o.out(`URL status: ${base}/`);
    o.out(`URL demo inbox: ${inbox.url}`);
    o.out(`URL metrics: ${base}/metrics`);
    o.out(`URL report a problem: ${base}/report?device=printer-01`);
    o.out(`URL QR sheet: ${base}/qr`);
    o.out(`Staff sign-in: ${demoPeople.staff.name} / PIN ${demoPeople.staff.pin}`);
    o.out(`B post sign-in: ${demoPeople.staffB.name} / PIN ${demoPeople.staffB.pin}`);
    o.out(`Lead sign-in: ${demoPeople.lead.name} / PIN ${demoPeople.lead.pin}`);
    o.out(`Technician sign-in: ${demoPeople.technician.name} / PIN ${demoPeople.technician.pin}`);
    o.out(`API token (technician): ${technicianToken}`);
    o.out(
      'Scripted day: PC 2 did not start; the printer runs out of paper in 20 s; the reading area must be cleaned within 2 minutes. Ctrl-C stops.',
    );

    timers.push(
      setTimeout(
        () => {
          // Tray 1 (index 2) empties: level 0, the noPaper error bit, and an inputMediaSupplyEmpty alert.
          printer01.setCell('prtInputTable', 10, [1, 2], 0);
          printer01.setCell('hrPrinterTable', 2, [1], Buffer.from([errorBits.noPaper]));
          printer01.setCell('hrDeviceTable', 5, [1], 3);
          printer01.addRow('prtAlertTable', paperOutAlert(2));
          o.out('Scripted: 打印机 P-01 ran out of paper.');
        },
        (o.paperOutAfterSeconds ?? 20) * 1000,
      ),
    );
    return { statusUrl: `${base}/`, inboxUrl: inbox.url, technicianToken, app, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
