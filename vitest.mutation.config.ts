import { defineConfig } from 'vitest/config';

/** The unit tests alone, flat (no projects, no global setup): what `npm run mutation` runs per mutant. */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
  },
});
