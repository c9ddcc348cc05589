import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { isKnownCondition, printerConditions } from '../domain/conditions.js';
import type { AssetRecord } from '../domain/device.js';
import type { Observation } from '../domain/observation.js';

/**
 * Device-level metrics fed from observations. Label values come from the inventory (device id, type)
 * or from bounded vocabularies (condition names, supply index/colour/type, storage kind) — never free
 * text from a device, never a secret.
 */
export function createDeviceMetrics(registry: Registry) {
  const r = [registry];
  const lastEnergy = new Map<string, number>();
  let expectedOnSource: (() => Array<{ device: string; type: string; on: boolean }>) | undefined;
  const lastPages = new Map<string, number>();
  const m = {
    info: new Gauge({
      name: 'zoneops_device_info',
      help: 'Always 1: one series per device of the asset register, with its type.',
      labelNames: ['device', 'type'],
      registers: r,
    }),
    expectedOn: new Gauge({
      name: 'zoneops_device_expected_on',
      help: 'Whether the power schedule says the device should be on now (1) or off (0).',
      labelNames: ['device', 'type'],
      registers: r,
      // Asked at scrape time, so it follows the calendar and overrides without a timer of its own.
      collect() {
        if (!expectedOnSource) return;
        for (const e of expectedOnSource()) this.set({ device: e.device, type: e.type }, e.on ? 1 : 0);
      },
    }),
    up: new Gauge({
      name: 'zoneops_device_up',
      help: 'Whether the device answered its last poll on this protocol (1) or not (0).',
      labelNames: ['device', 'type', 'protocol'],
      registers: r,
    }),
    lastSeen: new Gauge({
      name: 'zoneops_device_last_seen_timestamp_seconds',
      help: 'When the device last answered, as a Unix timestamp.',
      labelNames: ['device', 'type'],
      registers: r,
    }),
    powerWatts: new Gauge({
      name: 'zoneops_device_power_watts',
      help: 'Power drawn by the device, measured by its smart plug.',
      labelNames: ['device'],
      registers: r,
    }),
    energyKWh: new Counter({
      name: 'zoneops_device_energy_kwh_total',
      help: 'Energy used by the device, in kWh: the plug’s own lifetime counter.',
      labelNames: ['device'],
      registers: r,
      collect() {
        this.reset();
        for (const [device, kwh] of lastEnergy) this.inc({ device }, kwh);
      },
    }),
    supplyLevel: new Gauge({
      name: 'zoneops_printer_supply_level_ratio',
      help: 'Supply level as a fraction of its capacity; absent (not 0) where the device does not measure it.',
      labelNames: ['device', 'supply', 'type', 'color'],
      registers: r,
    }),
    condition: new Gauge({
      name: 'zoneops_printer_condition',
      help: 'Whether a condition (paper-out, jam, toner-low, …) is active on the device (1) or not (0).',
      labelNames: ['device', 'condition'],
      registers: r,
    }),
    pages: new Counter({
      name: 'zoneops_printer_pages_total',
      help: 'Pages printed: the device’s own lifetime counter (free printing is the service given).',
      labelNames: ['device'],
      registers: r,
      // Exposes the device's counter as it is; Prometheus' increase() handles a replaced counter board.
      collect() {
        this.reset();
        for (const [device, pages] of lastPages) this.inc({ device }, pages);
      },
    }),
    queued: new Gauge({
      name: 'zoneops_printer_queued_jobs',
      help: 'Print jobs waiting or printing.',
      labelNames: ['device'],
      registers: r,
    }),
    cpu: new Gauge({
      name: 'zoneops_pc_cpu_load_ratio',
      help: 'Average processor load of the PC or kiosk (0..1).',
      labelNames: ['device'],
      registers: r,
    }),
    storage: new Gauge({
      name: 'zoneops_pc_storage_used_ratio',
      help: 'Used fraction of a disk or of memory on the PC or kiosk.',
      labelNames: ['device', 'storage'],
      registers: r,
    }),
    pollDuration: new Histogram({
      name: 'zoneops_poll_duration_seconds',
      help: 'Time one poll of one device took.',
      labelNames: ['protocol'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: r,
    }),
    pollFailures: new Counter({
      name: 'zoneops_poll_failures_total',
      help: 'Polls that got no usable answer, by protocol and reason (timeout, refused, auth, protocol, …).',
      labelNames: ['protocol', 'reason'],
      registers: r,
    }),
  };

  return {
    /** One info series per registered device (the `device` variable of the dashboards). */
    setInventory(assets: ReadonlyArray<Pick<AssetRecord, 'id' | 'type'>>): void {
      m.info.reset();
      for (const a of assets) m.info.set({ device: a.id, type: a.type }, 1);
    },
    /** Where zoneops_device_expected_on comes from (the schedule), read at each scrape. */
    setExpectedOnSource(source: () => Array<{ device: string; type: string; on: boolean }>): void {
      expectedOnSource = source;
    },
    /** Updates every series the observation speaks about. */
    observe(asset: Pick<AssetRecord, 'id' | 'type'>, obs: Observation): void {
      const device = asset.id;
      m.up.set({ device, type: asset.type, protocol: obs.source }, obs.reachable ? 1 : 0);
      if (obs.durationMs !== undefined)
        m.pollDuration.observe({ protocol: obs.source }, obs.durationMs / 1000);
      if (!obs.reachable) {
        m.pollFailures.inc({ protocol: obs.source, reason: obs.problem?.reason ?? 'unknown' });
        return;
      }
      m.lastSeen.set({ device, type: asset.type }, Math.floor(obs.at / 1000));
      if (obs.power) {
        if (obs.power.watts !== null) m.powerWatts.set({ device }, obs.power.watts);
        if (obs.power.energyKWh !== null && obs.power.energyKWh >= 0)
          lastEnergy.set(device, obs.power.energyKWh);
      }
      if (obs.printer) {
        const p = obs.printer;
        const active = new Set(obs.conditions.map((c) => c.name));
        for (const name of printerConditions)
          m.condition.set({ device, condition: name }, active.has(name) ? 1 : 0);
        const other = obs.conditions.some((c) => !isKnownCondition(c.name));
        m.condition.set({ device, condition: 'other' }, other ? 1 : 0);
        for (const s of p.supplies) {
          const labels = { device, supply: String(s.index), type: s.type, color: s.color ?? 'none' };
          if (s.percent === null) m.supplyLevel.remove(labels);
          else m.supplyLevel.set(labels, s.percent / 100);
        }
        if (p.queuedJobs !== null) m.queued.set({ device }, p.queuedJobs);
        if (p.pageCount !== null && p.pageCount >= 0) lastPages.set(device, p.pageCount);
      }
      if (obs.host) {
        if (obs.host.cpuLoadPercent !== null) m.cpu.set({ device }, obs.host.cpuLoadPercent / 100);
        const seen = new Map<string, number>();
        for (const st of obs.host.storage) {
          if (st.sizeBytes <= 0 || (st.kind !== 'fixed-disk' && st.kind !== 'ram')) continue;
          // Pseudo filesystems (tmpfs, /run, cgroup) keep their own numbering, so fixed-disk-N stays a disk.
          const kind = st.pseudo ? 'pseudo-fs' : st.kind;
          const n = seen.get(kind) ?? 0;
          seen.set(kind, n + 1);
          m.storage.set({ device, storage: `${kind}-${n}` }, st.usedBytes / st.sizeBytes);
        }
      }
    },
  };
}

export type DeviceMetrics = ReturnType<typeof createDeviceMetrics>;
