import { describe, expect, it } from 'vitest';
import { classifyEvidence, kindFromDescr } from '../../../src/probes/snmp/classify.js';
import { printerMakerOf } from '../../../src/probes/snmp/makers.js';
import { quirksFor } from '../../../src/probes/snmp/quirks.js';
import { type Varbind, viewOf } from '../../../src/probes/snmp/varbind.js';

const vb = (oid: string, type: Varbind['type'], value: Varbind['value']): Varbind => ({ oid, type, value });

describe('sysDescr patterns (the strings as the devices or their documentation give them)', () => {
  it.each([
    // LibreNMS includes/os/samsungprinter.inc.php quotes this sysDescr
    [
      'Samsung CLX-3170 Series;V1.00.01.64 Sep-27-2010;Engine 1.77.81;NIC V4.01.20(CLX-3170) 02-05-2010;S/N JFJIUTM748HJGK983',
      'printer',
    ],
    // the FTP banners listed by Greenbone's Dell printer detection; LibreNMS dell-laser: /^Dell.*(MFP|Printer|Laser)/
    ['Dell MFP Laser 3115cn', 'printer'],
    ['Dell Color Laser 3110cn', 'printer'],
    // issue 21 (a Toshiba TEC label printer); LibreNMS toshiba-tec: "TOSHIBA e-STUDIO"
    ['TOSHIBA TEC B-EV4', 'printer'],
    ['TOSHIBA e-STUDIO305CS version NH63.GM.N639 kernel 3.0.0 All-N-1', 'printer'],
    ['ZTC ZT410-300dpi ZPL', 'printer'],
    ['Pantum P3300DN Series', 'printer'],
    ['奔图 M6700DW', 'printer'],
    ['Lenovo LJ2405D', 'printer'],
    ['Lenovo M7605D', 'printer'],
    ['Hardware: Intel64 Family 6 Model 26 Stepping 4 AT/AT COMPATIBLE - Software: Windows Version 6.1', 'pc'],
    ['Linux some.host.name 4.9.0 #1 SMP Mon Dec 12 14:44:53 CST 2016 x86_64', 'pc'],
    // a Dell server or PC is not a printer by its brand alone
    ['Dell PowerEdge R740', 'other'],
    ['APC Web/SNMP Management Card (MB:v4.1.0 PF:v6.6.4)', 'other'],
  ])('%s → %s', (descr, kind) => {
    expect(kindFromDescr(descr)).toBe(kind);
  });
});

describe('printer makers by sysObjectID (src/probes/snmp/makers.ts)', () => {
  it.each([
    ['1.3.6.1.4.1.236.11.5.1', 'Samsung (printers)'],
    ['.1.3.6.1.4.1.674.10898.100.2.1', 'Dell (printers)'],
    ['1.3.6.1.4.1.1129.1.2.1', 'Toshiba TEC (e-STUDIO, B-EV / B-FV label printers)'],
    ['1.3.6.1.4.1.10642.1.1', 'Zebra (ZebraNet print servers)'],
    ['1.3.6.1.4.1.11.2.3.9.1', 'HP (Jetdirect print servers)'],
  ])('%s → %s', (id, maker) => {
    expect(printerMakerOf(id)?.maker).toBe(maker);
  });

  it.each([
    ['1.3.6.1.4.1.674.10892.5', 'a Dell PowerEdge (Server Administrator subtree)'],
    ['1.3.6.1.4.1.11.2.3.7.11.1', 'an HP ProCurve switch'],
    ['1.3.6.1.4.1.311.1.1.3.1.1', 'Windows'],
    ['1.3.6.1.4.1.2360', 'enterprise 2360 is not 236'],
    ['0.0', 'zeroDotZero'],
  ])('%s is no printer maker (%s)', (id) => {
    expect(printerMakerOf(id)).toBeNull();
  });

  it('every row names its source', () => {
    expect(printerMakerOf('1.3.6.1.4.1.18334.1')?.source).toMatch(/konica/);
  });
});

describe('evidence order', () => {
  const hrPrinter = [
    vb('1.3.6.1.2.1.25.3.2.1.2.1', 'oid', '1.3.6.1.2.1.25.3.1.5'),
    vb('1.3.6.1.2.1.25.3.5.1.1.1', 'integer', 3),
  ];
  const storage = [vb('1.3.6.1.2.1.25.2.3.1.2.1', 'oid', '1.3.6.1.2.1.25.2.1.2')];
  const processes = [vb('1.3.6.1.2.1.25.4.2.1.2.1', 'octets', Buffer.from('explorer.exe'))];

  it('a printer device row with hrPrinterStatus beats HOST-RESOURCES storage (a label printer)', () => {
    expect(classifyEvidence(viewOf([...hrPrinter, ...storage]), 'unit', null)).toEqual({
      kind: 'printer',
      evidence: 'hrDeviceType printer with hrPrinterStatus',
    });
  });

  it('but a PC that lists processes and has a print queue stays a PC', () => {
    expect(classifyEvidence(viewOf([...hrPrinter, ...storage, ...processes]), 'unit', null).kind).toBe('pc');
  });

  it('an uptime alone is no evidence', () => {
    const view = viewOf([vb('1.3.6.1.2.1.25.1.1.0', 'ticks', 4242)]);
    expect(classifyEvidence(view, 'Network scanner unit', '0.0').kind).toBe('other');
  });
});

describe('context quirk rows', () => {
  it('HP Jetdirect tries context Jetdirect, Toshiba e-STUDIO tries MFP (v3 only)', () => {
    const hp = quirksFor({
      sysDescr: 'HP ETHERNET MULTI-ENVIRONMENT',
      sysObjectID: '1.3.6.1.4.1.11.2.3.9.1',
    });
    expect(hp.flatMap((q) => q.v3Contexts ?? [])).toEqual(['Jetdirect']);
    const toshiba = quirksFor({ sysDescr: 'TOSHIBA e-STUDIO2518A', sysObjectID: '1.3.6.1.4.1.641.2.1' });
    expect(toshiba.flatMap((q) => q.v3Contexts ?? [])).toEqual(['MFP']);
    const brother = quirksFor({ sysDescr: 'Brother NC-8300h', sysObjectID: '1.3.6.1.4.1.2435.2.3.9.1' });
    expect(brother.flatMap((q) => q.v3Contexts ?? [])).toEqual([]);
  });
});
