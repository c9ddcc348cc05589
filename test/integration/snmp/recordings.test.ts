import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDevice, type SnmpReading } from '../../../src/probes/snmp/read-device.js';
import { requireBinary } from '../../helpers/proc.js';
import { community, requireSharedRecordings, type Snmpsim, startSnmpsim } from './snmpsim.js';

/**
 * Conformance: every shared recording (../shared/fixtures/snmprec, see its SOURCES.md) served by
 * snmpsim and read over real SNMP v2c. Each literal below was read by hand from the named .snmprec
 * file (prtMarkerSuppliesDescription .6, Level .9, MaxCapacity .8, prtMarkerLifeCount, hrPrinterDetectedErrorState).
 */
const dir = requireSharedRecordings();
// Async on purpose: a synchronous exec would stop this process from draining snmpsimd's (verbose) log pipe.
const run = async (cmd: string, args: string[]) =>
  (await promisify(execFile)(cmd, args, { encoding: 'utf8', maxBuffer: 10 * 1024 * 1024 })).stdout;
let sim: Snmpsim;
const readings = new Map<string, SnmpReading>();

async function read(name: string): Promise<SnmpReading> {
  const cached = readings.get(name);
  if (cached) return cached;
  const r = await readDevice(
    {
      host: '127.0.0.1',
      port: sim.port,
      version: '2c',
      community: community(name),
      timeoutMs: 3000,
      retries: 1,
    },
    { deviceId: name, now: () => 1_700_000_000_000 },
  );
  readings.set(name, r);
  return r;
}

/** [index, description, level, max (null for -1/-2)] per supply row. */
type Row = [number, string, number, number | null];
const rows = (r: SnmpReading): Row[] =>
  (r.observation.printer?.supplies ?? []).map((s) => [s.index, s.description, s.level, s.max]);

beforeAll(async () => {
  sim = await startSnmpsim(dir, 'ricoh_mpc3002');
});
afterAll(async () => {
  await sim?.stop();
});

describe('every recording gives a complete, sane result', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.snmprec'));
  it('has the 27 recordings listed in SOURCES.md', () => {
    expect(files.length).toBe(27);
  });
  for (const file of files) {
    const name = file.replace(/\.snmprec$/, '');
    it(name, async () => {
      const r = await read(name);
      expect(r.observation.reachable).toBe(true);
      expect(r.observation.problem).toBeUndefined();
      expect(r.sysDescr).not.toBe('');
      expect(r.observation.source).toBe('snmp');
      for (const s of r.observation.printer?.supplies ?? []) {
        if (s.percent !== null) {
          expect(s.percent).toBeGreaterThanOrEqual(0);
          expect(s.percent).toBeLessThanOrEqual(100);
          expect(s.max).not.toBeNull();
        }
        expect(['ok', 'low', 'empty', 'some-remaining', 'unknown']).toContain(s.state);
      }
      for (const st of r.observation.host?.storage ?? []) {
        expect(st.usedBytes).toBeLessThanOrEqual(st.sizeBytes);
      }
    });
  }
});

/**
 * The kind of every shared recording, from the vendor / model column of SOURCES.md (a UPS is "other").
 * README ("SNMP recordings") publishes this count: the figure is this table, as the run observed it.
 */
const expectedKinds: Readonly<Record<string, 'printer' | 'pc' | 'other'>> = {
  apc_smx750i: 'other',
  brother: 'printer',
  brother_hl5370dw: 'printer',
  'canonprinter_ir-adv': 'printer',
  canonprinter_lbp: 'printer',
  canonprinter_tm: 'printer',
  'eaton-mgeups_5px': 'other',
  epson: 'printer',
  jetdirect: 'printer',
  jetdirect_m130nw: 'printer',
  jetdirect_m252dw: 'printer',
  konica: 'printer',
  konica_2: 'printer',
  konica_c250i: 'printer',
  kyocera: 'printer',
  'linux-full-walk': 'pc',
  linux: 'pc',
  linux_opensips: 'pc',
  ricoh_mpc3002: 'printer',
  sharp: 'printer',
  sharp_mxm266nv: 'printer',
  'toshiba-tec_estudio305': 'printer',
  utax: 'printer',
  windows: 'pc',
  windows_9600d: 'pc',
  'winxp-full-walk': 'pc',
  xerox: 'printer',
};

describe('kinds', () => {
  it('the table names every shared recording', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.snmprec'));
    expect(Object.keys(expectedKinds).sort()).toEqual(files.map((f) => f.replace(/\.snmprec$/, '')).sort());
  });
  it.each(Object.entries(expectedKinds))('%s is %s', async (name, kind) => {
    expect((await read(name)).kind).toBe(kind);
  });

  it('README count: 15 of the 19 printer recordings get a printer status (the others have no hrDevice row)', async () => {
    const printers = Object.entries(expectedKinds).filter(([, k]) => k === 'printer');
    const known: string[] = [];
    for (const [name] of printers) {
      const status = (await read(name)).observation.printer?.status;
      if (status !== undefined && status !== 'unknown') known.push(name);
    }
    expect(printers.length).toBe(19);
    // system group only (SOURCES.md): canonprinter_ir-adv, kyocera, toshiba-tec_estudio305; xerox: supplies only
    expect(printers.map(([n]) => n).filter((n) => !known.includes(n))).toEqual([
      'canonprinter_ir-adv',
      'kyocera',
      'toshiba-tec_estudio305',
      'xerox',
    ]);
    expect(known.length).toBe(15);
  });

  it('a printer with an hrDevice row gets a status from hrDeviceStatus when it has no hrPrinterStatus', async () => {
    // hrPrinterStatus is absent from every LibreNMS printer file (SOURCES.md notes); hrDeviceStatus is
    // running(2) in these three (brother.snmprec, sharp.snmprec, jetdirect.snmprec: 1.3.6.1.2.1.25.3.2.1.5.1|2|2).
    for (const name of ['brother', 'sharp', 'jetdirect']) {
      expect((await read(name)).observation.printer?.status).toBe('idle');
    }
  });
});

describe('printer recordings: supplies, page count and error bits as recorded', () => {
  it('brother', async () => {
    const r = await read('brother');
    expect(rows(r)).toEqual([
      [1, 'Black Toner Cartridge', -3, null],
      [2, 'Drum Unit', 11501, 12000],
    ]);
    expect(r.observation.printer?.supplies.map((s) => s.state)).toEqual(['some-remaining', 'ok']);
    expect(r.observation.printer?.supplies[1]?.percent).toBe(96);
    expect(r.observation.printer?.pageCount).toBe(null);
    expect(r.errors).toEqual([]); // 4x|00
  });

  it('brother_hl5370dw', async () => {
    const r = await read('brother_hl5370dw');
    expect(rows(r)).toEqual([
      [1, 'Black Toner Cartridge', 0, null],
      [2, 'Black Toner Cartridge', -3, null],
      [3, 'Drum Unit', 17208, 25000],
    ]);
    expect(r.observation.printer?.supplies.map((s) => s.percent)).toEqual([null, null, 69]);
    expect(r.observation.printer?.pageCount).toBe(7792);
    expect(r.errors).toEqual([]);
  });

  it('canonprinter_lbp', async () => {
    const r = await read('canonprinter_lbp');
    expect(rows(r)).toEqual([[1, 'Canon Cartridge 719/719H', 70, 100]]);
    expect(r.observation.printer?.supplies[0]?.percent).toBe(70);
    expect(r.observation.printer?.pageCount).toBe(null);
    expect(r.errors).toEqual([]); // no hrPrinterDetectedErrorState in the file
  });

  it('canonprinter_tm (waste ink tank is a receptacle: 6030/6700 = 90 % full)', async () => {
    const r = await read('canonprinter_tm');
    expect(rows(r)).toEqual([
      [1, 'CANON Matte Black Ink Tank', 2400, 3000],
      [2, 'CANON Black Ink Tank', 3000, 3000],
      [3, 'CANON Yellow Ink Tank', 1800, 3000],
      [4, 'CANON Magenta Ink Tank', 2400, 3000],
      [5, 'CANON Cyan Ink Tank', 2100, 3000],
      [6, 'CANON Waste Ink Tank', 6030, 6700],
    ]);
    expect(r.observation.printer?.supplies.map((s) => s.percent)).toEqual([80, 100, 60, 80, 70, 90]);
    expect(r.observation.printer?.supplies[5]?.receptacle).toBe(true);
    expect(r.observation.conditions.map((c) => c.name)).toEqual(['waste-near-full']);
    expect(r.observation.printer?.pageCount).toBe(21588);
    expect(r.errors).toEqual([]);
  });

  it('epson (ink at 1/100 is low; empty error-state string)', async () => {
    const r = await read('epson');
    expect(rows(r)).toEqual([
      [1, 'Black Ink Supply Unit T9441/T9451/T9461', 1, 100],
      [2, 'Cyan Ink Supply Unit T9442/T9452', 1, 100],
      [3, 'Magenta Ink Supply Unit T9443/T9453', 1, 100],
      [4, 'Yellow Ink Supply Unit T9444/T9454', 1, 100],
    ]);
    expect(r.observation.printer?.supplies.map((s) => s.state)).toEqual(['low', 'low', 'low', 'low']);
    expect(r.observation.conditions.map((c) => c.name)).toEqual(['toner-low']);
    expect(r.observation.printer?.pageCount).toBe(null);
    expect(r.errors).toEqual([]);
  });

  it('jetdirect', async () => {
    const r = await read('jetdirect');
    expect(rows(r)).toEqual([
      [1, 'Black Cartridge HP CF410A', 54, 100],
      [2, 'Cyan Cartridge HP CF411A', 44, 100],
      [3, 'Magenta Cartridge HP CF413A This description is longer than 32', 76, 100],
      [4, 'Yellow Cartridge HP CF412A', 71, 100],
    ]);
    expect(r.quirks).toContain('laserjet-out-of-order');
    expect(r.observation.printer?.pageCount).toBe(null);
    expect(r.errors).toEqual([]);
  });

  it('jetdirect_m130nw', async () => {
    const r = await read('jetdirect_m130nw');
    expect(rows(r)).toEqual([
      [1, 'Black Cartridge HP CF217A', 28, 100],
      [5, 'Imaging Drum HP CF219A', 71, 100],
    ]);
    expect(r.observation.printer?.pageCount).toBe(15232);
    expect(r.errors).toEqual([]);
  });

  it('jetdirect_m252dw', async () => {
    const r = await read('jetdirect_m252dw');
    expect(rows(r)).toEqual([
      [1, 'Black Cartridge HP CF400X', 63, 100],
      [2, 'Cyan Cartridge HP CF401X', 63, 100],
      [3, 'Magenta Cartridge HP CF403X', 88, 100],
      [4, 'Yellow Cartridge HP CF402X', 36, 100],
    ]);
    expect(r.observation.printer?.pageCount).toBe(null);
    expect(r.errors).toEqual([]);
  });

  it('konica (17 supplies, waste toner box -3 of -2)', async () => {
    const r = await read('konica');
    expect(rows(r)).toEqual([
      [1, 'Toner (Cyan)', 29, 100],
      [2, 'Toner (Magenta)', 31, 100],
      [3, 'Toner (Yellow)', 58, 100],
      [4, 'Toner (Black)', 83, 100],
      [5, 'Drum Cartridge (Cyan)', 59, 100],
      [6, 'Developer Cartridge (Cyan)', 79, 100],
      [7, 'Drum Cartridge (Magenta)', 97, 100],
      [8, 'Developer Cartridge (Magenta)', 78, 100],
      [9, 'Drum Cartridge (Yellow)', 59, 100],
      [10, 'Developer Cartridge (Yellow)', 78, 100],
      [11, 'Drum Cartridge (Black)', 20, 100],
      [12, 'Developer Cartridge (Black)', 71, 100],
      [13, 'Waste Toner Box', -3, null],
      [14, 'Fusing Unit', 68, 100],
      [15, 'Image Transfer Belt Unit', 41, 100],
      [16, 'Transfer Roller Unit', 45, 100],
      [17, 'Ozone Filter', 45, 100],
    ]);
    expect(r.observation.printer?.supplies[12]?.state).toBe('some-remaining');
    expect(r.observation.printer?.pageCount).toBe(null);
    expect(r.errors).toEqual([]);
  });

  it('konica_2 (black toner 8/100 is low)', async () => {
    const r = await read('konica_2');
    expect(rows(r)).toEqual([
      [1, 'Black Toner', 8, 100],
      [2, 'Drum', 99, 100],
      [3, 'Fuser', 58, 100],
      [4, 'Transfer Roller', 58, 100],
    ]);
    expect(r.observation.conditions).toEqual([
      { name: 'toner-low', severity: 'warning', detail: 'Black Toner' },
    ]);
    expect(r.observation.printer?.pageCount).toBe(null);
    expect(r.errors).toEqual([]);
  });

  it('konica_c250i (error state 0100 → serviceRequested)', async () => {
    const r = await read('konica_c250i');
    expect(rows(r)).toEqual([
      [1, 'Toner (Cyan)', 76, 100],
      [2, 'Toner (Magenta)', 78, 100],
      [3, 'Toner (Yellow)', 77, 100],
      [4, 'Toner (Black)', 86, 100],
      [13, 'Waste Toner Box', -3, null],
    ]);
    expect(r.observation.printer?.pageCount).toBe(33810);
    expect(r.errors).toEqual(['serviceRequested']);
    expect(r.observation.conditions.map((c) => c.name)).toEqual(['service-requested']);
  });

  it('ricoh_mpc3002', async () => {
    const r = await read('ricoh_mpc3002');
    expect(rows(r)).toEqual([
      [1, 'Black Toner', 40, 100],
      [2, 'Waste Toner', 100, 100],
      [3, 'Cyan Toner', 20, 100],
      [4, 'Magenta Toner', 50, 100],
      [5, 'Yellow Toner', 50, 100],
    ]);
    expect(r.observation.printer?.supplies.map((s) => s.percent)).toEqual([40, null, 20, 50, 50]);
    expect(r.observation.printer?.pageCount).toBe(271871);
    expect(r.errors).toEqual([]);
    expect(r.observation.conditions).toEqual([]);
  });

  it('sharp (error state 2000 → lowToner)', async () => {
    const r = await read('sharp');
    expect(rows(r)).toEqual([
      [1, 'Cyan Toner', 55, 100],
      [2, 'Magenta Toner', 19, 100],
      [3, 'Yellow Toner', 40, 100],
      [4, 'Black Toner', 34, 100],
      [5, 'Waste Toner', 100, null],
      [6, 'Cyan Photoconductive Drum', 81, 100],
      [7, 'Magenta Photoconductive Drum', 81, 100],
      [8, 'Yellow Photoconductive Drum', 81, 100],
      [9, 'Black Photoconductive Drum', 95, 100],
      [10, 'Cyan Developer', 91, 100],
      [11, 'Magenta Developer', 91, 100],
      [12, 'Yellow Developer', 91, 100],
      [13, 'Black Developer', 74, 100],
      [14, 'Fusing Unit', -2, null],
    ]);
    expect(r.observation.printer?.pageCount).toBe(121104);
    expect(r.errors).toEqual(['lowToner']);
    expect(r.observation.conditions.map((c) => c.name)).toEqual(['toner-low']);
  });

  it('sharp_mxm266nv', async () => {
    const r = await read('sharp_mxm266nv');
    expect(rows(r)).toEqual([
      [1, 'Black Toner', 75, 100],
      [2, 'Waste Toner', 100, null],
      [3, 'Black Photoconductive Drum', 9, null],
      [4, 'Black Developer', 9, null],
      [5, 'Fusing Unit', -2, null],
    ]);
    expect(r.observation.printer?.supplies.map((s) => s.percent)).toEqual([75, null, null, null, null]);
    expect(r.observation.printer?.pageCount).toBe(90474);
    expect(r.errors).toEqual([]); // 4x|0000
  });

  it('utax', async () => {
    const r = await read('utax');
    expect(rows(r)).toEqual([
      [1, 'PK-3010S', 5340, 6000],
      [2, 'Waste Toner Box', -3, null],
    ]);
    expect(r.observation.printer?.supplies[0]?.percent).toBe(89);
    expect(r.observation.printer?.pageCount).toBe(427);
    expect(r.errors).toEqual([]);
  });

  it('xerox (absolute levels)', async () => {
    const r = await read('xerox');
    expect(rows(r)).toEqual([
      [1, 'Black Toner, PN 006R01509;SN48178080E0000481', 1060, 5300],
      [2, 'Cyan Toner, PN 006R01512;SN461E7A80E0000489', 1980, 3000],
      [3, 'Magenta Toner, PN 006R01511;SN45304780E0000489', 2160, 3000],
      [4, 'Yellow Toner, PN 006R01510;SN4E0B8980E000048A', 1830, 3050],
      [5, 'Drum Cartridge (R1), PN 013R00662;SN5238EF80E000048E', 50, 100],
      [6, 'Drum Cartridge (R2), PN 013R00662;SN52100780E000048E', 92, 100],
      [7, 'Drum Cartridge (R3), PN 013R00662;SN52374F80E000048E', 93, 100],
      [8, 'Drum Cartridge (R4), PN 013R00662;SN5234E480E000048E', 93, 100],
      [9, 'Fuser, PN unknown;SNunknown', 90, 100],
      [10, 'Waste Toner Container, PN 008R13061;SNunknown', 5, 100],
      [11, 'Transfer Belt Cleaner, PN 001R00613;SNunknown', 65, 100],
      [12, 'Second Bias Transfer Roll, PN 008R13064;SNunknown', 86, 100],
    ]);
    expect(r.observation.printer?.supplies.slice(0, 4).map((s) => s.percent)).toEqual([20, 66, 72, 60]);
    expect(r.observation.printer?.supplies[9]?.receptacle).toBe(true);
    expect(r.observation.printer?.pageCount).toBe(null);
    expect(r.errors).toEqual([]);
  });
});

describe('host recordings', () => {
  it('winxp-full-walk: processes, installed software, storage in bytes', async () => {
    const r = await read('winxp-full-walk');
    const h = r.observation.host;
    // 25 distinct hrSWRunName values in the recording, e.g. firefox.exe and thunderbird.exe
    expect(h?.processes.length).toBe(25);
    expect(h?.processes).toContain('firefox.exe');
    expect(h?.installed).toContain('7-Zip 9.20');
    // C:\ row: 16384-byte units, size 1952447, used 1884128
    expect(h?.storage[0]).toEqual({
      description: 'C:\\ Label:  Serial Number 1848504c',
      kind: 'fixed-disk',
      usedBytes: 1884128 * 16384,
      sizeBytes: 1952447 * 16384,
    });
  });

  it('linux_opensips: 662 installed packages (as SOURCES.md says)', async () => {
    const r = await read('linux_opensips');
    expect(r.observation.host?.installed.length).toBe(662);
  });

  it('linux_opensips: /dev/shm, /run, /sys/fs/cgroup and /run/user/1000 are pseudo filesystems, / is a disk', async () => {
    const r = await read('linux_opensips');
    const disks = (r.observation.host?.storage ?? []).filter((x) => x.kind === 'fixed-disk');
    expect(disks.map((d) => [d.description, d.pseudo === true])).toEqual([
      ['/', false],
      ['/dev/shm', true],
      ['/run', true],
      ['/sys/fs/cgroup', true],
      ['/run/user/1000', true],
    ]);
  });
});

describe('cross-check with net-snmp tools', () => {
  it('ricoh supply levels equal snmpbulkwalk output', async () => {
    requireBinary('snmpbulkwalk');
    const out = await run('snmpbulkwalk', [
      '-v2c',
      '-c',
      'ricoh_mpc3002',
      '-On',
      '-Oqv',
      '-t',
      '5',
      '-r',
      '2',
      `127.0.0.1:${sim.port}`,
      '1.3.6.1.2.1.43.11.1.1.9',
    ]);
    const levels = out.trim().split('\n').map(Number);
    const r = await read('ricoh_mpc3002');
    expect(r.observation.printer?.supplies.map((s) => s.level)).toEqual(levels);
  });

  it('sharp error state equals snmpget output', async () => {
    const out = await run('snmpget', [
      '-v2c',
      '-c',
      'sharp',
      '-On',
      '-t',
      '5',
      '-r',
      '2',
      `127.0.0.1:${sim.port}`,
      '1.3.6.1.2.1.25.3.5.1.2.1',
    ]);
    expect(out).toContain('Hex-STRING: 20 00');
    expect((await read('sharp')).errors).toEqual(['lowToner']);
  });

  it('linux_opensips installed count equals snmpbulkwalk', async () => {
    const out = await run('snmpbulkwalk', [
      '-v2c',
      '-c',
      'linux_opensips',
      '-On',
      '-t',
      '5',
      '-r',
      '2',
      `127.0.0.1:${sim.port}`,
      '1.3.6.1.2.1.25.6.3.1.2',
    ]);
    const names = new Set(
      out
        .trim()
        .split('\n')
        .map((l) => l.replace(/^[^=]*= STRING: /, '').replace(/^"|"$/g, '')),
    );
    expect((await read('linux_opensips')).observation.host?.installed.length).toBe(names.size);
  });
});
