// Types for scripts/summarize-vitest.mjs.
export function summarize(
  readReport: () => string,
  checksFailed?: number,
  vitestRc?: number,
): { passed: number; failed: number; reasons: string[] };
