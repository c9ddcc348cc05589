import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface Listening {
  readonly port: number;
  readonly host: string;
  /** Stops accepting, ends idle keep-alive connections, and resolves once the server is closed. */
  close(): Promise<void>;
}

export function listen(app: Express, host: string, port: number): Promise<Listening> {
  const server: Server = createServer(app);
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const addr = server.address() as AddressInfo;
      resolve({
        port: addr.port,
        host: addr.address,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
            // Requests still running get a moment, then their sockets are ended too.
            setTimeout(() => server.closeAllConnections(), 1000).unref();
          }),
      });
    });
  });
}
