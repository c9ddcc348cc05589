import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  begin,
  end,
  figuresOf,
  readmePath,
  render,
  summaryPath,
  withBlock,
} from '../../../scripts/readme-figures.mjs';

describe('README reliability figures', () => {
  it('are the ones test/reliability/SUMMARY.md measured (run node scripts/readme-figures.mjs)', () => {
    const readme = readFileSync(readmePath, 'utf8');
    const block = readme.slice(readme.indexOf(begin), readme.indexOf(end) + end.length);
    expect(readme.indexOf(begin)).toBeGreaterThan(0);
    expect(block).toBe(render(figuresOf(readFileSync(summaryPath, 'utf8'))));
  });

  it('a README whose block was edited by hand is told apart', () => {
    const f = figuresOf(readFileSync(summaryPath, 'utf8'));
    const readme = readFileSync(readmePath, 'utf8');
    const edited = withBlock(readme, render({ ...f, totals: { ...f.totals, kills: f.totals.kills + 1 } }));
    expect(edited).not.toBe(withBlock(readme, render(f)));
  });
});
