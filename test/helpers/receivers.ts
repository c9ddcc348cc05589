import { createHmac } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';

/**
 * Local stand-ins for WeCom / DingTalk group robots and a generic webhook, on 127.0.0.1 and an
 * ephemeral port. Like the real platforms, the robots answer HTTP 200 with an errcode. `mode` switches
 * them to answer as the platforms do when something is wrong, and back:
 * - `busy`: the robots' global "系统繁忙" (errcode -1), HTTP 503 for the webhook — transient;
 * - `misconfigured`: WeCom 93000 "invalid webhook url" (全局错误码), DingTalk 310000 "keywords not in
 *   content" (自定义机器人安全设置), webhook 403 — permanent;
 * - `throttle` (webhook): 429 with `Retry-After: <retryAfterSeconds>`;
 * - `http-500`, `drop` (connection destroyed before an answer).
 * With `perMinute`, a robot counts accepted messages over the last minute on `now` (the test's fake
 * clock) and answers its "too fast" errcode beyond it — DingTalk 130101 "send too fast, exceed 20 times
 * per minute" and then for `blockMs` every request (自定义机器人接入: "如果超过20条，会限流10分钟"),
 * WeCom 45009 "api freq out of limit".
 */
export type ReceiverMode = 'ok' | 'busy' | 'misconfigured' | 'throttle' | 'http-500' | 'drop';

export interface ReceivedRequest {
  readonly at: number;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly raw: string;
  readonly json: unknown;
  /** What the receiver answered: errcode for robots, HTTP status for the webhook. */
  readonly answer: number;
}

export interface Receiver {
  readonly url: string;
  readonly port: number;
  /** Requests answered successfully (errcode 0 / 2xx). */
  readonly accepted: ReceivedRequest[];
  /**
   * Accepted requests deduplicated by delivery id, as a receiver should: the first copy of each, in order.
   * The id is the Standard Webhooks `webhook-id` (the webhook channel), `X-Zoneops-Event` (e-mail), else
   * the whole body (a WeCom/DingTalk robot message has no id field; two identical messages are one
   * delivery sent twice).
   */
  readonly delivered: ReceivedRequest[];
  /** Copies accepted per delivery id (1 = once); the sum of (copies − 1) is the number of repeats. */
  readonly copies: ReadonlyMap<string, number>;
  /** Accepted copies of a delivery already received (dropped by the dedupe above). */
  readonly repeats: number;
  /** Every request seen, including refused ones. */
  readonly seen: ReceivedRequest[];
  mode: ReceiverMode;
  /** Called with each complete request before it is answered (a test may kill the sender here). */
  onRequest: ((r: ReceivedRequest) => void) | undefined;
  close(): Promise<void>;
}

export interface ReceiverOptions {
  kind: 'wecom' | 'dingtalk' | 'webhook';
  /** wecom: the expected key; dingtalk: the expected access token. */
  token?: string;
  /** dingtalk: the 加签 secret the receiver checks `sign` against. */
  secret?: string;
  /** The clock the robot's rate limit runs on (default the real one). */
  now?: () => number;
  /** Robots: messages a minute accepted before the platform's "too fast" answer. */
  perMinute?: number;
  /** DingTalk: how long the robot stays blocked after exceeding perMinute. */
  blockMs?: number;
  /** Webhook `throttle` mode: the Retry-After it sends (seconds). */
  retryAfterSeconds?: number;
  /** Delays each answer by this many (real) milliseconds. */
  answerDelayMs?: number;
}

type Refusal = { errcode: number; errmsg: string } | null;

/** The delivery id of a request: `webhook-id`, else `X-Zoneops-Event`, else the raw body. */
export function deliveryId(r: Pick<ReceivedRequest, 'headers' | 'raw'>): string {
  for (const name of ['webhook-id', 'x-zoneops-event']) {
    const h = r.headers[name];
    if (typeof h === 'string' && h !== '') return h;
  }
  return r.raw;
}

export async function startReceiver(opts: ReceiverOptions): Promise<Receiver> {
  const accepted: ReceivedRequest[] = [];
  const delivered: ReceivedRequest[] = [];
  const copies = new Map<string, number>();
  let repeats = 0;
  const accept = (r: ReceivedRequest) => {
    accepted.push(r);
    const id = deliveryId(r);
    const n = copies.get(id) ?? 0;
    copies.set(id, n + 1);
    if (n === 0) delivered.push(r);
    else repeats++;
  };
  const seen: ReceivedRequest[] = [];
  const state: { mode: ReceiverMode; onRequest?: (r: ReceivedRequest) => void } = { mode: 'ok' };
  const now = opts.now ?? (() => Date.now());
  let blockedUntil = 0;
  const recent: number[] = [];
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
      const refusal = refuse(opts, state.mode, u, json, now(), recent, blockedUntil);
      if (refusal?.errcode === 130101 && opts.blockMs && blockedUntil <= now())
        blockedUntil = now() + opts.blockMs;
      const webhookStatus =
        state.mode === 'http-500'
          ? 500
          : state.mode === 'busy'
            ? 503
            : state.mode === 'throttle'
              ? 429
              : state.mode === 'misconfigured'
                ? 403
                : 204;
      const answer =
        opts.kind === 'webhook' ? webhookStatus : state.mode === 'http-500' ? 500 : (refusal?.errcode ?? 0);
      const r: ReceivedRequest = {
        at: now(),
        path: u.pathname,
        query: u.searchParams,
        headers: req.headers,
        raw,
        json,
        answer,
      };
      seen.push(r);
      state.onRequest?.(r);
      const reply = () => {
        if (res.destroyed) return;
        if (state.mode === 'http-500') {
          res.writeHead(500).end('internal error');
          return;
        }
        if (opts.kind === 'webhook') {
          if (answer === 204) accept(r);
          const headers =
            answer === 429 ? { 'Retry-After': String(opts.retryAfterSeconds ?? 60) } : undefined;
          res.writeHead(answer, headers).end(answer === 403 ? 'signature rejected by receiver' : '');
          return;
        }
        res.writeHead(200, { 'Content-Type': 'application/json' });
        if (refusal) res.end(JSON.stringify(refusal));
        else {
          accept(r);
          recent.push(now());
          res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
        }
      };
      if (opts.answerDelayMs) setTimeout(reply, opts.answerDelayMs);
      else reply();
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
    delivered,
    copies,
    get repeats() {
      return repeats;
    },
    seen,
    get mode() {
      return state.mode;
    },
    set mode(m: ReceiverMode) {
      state.mode = m;
    },
    get onRequest() {
      return state.onRequest;
    },
    set onRequest(f: ((r: ReceivedRequest) => void) | undefined) {
      if (f) state.onRequest = f;
      else delete state.onRequest;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What the platform would refuse, as its errcode reply; null when the request is acceptable. */
function refuse(
  opts: ReceiverOptions,
  mode: ReceiverMode,
  u: URL,
  json: unknown,
  at: number,
  recent: number[],
  blockedUntil: number,
): Refusal {
  if (opts.kind === 'webhook') return null;
  if (mode === 'busy') return { errcode: -1, errmsg: '系统繁忙' };
  if (mode === 'misconfigured')
    return opts.kind === 'wecom'
      ? {
          errcode: 93000,
          errmsg:
            'invalid webhook url, hint: [1755605200056773468916791], from ip: 127.0.0.1, more info at https://open.work.weixin.qq.com/devtool/query?e=93000',
        }
      : {
          errcode: 310000,
          errmsg: 'keywords not in content, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]',
        };
  if (opts.kind === 'dingtalk' && at < blockedUntil)
    return { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' };
  if (opts.perMinute !== undefined) {
    while (recent.length > 0 && (recent[0] as number) <= at - 60_000) recent.shift();
    if (recent.length >= opts.perMinute)
      return opts.kind === 'wecom'
        ? { errcode: 45009, errmsg: 'api freq out of limit' }
        : { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' };
  }
  return check(opts, u, json);
}

function check(opts: ReceiverOptions, u: URL, json: unknown): Refusal {
  const body = json as {
    msgtype?: unknown;
    markdown?: { content?: unknown; title?: unknown; text?: unknown };
    text?: { content?: unknown };
  } | null;
  const textOk = body?.msgtype === 'text' && typeof body.text?.content === 'string';
  if (opts.kind === 'wecom') {
    if (opts.token !== undefined && u.searchParams.get('key') !== opts.token)
      return { errcode: 93000, errmsg: 'invalid webhook url' };
    if (!textOk && (body?.msgtype !== 'markdown' || typeof body.markdown?.content !== 'string'))
      return { errcode: 40008, errmsg: 'invalid message type' };
    return null;
  }
  if (opts.token !== undefined && u.searchParams.get('access_token') !== opts.token)
    return { errcode: 300001, errmsg: 'token is not exist' };
  if (opts.secret !== undefined) {
    const ts = u.searchParams.get('timestamp') ?? '';
    // The raw query holds the URL-encoded Base64; URLSearchParams already decoded it once.
    const expected = createHmac('sha256', opts.secret).update(`${ts}\n${opts.secret}`).digest('base64');
    if (u.searchParams.get('sign') !== expected) return { errcode: 310000, errmsg: 'sign not match' };
  }
  if (
    !textOk &&
    (body?.msgtype !== 'markdown' ||
      typeof body.markdown?.title !== 'string' ||
      typeof body.markdown?.text !== 'string')
  )
    return { errcode: 40035, errmsg: 'missing parameter' };
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
  /** RCPT TO addresses it refused, with the reply it gave. */
  readonly refused: Array<{ address: string; reply: string }>;
  /** The RCPT TO reply for an address, or undefined for 250 (e.g. `550 5.1.1 … User unknown`). */
  refuse: ((address: string) => string | undefined) | undefined;
  /** Called with each complete message before the 250 is sent. */
  onMessage: ((m: SmtpMessage) => void) | undefined;
  close(): Promise<void>;
}

/** A tiny SMTP server (RFC 5321 subset, no TLS, no auth) that keeps what it is sent. */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const messages: SmtpMessage[] = [];
  const refused: Array<{ address: string; reply: string }> = [];
  const hooks: Pick<SmtpReceiver, 'refuse' | 'onMessage'> = { refuse: undefined, onMessage: undefined };
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
          const m = { from, to, data };
          messages.push(m);
          hooks.onMessage?.(m);
          from = '';
          to = [];
          if (!sock.destroyed) reply('250 2.0.0 queued');
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
          const address = /<([^>]*)>/.exec(line)?.[1] ?? '';
          const no = hooks.refuse?.(address);
          if (no) {
            refused.push({ address, reply: no });
            reply(no);
          } else {
            to.push(address);
            reply('250 2.1.5 ok');
          }
        } else if (cmd === 'DATA') {
          if (to.length === 0) reply('554 5.5.1 no valid recipients');
          else {
            inData = true;
            reply('354 end with <CRLF>.<CRLF>');
          }
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
    refused,
    get refuse() {
      return hooks.refuse;
    },
    set refuse(f) {
      hooks.refuse = f;
    },
    get onMessage() {
      return hooks.onMessage;
    },
    set onMessage(f) {
      hooks.onMessage = f;
    },
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

/**
 * Whom a message to the WeCom group robot @-mentions, read as WeCom documents it (群机器人配置说明,
 * work.weixin.qq.com/api/doc/90000/90136/91770): a `text` message's `mentioned_list` (userids, or
 * "@all") and `mentioned_mobile_list` (phone numbers, or "@all"); `<@userid>` in the content of a
 * `text` or `markdown` message. A `markdown` message has no mention lists: any there mention nobody,
 * and so do entries that are not strings.
 */
export function wecomMentions(r: ReceivedRequest): { userIds: string[]; mobiles: string[] } {
  const body = r.json as {
    msgtype?: unknown;
    text?: { content?: unknown; mentioned_list?: unknown; mentioned_mobile_list?: unknown };
    markdown?: { content?: unknown };
  } | null;
  const strings = (v: unknown) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  const content =
    body?.msgtype === 'text'
      ? body.text?.content
      : body?.msgtype === 'markdown'
        ? body.markdown?.content
        : '';
  const inline =
    typeof content === 'string' ? [...content.matchAll(/<@([^>\s]+)>/g)].map((m) => m[1] as string) : [];
  if (body?.msgtype !== 'text') return { userIds: inline, mobiles: [] };
  return {
    userIds: [...strings(body.text?.mentioned_list), ...inline],
    mobiles: strings(body.text?.mentioned_mobile_list).filter((m) => m === '@all' || /^\+?\d{5,20}$/.test(m)),
  };
}
