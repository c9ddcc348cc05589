import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { repoRoot } from './helpers/cli.js';
import { capturesDir, talliesDir } from './helpers/run.js';

/** The newest modification time of any file under `dir`. */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Once per `vitest run`, before any project:
 * - builds dist/ when a source file is newer than it, so CLI and daemon tests run the real `zoneops`
 *   command (not needed when only the unit project runs). tsc emits even when it finds type errors; those
 *   are reported by the separate `tsc --noEmit` step of scripts/test-all.sh, so here they only warn.
 * - clears the reliability tallies and captures (when the reliability project is selected), so the summary
 *   and the secrets check read this run's only;
 * - gives every project this run's id (`inject('runId')`), which each tally records.
 */
export default function setup(project: TestProject): void {
  const names = project.vitest.projects.map((p) => p.name);
  const built = join(repoRoot, 'dist/cli/main.js');
  if (
    names.some((n) => n !== 'unit') &&
    (!existsSync(built) || statSync(built).mtimeMs < newest(join(repoRoot, 'src')))
  ) {
    const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    if (r.status !== 0)
      process.stderr.write(`warning: tsc reported errors while building dist/:\n${r.stdout}${r.stderr}`);
  }
  if (names.includes('reliability'))
    for (const dir of [talliesDir, capturesDir]) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
    }
  const startedAt = new Date().toISOString();
  project.provide('runId', `${startedAt}-${process.pid}`);
  project.provide('runStartedAt', startedAt);
}
