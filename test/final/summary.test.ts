import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { figuresOf, summaryPath } from '../../scripts/readme-figures.mjs';
import { repoRoot } from '../helpers/cli.js';
import { talliesDir, thisRun } from '../helpers/run.js';
import { renderSummary, type TallyData } from '../reliability/helpers/summary.js';

/**
 * Runs after every other project (vitest.config.ts, groupOrder 2): rebuilds test/reliability/SUMMARY.md
 * from the tallies this run's reliability files saved, then checks the file on disk is this run's and not
 * older than the last change to src/. (The README's copy of the figures is checked against SUMMARY.md by
 * test/unit/docs/readme-figures.test.ts, and rewritten by scripts/test-all.sh after the suite.)
 */
const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
const reliabilityFiles = readdirSync(join(repoRoot, 'test/reliability'))
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.test\.ts$/, ''))
  .sort();

describe('test/reliability/SUMMARY.md', () => {
  it('is rebuilt from this run’s tallies, one per reliability test file', () => {
    const run = thisRun();
    const tallies = (existsSync(talliesDir) ? readdirSync(talliesDir) : [])
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(talliesDir, f), 'utf8')) as TallyData)
      .sort((a, b) => a.file.localeCompare(b.file));
    const ours = tallies.filter((t) => t.runId === run.id);
    const missing = reliabilityFiles.filter((f) => !ours.some((t) => t.file === f));
    expect(
      missing,
      'reliability files that saved no tally in this run (did the reliability project run?)',
    ).toEqual([]);
    const dirty = git(
      'status',
      '--porcelain',
      '--',
      'src',
      'test',
      ':!test/reliability/SUMMARY.md',
      ':!test/mutation/SCORE.md',
    )
      .split('\n')
      .some((l) => l.trim() !== '');
    writeFileSync(
      summaryPath,
      renderSummary(ours, {
        commit: git('rev-parse', 'HEAD'),
        dirty,
        date: new Date().toISOString(),
        runId: run.id,
      }),
    );
  });

  it('was measured in this run, at a commit holding the last change to src/', () => {
    const f = figuresOf(readFileSync(summaryPath, 'utf8'));
    expect(f.runId, 'SUMMARY.md is from another run').toBe(thisRun().id);
    const lastSrc = git('log', '-1', '--format=%H', '--', 'src');
    const contains = (() => {
      try {
        execFileSync('git', ['merge-base', '--is-ancestor', lastSrc, f.commit], { cwd: repoRoot });
        return true;
      } catch {
        return false;
      }
    })();
    expect(contains, `SUMMARY.md measured at ${f.commit}, before the last change to src/ (${lastSrc})`).toBe(
      true,
    );
    // Uncommitted changes to src/ must be older than the measurement.
    const changed = git('status', '--porcelain', '--', 'src')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => l.slice(3))
      .filter((p) => existsSync(join(repoRoot, p)));
    const newer = changed.filter((p) => {
      const m = execFileSync('stat', ['-c', '%Y', join(repoRoot, p)], { encoding: 'utf8' }).trim();
      return Number(m) * 1000 > Date.parse(f.date);
    });
    expect(newer, 'files in src/ changed after SUMMARY.md was measured').toEqual([]);
  });
});
