import type { Varbind } from '../../src/probes/snmp/varbind.js';

/** Minimal BER for the replay agent: enough to pre-encode SNMPv2c responses from a recording. */
export function lengthBytes(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let x = n; x > 0; x = Math.floor(x / 256)) bytes.unshift(x & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export const tlv = (tag: number, body: Buffer): Buffer =>
  Buffer.concat([Buffer.from([tag]), lengthBytes(body.length), body]);

function signedBody(v: number): Buffer {
  const bytes: number[] = [];
  let x = v;
  do {
    bytes.unshift(x & 0xff);
    x >>= 8;
  } while (!(x === 0 && (bytes[0] as number) < 0x80) && !(x === -1 && (bytes[0] as number) >= 0x80));
  return Buffer.from(bytes);
}

function unsignedBody(v: bigint): Buffer {
  const bytes: number[] = [];
  let x = v < 0n ? 0n : v;
  do {
    bytes.unshift(Number(x & 0xffn));
    x >>= 8n;
  } while (x > 0n);
  if ((bytes[0] as number) >= 0x80) bytes.unshift(0);
  return Buffer.from(bytes);
}

export function oidBody(parts: readonly number[]): Buffer {
  const out = [40 * (parts[0] ?? 0) + (parts[1] ?? 0)];
  for (const n of parts.slice(2)) {
    const b: number[] = [n % 128];
    for (let x = Math.floor(n / 128); x > 0; x = Math.floor(x / 128)) b.unshift(0x80 | (x % 128));
    out.push(...b);
  }
  return Buffer.from(out);
}

export const oidParts = (oid: string): number[] => oid.split('.').map(Number);

function valueTlv(vb: Varbind): Buffer {
  const v = vb.value;
  const big = typeof v === 'bigint' ? v : BigInt(Math.trunc(typeof v === 'number' ? v : 0));
  switch (vb.type) {
    case 'integer':
      return tlv(0x02, signedBody(typeof v === 'number' ? v : 0));
    case 'octets':
      return tlv(0x04, Buffer.isBuffer(v) ? v : Buffer.from(String(v ?? '')));
    case 'opaque':
      return tlv(0x44, Buffer.isBuffer(v) ? v : Buffer.from(String(v ?? '')));
    case 'oid':
      return tlv(0x06, oidBody(oidParts(String(v))));
    case 'ip':
      return tlv(0x40, Buffer.from(String(v).split('.').map(Number)));
    case 'counter':
      return tlv(0x41, unsignedBody(big));
    case 'gauge':
      return tlv(0x42, unsignedBody(big));
    case 'ticks':
      return tlv(0x43, unsignedBody(big));
    case 'counter64':
      return tlv(0x46, unsignedBody(big));
    default:
      return Buffer.from([0x05, 0]);
  }
}

/** One varbind, encoded once: SEQUENCE { OID, value }. */
export const encodeVarbind = (vb: Varbind): Buffer =>
  tlv(0x30, Buffer.concat([tlv(0x06, oidBody(oidParts(vb.oid))), valueTlv(vb)]));

export const encodeException = (oid: readonly number[], tag: 0x80 | 0x81 | 0x82): Buffer =>
  tlv(0x30, Buffer.concat([tlv(0x06, oidBody(oid)), Buffer.from([tag, 0])]));

/** Reads one TLV header at `at`: [tag, body start, body end]. Throws RangeError on truncation. */
export function readTlv(buf: Buffer, at: number): [number, number, number] {
  if (at + 2 > buf.length) throw new RangeError('truncated');
  const tag = buf[at] as number;
  let l = buf[at + 1] as number;
  let start = at + 2;
  if (l & 0x80) {
    const n = l & 0x7f;
    l = 0;
    for (let i = 0; i < n; i++) l = l * 256 + (buf[start + i] as number);
    start += n;
  }
  if (start + l > buf.length) throw new RangeError('truncated');
  return [tag, start, start + l];
}

export function decodeOid(b: Buffer): number[] {
  const first = b[0] ?? 0;
  const parts = [Math.min(2, Math.floor(first / 40)), first - 40 * Math.min(2, Math.floor(first / 40))];
  let n = 0;
  for (let i = 1; i < b.length; i++) {
    const byte = b[i] as number;
    n = n * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(n);
      n = 0;
    }
  }
  return parts;
}

export function readInt(buf: Buffer, start: number, end: number): number {
  let v = (buf[start] as number) & 0x80 ? -1 : 0;
  for (let i = start; i < end; i++) v = v * 256 + (buf[i] as number);
  return v;
}

export function compareParts(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
