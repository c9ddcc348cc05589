import { describe, expect, it } from 'vitest';
import { summarize } from '../../../scripts/summarize-vitest.mjs';

/** A vitest JSON report (the `--reporter=json` shape: testResults[].assertionResults[].status). */
const report = (statuses: string[], suiteStatus = 'passed') =>
  JSON.stringify({
    testResults: [
      {
        name: '/repo/test/unit/x.test.ts',
        status: suiteStatus,
        assertionResults: statuses.map((status, i) => ({ ancestorTitles: ['x'], title: `t${i}`, status })),
      },
    ],
  });

describe('scripts/summarize-vitest.mjs', () => {
  it('counts passes and failures', () => {
    expect(summarize(() => report(['passed', 'passed', 'failed']))).toMatchObject({ passed: 2, failed: 1 });
  });

  it('counts skipped and todo tests as failures, naming them', () => {
    const r = summarize(() =>
      report([
        'passed',
        'passed',
        'passed',
        'passed',
        'passed',
        'skipped',
        'skipped',
        'pending',
        'todo',
        'todo',
      ]),
    );
    expect(r).toMatchObject({ passed: 5, failed: 5 });
    expect(r.reasons.filter((x) => /counted as failed/.test(x))).toHaveLength(5);
  });

  it('an unreadable, broken or missing report is one failure with the reason', () => {
    for (const read of [
      () => '{"testResults": [',
      () => {
        throw new Error('ENOENT: no such file');
      },
      () => '"a string"',
    ]) {
      const r = summarize(read);
      expect(r).toMatchObject({ passed: 0, failed: 1 });
      expect(r.reasons[0]).toMatch(/^vitest report unreadable: /);
    }
  });

  it('a test file that failed to load, a failed check step, a non-zero exit or no test at all fails', () => {
    expect(summarize(() => report([], 'failed')).failed).toBe(1);
    expect(summarize(() => report(['passed']), 2)).toMatchObject({ passed: 1, failed: 2 });
    expect(summarize(() => report(['passed']), 0, 1)).toMatchObject({ passed: 1, failed: 1 });
    expect(summarize(() => report([]))).toMatchObject({ passed: 0, failed: 1 });
  });
});
