import type { DeviceConfig } from '../config/schema.js';
import type { DeviceType } from '../domain/device.js';
import type { WolTarget } from './wol.js';

/**
 * How the reconciler can act on one device, derived from its config:
 * - `on`: Wake-on-LAN, or a PowerSwitch id (the plug that feeds it, or the device's own agent);
 * - `softOff`: the device's agent (an orderly shutdown) when it has one;
 * - `cut`: the plug feeding it, cut last (after the interlocks allow it).
 * Devices with power method `none` are monitor-only and get no target.
 */
export interface PowerTarget {
  readonly id: string;
  readonly type: DeviceType;
  readonly on:
    | { readonly kind: 'wol'; readonly wol: WolTarget }
    | { readonly kind: 'switch'; readonly id: string };
  readonly softOff: string | null;
  readonly cut: string | null;
}

function powerTargetFromConfig(d: DeviceConfig): PowerTarget | null {
  const agent = d.mqtt?.family === 'agent' ? d.id : null;
  switch (d.power.method) {
    case 'none':
      return null;
    case 'wol':
      return {
        id: d.id,
        type: d.type,
        on: {
          kind: 'wol',
          wol: {
            mac: d.power.mac,
            address: d.power.address,
            port: d.power.port,
            ...(d.power.secureOn ? { secureOn: d.power.secureOn } : {}),
            ...(d.power.sourceAddress ? { sourceAddress: d.power.sourceAddress } : {}),
            ...(d.power.interface ? { interface: d.power.interface } : {}),
          },
        },
        softOff: agent,
        cut: null,
      };
    case 'plug':
      return {
        id: d.id,
        type: d.type,
        on: { kind: 'switch', id: d.power.plug },
        softOff: agent,
        cut: d.power.plug,
      };
    case 'agent':
      return { id: d.id, type: d.type, on: { kind: 'switch', id: d.id }, softOff: d.id, cut: null };
  }
}

/** The scheduled targets of a config (plugs themselves are actuators, not scheduled). */
export function powerTargets(devices: readonly DeviceConfig[]): PowerTarget[] {
  return devices
    .filter((d) => d.type !== 'plug')
    .map(powerTargetFromConfig)
    .filter((t): t is PowerTarget => t !== null);
}
