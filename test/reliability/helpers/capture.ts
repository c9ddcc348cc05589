import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { capturesDir, thisRun } from '../../helpers/run.js';

/**
 * Everything the reliability files captured in this run (daemon logs, API answers, metrics, error
 * messages), one file per test file under test/artifacts/reliability/captures/<run id>/ (the folder is
 * cleared at the start of every run with the reliability project by test/global-setup.ts), so the final
 * secrets check greps this run's captures and nothing older.
 */
const runDir = () => join(capturesDir, thisRun().id.replace(/[^\w.-]/g, '_'));

export function capture(file: string, text: string): void {
  mkdirSync(runDir(), { recursive: true });
  appendFileSync(join(runDir(), `${file}.log`), `${text}\n`);
}

/** This run's captures, by test file. */
export function allCaptured(): Map<string, string> {
  const out = new Map<string, string>();
  const dir = runDir();
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir)) out.set(f.replace(/\.log$/, ''), readFileSync(join(dir, f), 'utf8'));
  return out;
}

/** The secrets (from `secrets`) that occur in `text`, as names: never the values themselves. */
export function leakedSecrets(text: string, secrets: Record<string, string>): string[] {
  return Object.entries(secrets)
    .filter(([, v]) => text.includes(v) || text.includes(encodeURIComponent(v)))
    .map(([k]) => k);
}
