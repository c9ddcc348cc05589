import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { Secret } from '../../../src/config/secret.js';
import { bindAddress, magicPacket, sendWol } from '../../../src/power/wol.js';
import { testConfig } from '../../helpers/config.js';

/** A UDP listener on 127.0.0.1 (never a broadcast or LAN address) that keeps every datagram. */
async function listener(): Promise<{ sock: Socket; port: number; packets: Buffer[]; from: string[] }> {
  const sock = createSocket('udp4');
  const packets: Buffer[] = [];
  const from: string[] = [];
  sock.on('message', (msg, rinfo) => {
    packets.push(msg);
    from.push(rinfo.address);
  });
  await new Promise<void>((resolve) => sock.bind(0, '127.0.0.1', () => resolve()));
  return { sock, port: sock.address().port, packets, from };
}

let open: Socket | undefined;
afterEach(() => {
  open?.close();
  open = undefined;
});

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('Wake-on-LAN', () => {
  it('sends 6×0xFF then 16× the MAC, byte for byte', async () => {
    const l = await listener();
    open = l.sock;
    const r = await sendWol({ mac: '02:00:5E:10:20:3f', address: '127.0.0.1', port: l.port });
    expect(r).toEqual({ ok: true });
    await waitFor(() => l.packets.length > 0);
    expect(l.packets).toHaveLength(1);
    // Written out by hand: 102 bytes.
    const mac = '02005e10203f';
    const expected = `ffffffffffff${mac}${mac}${mac}${mac}${mac}${mac}${mac}${mac}${mac}${mac}${mac}${mac}${mac}${mac}${mac}${mac}`;
    expect(l.packets[0]?.length).toBe(102);
    expect(l.packets[0]?.toString('hex')).toBe(expected);
  });

  it('accepts dash-separated MACs and refuses malformed ones', () => {
    expect(magicPacket('AA-BB-CC-DD-EE-FF').subarray(6, 12).toString('hex')).toBe('aabbccddeeff');
    expect(() => magicPacket('AA:BB:CC:DD:EE')).toThrow('not a MAC address');
  });

  it('a send error is a value, not a throw', async () => {
    const r = await sendWol({ mac: '02:00:00:00:00:01', address: '127.0.0.1', port: 0 });
    expect(r.ok).toBe(false);
  });

  it('appends the 6-byte SecureOn password after the 16 MACs (108 bytes)', async () => {
    // The wol crate (docs.rs/wol, fill_magic_packet_secure_on) and FreeBSD wol(1) append the SecureON
    // sequence to the packet; NetworkManager keeps it "represented as an Ethernet MAC address".
    const l = await listener();
    open = l.sock;
    const secureOn = new Secret('A1:B2:C3:D4:E5:F6', 'devices[0].power.secureOn');
    const r = await sendWol({ mac: '02:00:5E:10:20:3f', address: '127.0.0.1', port: l.port, secureOn });
    expect(r).toEqual({ ok: true });
    await waitFor(() => l.packets.length > 0);
    expect(l.packets[0]?.length).toBe(108);
    expect(l.packets[0]?.subarray(0, 6).toString('hex')).toBe('ffffffffffff');
    expect(l.packets[0]?.subarray(96, 102).toString('hex')).toBe('02005e10203f');
    expect(l.packets[0]?.subarray(102).toString('hex')).toBe('a1b2c3d4e5f6');
    expect(
      magicPacket('02:00:5E:10:20:3f', new Secret('a1b2c3d4e5f6', 't')).subarray(102).toString('hex'),
    ).toBe('a1b2c3d4e5f6');
  });

  it('sends from the configured source address, or from an interface’s address (lo → 127.0.0.1)', async () => {
    const l = await listener();
    open = l.sock;
    expect(
      await sendWol({
        mac: '02:00:00:00:00:01',
        address: '127.0.0.1',
        port: l.port,
        sourceAddress: '127.0.0.1',
      }),
    ).toEqual({ ok: true });
    expect(
      await sendWol({ mac: '02:00:00:00:00:01', address: '127.0.0.1', port: l.port, interface: 'lo' }),
    ).toEqual({ ok: true });
    await waitFor(() => l.packets.length >= 2);
    expect(l.from).toEqual(['127.0.0.1', '127.0.0.1']);
    expect(bindAddress({ interface: 'lo' })).toEqual({ ok: true, address: '127.0.0.1' });
  });

  it('an unknown interface or a bad SecureOn is a clear failure, the password never shown', async () => {
    const r = await sendWol({
      mac: '02:00:00:00:00:01',
      address: '127.0.0.1',
      port: 9,
      interface: 'eth-nope',
    });
    expect(r).toMatchObject({ ok: false });
    expect(r.ok ? '' : r.message).toMatch(
      /network interface eth-nope does not exist \(this machine has: .*lo/,
    );
    const bad = await sendWol({
      mac: '02:00:00:00:00:01',
      address: '127.0.0.1',
      port: 9,
      secureOn: new Secret('s3cr3tpass', 't'),
    });
    expect(bad).toEqual({
      ok: false,
      message: 'Wake-on-LAN not sent: the SecureOn password must be 6 bytes in hex',
    });
  });

  it('the config checks the SecureOn format and refuses sourceAddress with interface', () => {
    const base = {
      site: 'wol',
      siteName: '测试专区',
      officeHours: { seasons: [{ name: '全年', from: '01-01', periods: ['09:00-17:00'] }] },
    };
    const pc = (power: Record<string, unknown>) => ({
      id: 'pc-01',
      name: 'pc-01',
      type: 'pc',
      location: '查阅区',
      assetNo: 'A-1',
      vendor: { name: 'v' },
      serviceProvider: { name: 's' },
      responsible: '甲',
      power: { method: 'wol', mac: '02:00:00:00:00:01', address: '127.0.0.1', ...power },
    });
    const ok = testConfig({ ...base, devices: [pc({ secureOn: '001122334455', port: 7, interface: 'lo' })] });
    const power = ok.devices[0]?.power;
    expect(power?.method === 'wol' && power.secureOn?.reveal()).toBe('001122334455');
    expect(JSON.stringify(power)).not.toContain('001122334455');
    expect(() => testConfig({ ...base, devices: [pc({ secureOn: 'hunter2' })] })).toThrow(
      'devices #1 (pc-01) power.secureOn: expected 6 bytes in hex',
    );
    expect(() =>
      testConfig({ ...base, devices: [pc({ sourceAddress: '127.0.0.1', interface: 'lo' })] }),
    ).toThrow('devices #1 (pc-01) power.interface: give sourceAddress or interface, not both');
  });
});
