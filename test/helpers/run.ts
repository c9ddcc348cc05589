import { join } from 'node:path';
import { inject } from 'vitest';
import { repoRoot } from './cli.js';

/**
 * What one vitest run shares between its projects. test/global-setup.ts clears these folders at the start
 * of every run, so a tally or a capture found here was written by the run that reads it.
 */
export const reliabilityArtifacts = join(repoRoot, 'test/artifacts/reliability');
/** One JSON tally per reliability test file (test/reliability/helpers/summary.ts). */
export const talliesDir = join(reliabilityArtifacts, 'tallies');
/** Everything the reliability files captured (logs, answers, metrics) for the secrets check. */
export const capturesDir = join(reliabilityArtifacts, 'captures');

declare module 'vitest' {
  export interface ProvidedContext {
    /** Unique per `vitest run`: tallies carry it, the final project accepts only its own run's. */
    runId: string;
    /** ISO time the run started. */
    runStartedAt: string;
  }
}

export const thisRun = (): { id: string; startedAt: string } => ({
  id: inject('runId'),
  startedAt: inject('runStartedAt'),
});
