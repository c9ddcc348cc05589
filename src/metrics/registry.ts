import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { deviceStatuses } from '../domain/status.js';

interface DeviceCounts {
  /** Active devices by type and status. */
  count(): Promise<Array<{ type: string; status: string; n: number }>>;
}

/**
 * Every zoneops metric lives on this registry (never prom-client's global one), with a `site`
 * label on every series so that several towns can share one Prometheus. Label values come from
 * the inventory only: bounded cardinality, no free text, no secrets.
 */
export function createMetrics(opts: { site: string; version: string; devices: DeviceCounts }) {
  const registry = new Registry();
  registry.setDefaultLabels({ site: opts.site });
  // Standard process_* and nodejs_* names, so stock Node.js dashboards work too.
  collectDefaultMetrics({ register: registry });
  // These three are gauges named *_total, which `promtool check metrics` rejects; their
  // non-_total twins (nodejs_active_handles, nodejs_active_requests, nodejs_active_resources) stay.
  for (const name of [
    'nodejs_active_handles_total',
    'nodejs_active_requests_total',
    'nodejs_active_resources_total',
  ]) {
    registry.removeSingleMetric(name);
  }

  new Gauge({
    name: 'zoneops_build_info',
    help: 'Always 1; the labels say which zoneops version runs for which site.',
    labelNames: ['version'],
    registers: [registry],
  }).set({ version: opts.version }, 1);

  new Gauge({
    name: 'zoneops_devices',
    help: 'Devices in the asset register, by type and current status.',
    labelNames: ['type', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await opts.devices.count();
      const types = new Set(rows.map((r) => r.type));
      // Every (type, status) pair is present, 0 where no device is in it, so panels never go blank.
      for (const type of types) for (const status of deviceStatuses) this.set({ type, status }, 0);
      for (const r of rows) this.set({ type: r.type, status: r.status }, r.n);
    },
  });

  return { registry };
}
