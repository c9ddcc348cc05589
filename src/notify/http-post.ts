import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';

interface PostReply {
  readonly status: number;
  readonly body: string;
  /** The raw `Retry-After` header, if any (RFC 9110 §10.2.3). */
  readonly retryAfter?: string;
}

export interface PostFailure {
  readonly error: string;
  /** Whether any byte of the request was handed to the socket (the platform may have it). */
  readonly reached: boolean;
}

export interface PostOptions {
  readonly timeoutMs?: number;
  /**
   * Awaited once the connection (and TLS) is up and before the first byte of the request is
   * written; a rejection aborts the request without sending anything.
   */
  readonly beforeWrite?: () => Promise<void>;
}

/**
 * POSTs JSON over node:http(s), one fresh connection per request, and gives back the status and body,
 * or a failure value. Nothing is written until `beforeWrite` has resolved: headers and body go out
 * together with `end()` after it, so "never written" is exact. Redirects are not followed. Error texts
 * never contain the URL: WeCom keys and DingTalk tokens travel in the query string.
 */
export function postJson(
  url: string,
  body: string,
  headers: Record<string, string> = {},
  opts: PostOptions = {},
): Promise<PostReply | PostFailure> {
  const u = new URL(url);
  const tls = u.protocol === 'https:';
  const payload = Buffer.from(body, 'utf8');
  return new Promise((resolve) => {
    let reached = false;
    let timedOut = false;
    let settled = false;
    const settle = (r: PostReply | PostFailure) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const req = (tls ? httpsRequest : httpRequest)(u, {
      method: 'POST',
      agent: false,
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': String(payload.length),
        ...headers,
      },
    });
    const timer = setTimeout(() => {
      timedOut = true;
      req.destroy();
    }, opts.timeoutMs ?? 10_000);
    req.on('error', (err) => settle({ error: describe(err, timedOut), reached }));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        if (size < 4000) chunks.push(c);
        size += c.length;
      });
      res.on('error', (err) => settle({ error: describe(err, timedOut), reached }));
      res.on('end', () => {
        const retryAfter = res.headers['retry-after'];
        settle({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8').slice(0, 2000),
          ...(typeof retryAfter === 'string' ? { retryAfter } : {}),
        });
      });
    });
    req.on('socket', (socket: Socket) => {
      const write = () => {
        (opts.beforeWrite ?? (async () => undefined))().then(
          () => {
            if (settled) return;
            reached = true;
            req.end(payload);
          },
          (err: unknown) => req.destroy(err instanceof Error ? err : new Error('aborted before write')),
        );
      };
      if (socket.connecting) socket.once(tls ? 'secureConnect' : 'connect', write);
      else write();
    });
  });
}

function describe(err: unknown, timedOut: boolean): string {
  if (timedOut) return 'timed out';
  const code = (err as { code?: string }).code;
  if (code) return `connection failed (${code})`;
  return 'request failed';
}
