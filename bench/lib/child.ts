import { spawn } from 'node:child_process';

/**
 * Runs a bench TypeScript entry in its own Node process (through tsx) so that its CPU, peak RSS
 * and event loop are its own. The child prints one JSON line prefixed `RESULT ` on stdout.
 */
export interface ChildRun<T> {
  readonly pid: number;
  readonly result: Promise<T>;
  kill(): void;
}

const tsx = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;

export function runChild<T>(
  script: string,
  args: readonly string[],
  opts: { nodeArgs?: readonly string[]; onLine?: (line: string) => void; timeoutMs?: number } = {},
): ChildRun<T> {
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', tsx, script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let buffered = '';
  proc.stdout.on('data', (b: Buffer) => {
    out += b.toString();
    buffered += b.toString();
    let nl = buffered.indexOf('\n');
    while (nl >= 0) {
      opts.onLine?.(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
      nl = buffered.indexOf('\n');
    }
  });
  proc.stderr.on('data', (b: Buffer) => {
    err = (err + b.toString()).slice(-4000);
  });
  const timer = setTimeout(() => proc.kill('SIGKILL'), opts.timeoutMs ?? 600_000);
  const result = new Promise<T>((resolve, reject) => {
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code === 0 && line) resolve(JSON.parse(line.slice(7)) as T);
      else reject(new Error(`${script} exited with ${code ?? signal}:\n${err}${out.slice(-2000)}`));
    });
  });
  return { pid: proc.pid ?? -1, result, kill: () => proc.kill('SIGTERM') };
}

/** Prints the child's result line (see runChild). */
export function sendResult(value: unknown): void {
  process.stdout.write(`RESULT ${JSON.stringify(value)}\n`);
}

/** `--name value` from argv. */
export function argOf(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}
