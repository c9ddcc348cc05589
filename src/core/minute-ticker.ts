import type { Cancel, Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { Component } from './component.js';

type MinuteTask = (now: number) => Promise<void>;

/**
 * One tick at second 0 of every minute of the injected clock, for everything that works by the minute
 * (the power schedule, the hygiene checker). A tick calls every task with the tick's time; a task
 * decides itself what a call during its last one means (the reconciler shares the running pass, the
 * hygiene checker queues a look at that minute). A task that fails is logged and runs again next
 * minute. The next tick is planned before the tasks run, so slow work never shifts the minutes.
 * Tests drive it with the fake clock (`clock.advance`), never with real minutes.
 */
export function createMinuteTicker(deps: { clock: Clock; logger: Logger }) {
  const tasks: Array<{ name: string; run: MinuteTask }> = [];
  const inFlight = new Set<Promise<void>>();
  let cancel: Cancel | undefined;
  let running = false;

  const fire = (now: number) => {
    for (const t of tasks) {
      const p = t
        .run(now)
        .catch((err: unknown) => deps.logger.error({ err, task: t.name }, 'minute task failed'))
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
  };
  const plan = () => {
    if (!running) return;
    const now = deps.clock.now();
    const delay = 60_000 - (now % 60_000) || 60_000;
    cancel = deps.clock.setTimeout(() => {
      plan();
      fire(deps.clock.now());
    }, delay);
  };

  const component: Component & {
    every(name: string, run: MinuteTask): void;
    /** Resolves when no task is running (tests, shutdown). */
    idle(): Promise<void>;
  } = {
    name: 'minute-ticker',
    every(name, run) {
      tasks.push({ name, run });
    },
    async start() {
      running = true;
      plan();
    },
    async stop() {
      running = false;
      cancel?.();
      cancel = undefined;
      await component.idle();
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
  return component;
}

export type MinuteTicker = ReturnType<typeof createMinuteTicker>;
