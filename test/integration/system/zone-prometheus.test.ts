import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import mqtt from 'mqtt';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type App, createApp } from '../../../src/app.js';
import { systemClock } from '../../../src/clock.js';
import { createLogger } from '../../../src/log.js';
import { repoRoot } from '../../helpers/cli.js';
import { testConfig, testDevice, testSnmp } from '../../helpers/config.js';
import { committedDashboards } from '../../helpers/dashboards.js';
import { type IppPrinter, startIppPrinter } from '../../helpers/ipp-peer.js';
import { freePort, waitForHttpOk } from '../../helpers/net.js';
import { type Peer, requireBinary, startPeer, waitUntil } from '../../helpers/proc.js';
import { type Receiver, startReceiver } from '../../helpers/receivers.js';
import { ownFixtures, type Snmpsim, startSnmpsim } from '../snmp/snmpsim.js';

/**
 * The whole zone end to end: zoneops polls a simulated zone (snmpsim serving our own recordings in
 * test/fixtures/snmp, the CUPS reference printer over IPP, a Tasmota plug on the embedded MQTT broker),
 * raises faults and notifies a webhook; a real Prometheus scrapes two zoneops sites; then every
 * dashboard panel's query must return data, and every metric an alert rule uses must exist.
 */

const technician = 'demo-technician-token';
const techHash = '32ff96d506aec6d87b0c6f92b2c65c19ab4f077e00372846415797671a5963ad';

let snmpsim: Snmpsim;
let printer: IppPrinter;
let hook: Receiver;
let prometheus: Peer;
let promUrl: string;
const apps: App[] = [];
const logs: string[] = [];

function zoneConfig(
  site: string,
  opts: { snmpPort: number; mqttPort: number; hookUrl: string; ippUri?: string; full: boolean },
) {
  const device = (id: string, type: string, extra: Record<string, unknown>) =>
    testDevice(site, id, type, extra);
  const snmp = (community: string) => testSnmp(opts.snmpPort, community);
  const devices = [device('pc-01', 'pc', { snmp: snmp('win-pc') })];
  if (opts.full) {
    devices.push(
      device('copier-01', 'mfp', { snmp: snmp('cn-copier') }),
      device('printer-01', 'printer', { ipp: { uri: opts.ippUri, intervalSeconds: 5 } }),
      device('plug-01', 'plug', {
        mqtt: { family: 'tasmota', topic: 'plug01', password: 'system-test-plug-01-mqtt' },
      }),
    );
  }
  return testConfig({
    site,
    siteName: `${site} 专区`,
    officeHours: {
      weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      seasons: [{ name: '全天', from: '01-01', periods: ['00:00-23:59'] }],
    },
    people: [
      { id: 'staff-a', name: '甲', role: 'staff', post: 'A', notify: ['hook'] },
      { id: 'staff-b', name: '乙', role: 'staff', post: 'B', notify: ['hook'] },
      { id: 'tech', name: '丙', role: 'technician', notify: ['hook'] },
    ],
    notifiers: [{ id: 'hook', type: 'webhook', url: opts.hookUrl, secret: 'system-test-webhook-secret' }],
    api: { tokens: [{ name: 'tech', sha256: techHash, role: 'technician' }] },
    alerts: { nonCritical: 'always' },
    hygiene: { targets: [{ id: 'reading', name: '查阅区' }] },
    mqtt: { embedded: { listen: `127.0.0.1:${opts.mqttPort}` } },
    devices,
  });
}

async function startZone(site: string, full: boolean): Promise<App> {
  const sink = new Writable({
    write(chunk, _e, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const app = createApp({
    config: zoneConfig(site, {
      snmpPort: snmpsim.port,
      mqttPort: await freePort(),
      hookUrl: `${hook.url}/hook`,
      ippUri: printer.uri,
      full,
    }),
    clock: systemClock,
    logger: createLogger('info', sink),
    listen: { host: '127.0.0.1', port: 0 },
    dbPath: join(mkdtempSync(join(tmpdir(), `zoneops-${site}-`)), 'zoneops.db'),
  });
  apps.push(app);
  await app.start();
  return app;
}

const api = (app: App, path: string, init: RequestInit = {}) =>
  fetch(`http://127.0.0.1:${app.address?.port}${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${technician}`,
      'Content-Type': 'application/json',
      ...(init.headers ?? {}),
    },
  });

async function promQuery(expr: string): Promise<Array<{ metric: Record<string, string> }>> {
  const r = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await r.json()) as {
    status: string;
    error?: string;
    data?: { result: Array<{ metric: Record<string, string> }> };
  };
  if (body.status !== 'success') throw new Error(`${expr}: ${body.error}`);
  return body.data?.result ?? [];
}

/** The town dashboards' panels whose query returns nothing for site sysa. */
async function emptyPanels(): Promise<string[]> {
  const empty: string[] = [];
  const { district: _, ...towns } = committedDashboards();
  for (const d of Object.values(towns)) {
    for (const p of d.panels) {
      for (const t of p.targets) {
        const expr = t.expr.replaceAll('$site', 'sysa').replaceAll('$device', '.+');
        const result = await promQuery(expr);
        if (result.length === 0) empty.push(`${d.title} / ${p.title}: ${expr}`);
      }
    }
  }
  return empty;
}

beforeAll(async () => {
  const promBin = requireBinary('prometheus');
  snmpsim = await startSnmpsim(ownFixtures, 'win-pc');
  printer = await startIppPrinter({ name: 'zoneops system test' });
  hook = await startReceiver({ kind: 'webhook' });
  const a = await startZone('sysa', true);
  const b = await startZone('sysb', false);

  const dir = mkdtempSync(join(tmpdir(), 'zoneops-prom-'));
  const port = await freePort();
  writeFileSync(
    join(dir, 'prometheus.yml'),
    [
      'global: { scrape_interval: 1s, evaluation_interval: 1s }',
      'scrape_configs:',
      '  - job_name: zoneops',
      `    static_configs: [{ targets: ["127.0.0.1:${a.address?.port}", "127.0.0.1:${b.address?.port}"] }]`,
    ].join('\n'),
  );
  prometheus = startPeer(promBin, [
    `--config.file=${join(dir, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
  ]);
  promUrl = `http://127.0.0.1:${port}`;
  await waitForHttpOk(`${promUrl}/-/ready`, 'prometheus ready');

  // The plug reports like a Tasmota would (our own messages, in the format of the Tasmota docs).
  const broker = a.zone?.config.mqtt.embedded.listen;
  // The embedded broker refuses anonymous clients: the plug signs in with its own credential.
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker?.port}`, {
    username: 'plug-01',
    password: 'system-test-plug-01-mqtt',
  });
  await client.publishAsync('tele/plug01/LWT', 'Online', { retain: true });
  await client.publishAsync('stat/plug01/POWER', 'ON');
  await client.publishAsync(
    'tele/plug01/SENSOR',
    JSON.stringify({ Time: '2026-11-26T10:00:00', ENERGY: { Total: 12.5, Today: 0.3, Power: 35 } }),
  );
  await client.endAsync();

  // Wait for the copier's paper-out fault (cn-copier.snmprec reports noPaper) to open and be notified.
  let faults: Array<{ id: number; kind: string }> = [];
  await waitUntil(
    async () => {
      faults = (
        (await (await api(a, '/api/v1/faults')).json()) as { faults: Array<{ id: number; kind: string }> }
      ).faults;
      return faults.some((f) => f.kind === 'paper-out') && hook.accepted.length > 0;
    },
    40_000,
    'a paper-out fault and its notification',
  );
  // Acknowledge one fault and resolve another, so the time-to-ack/resolve histograms have data.
  const [first, second] = faults;
  if (first)
    expect((await api(a, `/api/v1/faults/${first.id}/ack`, { method: 'POST', body: '{}' })).status).toBe(200);
  if (second) {
    await api(a, `/api/v1/faults/${second.id}/ack`, { method: 'POST', body: '{}' });
    await api(a, `/api/v1/faults/${second.id}/resolve`, {
      method: 'POST',
      body: JSON.stringify({ note: '已处理' }),
    });
  }
  // Wait until Prometheus has scraped enough for every dashboard query to answer (range functions such as
  // increase() need two samples of a series after it first appears), with a timeout; the test below then
  // names the panels that still have no data.
  await waitUntil(
    async () => (await emptyPanels()).length === 0,
    30_000,
    'every dashboard panel to have data',
  ).catch((err: unknown) => {
    process.stderr.write(`zone-prometheus: ${String(err)}; the panel test will list them\n`);
  });
}, 180_000);

afterAll(async () => {
  await prometheus?.stop();
  for (const app of apps) await app.stop();
  await printer?.stop();
  await snmpsim?.stop();
  await hook?.close();
});

describe('a whole zone scraped by Prometheus', () => {
  it('notified the on-duty post of the copier’s paper-out in Chinese through the signed webhook', () => {
    const texts = hook.accepted.map((r) => JSON.stringify(r.json));
    expect(texts.some((t) => t.includes('缺纸'))).toBe(true);
    // Signed per Standard Webhooks; the plain secret of this config is verified as raw key bytes.
    const first = hook.accepted[0];
    expect(
      new Webhook('system-test-webhook-secret', { format: 'raw' }).verify(
        first?.raw ?? '',
        first?.headers as Record<string, string>,
      ),
    ).toMatchObject({ type: 'initial' });
  });

  it('every panel of every town dashboard returns data (the district one: test/integration/district/)', async () => {
    expect(await emptyPanels()).toEqual([]);
  });

  it('every metric the alert rules use exists', async () => {
    const rules = parse(
      readFileSync(join(repoRoot, 'config/prometheus/rules/zoneops.rules.yml'), 'utf8'),
    ) as {
      groups: Array<{ rules: Array<{ expr: string }> }>;
    };
    const names = new Set(
      rules.groups.flatMap((g) => g.rules.flatMap((r) => r.expr.match(/\bzoneops_[a-z_]+/g) ?? [])),
    );
    const missing: string[] = [];
    for (const name of names) if ((await promQuery(`count(${name})`)).length === 0) missing.push(name);
    expect(missing).toEqual([]);
    expect((await promQuery('up{job="zoneops"} == 1')).length).toBe(2);
  });

  it('the overview separates the two sites by the site variable', async () => {
    const table = committedDashboards()['zone-overview']?.panels.find((p) => p.title === '设备状态');
    const expr = table?.targets[0]?.expr ?? '';
    for (const site of ['sysa', 'sysb']) {
      const result = await promQuery(expr.replaceAll('$site', site).replaceAll('$device', '.+'));
      expect(result.length).toBeGreaterThan(0);
      expect(new Set(result.map((r) => r.metric.site))).toEqual(new Set([site]));
    }
    const devicesA = await promQuery('count(zoneops_device_info{site="sysa"})');
    const devicesB = await promQuery('count(zoneops_device_info{site="sysb"})');
    expect(devicesA[0]).toMatchObject({ value: [expect.any(Number), '4'] });
    expect(devicesB[0]).toMatchObject({ value: [expect.any(Number), '1'] });
  });

  it('/metrics passes promtool check metrics on a zone with devices', async () => {
    const promtool = requireBinary('promtool');
    const text = await (await fetch(`http://127.0.0.1:${apps[0]?.address?.port}/metrics`)).text();
    const file = join(mkdtempSync(join(tmpdir(), 'zoneops-m-')), 'm.txt');
    writeFileSync(file, text);
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync('sh', ['-c', `${promtool} check metrics < ${file} 2>&1; echo "rc=$?"`], {
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('rc=0');
  });

  it('never logs the webhook secret or the SNMP communities', () => {
    const all = logs.join('');
    expect(all).not.toContain('system-test-webhook-secret');
    expect(all).not.toMatch(/"community":"(win-pc|cn-copier)"/);
  });
});
