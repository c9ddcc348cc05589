import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { allCaptured, leakedSecrets } from '../reliability/helpers/capture.js';
import { secrets } from '../reliability/helpers/secrets.js';

/**
 * Runs after every other project (vitest.config.ts, groupOrder 2), over what this run's reliability files
 * captured (test/global-setup.ts clears the captures at the start of every run): daemon logs, API answers,
 * pages, metrics and error messages never contain a secret of the zones they ran.
 */
const capturing = readdirSync(join(repoRoot, 'test/reliability'))
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.test\.ts$/, ''))
  .filter((f) => ['api-security', 'crash-burst', 'disk-full', 'faults-daemon'].includes(f));

describe('secrets in this run’s captures', () => {
  it('every capturing reliability file left its capture in this run', () => {
    const got = allCaptured();
    // A daemon capture holds at least its start-up log lines (a few hundred characters).
    const missing = capturing.filter((f) => (got.get(f)?.length ?? 0) < 300);
    expect(missing, 'captures missing or nearly empty (did the reliability project run?)').toEqual([]);
  });

  it('no secret appears in any log, answer, page, metric or error message captured', () => {
    const leaks: string[] = [];
    let size = 0;
    for (const [file, text] of allCaptured()) {
      size += text.length;
      for (const name of leakedSecrets(text, secrets)) leaks.push(`${file}: ${name}`);
    }
    expect(size).toBeGreaterThan(10_000);
    expect(leaks).toEqual([]);
  });
});
