import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type PhotoMime = 'image/jpeg' | 'image/png';

/** The photo's type from its first bytes; the client's Content-Type and file name are never trusted. */
export function sniffImage(buf: Uint8Array): PhotoMime | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (buf.length >= png.length && png.every((b, i) => buf[i] === b)) return 'image/png';
  return null;
}

export const sha256Pattern = /^[0-9a-f]{64}$/;

type PhotoCheck =
  | { ok: true; sha256: string; mime: PhotoMime; bytes: number }
  | { ok: false; status: 413 | 415 | 400; problem: string };

export function checkPhoto(buf: Uint8Array, maxBytes: number): PhotoCheck {
  if (buf.length === 0) return { ok: false, status: 400, problem: 'the photo is empty' };
  if (buf.length > maxBytes) {
    return {
      ok: false,
      status: 413,
      problem: `the photo is ${buf.length} bytes; at most ${maxBytes} are accepted`,
    };
  }
  const mime = sniffImage(buf);
  if (!mime) return { ok: false, status: 415, problem: 'only JPEG or PNG photos are accepted' };
  return { ok: true, sha256: createHash('sha256').update(buf).digest('hex'), mime, bytes: buf.length };
}

const extOf: Record<PhotoMime, string> = { 'image/jpeg': '.jpg', 'image/png': '.png' };

/**
 * Photos on disk, named by content hash under `dir/<first two hex digits>/`. The name is computed
 * from the bytes alone, so no client-supplied text ever reaches a path; a hash is checked against
 * /^[0-9a-f]{64}$/ before any read.
 */
export class PhotoStore {
  constructor(readonly dir: string) {}

  pathOf(sha256: string, mime: PhotoMime): string {
    if (!sha256Pattern.test(sha256)) throw new Error('not a SHA-256 hex digest');
    return join(this.dir, sha256.slice(0, 2), `${sha256}${extOf[mime]}`);
  }

  /** Writes the photo (atomically: temp file then rename); the same content twice is one file. */
  async save(buf: Uint8Array, sha256: string, mime: PhotoMime): Promise<string> {
    const path = this.pathOf(sha256, mime);
    await mkdir(join(this.dir, sha256.slice(0, 2)), { recursive: true, mode: 0o750 });
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, buf, { mode: 0o640, flag: 'wx' });
      await rename(tmp, path);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return path;
  }

  async read(sha256: string, mime: PhotoMime): Promise<Buffer> {
    return readFile(this.pathOf(sha256, mime));
  }
}
