import { execFileSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './cli.js';
import { requireBinary } from './proc.js';

/**
 * A simulated power cut for a process started with LD_PRELOAD=powercut.so (test/fixtures/foundation/powercut.c):
 * after the process is killed, every write it made after a file's last fsync/fdatasync is undone, as the disk
 * would lose it. `keep` keeps the first n unsynced writes of each file (a disk part-way through writing back).
 */
const source = join(repoRoot, 'test/fixtures/foundation/powercut.c');
const built = join(repoRoot, 'test/artifacts/powercut.so');

/** Builds the shim (gcc, from scripts/install-test-deps.sh) when the source is newer than the build. */
export function powerCutShim(): string {
  if (!existsSync(built) || statSync(built).mtimeMs < statSync(source).mtimeMs) {
    requireBinary('gcc');
    mkdirSync(join(repoRoot, 'test/artifacts'), { recursive: true });
    const tmp = `${built}.${process.pid}`;
    execFileSync('gcc', ['-shared', '-fPIC', '-O2', '-Wall', '-o', tmp, source, '-ldl', '-lpthread']);
    execFileSync('mv', ['-f', tmp, built]);
  }
  return built;
}

/** The environment for a process whose writes under `dir` are logged to `log`. */
export function powerCutEnv(dir: string, log: string): NodeJS.ProcessEnv {
  return { LD_PRELOAD: powerCutShim(), POWERCUT_DIR: dir, POWERCUT_LOG: log };
}

interface Undo {
  path: string;
  offset: number;
  oldSize: number;
  old: Buffer;
}

export interface PowerCutResult {
  /** Writes that had reached a sync (kept). */
  synced: number;
  /** fsync/fdatasync calls, per file. */
  syncs: Map<string, number>;
  /** Writes undone (lost with the power). */
  undone: number;
  /** Unsynced writes kept by `keep`. */
  keptUnsynced: number;
  files: string[];
}

/**
 * Undoes, per file, the writes after its last sync (all of them, or all but the first `keep(path, n)` of
 * them), newest first, then removes SQLite's -shm index (memory-mapped and volatile). Reads and then deletes
 * the undo log, so the next process starts a fresh one.
 */
export function cutPower(
  log: string,
  keep: (path: string, unsynced: number) => number = () => 0,
): PowerCutResult {
  const buf = existsSync(log) ? readFileSync(log) : Buffer.alloc(0);
  const perFile = new Map<string, Undo[]>();
  let synced = 0;
  const syncs = new Map<string, number>();
  let at = 0;
  while (at < buf.length) {
    const type = String.fromCharCode(buf[at] as number);
    const len = buf.readUInt32LE(at + 1);
    const path = buf.toString('utf8', at + 5, at + 5 + len);
    at += 5 + len;
    const list = perFile.get(path) ?? [];
    perFile.set(path, list);
    if (type === 'S') {
      syncs.set(path, (syncs.get(path) ?? 0) + 1);
      synced += list.length;
      list.length = 0;
      continue;
    }
    if (type !== 'W')
      throw new Error(`power-cut log ${log}: unknown record ${JSON.stringify(type)} at ${at}`);
    const offset = Number(buf.readBigInt64LE(at));
    const oldSize = Number(buf.readBigInt64LE(at + 8));
    const n = Number(buf.readBigInt64LE(at + 16));
    at += 24;
    list.push({ path, offset, oldSize, old: buf.subarray(at, at + n) });
    at += n;
  }
  let undone = 0;
  let keptUnsynced = 0;
  for (const [path, list] of perFile) {
    // SQLite's -shm index lives in shared memory; it is removed below, not restored.
    if (path.endsWith('-shm')) continue;
    const kept = Math.max(0, Math.min(list.length, keep(path, list.length)));
    keptUnsynced += kept;
    if (!existsSync(path)) continue;
    const fd = openSync(path, 'r+');
    try {
      for (let i = list.length - 1; i >= kept; i--) {
        const u = list[i] as Undo;
        if (u.old.length > 0) writeSync(fd, u.old, 0, u.old.length, u.offset);
        ftruncateSync(fd, u.oldSize);
        undone++;
      }
    } finally {
      closeSync(fd);
    }
  }
  for (const path of perFile.keys()) if (path.endsWith('-shm')) rmSync(path, { force: true });
  rmSync(log, { force: true });
  return { synced, syncs, undone, keptUnsynced, files: [...perFile.keys()] };
}
