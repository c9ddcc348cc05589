import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

/**
 * What Linux knows about a process, read from /proc (no extra tools): CPU seconds (user+sys) and
 * peak RSS. Used to measure peers (agents, snmp_exporter, Mosquitto) separately from the poller.
 */
const ticks = 100; // CLK_TCK on Linux x86-64/arm64

function statFields(pid: number | 'self'): string[] {
  const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may contain spaces: fields start after the last ')'.
  return raw.slice(raw.lastIndexOf(')') + 2).split(' ');
}

/** user+sys CPU seconds of a live process (0 when it is gone). */
export function cpuSeconds(pid: number): number {
  try {
    const f = statFields(pid);
    return (Number(f[11]) + Number(f[12])) / ticks;
  } catch {
    return 0;
  }
}

/** CPU seconds of this process' children that have exited and been reaped (cutime + cstime). */
export function reapedChildrenCpuSeconds(): number {
  const f = statFields('self');
  return (Number(f[13]) + Number(f[14])) / ticks;
}

/** Peak resident set (VmHWM) of a live process, in bytes (0 when it is gone). */
export function peakRssBytes(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Current resident set (VmRSS) in bytes. */
export function rssBytes(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Sum of cpuSeconds over several processes. */
export function cpuOf(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
}

export interface Machine {
  readonly cores: number;
  readonly cpuModel: string;
  readonly memoryMB: number;
  readonly node: string;
  readonly platform: string;
  readonly loadAverage: readonly number[];
}

export function machine(): Machine {
  const list = cpus();
  let load: number[] = [];
  try {
    load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
  } catch {}
  return {
    cores: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    memoryMB: Math.round(totalmem() / 2 ** 20),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: load,
  };
}

/** The p-th percentile (0..100) of a list of numbers (nearest rank); NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export const round = (x: number, digits = 2): number =>
  Number.isFinite(x) ? Number(x.toFixed(digits)) : Number.NaN;

/** Runs `fn` over `items` with at most `limit` at once. */
export async function pool<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
