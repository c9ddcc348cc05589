import { request as httpRequest, type IncomingMessage } from 'node:http';
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { type TLSSocket, connect as tlsConnect } from 'node:tls';
import type { ProbeProblem } from '../../domain/observation.js';

/**
 * POSTs one IPP message over HTTP or HTTPS with Node's own clients. Why not `ipp.request` from the
 * `ipp` package: it has no timeout (a printer that never answers hangs the poll forever), parses the
 * answer inside a stream callback so a bad answer throws where nobody can catch it (the daemon dies),
 * logs to stdout on HTTP errors, and cannot pin a certificate. Here the socket is opened first, the
 * TLS policy is checked before a single request byte is sent, and every failure is a ProbeProblem.
 */

/** Per-device TLS policy, from `devices[].ipp.tls` in the config. */
export interface TlsPolicy {
  /** SHA-256 fingerprint AA:BB:… of the printer's certificate; only that certificate is accepted. */
  readonly fingerprint?: string | undefined;
  /** Accept whatever certificate the printer shows (self-signed printers without a pinned fingerprint). */
  readonly acceptAnyCertificate?: boolean | undefined;
}

interface PostOptions {
  readonly timeoutMs: number;
  readonly tls?: TlsPolicy | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Answers larger than this are refused (a printer's full attribute set is ~10–50 KB). */
  readonly maxBytes?: number;
}

type PostResult = { ok: true; body: Buffer } | { ok: false; problem: ProbeProblem };

const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

export function postIpp(uri: string, body: Buffer, opts: PostOptions): Promise<PostResult> {
  const url = new URL(uri);
  const secure = url.protocol === 'ipps:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port === '' ? 631 : Number(url.port);
  const where = `${host}:${port}`;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;

  return new Promise<PostResult>((resolve) => {
    let done = false;
    let socket: Socket | undefined;
    const finish = (result: PostResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      socket?.destroy();
      resolve(result);
    };
    const fail = (reason: ProbeProblem['reason'], message: string) =>
      finish({ ok: false, problem: { reason, message } });
    const timer = setTimeout(
      () => fail('timeout', `no answer from ${where} within ${opts.timeoutMs} ms`),
      opts.timeoutMs,
    );
    const onAbort = () => fail('timeout', `probe of ${where} cancelled`);
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    const onConnected = () => {
      if (done || !socket) return;
      if (secure) {
        const problem = checkCertificate(socket as TLSSocket, opts.tls, where);
        if (problem) return fail('auth', problem);
      }
      sendRequest(socket);
    };

    const sendRequest = (sock: Socket) => {
      const req = httpRequest({
        createConnection: () => sock,
        host,
        port,
        path: `${url.pathname}${url.search}` || '/',
        method: 'POST',
        headers: { 'Content-Type': 'application/ipp', 'Content-Length': body.length, Connection: 'close' },
      });
      req.on('error', (err: NodeJS.ErrnoException) => fail(...classifyHttpError(err, where)));
      req.on('response', (res: IncomingMessage) => readBody(res));
      req.end(body);
    };

    const readBody = (res: IncomingMessage) => {
      if (res.statusCode !== 200) {
        res.resume();
        const text = `${res.statusCode ?? '?'} ${res.statusMessage ?? ''}`.trim();
        return fail(
          'protocol',
          `HTTP ${text} from ${where}${url.pathname} (not an IPP printer at this URI?)`,
        );
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) return fail('protocol', `answer from ${where} larger than ${maxBytes} bytes`);
        chunks.push(chunk);
      });
      res.on('end', () => finish({ ok: true, body: Buffer.concat(chunks) }));
      res.on('error', (err: NodeJS.ErrnoException) => fail(...classifyHttpError(err, where)));
    };

    try {
      socket = secure
        ? tlsConnect({
            host,
            port,
            // SNI only for names; we check the certificate ourselves (checkCertificate).
            ...(isIP(host) === 0 ? { servername: host } : {}),
            rejectUnauthorized: false,
          })
        : netConnect({ host, port });
    } catch (err) {
      return fail(
        'unreachable',
        `cannot connect to ${where}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    socket.once(secure ? 'secureConnect' : 'connect', onConnected);
    socket.on('error', (err: NodeJS.ErrnoException) => fail(...classifyConnectError(err, where, secure)));
  });
}

/** The certificate decision, before any request byte goes out. Returns a problem message or null. */
function checkCertificate(socket: TLSSocket, policy: TlsPolicy | undefined, where: string): string | null {
  const fingerprint = socket.getPeerCertificate().fingerprint256 ?? '';
  if (policy?.fingerprint !== undefined) {
    if (fingerprint.toUpperCase() === policy.fingerprint.toUpperCase()) return null;
    return `TLS certificate of ${where} has fingerprint ${fingerprint}, not the pinned ipp.tls.fingerprint ${policy.fingerprint.toUpperCase()}`;
  }
  if (policy?.acceptAnyCertificate === true) return null;
  if (socket.authorized) return null;
  return (
    `TLS certificate of ${where} not trusted (${String(socket.authorizationError)}); ` +
    `to trust it set ipp.tls.fingerprint: ${fingerprint} (or ipp.tls.acceptAnyCertificate: true)`
  );
}

type Classified = [ProbeProblem['reason'], string];

function classifyConnectError(err: NodeJS.ErrnoException, where: string, secure: boolean): Classified {
  switch (err.code) {
    case 'ECONNREFUSED':
      return ['refused', `connection refused by ${where} (printer off or IPP disabled?)`];
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return ['dns', `cannot resolve ${where.replace(/:\d+$/, '')}`];
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
      return ['unreachable', `${where} unreachable (${err.code})`];
    case 'ECONNRESET':
    case 'EPIPE':
      return secure
        ? ['protocol', `${where} closed the connection during the TLS handshake (not ipps?)`]
        : ['unreachable', `${where} closed the connection (${err.code})`];
    default:
      if (secure && /SSL|TLS|wrong version|certificate/i.test(`${err.code ?? ''} ${err.message}`)) {
        return ['protocol', `TLS handshake with ${where} failed: ${err.message} (not ipps?)`];
      }
      return ['unreachable', `cannot reach ${where}: ${err.message}`];
  }
}

function classifyHttpError(err: NodeJS.ErrnoException, where: string): Classified {
  if (typeof err.code === 'string' && err.code.startsWith('HPE_')) {
    return ['protocol', `${where} did not answer with HTTP (${err.code})`];
  }
  if (err.code === 'ECONNRESET' || err.message === 'socket hang up') {
    return ['protocol', `${where} closed the connection before a complete HTTP answer`];
  }
  return ['unreachable', `connection to ${where} failed: ${err.message}`];
}
