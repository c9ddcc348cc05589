import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Everything the suite captured (daemon logs, API answers, metrics, error messages), one file per test
 * file under $TMPDIR/zoneops-reliability-capture, so the secrets check can grep all of it.
 */
export const captureDir = join(tmpdir(), 'zoneops-reliability-capture');

export function capture(file: string, text: string): void {
  mkdirSync(captureDir, { recursive: true });
  appendFileSync(join(captureDir, `${file}.log`), `${text}\n`);
}

export function allCaptured(): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(captureDir)) return out;
  for (const f of readdirSync(captureDir)) out.set(f, readFileSync(join(captureDir, f), 'utf8'));
  return out;
}

/** The secrets (from `secrets`) that occur in `text`, as names: never the values themselves. */
export function leakedSecrets(text: string, secrets: Record<string, string>): string[] {
  return Object.entries(secrets)
    .filter(([, v]) => text.includes(v) || text.includes(encodeURIComponent(v)))
    .map(([k]) => k);
}
