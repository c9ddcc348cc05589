import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeIppMessage } from '../../../src/probes/ipp/codec.js';
import { readPrinterAttributes } from '../../../src/probes/ipp/reading.js';
import { ippObservation } from '../../../src/probes/ipp/to-observation.js';

// Expectations below are copied by hand from the ipptool decode next to each .bin.
const fixtures = join(import.meta.dirname, '../../../../shared/fixtures/ipp');
const read = (name: string) => readPrinterAttributes(decodeIppMessage(readFileSync(join(fixtures, name))));

describe('readPrinterAttributes on real printers', () => {
  it('EPSON XP-6000 (get-printer-attributes-epsonxp6000.ipptool.txt)', () => {
    const r = read('get-printer-attributes-epsonxp6000.bin');
    expect(r.state).toBe('idle');
    expect(r.reasons).toEqual([{ keyword: 'marker-supply-low', severity: 'warning' }]);
    expect(r.conditions).toEqual([
      { name: 'toner-low', severity: 'warning', detail: 'marker-supply-low-warning' },
    ]);
    expect(r.acceptingJobs).toBe(true);
    expect(r.queuedJobs).toBe(0);
    expect(r.makeAndModel).toBe('EPSON XP-6000 Series');
    expect(r.uuid).toBe('urn:uuid:cfe92100-67c4-11d4-a45f-f8d027761251');
    expect(r.upTimeSeconds).toBe(783801);
    expect(r.counters).toEqual({ impressions: null, pages: null, mediaSheets: null });
    // marker-levels = 27,99,83,6,64; marker-low-levels = 15 each
    expect(r.markers.map((m) => [m.name, m.type, m.color, m.level, m.percent, m.state])).toEqual([
      ['Photo Black ink', 'ink-cartridge', '#000000', 27, 27, 'ok'],
      ['Cyan ink', 'ink-cartridge', '#00FFFF', 99, 99, 'ok'],
      ['Magenta ink', 'ink-cartridge', '#FF00FF', 83, 83, 'ok'],
      ['Yellow ink', 'ink-cartridge', '#FFFF00', 6, 6, 'low'],
      ['Black ink', 'ink-cartridge', '#000000', 64, 64, 'ok'],
    ]);
    // printer-alert = code=other; printer-alert-description = feed roller needed soon
    expect(r.alerts).toEqual([
      { code: 'other', severity: '', group: '', description: 'feed roller needed soon' },
    ]);
    // printer-input-tray: four trays, name=Sheet\ feeder\ bin\ 1; … level=-2 (unavailable)
    expect(r.trays.map((t) => [t.description, t.level, t.percent, t.state])).toEqual([
      ['Sheet feeder bin 1', -2, null, 'unknown'],
      ['Sheet feeder bin 1', -2, null, 'unknown'],
      ['Sheet feeder bin 2', -2, null, 'unknown'],
      ['Disc', -2, null, 'unknown'],
    ]);
  });

  it('HP Officejet Pro 6830: all markers at their low level (get-printer-attributes-hp6830.ipptool.txt)', () => {
    const r = read('get-printer-attributes-hp6830.bin');
    expect(r.makeAndModel).toBe('HP Officejet Pro 6830');
    expect(r.upTimeSeconds).toBe(4898638);
    expect(r.uuid).toBe('urn:uuid:1c852a4d-b800-1f08-abcd-5820b1decccd');
    expect(r.markers.map((m) => [m.name, m.level, m.low, m.high, m.state])).toEqual([
      ['magenta ink', 20, 20, 100, 'low'],
      ['cyan ink', 20, 20, 100, 'low'],
      ['yellow ink', 20, 20, 100, 'low'],
      ['black ink', 20, 20, 100, 'low'],
    ]);
    // 27 printer-alert values and 27 printer-alert-description values
    expect(r.alerts).toHaveLength(27);
    expect(r.alerts[26]).toEqual({
      code: 'unknown',
      severity: 'other',
      group: 'other',
      description: 'inPowerSave',
    });
    expect(r.alerts[0]).toEqual({
      code: 'unknown',
      severity: 'other',
      group: 'other',
      description: 'nonHPSupplyDetected',
    });
    expect(r.alerts[1]).toEqual({
      code: 'printerReadyToPrint',
      severity: 'other',
      group: 'generalPrinter',
      description: 'ready',
    });
    expect(r.trays).toEqual([
      {
        index: 1,
        description: 'InputTray1',
        media: null,
        level: -2,
        max: null,
        percent: null,
        state: 'unknown',
      },
    ]);
  });

  it('Brother MFC-J5320DW: language-tagged names (get-printer-attributes-brother-mfcj5320dw.ipptool.txt)', () => {
    const r = read('get-printer-attributes-brother-mfcj5320dw.bin');
    expect(r.makeAndModel).toBe('Brother MFC-J5320DW');
    expect(r.uuid).toBe('urn:uuid:e3248000-80ce-11db-8000-30055ce13be2');
    expect(r.upTimeSeconds).toBe(1326249);
    // marker-levels = 11,9,45,11 with marker-low-levels = 18
    expect(r.markers.map((m) => [m.name, m.color, m.level, m.state])).toEqual([
      ['M', '#FF00FF', 11, 'low'],
      ['C', '#00FFFF', 9, 'low'],
      ['Y', '#FFFF00', 45, 'ok'],
      ['BK', '#000000', 11, 'low'],
    ]);
    expect(r.conditions.map((c) => c.name)).toEqual(['toner-low']);
  });

  it('Kyocera ECOSYS M2540dn: short answer, no reasons (get-printer-attributes-kyocera-ecosys-m2540dn-001.ipptool.txt)', () => {
    const r = read('get-printer-attributes-kyocera-ecosys-m2540dn-001.bin');
    expect(r.statusCode).toBe(1);
    expect(r.state).toBe('idle');
    expect(r.message).toBe('Sleeping...  ');
    expect(r.makeAndModel).toBe('ECOSYS M2540dn');
    expect(r.reasons).toEqual([]);
    expect(r.conditions).toEqual([]);
    expect(r.acceptingJobs).toBeNull();
    expect(r.queuedJobs).toBeNull();
    expect(r.markers).toEqual([]);
  });

  it('maps a reading onto the shared Observation (get-printer-attributes-epsonxp6000)', () => {
    const obs = ippObservation('mfp-01', 1_700_000_000_000, read('get-printer-attributes-epsonxp6000.bin'));
    expect(obs).toMatchObject({ deviceId: 'mfp-01', source: 'ipp', at: 1_700_000_000_000, reachable: true });
    expect(obs.printer).toMatchObject({
      status: 'idle',
      acceptingJobs: true,
      queuedJobs: 0,
      pageCount: null,
      makeAndModel: 'EPSON XP-6000 Series',
    });
    expect(obs.printer?.supplies[3]).toEqual({
      index: 4,
      description: 'Yellow ink',
      type: 'ink-cartridge',
      color: '#FFFF00',
      level: 6,
      max: 100,
      percent: 6,
      state: 'low',
      receptacle: false,
    });
  });
});
