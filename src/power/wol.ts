import { createSocket } from 'node:dgram';
import { isIPv4 } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Secret } from '../config/secret.js';

/**
 * Wake-on-LAN: the magic packet is 6 bytes 0xFF followed by the target MAC repeated 16 times, sent
 * over UDP (port 9 by default) to the subnet's broadcast address; with a SecureOn password (set in
 * the PC's firmware) its 6 bytes follow (the `wol` crate's fill_magic_packet_secure_on; FreeBSD
 * wol(1) "SecureON password"; NetworkManager's wake-on-lan-password, "represented as an Ethernet MAC
 * address"). The password travels in clear text, so it is no protection against a sniffer, but it
 * never appears in a log. Tests send only to 127.0.0.1.
 */

export interface WolTarget {
  readonly mac: string;
  readonly address: string;
  readonly port: number;
  readonly secureOn?: Secret;
  /** Bind the socket to this local IPv4 address (a machine with a NIC on the PCs' subnet and others). */
  readonly sourceAddress?: string;
  /** …or to this interface's first IPv4 address. */
  readonly interface?: string;
}

const macPattern = /^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/;
const sixBytes = /^(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$|^[0-9A-Fa-f]{12}$/;

/** `02:00:00:00:00:01` (and a SecureOn password) → the 102- (108-) byte magic packet. Throws on bad input (a config bug). */
export function magicPacket(mac: string, secureOn?: Secret): Buffer {
  if (!macPattern.test(mac)) throw new Error(`not a MAC address: ${mac}`);
  const bytes = Buffer.from(mac.replace(/[:-]/g, ''), 'hex');
  const password = secureOn?.reveal();
  if (password !== undefined && !sixBytes.test(password)) {
    throw new Error('the SecureOn password must be 6 bytes in hex');
  }
  const packet = Buffer.alloc(6 + 16 * 6 + (password === undefined ? 0 : 6), 0xff);
  for (let i = 0; i < 16; i++) bytes.copy(packet, 6 + i * 6);
  if (password !== undefined) Buffer.from(password.replace(/[:-]/g, ''), 'hex').copy(packet, 102);
  return packet;
}

export type WolResult = { ok: true } | { ok: false; message: string };

/** The local address to send from: sourceAddress, the interface's IPv4 address, or any (undefined). */
export function bindAddress(
  target: Pick<WolTarget, 'sourceAddress' | 'interface'>,
  interfaces: ReturnType<typeof networkInterfaces> = networkInterfaces(),
): { ok: true; address: string | undefined } | { ok: false; message: string } {
  if (target.sourceAddress) return { ok: true, address: target.sourceAddress };
  if (!target.interface) return { ok: true, address: undefined };
  const nic = interfaces[target.interface];
  if (!nic) {
    const known = Object.keys(interfaces).join(', ') || 'none';
    return {
      ok: false,
      message: `network interface ${target.interface} does not exist (this machine has: ${known})`,
    };
  }
  const v4 = nic.find((a) => a.family === 'IPv4');
  if (!v4) return { ok: false, message: `network interface ${target.interface} has no IPv4 address` };
  return { ok: true, address: v4.address };
}

/** Sends one magic packet. A network error is a value (the reconciler records it), never a throw. */
export function sendWol(target: WolTarget): Promise<WolResult> {
  let packet: Buffer;
  try {
    packet = magicPacket(target.mac, target.secureOn);
  } catch (err) {
    return Promise.resolve({ ok: false, message: `Wake-on-LAN not sent: ${(err as Error).message}` });
  }
  const bind = bindAddress(target);
  if (!bind.ok) return Promise.resolve({ ok: false, message: `Wake-on-LAN not sent: ${bind.message}` });
  const family = isIPv4(target.address) || !target.address.includes(':') ? 'udp4' : 'udp6';
  return new Promise((resolve) => {
    const sock = createSocket(family);
    let finished = false;
    const done = (r: WolResult) => {
      if (finished) return;
      finished = true;
      sock.close();
      resolve(r);
    };
    sock.once('error', (err) => done({ ok: false, message: `Wake-on-LAN send failed: ${err.message}` }));
    sock.bind({ port: 0, ...(bind.address ? { address: bind.address } : {}) }, () => {
      // A broadcast address needs SO_BROADCAST; harmless for a unicast (or loopback) target.
      try {
        sock.setBroadcast(true);
      } catch {
        // Some sandboxes refuse the option; a unicast target still works.
      }
      try {
        sock.send(packet, target.port, target.address, (err) =>
          done(err ? { ok: false, message: `Wake-on-LAN send failed: ${err.message}` } : { ok: true }),
        );
      } catch (err) {
        // Bad port or address: node throws synchronously here.
        done({
          ok: false,
          message: `Wake-on-LAN send failed: ${err instanceof Error ? err.message : String(err)}`,
        });
      }
    });
  });
}
