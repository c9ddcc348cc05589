import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../../src/config/secret.js';
import { readDevice } from '../../../src/probes/snmp/read-device.js';
import type { SnmpTarget } from '../../../src/probes/snmp/transport.js';
import { runCli } from '../../helpers/cli.js';
import { ownFixtures, type Snmpsim, simV3, startSnmpsim } from './snmpsim.js';

/**
 * SNMP contexts and classification by who made the device, over real SNMP against snmpsimd serving
 * OUR fixtures (test/fixtures/snmp, README there), written from what the vendors and LibreNMS document:
 * - HP LaserJet flow MFP M575 (LibreNMS issue #17166; PR #19927: "some HP JetDirect devices answer their
 *   basic SNMP queries in the default context but expose cartridge and tray data only through the …
 *   `Jetdirect` context"): contexts/hp-m575.snmprec is the default view (system group and the hrDevice
 *   row, no Printer-MIB), contexts/hp-m575@Jetdirect.snmprec the Jetdirect view with two cartridges.
 *   v2c reaches it by the community@context convention (LibreNMS PR #19794), v3 by contextName.
 * - Toshiba e-STUDIO (LibreNMS issue #13465: "polling without context doesn't give anything, but polling
 *   with "MFP" context does work"): only contexts/estudio@MFP.snmprec exists.
 * - sysObjectIDs under the makers' subtrees of src/probes/snmp/makers.ts (Samsung 236.11, Dell
 *   674.10898, Toshiba TEC 1129), sysDescr patterns, a label printer, an uptime-only scanner.
 */
let ctx: Snmpsim;
let own: Snmpsim;
beforeAll(async () => {
  [ctx, own] = await Promise.all([
    startSnmpsim(join(ownFixtures, 'contexts'), 'hp-m575', { v3: true }),
    startSnmpsim(ownFixtures, 'maker-samsung'),
  ]);
}, 60_000);
afterAll(async () => {
  await Promise.all([ctx?.stop(), own?.stop()]);
});

const s = (v: string) => new Secret(v, 'test');
const v2c = (port: number, community: string, extra: Partial<SnmpTarget> = {}): SnmpTarget => ({
  host: '127.0.0.1',
  port,
  version: '2c',
  community: s(community),
  timeoutMs: 2000,
  retries: 1,
  ...extra,
});
const v3 = (extra: Partial<SnmpTarget> = {}): SnmpTarget => ({
  host: '127.0.0.1',
  port: ctx.port,
  version: '3',
  user: simV3.user,
  securityLevel: 'authPriv',
  authProtocol: 'sha',
  authKey: s(simV3.authKey),
  privProtocol: 'aes',
  privKey: s(simV3.privKey),
  timeoutMs: 2000,
  retries: 1,
  ...extra,
});
const read = (t: SnmpTarget, kindHint?: 'printer') =>
  readDevice(t, { deviceId: 'p', now: Date.now, ...(kindHint ? { kindHint } : {}) });
const supplies = (r: Awaited<ReturnType<typeof read>>) =>
  (r.observation.printer?.supplies ?? []).map((x) => [x.description, x.level]);
const m575Cartridges = [
  ['Black Cartridge HP CE400X', 37],
  ['Cyan Cartridge HP CE401A', 4],
];

describe('SNMP contexts', () => {
  it('the default context of the M575 has no supplies (what LibreNMS saw)', async () => {
    const r = await read(v2c(ctx.port, 'hp-m575'), 'printer');
    expect(r.kind).toBe('printer');
    expect(r.context).toBeNull();
    expect(supplies(r)).toEqual([]);
    // Its hrDevice row still says running: a status even without hrPrinterStatus.
    expect(r.observation.printer?.status).toBe('idle');
  });

  it('v2c with context Jetdirect (community@context) reads the cartridges served only there', async () => {
    const r = await read(v2c(ctx.port, 'hp-m575', { context: 'Jetdirect' }), 'printer');
    expect(r.context).toBe('Jetdirect');
    expect(supplies(r)).toEqual(m575Cartridges);
    expect(r.observation.printer?.pageCount).toBe(45678);
    expect(r.observation.conditions.map((c) => c.name)).toEqual(['toner-low']); // cyan 4/100
  });

  it('v3 without a configured context: the hp-jetdirect-context quirk row tries Jetdirect', async () => {
    const r = await read(v3(), 'printer');
    expect(r.observation.reachable).toBe(true);
    expect(r.quirks).toContain('hp-jetdirect-context');
    expect(r.context).toBe('Jetdirect');
    expect(supplies(r)).toEqual(m575Cartridges);
  });

  it('v3 discovers the printer kind too (no kind hint), then the context', async () => {
    const r = await read(v3());
    expect(r.kind).toBe('printer');
    expect(r.context).toBe('Jetdirect');
    expect(supplies(r)).toEqual(m575Cartridges);
  });

  it('a Toshiba e-STUDIO answers only in context MFP: configured, it is read (v3 and v2c)', async () => {
    const viaV3 = await read(v3({ context: 'MFP' }), 'printer');
    expect(viaV3.sysDescr).toBe('TOSHIBA e-STUDIO2518A');
    expect(supplies(viaV3)).toEqual([['Black Toner', 62]]);
    const viaV2c = await read(v2c(ctx.port, 'estudio', { context: 'MFP' }), 'printer');
    expect(supplies(viaV2c)).toEqual([['Black Toner', 62]]);
    // Without the context it does not answer at all (no data file for community "estudio").
    const none = await read(v2c(ctx.port, 'estudio', { timeoutMs: 300, retries: 0 }), 'printer');
    expect(none.observation.reachable).toBe(false);
  });

  it('zoneops probe snmp --context Jetdirect prints the cartridges', async () => {
    const out = runCli([
      'probe',
      'snmp',
      `127.0.0.1:${ctx.port}`,
      '--community',
      'hp-m575',
      '--context',
      'Jetdirect',
      '--json',
    ]);
    expect(out.code).toBe(0);
    const j = JSON.parse(out.stdout) as {
      kind: string;
      context: string;
      printer: { supplies: Array<{ description: string; level: number }> };
    };
    expect(j.kind).toBe('printer');
    expect(j.context).toBe('Jetdirect');
    expect(j.printer.supplies.map((x) => [x.description, x.level])).toEqual(m575Cartridges);
  });

  it('a malformed --context is a usage error (exit 2)', async () => {
    const out = runCli(['probe', 'snmp', `127.0.0.1:${ctx.port}`, '--context', 'a b']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--context');
  });
});

describe('classification by evidence', () => {
  it.each([
    ['maker-samsung', 'printer', 'sysObjectID of Samsung (printers)'],
    ['maker-toshiba-tec', 'printer', 'sysObjectID of Toshiba TEC (e-STUDIO, B-EV / B-FV label printers)'],
    ['maker-dell', 'printer', 'sysObjectID of Dell (printers)'],
    ['descr-only', 'printer', 'sysDescr'],
    ['label-printer', 'printer', 'hrDeviceType printer with hrPrinterStatus'],
    ['uptime-only', 'other', 'no printer or PC evidence'],
    ['linux-pseudo', 'pc', 'sysDescr'],
  ])('%s → %s (%s)', async (name, kind, evidence) => {
    const r = await read(v2c(own.port, name));
    expect(r.observation.reachable).toBe(true);
    expect([r.kind, r.evidence]).toEqual([kind, evidence]);
  });

  it('zoneops probe snmp classifies a system-group-only Samsung, Dell and Toshiba TEC as printers', async () => {
    for (const name of ['maker-samsung', 'maker-dell', 'maker-toshiba-tec']) {
      const out = runCli(['probe', 'snmp', `127.0.0.1:${own.port}`, '--community', name, '--json']);
      expect(out.code).toBe(0);
      expect((JSON.parse(out.stdout) as { kind: string }).kind).toBe('printer');
    }
  });

  it('the Dell printer without hrPrinterStatus gets its status from hrDeviceStatus (running → idle)', async () => {
    const r = await read(v2c(own.port, 'maker-dell'));
    expect(r.observation.printer?.status).toBe('idle');
    expect(r.observation.printer?.makeAndModel).toBe('Dell MFP Laser 3115cn');
  });

  it('the label printer keeps its printer status; its RAM is not a PC disk', async () => {
    const r = await read(v2c(own.port, 'label-printer'));
    expect(r.observation.printer?.status).toBe('idle');
    expect(r.observation.printer?.makeAndModel).toBe('ZT410-300dpi ZPL');
  });

  it('pseudo filesystems are reported, never judged full (linux-pseudo: /dev/shm 99 %, /run/user and a snap 100 %)', async () => {
    const r = await read(v2c(own.port, 'linux-pseudo'), undefined);
    const disks = (r.observation.host?.storage ?? []).filter((x) => x.kind === 'fixed-disk');
    expect(disks.map((d) => [d.description, d.pseudo ?? false])).toEqual([
      ['/', false],
      ['/dev/shm', true],
      ['/run/user/1000', true],
      ['/snap/core22/1234', true],
    ]);
    expect(r.observation.conditions.map((c) => c.name)).not.toContain('disk-full');
  });
});
