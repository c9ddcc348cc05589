import { defineConfig } from 'vitest/config';

/**
 * Five projects, run in order by `sequence.groupOrder`:
 *   0  unit         pure code, no network, no child process (`npm test` runs only this: seconds)
 *   1  integration  real peers on 127.0.0.1 (snmpsim, ippeveprinter, Mosquitto, Prometheus …), the CLI
 *   1  e2e          the daemon and its pages in headless Chromium
 *   1  reliability  faults and bad input against a running zone; each file saves its tally
 *   2  final        after all others: the secrets check over this run's captures, SUMMARY.md from this run's
 *                   tallies (and the check that it is fresh)
 * `bash scripts/test-all.sh` runs all of them.
 */
const project = (name: string, groupOrder: number) => ({
  test: {
    name,
    include: [`test/${name}/**/*.test.ts`],
    sequence: { groupOrder },
    pool: 'forks' as const,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    // Integration tests start real peers on ephemeral loopback ports; two cores, so two files at a time.
    maxWorkers: 2,
    projects: [
      project('unit', 0),
      project('integration', 1),
      project('e2e', 1),
      project('reliability', 1),
      project('final', 2),
    ],
  },
});
