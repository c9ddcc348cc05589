import { Counter, Histogram, type Registry } from 'prom-client';
import { isKnownCondition, printerConditions } from '../domain/conditions.js';
import type { AssetRecord } from '../domain/device.js';
import type { Observation } from '../domain/observation.js';

/**
 * Device-level metrics fed from observations. Label values come from the inventory (device id, type)
 * or from bounded vocabularies (condition names, supply index/colour/type, storage kind) — never free
 * text from a device, never a secret.
 *
 * At a city's size (10,000 devices, 20 condition series per printer) rebuilding every series per scrape
 * is what made `/metrics` slow, so the per-device families are kept as exposition text, incrementally:
 * each observation re-renders only its own device's lines (Prometheus text format 0.0.4), and a scrape
 * joins the ready lines. The poll histograms stay on prom-client's registry (a handful of series).
 */
type Family =
  | 'info'
  | 'expectedOn'
  | 'up'
  | 'lastSeen'
  | 'powerWatts'
  | 'energyKWh'
  | 'supplyLevel'
  | 'condition'
  | 'pages'
  | 'queued'
  | 'cpu'
  | 'storage';

const families: ReadonlyArray<readonly [Family, string, 'gauge' | 'counter', string]> = [
  [
    'info',
    'zoneops_device_info',
    'gauge',
    'Always 1: one series per device of the asset register, with its type.',
  ],
  [
    'expectedOn',
    'zoneops_device_expected_on',
    'gauge',
    'Whether the power schedule says the device should be on now (1) or off (0).',
  ],
  [
    'up',
    'zoneops_device_up',
    'gauge',
    'Whether the device answered its last poll on this protocol (1) or not (0).',
  ],
  [
    'lastSeen',
    'zoneops_device_last_seen_timestamp_seconds',
    'gauge',
    'When the device last answered, as a Unix timestamp.',
  ],
  [
    'powerWatts',
    'zoneops_device_power_watts',
    'gauge',
    'Power drawn by the device, measured by its smart plug.',
  ],
  [
    'energyKWh',
    'zoneops_device_energy_kwh_total',
    'counter',
    'Energy used by the device, in kWh: the plug’s own lifetime counter.',
  ],
  [
    'supplyLevel',
    'zoneops_printer_supply_level_ratio',
    'gauge',
    'Supply level as a fraction of its capacity; absent (not 0) where the device does not measure it.',
  ],
  [
    'condition',
    'zoneops_printer_condition',
    'gauge',
    'Whether a condition (paper-out, jam, toner-low, …) is active on the device (1) or not (0).',
  ],
  [
    'pages',
    'zoneops_printer_pages_total',
    'counter',
    'Pages printed: the device’s own lifetime counter (free printing is the service given).',
  ],
  ['queued', 'zoneops_printer_queued_jobs', 'gauge', 'Print jobs waiting or printing.'],
  ['cpu', 'zoneops_pc_cpu_load_ratio', 'gauge', 'Average processor load of the PC or kiosk (0..1).'],
  [
    'storage',
    'zoneops_pc_storage_used_ratio',
    'gauge',
    'Used fraction of a disk or of memory on the PC or kiosk.',
  ],
];

/** A label value in the text format: backslash, double quote and line feed escaped. */
const esc = (v: string) =>
  /["\\\n]/.test(v) ? v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') : v;

export function createDeviceMetrics(registry: Registry, site: string) {
  const r = [registry];
  const siteLabel = `site="${esc(site)}"`;
  const lines = new Map<Family, Map<string, string>>(families.map(([f]) => [f, new Map()]));
  const up = new Map<string, Map<string, number>>();
  let expectedOnSource: (() => Array<{ device: string; type: string; on: boolean }>) | undefined;
  const header = new Map(
    families.map(([f, name, type, help]) => [f, `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n`]),
  );
  const nameOf = new Map(families.map(([f, name]) => [f, name]));
  /** `name{device="…",…,site="…"} value\n` */
  const line = (f: Family, labels: string, value: number) =>
    `${nameOf.get(f)}{${labels}${siteLabel}} ${value}\n`;
  const put = (f: Family, device: string, text: string) => lines.get(f)?.set(device, text);

  const pollDuration = new Histogram({
    name: 'zoneops_poll_duration_seconds',
    help: 'Time one poll of one device took.',
    labelNames: ['protocol'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: r,
  });
  const pollFailures = new Counter({
    name: 'zoneops_poll_failures_total',
    help: 'Polls that got no usable answer, by protocol and reason (timeout, refused, auth, protocol, …).',
    labelNames: ['protocol', 'reason'],
    registers: r,
  });

  const observePrinter = (device: string, obs: Observation) => {
    const p = obs.printer;
    if (!p) return;
    const d = `device="${esc(device)}",`;
    const active = new Set(obs.conditions.map((c) => c.name));
    let text = '';
    for (const name of printerConditions)
      text += line('condition', `${d}condition="${name}",`, active.has(name) ? 1 : 0);
    text += line(
      'condition',
      `${d}condition="other",`,
      obs.conditions.some((c) => !isKnownCondition(c.name)) ? 1 : 0,
    );
    put('condition', device, text);
    text = '';
    for (const s of p.supplies) {
      if (s.percent === null) continue;
      const labels = `${d}supply="${s.index}",type="${esc(s.type)}",color="${esc(s.color ?? 'none')}",`;
      text += line('supplyLevel', labels, s.percent / 100);
    }
    put('supplyLevel', device, text);
    if (p.queuedJobs !== null) put('queued', device, line('queued', d, p.queuedJobs));
    if (p.pageCount !== null && p.pageCount >= 0) put('pages', device, line('pages', d, p.pageCount));
  };

  const observeHost = (device: string, obs: Observation) => {
    const h = obs.host;
    if (!h) return;
    const d = `device="${esc(device)}",`;
    if (h.cpuLoadPercent !== null) put('cpu', device, line('cpu', d, h.cpuLoadPercent / 100));
    const seen = new Map<string, number>();
    let text = '';
    for (const st of h.storage) {
      if (st.sizeBytes <= 0 || (st.kind !== 'fixed-disk' && st.kind !== 'ram')) continue;
      // Pseudo filesystems (tmpfs, /run, cgroup) keep their own numbering, so fixed-disk-N stays a disk.
      const kind = st.pseudo ? 'pseudo-fs' : st.kind;
      const n = seen.get(kind) ?? 0;
      seen.set(kind, n + 1);
      text += line('storage', `${d}storage="${kind}-${n}",`, st.usedBytes / st.sizeBytes);
    }
    put('storage', device, text);
  };

  return {
    /** One info series per registered device (the `device` variable of the dashboards). */
    setInventory(assets: ReadonlyArray<Pick<AssetRecord, 'id' | 'type'>>): void {
      lines.get('info')?.clear();
      for (const a of assets)
        put('info', a.id, line('info', `device="${esc(a.id)}",type="${esc(a.type)}",`, 1));
    },
    /** Where zoneops_device_expected_on comes from (the schedule), read at each scrape. */
    setExpectedOnSource(source: () => Array<{ device: string; type: string; on: boolean }>): void {
      expectedOnSource = source;
    },
    /** Updates every series the observation speaks about: only this device's lines are rendered again. */
    observe(asset: Pick<AssetRecord, 'id' | 'type'>, obs: Observation): void {
      const device = asset.id;
      const protocols = up.get(device) ?? new Map<string, number>();
      up.set(device, protocols);
      protocols.set(obs.source, obs.reachable ? 1 : 0);
      let text = '';
      for (const [protocol, v] of protocols)
        text += line('up', `device="${esc(device)}",type="${esc(asset.type)}",protocol="${protocol}",`, v);
      put('up', device, text);
      if (obs.durationMs !== undefined) pollDuration.observe({ protocol: obs.source }, obs.durationMs / 1000);
      if (!obs.reachable) {
        pollFailures.inc({ protocol: obs.source, reason: obs.problem?.reason ?? 'unknown' });
        return;
      }
      const d = `device="${esc(device)}",`;
      put('lastSeen', device, line('lastSeen', `${d}type="${esc(asset.type)}",`, Math.floor(obs.at / 1000)));
      if (obs.power) {
        if (obs.power.watts !== null) put('powerWatts', device, line('powerWatts', d, obs.power.watts));
        if (obs.power.energyKWh !== null && obs.power.energyKWh >= 0)
          put('energyKWh', device, line('energyKWh', d, obs.power.energyKWh));
      }
      observePrinter(device, obs);
      observeHost(device, obs);
    },
    /** The per-device families in the text format, ready lines joined (the schedule's expected-on asked now). */
    text(): string {
      const expected = lines.get('expectedOn');
      if (expected && expectedOnSource) {
        expected.clear();
        for (const e of expectedOnSource())
          expected.set(
            e.device,
            line('expectedOn', `device="${esc(e.device)}",type="${esc(e.type)}",`, e.on ? 1 : 0),
          );
      }
      const parts: string[] = [];
      for (const [f] of families) {
        parts.push(header.get(f) ?? '');
        for (const t of lines.get(f)?.values() ?? []) parts.push(t);
      }
      return parts.join('');
    },
  };
}

export type DeviceMetrics = ReturnType<typeof createDeviceMetrics>;
