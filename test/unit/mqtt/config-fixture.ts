import { type Config, configSchema } from '../../../src/config/schema.js';

/** Our own small zone (written for these tests): a Tasmota plug feeding a copier, a Shelly Gen1 and Gen2 plug, an agent PC, a generic kiosk. */
export const zoneDevices = [
  device('plug-copier', 'plug', { family: 'tasmota', topic: 'plug_copier', onAboveWatts: 20 }),
  device('copier-1', 'copier', undefined, { method: 'plug', plug: 'plug-copier' }),
  device('plug-s1', 'plug', { family: 'shelly1', topic: 'shellyplug-s-C18B12' }),
  device('plug-s2', 'plug', { family: 'shelly2', topic: 'shellyplusplugs-abc' }),
  device('pc-01', 'pc', { family: 'agent', topic: 'OFFICE-PC01' }, { method: 'agent' }),
  device('kiosk-1', 'kiosk', { family: 'generic', topic: 'zoneops/demo/devices/kiosk-1/telemetry' }),
  device('printer-1', 'printer', undefined),
];

function device(id: string, type: string, mqtt?: Record<string, unknown>, power?: Record<string, unknown>) {
  return {
    id,
    name: id,
    type,
    location: '大厅',
    assetNo: `A-${id}`,
    vendor: { name: 'v' },
    serviceProvider: { name: 's' },
    responsible: '王强',
    ...(mqtt ? { mqtt } : {}),
    ...(power ? { power } : {}),
  };
}

export function parseZone(extra: Record<string, unknown> = {}, devices: unknown[] = zoneDevices): Config {
  const raw = {
    site: 'demo',
    siteName: '演示专区',
    officeHours: { seasons: [{ name: '全年', from: '01-01', periods: ['09:00-17:00'] }] },
    devices,
    ...extra,
  };
  const result = configSchema({ env: {}, readFile: () => '' }).safeParse(raw);
  if (!result.success) throw new Error(JSON.stringify(result.error.issues));
  return result.data;
}
