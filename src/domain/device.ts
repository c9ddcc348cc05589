/** The zone's equipment as the state-asset register sees it. Pure types, no I/O. */

export const deviceTypes = ['pc', 'kiosk', 'printer', 'copier', 'mfp', 'plug', 'other'] as const;
export type DeviceType = (typeof deviceTypes)[number];

/** Device types that print (Printer-MIB / IPP apply, and the print-job power interlock). */
export const printingTypes: readonly DeviceType[] = ['printer', 'copier', 'mfp'];

export interface Contact {
  readonly name: string;
  readonly contact?: string;
  readonly phone?: string;
}

/** One row of the asset register (国有资产登记): what the party-government office keeps for each device. */
export interface AssetRecord {
  readonly id: string;
  readonly name: string;
  readonly type: DeviceType;
  readonly location: string;
  readonly assetNo: string;
  readonly vendor: Contact;
  readonly serviceProvider: Contact;
  readonly purchasedOn: string | null;
  readonly warrantyUntil: string | null;
  readonly responsible: string;
  /** Which ways zoneops can reach the device: snmp, ipp, mqtt. */
  readonly protocols: readonly Protocol[];
  /** How the device is switched on and off. */
  readonly powerMethod: PowerMethod;
}

export const protocols = ['snmp', 'ipp', 'mqtt'] as const;
export type Protocol = (typeof protocols)[number];

const powerMethods = ['wol', 'plug', 'agent', 'none'] as const;
export type PowerMethod = (typeof powerMethods)[number];
