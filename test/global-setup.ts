import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Builds dist/ once before the suite, so CLI and daemon tests run the real `zoneops` command.
 * tsc emits even when it finds type errors; those are reported by the separate `tsc --noEmit`
 * step of scripts/test-all.sh, so here they only warn.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0)
    process.stderr.write(`warning: tsc reported errors while building dist/:\n${r.stdout}${r.stderr}`);
}
