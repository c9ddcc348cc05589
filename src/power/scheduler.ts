import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../log.js';
import type { Reconciler } from './reconciler.js';

/**
 * Drives the reconciler: one pass at start (catch-up: a daemon started at 10:00 switches on what should
 * be on) and then at second 0 of every minute. node-cron only triggers; all decisions live in tick().
 */
export function createPowerScheduler(deps: { reconciler: Reconciler; timezone: string; logger: Logger }) {
  let task: ScheduledTask | undefined;
  const run = () => {
    deps.reconciler.tick().catch((err: unknown) => deps.logger.error({ err }, 'power tick failed'));
  };
  return {
    async start(): Promise<void> {
      run();
      task = cron.schedule('* * * * *', run, { timezone: deps.timezone, noOverlap: true, name: 'power' });
    },
    async stop(): Promise<void> {
      await task?.stop();
      task = undefined;
      await deps.reconciler.stop();
    },
  };
}
