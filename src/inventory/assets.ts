import type { DeviceConfig } from '../config/schema.js';
import type { AssetRecord, Contact, Protocol } from '../domain/device.js';

/** The asset-register view of a configured device: what may be shown to anyone with a token (no secrets, no addresses). */
export function assetFromConfig(device: DeviceConfig): AssetRecord {
  const protocols: Protocol[] = [];
  if (device.snmp) protocols.push('snmp');
  if (device.ipp) protocols.push('ipp');
  if (device.mqtt) protocols.push('mqtt');
  return {
    id: device.id,
    name: device.name,
    type: device.type,
    location: device.location,
    assetNo: device.assetNo,
    vendor: contact(device.vendor),
    serviceProvider: contact(device.serviceProvider),
    purchasedOn: device.purchasedOn ?? null,
    warrantyUntil: device.warrantyUntil ?? null,
    responsible: device.responsible,
    protocols,
    powerMethod: device.power.method,
  };
}

function contact(c: DeviceConfig['vendor']): Contact {
  return {
    name: c.name,
    ...(c.contact !== undefined ? { contact: c.contact } : {}),
    ...(c.phone !== undefined ? { phone: c.phone } : {}),
  };
}

/** Register id of a cleaning area that is not a device (faults such as cleaning-overdue need a subject). */
export const areaAssetId = (targetId: string) => `area-${targetId}`;

/** A register entry that stands for a cleaning area, not a device (nothing to poll or switch). */
export const isAreaAsset = (a: { id: string; type: string; protocols: readonly string[] }) =>
  a.type === 'other' && a.protocols.length === 0 && a.id.startsWith('area-');

/**
 * The cleaning areas of the hygiene plan (查阅区, 等候区 …) that are not devices, as register entries of
 * type `other` without protocols or power, so an overdue cleaning can be a fault like any other.
 */
export function areaAssets(
  targets: readonly { id: string; name: string; device?: string | undefined }[],
  siteName: string,
): AssetRecord[] {
  return targets
    .filter((t) => t.device === undefined)
    .map((t) => ({
      id: areaAssetId(t.id),
      name: t.name,
      type: 'other' as const,
      location: t.name,
      assetNo: `AREA-${t.id}`,
      vendor: { name: '—' },
      serviceProvider: { name: '—' },
      purchasedOn: null,
      warrantyUntil: null,
      responsible: siteName,
      protocols: [],
      powerMethod: 'none' as const,
    }));
}
