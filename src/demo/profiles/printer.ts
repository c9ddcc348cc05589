import type { SnmpProfile } from '../snmp-agent.js';

/**
 * A monochrome A4 laser printer, written by us in the shape real printers answer (Printer-MIB,
 * RFC 3805, and HOST-RESOURCES-MIB): one hrDevice (index 1), a manual feed and a 250-sheet tray,
 * one toner and one drum, a life page counter. No recorded device data is copied here.
 */
export const hrDeviceIndex = 1;
/** Local stand-in column for the outer hrDeviceIndex of the Printer-MIB tables (never served). */
const dev = 100;

interface PrinterProfileOptions {
  model: string;
  serial: string;
  pages: number;
  tonerPercent: number;
  paperSheets: number;
}

export function printerProfile(o: PrinterProfileOptions): SnmpProfile {
  return {
    scalars: [
      {
        name: 'sysDescr',
        oid: '1.3.6.1.2.1.1.1',
        type: 'str',
        value: `${o.model}; SN ${o.serial}; firmware 2.1.0 (zoneops demo)`,
      },
      { name: 'sysObjectID', oid: '1.3.6.1.2.1.1.2', type: 'oid', value: '1.3.6.1.4.1.99999.2.1' },
      { name: 'sysUpTime', oid: '1.3.6.1.2.1.1.3', type: 'ticks', value: 360_000 },
      { name: 'sysName', oid: '1.3.6.1.2.1.1.5', type: 'str', value: o.serial },
    ],
    tables: [
      {
        name: 'hrDeviceTable',
        entry: '1.3.6.1.2.1.25.3.2.1',
        columns: { 1: 'int', 2: 'oid', 3: 'str', 5: 'int' },
        index: [1],
        rows: [{ 1: hrDeviceIndex, 2: '1.3.6.1.2.1.25.3.1.5', 3: o.model, 5: 2 }],
      },
      {
        name: 'hrPrinterTable',
        entry: '1.3.6.1.2.1.25.3.5.1',
        columns: { 1: 'int', 2: 'str', [dev]: 'int' },
        index: [dev],
        // hrPrinterStatus idle(3); no error bits set.
        rows: [{ [dev]: hrDeviceIndex, 1: 3, 2: Buffer.from([0x00]) }],
      },
      {
        name: 'prtInputTable',
        entry: '1.3.6.1.2.1.43.8.2.1',
        columns: {
          1: 'int',
          2: 'int',
          8: 'int',
          9: 'int',
          10: 'int',
          12: 'str',
          13: 'str',
          18: 'str',
          [dev]: 'int',
        },
        index: [dev, 1],
        rows: [
          // Manual feed: present but not measured (-3 = "some remaining").
          {
            [dev]: hrDeviceIndex,
            1: 1,
            2: 3,
            8: 8,
            9: 1,
            10: -3,
            12: 'A4',
            13: 'Bypass Tray',
            18: 'Manual feed',
          },
          {
            [dev]: hrDeviceIndex,
            1: 2,
            2: 4,
            8: 8,
            9: 250,
            10: o.paperSheets,
            12: 'A4',
            13: 'Tray 1',
            18: 'Cassette 1',
          },
        ],
      },
      {
        name: 'prtMarkerTable',
        entry: '1.3.6.1.2.1.43.10.2.1',
        columns: { 1: 'int', 4: 'counter', [dev]: 'int' },
        index: [dev, 1],
        rows: [{ [dev]: hrDeviceIndex, 1: 1, 4: o.pages }],
      },
      {
        name: 'prtMarkerSuppliesTable',
        entry: '1.3.6.1.2.1.43.11.1.1',
        columns: {
          1: 'int',
          2: 'int',
          3: 'int',
          4: 'int',
          5: 'int',
          6: 'str',
          7: 'int',
          8: 'int',
          9: 'int',
          [dev]: 'int',
        },
        index: [dev, 1],
        rows: [
          // class supplyThatIsConsumed(3), type toner(3), unit percent(19).
          {
            [dev]: hrDeviceIndex,
            1: 1,
            2: 1,
            3: 1,
            4: 3,
            5: 3,
            6: 'Black Toner Cartridge',
            7: 19,
            8: 100,
            9: o.tonerPercent,
          },
          // type opc/drum(9).
          { [dev]: hrDeviceIndex, 1: 2, 2: 1, 3: 0, 4: 3, 5: 9, 6: 'Drum Unit', 7: 19, 8: 100, 9: 64 },
        ],
      },
      {
        name: 'prtMarkerColorantTable',
        entry: '1.3.6.1.2.1.43.12.1.1',
        columns: { 1: 'int', 4: 'str', [dev]: 'int' },
        index: [dev, 1],
        rows: [{ [dev]: hrDeviceIndex, 1: 1, 4: 'black' }],
      },
      {
        name: 'prtAlertTable',
        entry: '1.3.6.1.2.1.43.18.1.1',
        columns: { 1: 'int', 2: 'int', 4: 'int', 5: 'int', 6: 'int', 7: 'int', 8: 'str', [dev]: 'int' },
        index: [dev, 1],
        rows: [],
      },
    ],
  };
}

/** hrPrinterDetectedErrorState first octet bits (RFC 3805): noPaper is bit 1 = 0x40. */
export const errorBits = {
  lowPaper: 0x80,
  noPaper: 0x40,
  lowToner: 0x20,
  noToner: 0x10,
  doorOpen: 0x08,
  jammed: 0x04,
};

/** A prtAlertTable row for an empty tray: severity critical(3), group input(8), code inputMediaSupplyEmpty(808). */
export function paperOutAlert(trayIndex: number): Record<number, number | string> {
  return {
    [dev]: hrDeviceIndex,
    1: 1,
    2: 3,
    4: 8,
    5: trayIndex,
    6: 0,
    7: 808,
    8: `Tray ${trayIndex - 1} empty`,
  };
}
