import { createServer, type Server } from 'node:net';
import { Aedes, type AuthenticateError } from 'aedes';
import type { Secret } from '../config/secret.js';

export interface EmbeddedBroker {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The broker zoneops runs itself when no `mqtt.url` is configured (aedes, in memory: retained
 * messages live as long as the process). With `mqtt.username`/`password` set, clients must use them.
 */
export async function startEmbeddedBroker(opts: {
  host: string;
  port: number;
  auth?: { username: string; password: Secret };
}): Promise<EmbeddedBroker> {
  const broker = await Aedes.createBroker({ id: 'zoneops-embedded' });
  const auth = opts.auth;
  if (auth) {
    broker.authenticate = (_client, username, password, done) => {
      const ok = username === auth.username && password?.toString('utf8') === auth.password.reveal();
      if (ok) return done(null, true);
      const err = new Error('bad username or password') as AuthenticateError;
      err.returnCode = 4;
      done(err, null);
    };
  }
  const server: Server = createServer((socket) => broker.handle(socket));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  return {
    host: opts.host,
    port,
    url: `mqtt://${opts.host}:${port}`,
    async close() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
