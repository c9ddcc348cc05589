/** The MIB objects zoneops reads, as numeric OIDs (no MIB files needed at run time). */
export const oid = {
  sysDescr: '1.3.6.1.2.1.1.1.0',
  sysObjectID: '1.3.6.1.2.1.1.2.0',
  sysUpTime: '1.3.6.1.2.1.1.3.0',
  sysName: '1.3.6.1.2.1.1.5.0',

  // HOST-RESOURCES-MIB (RFC 2790)
  hrSystemUptime: '1.3.6.1.2.1.25.1.1.0',
  hrSystemUptimeBase: '1.3.6.1.2.1.25.1.1',
  hrStorageEntry: '1.3.6.1.2.1.25.2.3.1',
  hrStorageType: '1.3.6.1.2.1.25.2.3.1.2',
  hrStorageDescr: '1.3.6.1.2.1.25.2.3.1.3',
  hrStorageAllocationUnits: '1.3.6.1.2.1.25.2.3.1.4',
  hrStorageSize: '1.3.6.1.2.1.25.2.3.1.5',
  hrStorageUsed: '1.3.6.1.2.1.25.2.3.1.6',
  hrStorageTypes: '1.3.6.1.2.1.25.2.1',
  hrDeviceEntry: '1.3.6.1.2.1.25.3.2.1',
  hrDeviceType: '1.3.6.1.2.1.25.3.2.1.2',
  hrDeviceDescr: '1.3.6.1.2.1.25.3.2.1.3',
  hrDeviceStatus: '1.3.6.1.2.1.25.3.2.1.5',
  hrDeviceTypes: '1.3.6.1.2.1.25.3.1',
  hrProcessorLoad: '1.3.6.1.2.1.25.3.3.1.2',
  hrPrinterEntry: '1.3.6.1.2.1.25.3.5.1',
  hrPrinterStatus: '1.3.6.1.2.1.25.3.5.1.1',
  hrPrinterDetectedErrorState: '1.3.6.1.2.1.25.3.5.1.2',
  hrSWRunName: '1.3.6.1.2.1.25.4.2.1.2',
  hrSWInstalledName: '1.3.6.1.2.1.25.6.3.1.2',

  // Printer-MIB (RFC 3805)
  printerMib: '1.3.6.1.2.1.43',
  prtInputEntry: '1.3.6.1.2.1.43.8.2.1',
  prtInputMaxCapacity: '1.3.6.1.2.1.43.8.2.1.9',
  prtInputCurrentLevel: '1.3.6.1.2.1.43.8.2.1.10',
  prtInputMediaName: '1.3.6.1.2.1.43.8.2.1.12',
  prtInputName: '1.3.6.1.2.1.43.8.2.1.13',
  prtInputDescription: '1.3.6.1.2.1.43.8.2.1.18',
  prtMarkerLifeCount: '1.3.6.1.2.1.43.10.2.1.4',
  prtMarkerSuppliesEntry: '1.3.6.1.2.1.43.11.1.1',
  prtMarkerSuppliesColorantIndex: '1.3.6.1.2.1.43.11.1.1.3',
  prtMarkerSuppliesClass: '1.3.6.1.2.1.43.11.1.1.4',
  prtMarkerSuppliesType: '1.3.6.1.2.1.43.11.1.1.5',
  prtMarkerSuppliesDescription: '1.3.6.1.2.1.43.11.1.1.6',
  prtMarkerSuppliesSupplyUnit: '1.3.6.1.2.1.43.11.1.1.7',
  prtMarkerSuppliesMaxCapacity: '1.3.6.1.2.1.43.11.1.1.8',
  prtMarkerSuppliesLevel: '1.3.6.1.2.1.43.11.1.1.9',
  prtMarkerColorantEntry: '1.3.6.1.2.1.43.12.1.1',
  prtMarkerColorantValue: '1.3.6.1.2.1.43.12.1.1.4',
  prtAlertEntry: '1.3.6.1.2.1.43.18.1.1',
  prtAlertSeverityLevel: '1.3.6.1.2.1.43.18.1.1.2',
  prtAlertGroup: '1.3.6.1.2.1.43.18.1.1.4',
  prtAlertCode: '1.3.6.1.2.1.43.18.1.1.7',
  prtAlertDescription: '1.3.6.1.2.1.43.18.1.1.8',

  // Notifications
  snmpTrapOID: '1.3.6.1.6.3.1.1.4.1.0',
  coldStart: '1.3.6.1.6.3.1.1.5.1',
  warmStart: '1.3.6.1.6.3.1.1.5.2',
  linkDown: '1.3.6.1.6.3.1.1.5.3',
  printerV2Alert: '1.3.6.1.2.1.43.18.2.0.1',
} as const;

/** The subtrees walked for each kind of device (GetBulk walks, one after another per device). */
export const printerSubtrees = [
  oid.hrDeviceEntry,
  oid.hrPrinterEntry,
  oid.prtInputEntry,
  oid.prtMarkerLifeCount,
  oid.prtMarkerSuppliesEntry,
  oid.prtMarkerColorantValue,
  oid.prtAlertEntry,
] as const;

export const hostSubtrees = [
  oid.hrSystemUptimeBase,
  oid.hrStorageEntry,
  oid.hrDeviceEntry,
  oid.hrProcessorLoad,
  oid.hrSWRunName,
  oid.hrSWInstalledName,
] as const;

/**
 * The scalars read with one GET at the start of every poll (all in the system group, so a v1
 * agent does not fail the whole request with noSuchName).
 */
export const systemScalars = [oid.sysDescr, oid.sysObjectID, oid.sysUpTime, oid.sysName];
