import { dirname, join } from 'node:path';
import { type HygieneConfig, hygieneDefaults } from '../config/sections/hygiene.js';
import type { HygienePlan, HygieneTask, PlanTask } from '../domain/hygiene-plan.js';

/** The pure plan the domain functions work on. */
export function planFromConfig(cfg: HygieneConfig): HygienePlan {
  return {
    reminderLeadMinutes: cfg.reminderLeadMinutes,
    targets: cfg.targets.map((t) => ({
      id: t.id,
      name: t.name,
      ...(t.device !== undefined ? { device: t.device } : {}),
      tasks: t.tasks.map((task: HygieneTask): PlanTask => {
        const base = cfg[task];
        const own = t[task];
        const everyDays = task === 'disinfect' && cfg.disinfect.intensive ? 1 : base.everyDays;
        return {
          task,
          everyDays,
          anchor: task === 'disinfect' ? cfg.disinfect.anchor : hygieneDefaults.disinfect.anchor,
          deadline: own?.deadline ?? base.deadline,
          post: own?.post ?? base.post,
        };
      }),
    })),
  };
}

/** Photos live in the configured folder, else in `hygiene-photos` next to the database. */
export function photoDirFor(cfg: HygieneConfig, storePath: string): string {
  return (
    cfg.photoDir ?? join(dirname(storePath === ':memory:' ? 'data/zoneops.db' : storePath), 'hygiene-photos')
  );
}
