import { createSocket, type Socket } from 'node:dgram';

/**
 * A hand-made SNMPv2c agent for misbehaviour the simulators cannot produce: OIDs out of order,
 * endOfMibView everywhere, or silence. Minimal BER, enough for GET/GETNEXT/GETBULK requests.
 */
export type RawValue =
  | { t: 'int'; v: number }
  | { t: 'str'; v: string }
  | { t: 'oid'; v: string }
  | { t: 'endOfMibView' }
  | { t: 'noSuchObject' };
export type RawVarbind = [string, RawValue];
export type Handler = (pdu: 'get' | 'next' | 'bulk', oids: string[]) => RawVarbind[] | null;

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let x = n; x > 0; x = Math.floor(x / 256)) bytes.unshift(x & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, body: Buffer) => Buffer.concat([Buffer.from([tag]), len(body.length), body]);
function intBody(v: number): Buffer {
  const bytes: number[] = [];
  let x = v;
  do {
    bytes.unshift(x & 0xff);
    x >>= 8;
  } while (!(x === 0 && (bytes[0] as number) < 0x80) && !(x === -1 && (bytes[0] as number) >= 0x80));
  return Buffer.from(bytes);
}
function oidBody(oid: string): Buffer {
  const p = oid.split('.').map(Number);
  const out = [40 * (p[0] as number) + (p[1] as number)];
  for (const n of p.slice(2)) {
    const b: number[] = [n & 0x7f];
    for (let x = Math.floor(n / 128); x > 0; x = Math.floor(x / 128)) b.unshift(0x80 | (x & 0x7f));
    out.push(...b);
  }
  return Buffer.from(out);
}
function value(v: RawValue): Buffer {
  switch (v.t) {
    case 'int':
      return tlv(0x02, intBody(v.v));
    case 'str':
      return tlv(0x04, Buffer.from(v.v, 'utf8'));
    case 'oid':
      return tlv(0x06, oidBody(v.v));
    case 'endOfMibView':
      return Buffer.from([0x82, 0]);
    case 'noSuchObject':
      return Buffer.from([0x80, 0]);
  }
}

/** Reads one TLV at `at`: [tag, body start, end]. */
function read(buf: Buffer, at: number): [number, number, number] {
  const tag = buf[at] as number;
  let l = buf[at + 1] as number;
  let start = at + 2;
  if (l & 0x80) {
    const n = l & 0x7f;
    l = 0;
    for (let i = 0; i < n; i++) l = l * 256 + (buf[start + i] as number);
    start += n;
  }
  return [tag, start, start + l];
}
function decodeOid(b: Buffer): string {
  const first = b[0] as number;
  const parts = [Math.floor(first / 40), first % 40];
  let n = 0;
  for (const byte of b.subarray(1)) {
    n = n * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(n);
      n = 0;
    }
  }
  return parts.join('.');
}

export interface RawAgent {
  readonly port: number;
  requests: number;
  close(): Promise<void>;
}

export async function startRawAgent(handler: Handler): Promise<RawAgent> {
  const sock: Socket = createSocket('udp4');
  const agent = {
    port: 0,
    requests: 0,
    close: () => new Promise<void>((r) => sock.close(() => r())),
  };
  sock.on('message', (msg, rinfo) => {
    agent.requests++;
    const [, mStart] = read(msg, 0);
    const [, vS, vE] = read(msg, mStart); // version
    const [, cS, cE] = read(msg, vE); // community
    const [pduTag, pS] = read(msg, cE);
    const [, rS, rE] = read(msg, pS); // request id
    const [, , e1] = read(msg, rE);
    const [, , e2] = read(msg, e1);
    const [, lS, lE] = read(msg, e2);
    const oids: string[] = [];
    for (let at = lS; at < lE; ) {
      const [, vbS, vbE] = read(msg, at);
      const [, oS, oE] = read(msg, vbS);
      oids.push(decodeOid(msg.subarray(oS, oE)));
      at = vbE;
    }
    const kind = pduTag === 0xa0 ? 'get' : pduTag === 0xa1 ? 'next' : 'bulk';
    const vbs = handler(kind, oids);
    if (vbs === null) return; // silence
    const list = tlv(
      0x30,
      Buffer.concat(vbs.map(([o, v]) => tlv(0x30, Buffer.concat([tlv(0x06, oidBody(o)), value(v)])))),
    );
    const pdu = tlv(
      0xa2,
      Buffer.concat([msg.subarray(rS - 2, rE), tlv(0x02, intBody(0)), tlv(0x02, intBody(0)), list]),
    );
    const out = tlv(0x30, Buffer.concat([msg.subarray(vS - 2, vE), msg.subarray(cS - 2, cE), pdu]));
    sock.send(out, rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  agent.port = sock.address().port;
  return agent;
}
