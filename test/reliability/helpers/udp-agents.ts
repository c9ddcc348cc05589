import { createSocket, type Socket } from 'node:dgram';

/**
 * UDP "agents" of the tests' own for SNMP faults the simulators cannot produce: one that answers
 * late (relays to a real agent after `delayMs`) and one that answers with whatever bytes `reply`
 * returns (malformed BER). Both count what they received.
 */
export interface UdpPeer {
  readonly port: number;
  requests: number;
  close(): Promise<void>;
}

async function bind(sock: Socket): Promise<number> {
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  return sock.address().port;
}

export async function startSlowRelay(targetPort: number, delayMs: () => number): Promise<UdpPeer> {
  const front = createSocket('udp4');
  const peer = { port: 0, requests: 0, close: () => new Promise<void>((r) => front.close(() => r())) };
  front.on('message', (msg, rinfo) => {
    peer.requests++;
    const back = createSocket('udp4');
    back.on('message', (answer) => {
      setTimeout(() => {
        front.send(answer, rinfo.port, rinfo.address, () => undefined);
        back.close();
      }, delayMs());
    });
    back.send(msg, targetPort, '127.0.0.1');
    setTimeout(() => {
      try {
        back.close();
      } catch {}
    }, 10_000).unref();
  });
  peer.port = await bind(front);
  return peer;
}

export async function startGarbageAgent(
  reply: (request: Buffer, n: number) => Buffer | null,
): Promise<UdpPeer> {
  const sock = createSocket('udp4');
  const peer = { port: 0, requests: 0, close: () => new Promise<void>((r) => sock.close(() => r())) };
  sock.on('message', (msg, rinfo) => {
    const out = reply(msg, peer.requests++);
    if (out) sock.send(out, rinfo.port, rinfo.address);
  });
  peer.port = await bind(sock);
  return peer;
}

/** Malformed SNMP answers: truncated, wrong lengths, wrong tags, huge lengths, random bytes. */
export function malformedAnswers(request: Buffer): Buffer[] {
  const good = Buffer.from(request);
  const mutate = (i: number, b: number) => {
    const c = Buffer.from(good);
    if (i < c.length) c[i] = b;
    return c;
  };
  return [
    Buffer.alloc(0),
    Buffer.from([0x30]),
    Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]),
    Buffer.from([0x30, 0x82, 0x7f, 0xff, 0x02, 0x01, 0x01]),
    good.subarray(0, Math.max(1, good.length >> 1)),
    mutate(0, 0x04),
    mutate(1, 0x7f),
    mutate(2, 0x05),
    Buffer.concat([good, Buffer.alloc(64, 0xff)]),
    Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'),
    Buffer.from(Array.from({ length: 200 }, (_, i) => (i * 37 + 11) & 0xff)),
    Buffer.from([0x30, 0x03, 0x02, 0x01, 0x63]),
  ];
}
