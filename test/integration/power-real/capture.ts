import type { createReconciler, Reconciler } from '../../../src/power/reconciler.js';

/**
 * Hooks for the test files' `vi.mock` factories (a factory may only reach other modules through a
 * dynamic import, so the shared state lives here).
 *
 * - Every reconciler the daemon builds is kept, so a test can run one reconciliation pass (`tick()`)
 *   at the minute it has set the clock to, and wait for its commands (`settled()`).
 * - node-cron is replaced by a cron that never fires: the test is the cron. A real one would fire on
 *   the real minute, at an unplanned moment of the test's virtual day.
 */
export const reconcilers: Reconciler[] = [];

export function capturing(real: typeof createReconciler): typeof createReconciler {
  return (deps) => {
    const r = real(deps);
    reconcilers.push(r);
    return r;
  };
}

/** Counts what the daemon scheduled, so a test can check the minute job is really set up. */
export const cronJobs: string[] = [];

export const manualCron = {
  default: {
    schedule(expression: string) {
      cronJobs.push(expression);
      return { stop: async () => undefined };
    },
  },
};
