import { type ChildProcess, spawn } from 'node:child_process';
import { repoRoot, zoneopsBin } from '../helpers/cli.js';
import { waitUntil } from '../helpers/proc.js';

export interface DemoProcess {
  proc: ChildProcess;
  output(): string;
  line(prefix: string): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs the built `zoneops demo` (dist/ is built by test/global-setup.ts) and waits for its URL lines. */
export async function startDemoProcess(): Promise<DemoProcess> {
  const proc = spawn(process.execPath, [zoneopsBin, 'demo'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (b: Buffer) => {
    out += b.toString();
  });
  proc.stderr?.on('data', (b: Buffer) => {
    out += b.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const line = (prefix: string) => {
    const m = out.split('\n').find((l) => l.startsWith(prefix));
    if (!m) throw new Error(`no line "${prefix}" in demo output:\n${out}`);
    return m.slice(prefix.length).trim();
  };
  await waitUntil(
    () => out.includes('API token (technician):') || proc.exitCode !== null,
    60_000,
    'demo start',
  );
  if (proc.exitCode !== null) throw new Error(`demo exited early:\n${out}`);
  return { proc, output: () => out, line, exited };
}
