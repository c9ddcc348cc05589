/**
 * A replay SNMPv2c agent for the benchmark (child process): serves recordings (snmprec, read in
 * place) on many UDP ports of 127.0.0.1, one recording per port, answering GET/GETNEXT/GETBULK from
 * pre-encoded varbinds and a cache of whole varbind lists. Per request it only parses the header,
 * looks the answer up and copies the request's own version/community/request-id bytes in front,
 * so that a poll costs the agent a few tens of microseconds: the poller, not the agent, is measured.
 * Any community is accepted. Args: --files a.snmprec,b.snmprec --ports N. Prints `RESULT [ports]`.
 */
import { createSocket, type Socket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { parseSnmprec } from '../../src/probes/snmp/snmprec.js';
import { argOf, sendResult } from '../lib/child.js';
import {
  compareParts,
  decodeOid,
  encodeException,
  encodeVarbind,
  lengthBytes,
  oidParts,
  readInt,
  readTlv,
  tlv,
} from './ber.js';

interface Recording {
  readonly oids: number[][];
  readonly encoded: Buffer[];
  readonly byKey: Map<string, number>;
  readonly cache: Map<string, Buffer>;
}

function load(file: string): Recording {
  const vbs = parseSnmprec(readFileSync(file, 'utf8'))
    .map((vb) => ({ vb, parts: oidParts(vb.oid) }))
    .sort((a, b) => compareParts(a.parts, b.parts));
  return {
    oids: vbs.map((x) => x.parts),
    encoded: vbs.map((x) => encodeVarbind(x.vb)),
    byKey: new Map(vbs.map((x, i) => [x.vb.oid, i])),
    cache: new Map(),
  };
}

/** Index of the first OID strictly after `oid`, or -1. */
function nextIndex(rec: Recording, oid: readonly number[]): number {
  let lo = 0;
  let hi = rec.oids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareParts(rec.oids[mid] as number[], oid) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo < rec.oids.length ? lo : -1;
}

const maxBytes = 60_000;

function answer(rec: Recording, pdu: number, nonRep: number, maxRep: number, oids: number[][]): Buffer {
  const parts: Buffer[] = [];
  let size = 0;
  const push = (b: Buffer) => {
    parts.push(b);
    size += b.length;
  };
  if (pdu === 0xa0) {
    for (const o of oids) {
      const i = rec.byKey.get(o.join('.'));
      push(i === undefined ? encodeException(o, 0x80) : (rec.encoded[i] as Buffer));
    }
  } else if (pdu === 0xa1) {
    for (const o of oids) {
      const i = nextIndex(rec, o);
      push(i < 0 ? encodeException(o, 0x82) : (rec.encoded[i] as Buffer));
    }
  } else {
    const n = Math.min(Math.max(nonRep, 0), oids.length);
    for (const o of oids.slice(0, n)) {
      const i = nextIndex(rec, o);
      push(i < 0 ? encodeException(o, 0x82) : (rec.encoded[i] as Buffer));
    }
    const cursors = oids.slice(n).map((o) => nextIndex(rec, o));
    const ends = oids.slice(n);
    for (let r = 0; r < Math.max(1, maxRep) && cursors.length > 0; r++) {
      const row: Buffer[] = [];
      let allEnded = true;
      cursors.forEach((c, k) => {
        if (c < 0) row.push(encodeException(ends[k] as number[], 0x82));
        else {
          allEnded = false;
          row.push(rec.encoded[c] as Buffer);
          cursors[k] = c + 1 < rec.oids.length ? c + 1 : -1;
          if (cursors[k] === -1) ends[k] = rec.oids[c] as number[];
        }
      });
      const rowSize = row.reduce((s, b) => s + b.length, 0);
      if (r > 0 && size + rowSize > maxBytes) break;
      for (const b of row) push(b);
      if (allEnded) break;
    }
  }
  return tlv(0x30, Buffer.concat(parts, size));
}

function serve(sock: Socket, rec: Recording, msg: Buffer, port: number, address: string): void {
  try {
    const [, mS] = readTlv(msg, 0);
    const [, , vE] = readTlv(msg, mS);
    const [, , cE] = readTlv(msg, vE);
    const [pdu, pS, pE] = readTlv(msg, cE);
    const [, , rE] = readTlv(msg, pS);
    const [, e1S, e1E] = readTlv(msg, rE);
    const [, e2S, e2E] = readTlv(msg, e1E);
    const [, lS, lE] = readTlv(msg, e2E);
    const oids: number[][] = [];
    for (let at = lS; at < lE; ) {
      const [, vbS, vbE] = readTlv(msg, at);
      const [, oS, oE] = readTlv(msg, vbS);
      oids.push(decodeOid(msg.subarray(oS, oE)));
      at = vbE;
    }
    const nonRep = pdu === 0xa5 ? readInt(msg, e1S, e1E) : 0;
    const maxRep = pdu === 0xa5 ? readInt(msg, e2S, e2E) : 0;
    const key = `${pdu}|${nonRep}|${maxRep}|${oids.map((o) => o.join('.')).join(',')}`;
    let list = rec.cache.get(key);
    if (!list) {
      list = answer(rec, pdu, nonRep, maxRep, oids);
      rec.cache.set(key, list);
    }
    const head = msg.subarray(mS, cE); // version + community, as the request sent them
    const reqId = msg.subarray(pS, rE);
    const pduBody = Buffer.concat([reqId, Buffer.from([2, 1, 0, 2, 1, 0]), list]);
    const pduTlv = Buffer.concat([Buffer.from([0xa2]), lengthBytes(pduBody.length), pduBody]);
    const body = Buffer.concat([head, pduTlv]);
    void pE;
    sock.send(Buffer.concat([Buffer.from([0x30]), lengthBytes(body.length), body]), port, address);
  } catch {
    // Not a request we understand: stay silent, like an agent would.
  }
}

const files = argOf('files', '').split(',').filter(Boolean);
const count = Number(argOf('ports', '1'));
const recordings = files.map(load);
const ports: number[] = [];
const sockets: Socket[] = [];
for (let i = 0; i < count; i++) {
  const rec = recordings[i % recordings.length] as Recording;
  const sock = createSocket('udp4');
  sock.on('message', (msg, r) => serve(sock, rec, msg, r.port, r.address));
  sock.on('error', () => undefined);
  await new Promise<void>((resolve) => sock.bind(0, '127.0.0.1', resolve));
  ports.push(sock.address().port);
  sockets.push(sock);
}
sendResult(ports);
process.on('SIGTERM', () => {
  for (const s of sockets) s.close();
  process.exit(0);
});
