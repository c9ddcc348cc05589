import { createSocket } from 'node:dgram';

/** A free UDP port on 127.0.0.1 for a simulated SNMP agent (asks the kernel, then releases it). */
export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const sock = createSocket('udp4');
    sock.once('error', reject);
    sock.bind(0, '127.0.0.1', () => {
      const port = sock.address().port;
      sock.close(() => resolve(port));
    });
  });
}
