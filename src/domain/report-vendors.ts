import type { Incident } from './report-faults.js';
import { minutes } from './report-faults.js';
import type { ReportDevice } from './report-input.js';
import type { VendorLine } from './report-types.js';

/**
 * 厂家及技术服务商响应, by unit (pure): every vendor (生产厂家) and service provider (技术服务商) of
 * the zone's equipment, with the equipment incidents on its devices, how many it was called about
 * (a `vendor-contacted` event naming its party), how many of those were repaired before counting
 * stopped, the mean minutes from the (first) call to the repair, and the promised times kept or
 * missed (a promise is kept when the incident closed by `promisedAt`, missed when it closed later or
 * was still open after it).
 */
export function vendorLines(
  equipment: readonly ReportDevice[],
  incidents: readonly Incident[],
  countedTo: number,
): VendorLine[] {
  const units = new Map<string, { role: VendorLine['role']; name: string; devices: string[] }>();
  for (const d of equipment) {
    for (const [role, name] of [
      ['vendor', d.vendor],
      ['service-provider', d.serviceProvider],
    ] as const) {
      const key = `${role}\u0000${name}`;
      const u = units.get(key) ?? { role, name, devices: [] };
      u.devices.push(d.id);
      units.set(key, u);
    }
  }
  return [...units.values()].map((u) => {
    const mine = incidents.filter((i) => i.cause === 'equipment' && u.devices.includes(i.deviceId));
    const called = mine
      .map((i) => ({ i, call: i.calls.find((c) => partyOf(c.data.party) === u.role) }))
      .filter((x): x is { i: Incident; call: Incident['calls'][number] } => x.call !== undefined);
    const repaired = called.filter((x) => x.i.closedAt !== null);
    let kept = 0;
    let missed = 0;
    for (const { i, call } of called) {
      const promised = call.data.promisedAt;
      if (typeof promised !== 'number') continue;
      if (i.closedAt !== null && i.closedAt <= promised) kept++;
      else if ((i.closedAt ?? countedTo) > promised) missed++;
    }
    const waits = repaired.map((x) => (x.i.closedAt as number) - x.call.at);
    return {
      role: u.role,
      name: u.name,
      devices: u.devices,
      incidents: mine.length,
      contacted: called.length,
      repaired: repaired.length,
      meanRepairMinutes: minutes(waits.length === 0 ? null : waits.reduce((a, b) => a + b, 0) / waits.length),
      promisesKept: kept,
      promisesMissed: missed,
    };
  });
}

/** A call without a party was a call to the vendor (the API's default). */
const partyOf = (p: unknown): VendorLine['role'] =>
  p === 'service-provider' ? 'service-provider' : 'vendor';
