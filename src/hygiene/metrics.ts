import { Gauge, type Registry } from 'prom-client';
import type { Clock } from '../clock.js';
import type { DayInfo, HygienePlan, HygieneTask } from '../domain/hygiene-plan.js';
import { currentMonth, loadCompliance } from './compliance.js';
import type { HygieneRepo } from './repo.js';

interface HygieneMetricsSnapshot {
  /** Latest claimed time (epoch seconds) each planned (target, task) was done; absent if never. */
  lastDone: Array<{ target: string; task: HygieneTask; seconds: number }>;
  /** 1 while an overdue alert for (target, task) is not yet cleared by a record. */
  overdue: Array<{ target: string; task: HygieneTask; value: 0 | 1 }>;
  /** On-time ratio this month (0..1), only where a deadline has passed. */
  compliance: Array<{ target: string; task: HygieneTask; ratio: number }>;
}

/** Everything the hygiene metrics need, as one read; labels come from the plan only (bounded). */
export function hygieneMetricsSource(deps: {
  repo: HygieneRepo;
  plan: HygienePlan;
  days: DayInfo;
  clock: Clock;
  tz: string;
}) {
  const planned = deps.plan.targets.flatMap((t) => t.tasks.map((x) => ({ target: t.id, task: x.task })));
  const isPlanned = (target: string, task: string) =>
    planned.some((p) => p.target === target && p.task === task);
  return async function snapshot(): Promise<HygieneMetricsSnapshot> {
    const now = deps.clock.now();
    const last = await deps.repo.lastDone();
    const open = await deps.repo.openOverdue();
    const summary = await loadCompliance(
      deps.repo,
      deps.plan,
      deps.days,
      deps.tz,
      currentMonth(now, deps.tz),
      now,
    );
    return {
      lastDone: last
        .filter((l) => isPlanned(l.target, l.task))
        .map((l) => ({ target: l.target, task: l.task, seconds: l.at / 1000 })),
      overdue: planned.map((p) => ({
        ...p,
        value: open.some((o) => o.target === p.target && o.task === p.task) ? 1 : 0,
      })),
      compliance: summary.rows.flatMap((r) =>
        r.ratio === null ? [] : [{ target: r.target, task: r.task, ratio: r.ratio }],
      ),
    };
  };
}

/** Registers the three hygiene gauges on the zoneops registry; each scrape reads one snapshot. */
export function registerHygieneMetrics(
  registry: Registry,
  snapshot: () => Promise<HygieneMetricsSnapshot>,
): void {
  let pending: Promise<HygieneMetricsSnapshot> | null = null;
  // The three collect() calls of one scrape share one database read.
  const read = () => {
    pending ??= snapshot().finally(() => setTimeout(() => (pending = null), 0));
    return pending;
  };
  new Gauge({
    name: 'zoneops_hygiene_last_done_timestamp_seconds',
    help: 'When each cleaning/disinfection task was last done per target (claimed time, Unix seconds).',
    labelNames: ['target', 'task'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const l of (await read()).lastDone) this.set({ target: l.target, task: l.task }, l.seconds);
    },
  });
  new Gauge({
    name: 'zoneops_hygiene_overdue',
    help: '1 while a cleaning/disinfection task is overdue (not recorded by its deadline), else 0.',
    labelNames: ['target', 'task'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const o of (await read()).overdue) this.set({ target: o.target, task: o.task }, o.value);
    },
  });
  new Gauge({
    name: 'zoneops_hygiene_compliance_ratio',
    help: 'Share of this month’s due cleaning/disinfection tasks done on time (deadline passed only).',
    labelNames: ['target', 'task'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const c of (await read()).compliance) this.set({ target: c.target, task: c.task }, c.ratio);
    },
  });
}
