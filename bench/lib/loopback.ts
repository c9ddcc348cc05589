import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';

/**
 * The benchmarks load servers and agents they start themselves, so they only ever send traffic to this
 * machine's loopback: 127.0.0.0/8 or ::1. Any other address is refused before anything starts.
 */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.split('.')[0] === '127';
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1';
  return false;
}

export function assertLoopback(host: string, what: string): string {
  if (!isLoopback(host))
    throw new Error(
      `${what}: ${JSON.stringify(host)} is not a loopback address; the benchmarks only send traffic to 127.0.0.0/8 or ::1 (the peers they start themselves)`,
    );
  return host;
}

/** A URL (http://…, mqtt://…, ipp://…) whose host is checked as above; gives the URL back. */
export function assertLoopbackUrl(url: string, what: string): string {
  assertLoopback(new URL(url).hostname, what);
  return url;
}

/** 1-minute load average, sampled while a benchmark runs (the machine is shared). */
export function loadSampler(everyMs = 5000) {
  const samples: number[] = [];
  const take = () => {
    try {
      samples.push(Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]));
    } catch {
      // Not Linux: no load figure, said so in the results (no samples).
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      take();
      const sorted = [...samples].sort((a, b) => a - b);
      const mean = samples.reduce((s, x) => s + x, 0) / Math.max(1, samples.length);
      return {
        samples: samples.length,
        min: sorted[0] ?? Number.NaN,
        mean: Math.round(mean * 100) / 100,
        max: sorted.at(-1) ?? Number.NaN,
      };
    },
  };
}
