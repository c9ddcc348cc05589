import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  begin,
  channelsBegin,
  channelsEnd,
  end,
  figuresOf,
  readmePath,
  render,
  renderChannels,
  summaryPath,
  withBlock,
  withFigures,
} from '../../../scripts/readme-figures.mjs';

describe('README reliability figures', () => {
  it('are the ones test/reliability/SUMMARY.md measured (run node scripts/readme-figures.mjs)', () => {
    const readme = readFileSync(readmePath, 'utf8');
    const block = readme.slice(readme.indexOf(begin), readme.indexOf(end) + end.length);
    expect(readme.indexOf(begin)).toBeGreaterThan(0);
    expect(block).toBe(render(figuresOf(readFileSync(summaryPath, 'utf8'))));
  });

  it('the notify-crash table per channel kind is the one SUMMARY.md measured', () => {
    const readme = readFileSync(readmePath, 'utf8');
    const a = readme.indexOf(channelsBegin);
    expect(a).toBeGreaterThan(0);
    const block = readme.slice(a, readme.indexOf(channelsEnd) + channelsEnd.length);
    const f = figuresOf(readFileSync(summaryPath, 'utf8'));
    expect(block).toBe(renderChannels(f));
    // The four kinds the kill -9 test sends on, each with the messages it queued.
    expect(Object.keys(f.totals.channels).sort()).toEqual(['dingtalk', 'email', 'webhook', 'wecom']);
    expect(withFigures(readme, f)).toBe(readme);
  });

  it('a README whose block was edited by hand is told apart', () => {
    const f = figuresOf(readFileSync(summaryPath, 'utf8'));
    const readme = readFileSync(readmePath, 'utf8');
    const edited = withBlock(readme, render({ ...f, totals: { ...f.totals, kills: f.totals.kills + 1 } }));
    expect(edited).not.toBe(withBlock(readme, render(f)));
  });
});
