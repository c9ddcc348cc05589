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
