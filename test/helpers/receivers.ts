import { createHmac } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';

/**
 * Local stand-ins for WeCom / DingTalk group robots and a generic webhook, on 127.0.0.1 and an
 * ephemeral port. Like the real platforms, the robots answer HTTP 200 with an errcode; `mode` switches
 * them to fail (errcode, HTTP 500, or a dropped connection) and back.
 */
export type ReceiverMode = 'ok' | 'errcode' | 'http-500' | 'drop';

export interface ReceivedRequest {
  readonly at: number;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly raw: string;
  readonly json: unknown;
}

export interface Receiver {
  readonly url: string;
  readonly port: number;
  /** Requests answered successfully (errcode 0 / 2xx). */
  readonly accepted: ReceivedRequest[];
  /** Every request seen, including refused ones. */
  readonly seen: ReceivedRequest[];
  mode: ReceiverMode;
  close(): Promise<void>;
}

export interface ReceiverOptions {
  kind: 'wecom' | 'dingtalk' | 'webhook';
  /** wecom: the expected key; dingtalk: the expected access token. */
  token?: string;
  /** dingtalk: the 加签 secret the receiver checks `sign` against. */
  secret?: string;
}

export async function startReceiver(opts: ReceiverOptions): Promise<Receiver> {
  const accepted: ReceivedRequest[] = [];
  const seen: ReceivedRequest[] = [];
  const state = { mode: 'ok' as ReceiverMode };
  const server: Server = createHttpServer((req, res) => {
    if (state.mode === 'drop') {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      let json: unknown = null;
      try {
        json = JSON.parse(raw);
      } catch {
        json = null;
      }
      const r: ReceivedRequest = {
        at: Date.now(),
        path: u.pathname,
        query: u.searchParams,
        headers: req.headers,
        raw,
        json,
      };
      seen.push(r);
      if (state.mode === 'http-500') {
        res.writeHead(500).end('internal error');
        return;
      }
      const refusal =
        state.mode === 'errcode' ? { errcode: 93000, errmsg: 'invalid webhook url' } : check(opts, u, json);
      if (opts.kind === 'webhook') {
        if (refusal) res.writeHead(400).end(refusal.errmsg);
        else {
          accepted.push(r);
          res.writeHead(204).end();
        }
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (refusal) res.end(JSON.stringify(refusal));
      else {
        accepted.push(r);
        res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const path =
    opts.kind === 'wecom' ? '/cgi-bin/webhook/send' : opts.kind === 'dingtalk' ? '/robot/send' : '/hook';
  return {
    url: `http://127.0.0.1:${port}${path}`,
    port,
    accepted,
    seen,
    get mode() {
      return state.mode;
    },
    set mode(m: ReceiverMode) {
      state.mode = m;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What the platform would refuse, as its errcode reply; null when the request is acceptable. */
function check(opts: ReceiverOptions, u: URL, json: unknown): { errcode: number; errmsg: string } | null {
  const body = json as {
    msgtype?: unknown;
    markdown?: { content?: unknown; title?: unknown; text?: unknown };
  } | null;
  if (opts.kind === 'wecom') {
    if (opts.token !== undefined && u.searchParams.get('key') !== opts.token)
      return { errcode: 93000, errmsg: 'invalid webhook url' };
    if (body?.msgtype !== 'markdown' || typeof body.markdown?.content !== 'string')
      return { errcode: 40008, errmsg: 'invalid message type' };
    return null;
  }
  if (opts.kind === 'dingtalk') {
    if (opts.token !== undefined && u.searchParams.get('access_token') !== opts.token)
      return { errcode: 300001, errmsg: 'token is not exist' };
    if (opts.secret !== undefined) {
      const ts = u.searchParams.get('timestamp') ?? '';
      // The raw query holds the URL-encoded Base64; URLSearchParams already decoded it once.
      const expected = createHmac('sha256', opts.secret).update(`${ts}\n${opts.secret}`).digest('base64');
      if (u.searchParams.get('sign') !== expected) return { errcode: 310000, errmsg: 'sign not match' };
    }
    if (
      body?.msgtype !== 'markdown' ||
      typeof body.markdown?.title !== 'string' ||
      typeof body.markdown?.text !== 'string'
    )
      return { errcode: 40035, errmsg: 'missing parameter' };
    return null;
  }
  return null;
}

export interface SmtpMessage {
  readonly from: string;
  readonly to: readonly string[];
  readonly data: string;
}

export interface SmtpReceiver {
  readonly port: number;
  readonly messages: SmtpMessage[];
  close(): Promise<void>;
}

/** A tiny SMTP server (RFC 5321 subset, no TLS, no auth) that keeps what it is sent. */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const messages: SmtpMessage[] = [];
  const sockets = new Set<Socket>();
  const server = createTcpServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => undefined);
    let buf = '';
    let inData = false;
    let from = '';
    let to: string[] = [];
    const reply = (line: string) => sock.write(`${line}\r\n`);
    reply('220 127.0.0.1 ESMTP test receiver');
    sock.on('data', (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          if (end < 0) return;
          const data = buf.slice(0, end).replace(/\r\n\.\./g, '\r\n.');
          buf = buf.slice(end + 5);
          inData = false;
          messages.push({ from, to, data });
          from = '';
          to = [];
          reply('250 2.0.0 queued');
          continue;
        }
        const nl = buf.indexOf('\r\n');
        if (nl < 0) return;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO') reply('250-127.0.0.1\r\n250-8BITMIME\r\n250 SMTPUTF8');
        else if (cmd === 'HELO') reply('250 127.0.0.1');
        else if (cmd === 'MAIL') {
          from = /<([^>]*)>/.exec(line)?.[1] ?? '';
          reply('250 2.1.0 ok');
        } else if (cmd === 'RCPT') {
          to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          reply('250 2.1.5 ok');
        } else if (cmd === 'DATA') {
          inData = true;
          reply('354 end with <CRLF>.<CRLF>');
        } else if (cmd === 'QUIT') {
          reply('221 bye');
          sock.end();
        } else if (cmd === 'RSET' || cmd === 'NOOP') reply('250 ok');
        else reply('502 5.5.2 not implemented');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  return {
    port: typeof addr === 'object' && addr ? addr.port : 0,
    messages,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The decoded text body and subject of a single-part message sent with base64 text encoding. */
export function decodeMail(data: string): { subject: string; text: string; headers: string } {
  const split = data.indexOf('\r\n\r\n');
  const headers = data.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = data.slice(split + 4);
  const rawSubject = /^Subject: (.*)$/im.exec(headers)?.[1] ?? '';
  const subject = rawSubject
    .split(/\s+/)
    .map((w) => {
      const m = /^=\?utf-8\?([BQ])\?(.*)\?=$/i.exec(w);
      if (!m) return w;
      return m[1]?.toUpperCase() === 'B'
        ? Buffer.from(m[2] ?? '', 'base64').toString('utf8')
        : Buffer.from(
            (m[2] ?? '')
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8');
    })
    .join('');
  const text = /Content-Transfer-Encoding: base64/i.test(headers)
    ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    : body;
  return { subject, text, headers };
}
