import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { magicPacket, sendWol } from '../../../src/power/wol.js';

/** A UDP listener on 127.0.0.1 (never a broadcast or LAN address) that keeps every datagram. */
async function listener(): Promise<{ sock: Socket; port: number; packets: Buffer[] }> {
  const sock = createSocket('udp4');
  const packets: Buffer[] = [];
  sock.on('message', (msg) => packets.push(msg));
  await new Promise<void>((resolve) => sock.bind(0, '127.0.0.1', () => resolve()));
  return { sock, port: sock.address().port, packets };
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
});
