/**
 * Printer makers by their sysObjectID (SNMPv2-MIB: "the vendor's authoritative identification … allocated
 * within the SMI enterprises subtree (1.3.6.1.4.1)"). The enterprise number is IANA's Private
 * Enterprise Number (https://www.iana.org/assignments/enterprise-numbers; RFC 1700 lists the early ones);
 * where a maker also sells PCs, servers or switches under the same number, only its printers' subtree is
 * listed (Dell 674 also identifies PowerEdge servers, HP 11 ProCurve switches). Each row names where
 * the subtree was seen in a real device's answer or a monitoring project's own printer definition.
 */
export interface PrinterMaker {
  readonly maker: string;
  /** sysObjectID equals this or starts with it and a dot. */
  readonly prefix: string;
  readonly source: string;
}

export const printerMakers: readonly PrinterMaker[] = [
  {
    maker: 'HP (Jetdirect print servers)',
    prefix: '1.3.6.1.4.1.11.2.3.9',
    source:
      'shared recordings jetdirect*.snmprec (1.3.6.1.4.1.11.2.3.9.1); glpi-agent issue #1091 ("sysobjectID .1.3.6.1.4.1.11.2.3.9.1 … hp-peripheral")',
  },
  {
    maker: 'Samsung (printers)',
    prefix: '1.3.6.1.4.1.236.11',
    source:
      'LibreNMS includes/os/samsungprinter.inc.php and FusionInventory Manufacturer/Samsung.pm read the model under 1.3.6.1.4.1.236.11.5',
  },
  {
    maker: 'Xerox',
    prefix: '1.3.6.1.4.1.253',
    source: 'shared recording xerox.snmprec (1.3.6.1.4.1.253.8.62.1.35.2.3.1.1)',
  },
  {
    maker: 'Ricoh',
    prefix: '1.3.6.1.4.1.367',
    source: 'shared recording ricoh_mpc3002.snmprec (1.3.6.1.4.1.367.1.1)',
  },
  {
    maker: 'Lexmark (and its rebadges, e.g. Toshiba e-STUDIO 305CS)',
    prefix: '1.3.6.1.4.1.641',
    source:
      'shared recording toshiba-tec_estudio305.snmprec (1.3.6.1.4.1.641.2.71107164); LibreNMS os_detection/toshiba-tec.yaml (.1.3.6.1.4.1.641.)',
  },
  {
    maker: 'Dell (printers)',
    prefix: '1.3.6.1.4.1.674.10898',
    source:
      'LibreNMS resources/definitions/os_detection/dell-laser.yaml (sysObjectID .1.3.6.1.4.1.674.10898.)',
  },
  {
    maker: 'Toshiba TEC (e-STUDIO, B-EV / B-FV label printers)',
    prefix: '1.3.6.1.4.1.1129',
    source:
      'LibreNMS resources/definitions/os_detection/toshiba-tec.yaml (sysObjectID .1.3.6.1.4.1.1129.1.2.)',
  },
  {
    maker: 'Epson',
    prefix: '1.3.6.1.4.1.1248',
    source: 'shared recording epson.snmprec (1.3.6.1.4.1.1248.1.1.2.1.3.…)',
  },
  {
    maker: 'Kyocera (and UTAX / TA Triumph-Adler)',
    prefix: '1.3.6.1.4.1.1347',
    source: 'shared recordings kyocera.snmprec, utax.snmprec (1.3.6.1.4.1.1347.41)',
  },
  {
    maker: 'Canon',
    prefix: '1.3.6.1.4.1.1602',
    source: 'shared recordings canonprinter_*.snmprec (1.3.6.1.4.1.1602.4.2/.3/.7)',
  },
  {
    maker: 'Sharp',
    prefix: '1.3.6.1.4.1.2385',
    source: 'shared recordings sharp*.snmprec (1.3.6.1.4.1.2385.3.1.…)',
  },
  {
    maker: 'Brother',
    prefix: '1.3.6.1.4.1.2435',
    source: 'shared recordings brother*.snmprec (1.3.6.1.4.1.2435.2.3.9.1)',
  },
  {
    maker: 'Konica Minolta',
    prefix: '1.3.6.1.4.1.18334',
    source: 'shared recordings konica*.snmprec (1.3.6.1.4.1.18334.1.1.1.2.1.…)',
  },
  {
    maker: 'Zebra (ZebraNet print servers)',
    prefix: '1.3.6.1.4.1.10642',
    source:
      'LibreNMS resources/definitions/os_detection/zebra.yaml (.1.3.6.1.4.1.10642. and .1.3.6.1.4.1.683.)',
  },
  {
    maker: 'Zebra (Extended Systems print servers)',
    prefix: '1.3.6.1.4.1.683',
    source: 'LibreNMS resources/definitions/os_detection/zebra.yaml',
  },
];

/** The printer maker a sysObjectID belongs to, or null. */
export function printerMakerOf(sysObjectID: string | null): PrinterMaker | null {
  if (sysObjectID === null) return null;
  const id = sysObjectID.replace(/^\./, '');
  return printerMakers.find((m) => id === m.prefix || id.startsWith(`${m.prefix}.`)) ?? null;
}
