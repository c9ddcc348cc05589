import { createServer, type Server, type Socket } from 'node:net';

/**
 * A replay "printer" of the tests' own on 127.0.0.1: it reads one HTTP POST, hands the IPP request to
 * `answer`, and writes back whatever bytes that returns (null: never answer). Used for what
 * ippeveprinter cannot do: stopped, -error reasons, offline, HTTP errors, garbage, truncation.
 */
export type Answer = Buffer | null;

export interface ReplayServer {
  readonly port: number;
  readonly uri: string;
  /** Requests received so far. */
  readonly requests: Buffer[];
  close(): Promise<void>;
}

export async function startReplayServer(answer: (ippRequest: Buffer) => Answer): Promise<ReplayServer> {
  const sockets = new Set<Socket>();
  const requests: Buffer[] = [];
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buf = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/content-length:\s*(\d+)/i.exec(buf.subarray(0, end).toString())?.[1] ?? 0);
      if (buf.length < end + 4 + length) return;
      const body = buf.subarray(end + 4, end + 4 + length);
      requests.push(body);
      const out = answer(body);
      if (out !== null) socket.end(out);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    uri: `ipp://127.0.0.1:${port}/ipp/print`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export function httpResponse(
  status: number,
  reason: string,
  body: Buffer,
  contentType = 'application/ipp',
): Buffer {
  const head = `HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

/** The request-id of an IPP request (bytes 4–7). */
export const requestIdOf = (ippRequest: Buffer) => ippRequest.readInt32BE(4);

/** A recorded answer with its request-id replaced by the request's (as ipptool and we check it). */
export function withRequestId(recorded: Buffer, requestId: number): Buffer {
  const copy = Buffer.from(recorded);
  copy.writeInt32BE(requestId, 4);
  return copy;
}

/** A value for `encodeIpp`: tag and value. */
export type TestValue =
  | { tag: 'integer' | 'enum'; value: number }
  | { tag: 'boolean'; value: boolean }
  | {
      tag: 'keyword' | 'text' | 'name' | 'uri' | 'octetString' | 'charset' | 'naturalLanguage';
      value: string;
    };

const tagBytes = {
  integer: 0x21,
  boolean: 0x22,
  enum: 0x23,
  octetString: 0x30,
  text: 0x41,
  name: 0x42,
  keyword: 0x44,
  uri: 0x45,
  charset: 0x47,
  naturalLanguage: 0x48,
} as const;

/**
 * A tiny IPP encoder of the tests' own (RFC 8010 §3), written apart from the decoder under test:
 * one operation group (charset, language) and one printer group.
 */
export function encodeIpp(opts: {
  status: number;
  requestId: number;
  printer: ReadonlyArray<readonly [string, readonly TestValue[]]>;
  version?: readonly [number, number];
}): Buffer {
  const parts: Buffer[] = [];
  const head = Buffer.alloc(8);
  head.writeUInt8(opts.version?.[0] ?? 2, 0);
  head.writeUInt8(opts.version?.[1] ?? 0, 1);
  head.writeUInt16BE(opts.status, 2);
  head.writeInt32BE(opts.requestId, 4);
  parts.push(head);
  const attr = (attrName: string, values: readonly TestValue[]) => {
    values.forEach((v, i) => {
      const n = Buffer.from(i === 0 ? attrName : '', 'utf8');
      let body: Buffer;
      if (v.tag === 'integer' || v.tag === 'enum') {
        body = Buffer.alloc(4);
        body.writeInt32BE(v.value, 0);
      } else if (v.tag === 'boolean') {
        body = Buffer.from([v.value ? 1 : 0]);
      } else {
        body = Buffer.from(String(v.value), 'utf8');
      }
      const b = Buffer.alloc(1 + 2 + n.length + 2);
      b.writeUInt8(tagBytes[v.tag], 0);
      b.writeUInt16BE(n.length, 1);
      n.copy(b, 3);
      b.writeUInt16BE(body.length, 3 + n.length);
      parts.push(b, body);
    });
  };
  parts.push(Buffer.from([0x01]));
  attr('attributes-charset', [{ tag: 'charset', value: 'utf-8' }]);
  attr('attributes-natural-language', [{ tag: 'naturalLanguage', value: 'en' }]);
  if (opts.printer.length > 0) {
    parts.push(Buffer.from([0x04]));
    for (const [name, values] of opts.printer) attr(name, values);
  }
  parts.push(Buffer.from([0x03]));
  return Buffer.concat(parts);
}

export const kw = (...values: string[]): TestValue[] => values.map((value) => ({ tag: 'keyword', value }));
export const int = (...values: number[]): TestValue[] => values.map((value) => ({ tag: 'integer', value }));
export const text = (...values: string[]): TestValue[] => values.map((value) => ({ tag: 'text', value }));
export const name = (...values: string[]): TestValue[] => values.map((value) => ({ tag: 'name', value }));
