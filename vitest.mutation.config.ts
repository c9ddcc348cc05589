import { defineConfig } from 'vitest/config';

/**
 * The unit tests alone, flat (no projects, no global setup): what `npm run mutation` runs per mutant.
 * test/unit/power/reconciler.test.ts (src/power, 7 of the unit tests' 10 seconds) is left out so the run
 * fits in minutes: leaving tests out can only lower the score, never raise it.
 */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    exclude: ['test/unit/power/reconciler.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
  },
});
