import { createSocket } from 'node:dgram';
import { isIPv4 } from 'node:net';

/**
 * Wake-on-LAN: the magic packet is 6 bytes 0xFF followed by the target MAC repeated 16 times, sent
 * over UDP (port 9 by default) to the subnet's broadcast address. Tests send only to 127.0.0.1.
 */

export interface WolTarget {
  readonly mac: string;
  readonly address: string;
  readonly port: number;
}

/** `02:00:00:00:00:01` or `02-00-…` → the 102-byte magic packet. Throws on a malformed MAC (a config bug). */
export function magicPacket(mac: string): Buffer {
  if (!/^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/.test(mac)) throw new Error(`not a MAC address: ${mac}`);
  const bytes = Buffer.from(mac.replace(/[:-]/g, ''), 'hex');
  const packet = Buffer.alloc(6 + 16 * 6, 0xff);
  for (let i = 0; i < 16; i++) bytes.copy(packet, 6 + i * 6);
  return packet;
}

export type WolResult = { ok: true } | { ok: false; message: string };

/** Sends one magic packet. A network error is a value (the reconciler records it), never a throw. */
export function sendWol(target: WolTarget): Promise<WolResult> {
  const packet = magicPacket(target.mac);
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
    sock.bind(0, () => {
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
