import { Duplex } from 'node:stream';

/**
 * Reads MQTT fixed headers as bytes arrive and says when a packet is larger than allowed, before the
 * packet is read into memory: aedes' own limits count packets, not bytes (docs/Aedes.md,
 * `maxInflightInbound`: "pair it with a transport-level frame limit if you need a byte bound"), and its
 * parser buffers a whole packet, so one 64 MiB retained message would otherwise live in the daemon.
 * The header is one type byte and the "remaining length", 1 to 4 bytes of 7 bits each, low group first
 * (MQTT 3.1.1 §2.2.3; the same in MQTT 5 §1.5.5).
 */
export class FrameScanner {
  #phase: 'type' | 'length' | 'body' = 'type';
  #length = 0;
  #shift = 0;
  #lengthBytes = 0;
  #left = 0;

  constructor(private readonly maxPacketBytes: number) {}

  /** Feeds bytes; returns null while every packet is within the limit, else the size of the first that is not. */
  feed(chunk: Uint8Array): number | null {
    let i = 0;
    while (i < chunk.length) {
      if (this.#phase === 'body') {
        const take = Math.min(this.#left, chunk.length - i);
        this.#left -= take;
        i += take;
        if (this.#left === 0) this.#phase = 'type';
        continue;
      }
      const byte = chunk[i++] as number;
      if (this.#phase === 'type') {
        this.#phase = 'length';
        this.#length = 0;
        this.#shift = 0;
        this.#lengthBytes = 0;
        continue;
      }
      this.#length += (byte & 0x7f) * 2 ** this.#shift;
      this.#shift += 7;
      this.#lengthBytes++;
      if (byte & 0x80) {
        // A fifth length byte is malformed (MQTT 3.1.1 §2.2.3: at most four); treat it as too large.
        if (this.#lengthBytes >= 4) return Number.POSITIVE_INFINITY;
        continue;
      }
      const size = 1 + this.#lengthBytes + this.#length;
      if (size > this.maxPacketBytes) return size;
      this.#left = this.#length;
      this.#phase = this.#left === 0 ? 'type' : 'body';
    }
    return null;
  }
}

/**
 * The socket as aedes sees it, with the frame limit in front: a packet over `maxPacketBytes` destroys the
 * connection (and is reported) as soon as its header arrives. Writes go straight to the socket.
 */
export function guardFrames(
  socket: import('node:net').Socket,
  maxPacketBytes: number,
  onTooLarge: (size: number) => void,
): Duplex & { remoteAddress?: string | undefined } {
  const scanner = new FrameScanner(maxPacketBytes);
  const guarded: Duplex & { remoteAddress?: string | undefined } = new Duplex({
    read() {
      socket.resume();
    },
    write(chunk: Buffer, _enc, cb) {
      socket.write(chunk, cb);
    },
    final(cb) {
      socket.end(cb);
    },
    destroy(err, cb) {
      socket.destroy();
      cb(err);
    },
  });
  guarded.remoteAddress = socket.remoteAddress;
  socket.on('data', (chunk: Buffer) => {
    const tooLarge = scanner.feed(chunk);
    if (tooLarge !== null) {
      socket.pause();
      onTooLarge(tooLarge);
      socket.destroy();
      guarded.destroy();
      return;
    }
    if (!guarded.push(chunk)) socket.pause();
  });
  socket.on('end', () => guarded.push(null));
  socket.on('error', (err) => guarded.destroy(err));
  socket.on('close', () => guarded.destroy());
  return guarded;
}
