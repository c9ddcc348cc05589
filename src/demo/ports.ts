import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

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

/**
 * A free TCP port on 127.0.0.1 (the embedded MQTT broker of the demo; zoneops' HTTP side, chosen before the
 * config is written so the config's `http.publicUrl` (the QR codes' address) is where the demo listens).
 */
export function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
