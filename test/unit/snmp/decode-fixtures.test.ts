import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { quirksFor } from '../../../src/probes/snmp/quirks.js';
import { buildReading } from '../../../src/probes/snmp/read-device.js';
import { parseSnmprec } from '../../../src/probes/snmp/snmprec.js';
import { viewOf } from '../../../src/probes/snmp/varbind.js';

/** Decodes one of OUR hand-made fixtures (test/fixtures/snmp) exactly as a poll would, without a network. */
function decode(file: string) {
  const view = viewOf(
    parseSnmprec(readFileSync(new URL(`../../fixtures/snmp/${file}`, import.meta.url), 'utf8')),
  );
  const sysDescr = String(view.get('1.3.6.1.2.1.1.1.0')?.value ?? '');
  const sysObjectID = (view.get('1.3.6.1.2.1.1.2.0')?.value as string) ?? null;
  return buildReading(file, 1_000, view, quirksFor({ sysDescr, sysObjectID }));
}

describe('printer decoding (hand-made fixtures)', () => {
  it('cn-copier: GB18030 text, colorant, receptacle, alerts, trays, 2-byte error state, life count', () => {
    const r = decode('cn-copier.snmprec');
    const p = r.observation.printer;
    expect(r.kind).toBe('printer');
    expect(p?.status).toBe('printing');
    expect(p?.pageCount).toBe(123456);
    expect(p?.makeAndModel).toBe('TASKalfa 2553ci');
    // 4x|4080 → 0x40 = bit 1 noPaper, 0x80 in octet 2 = bit 8 inputTrayMissing
    expect(r.errors).toEqual(['noPaper', 'inputTrayMissing']);
    expect(p?.supplies).toEqual([
      {
        index: 1,
        description: '黑色碳粉',
        type: 'toner',
        color: 'black',
        level: 7,
        max: 100,
        percent: 7,
        state: 'low',
      },
      {
        index: 2,
        description: '废粉盒',
        type: 'wasteToner',
        color: null,
        level: 95,
        max: 100,
        percent: 95,
        state: 'low',
        receptacle: true,
      },
    ]);
    expect(p?.trays).toEqual([
      { index: 1, description: '纸盒1', media: 'A4普通纸', level: 0, max: 500, percent: 0, state: 'empty' },
      {
        index: 2,
        description: 'MP Tray',
        media: 'A4',
        level: -3,
        max: null,
        percent: null,
        state: 'some-remaining',
      },
    ]);
    expect(p?.alerts).toEqual([
      { severity: 'critical', group: 'mediaPath', code: 'jam', description: '卡纸' },
      {
        severity: 'warning',
        group: 'markerSupplies',
        code: 'markerTonerAlmostEmpty',
        description: '碳粉不足',
      },
    ]);
    expect(r.observation.conditions.map((c) => c.name).sort()).toEqual(
      ['input-tray-missing', 'jam', 'paper-out', 'toner-low', 'waste-near-full'].sort(),
    );
  });

  it('kyocera-space: a lone " " error state means no error', () => {
    const r = decode('kyocera-space.snmprec');
    expect(r.quirks).toContain('kyocera-space-error-state');
    expect(r.errors).toEqual([]);
    expect(r.observation.conditions).toEqual([]);
    expect(r.observation.printer?.pageCount).toBe(427);
  });

  it('ricoh-coarse: -3 is some-remaining, -100 is empty (toner) or nearly full (waste)', () => {
    const s = decode('ricoh-coarse.snmprec').observation.printer?.supplies ?? [];
    expect(s.map((x) => [x.description, x.level, x.percent, x.state])).toEqual([
      ['Black Toner', -3, null, 'some-remaining'],
      ['Cyan Toner', -100, null, 'empty'],
      ['Waste Toner', -100, null, 'low'],
    ]);
    const names = decode('ricoh-coarse.snmprec').observation.conditions.map((c) => c.name);
    expect(names).toEqual(['toner-out', 'waste-near-full']);
  });

  it('canon-steps: step values give a state but no percentage; a real value keeps its percentage', () => {
    const s = decode('canon-steps.snmprec').observation.printer?.supplies ?? [];
    expect(s.map((x) => [x.level, x.percent, x.state])).toEqual([
      [100, null, 'ok'],
      [10, null, 'low'],
      [1, null, 'low'],
      [0, null, 'empty'],
      [70, 70, 'ok'],
    ]);
  });

  it('brother-over: a level above max is 100 %, ok', () => {
    const s = decode('brother-over.snmprec').observation.printer?.supplies ?? [];
    expect(s).toEqual([
      {
        index: 1,
        description: 'Black Toner Cartridge',
        type: 'toner',
        color: null,
        level: 2600,
        max: 1200,
        percent: 100,
        state: 'ok',
      },
    ]);
  });
});

describe('PC decoding (hand-made fixture)', () => {
  it('win-pc: storage in bytes with the Windows sign wrap, CPU, processes, installed (GBK), hardware', () => {
    const r = decode('win-pc.snmprec');
    const h = r.observation.host;
    expect(r.kind).toBe('pc');
    expect(r.uptimeSeconds).toBe(86_400);
    expect(h?.cpuLoadPercent).toBe(31);
    // -1294967296 + 2^32 = 3000000000 units of 65536 bytes; RAM and the fixed disk only
    expect(h?.storage).toEqual([
      {
        description: 'C:\\ Label:  Serial Number 1234abcd',
        kind: 'fixed-disk',
        usedBytes: 1_000_000_000 * 65536,
        sizeBytes: 3_000_000_000 * 65536,
      },
      { description: 'Physical Memory', kind: 'ram', usedBytes: 65536 * 65536, sizeBytes: 131072 * 65536 },
    ]);
    expect(h?.processes).toEqual(['explorer.exe', 'svchost.exe', 'System Idle Process', 'Winmine.exe']);
    expect(h?.installed).toEqual(['Thunder 11', 'WPS Office', '微信']);
    expect(h?.hardware).toEqual([
      { index: 1, type: 'processor', description: 'Intel' },
      { index: 2, type: 'network', description: 'Realtek PCIe GbE Family Controller' },
    ]);
  });
});

describe('bad input', () => {
  it('bad-types: wrong types never crash; they are reported as partial data', () => {
    const r = decode('bad-types.snmprec');
    expect(r.observation.reachable).toBe(true);
    expect(r.observation.problem?.reason).toBe('protocol');
    expect(r.observation.problem?.message).toContain('hrPrinterDetectedErrorState.1 is integer');
    expect(r.observation.problem?.message).toContain('prtMarkerSuppliesLevel.1.1 is octets');
    const s = r.observation.printer?.supplies ?? [];
    expect(s.map((x) => [x.index, x.description, x.level, x.max, x.state])).toEqual([
      [1, 'Black Toner', -2, null, 'unknown'],
      [2, '', 30, null, 'some-remaining'],
    ]);
    expect(r.sysName).toBe(null);
    expect(r.uptimeSeconds).toBe(null);
  });
});
