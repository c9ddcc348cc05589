import type { Clock } from '../clock.js';
import type { MinuteTicker } from '../core/minute-ticker.js';
import { alertFor, overdueCleared, type SlotVerdict, verdictsOn } from '../domain/hygiene-compliance.js';
import {
  cycleOf,
  type DayInfo,
  type DueSlot,
  faultKindOf,
  type HygieneFaultKind,
  type HygienePlan,
  type HygieneTask,
  slotsDueOn,
} from '../domain/hygiene-plan.js';
import { localMoment, zonedEpoch } from '../domain/hygiene-time.js';
import type { Language } from '../domain/messages.js';
import type { Logger } from '../log.js';
import { createSerial } from '../serial.js';
import { alertMessage, overdueDetail } from './messages.js';
import type { HygieneRepo } from './repo.js';

export interface HygieneAlert {
  type: 'reminder' | 'overdue' | 'cleared';
  /** The fault kind the lead raises or clears. */
  kind: HygieneFaultKind;
  target: string;
  targetName: string;
  device?: string;
  task: HygieneTask;
  post: 'A' | 'B';
  dueDate: string;
  /** Deadline (epoch ms); null for a `cleared` whose plan entry is gone. */
  deadlineAt: number | null;
  /** Ready-to-send text for the attendants, in the configured language. */
  message: string;
  /** The plain fact for the fault's evidence (`应在 10:00 前完成（A岗）`), which the fault message wraps. */
  detail: string;
  /** The check that found it (epoch ms). */
  at: number;
}

type AlertCallback = (alert: HygieneAlert) => void | Promise<void>;

interface HygieneCheckerDeps {
  repo: HygieneRepo;
  plan: HygienePlan;
  days: DayInfo;
  clock: Clock;
  tz: string;
  language: Language;
  logger: Logger;
  onReminder: AlertCallback;
  onOverdue: AlertCallback;
  onCleared: AlertCallback;
  /** The zone's minute ticker: the checker looks at second 0 of every minute. */
  ticker: Pick<MinuteTicker, 'every'>;
}

/**
 * Looks every minute (the zone's minute ticker) at today's due tasks: a reminder `reminderLeadMinutes` before the deadline, an
 * overdue at the deadline, a cleared once the task is recorded after all. Each is marked in the
 * database before its callback runs, so a restart never announces it twice (at most once: a
 * crash between the mark and the callback loses one message rather than repeating it).
 * Days off have no slots, so nothing is ever announced for them.
 */
export function createHygieneChecker(deps: HygieneCheckerDeps) {
  const { repo, plan, days, clock, tz, logger } = deps;
  const serial = createSerial();
  let stopped = true;

  const toAlert = (
    type: HygieneAlert['type'],
    slot: DueSlot,
    deadlineAt: number | null,
    at: number,
  ): HygieneAlert => ({
    type,
    kind: faultKindOf[slot.task],
    target: slot.target,
    targetName: slot.targetName,
    ...(slot.device !== undefined ? { device: slot.device } : {}),
    task: slot.task,
    post: slot.post,
    dueDate: slot.dueDate,
    deadlineAt,
    message: alertMessage(deps.language, type, slot),
    detail: overdueDetail(deps.language, slot),
    at,
  });

  async function emit(cb: AlertCallback, alert: HygieneAlert): Promise<void> {
    try {
      await cb(alert);
    } catch (err) {
      logger.error(
        { err, target: alert.target, task: alert.task, type: alert.type },
        'hygiene alert callback failed',
      );
    }
  }

  async function announce(v: SlotVerdict, now: number): Promise<void> {
    const type = alertFor(v, now, plan.reminderLeadMinutes);
    if (!type) return;
    const s = v.slot;
    if (!(await repo.markAlert(s.target, s.task, s.dueDate, type, now))) return;
    await emit(type === 'reminder' ? deps.onReminder : deps.onOverdue, toAlert(type, s, v.deadlineAt, now));
  }

  async function clearDone(now: number): Promise<void> {
    // Several overdue days of one (target, task) are one open fault: one record clears them all, told once.
    const groups = new Map<string, Array<{ target: string; task: HygieneTask; day: string }>>();
    for (const open of await repo.openOverdue()) {
      const key = `${open.target}/${open.task}`;
      groups.set(key, [...(groups.get(key) ?? []), open]);
    }
    for (const opens of groups.values()) {
      const first = opens[0];
      const latest = opens.at(-1);
      if (!first || !latest) continue;
      const target = plan.targets.find((t) => t.id === first.target);
      const planTask = target?.tasks.find((t) => t.task === first.task);
      const cycle = planTask ? cycleOf(latest.day, planTask.everyDays, planTask.anchor) : null;
      const slot: DueSlot = {
        target: first.target,
        targetName: target?.name ?? first.target,
        ...(target?.device !== undefined ? { device: target.device } : {}),
        task: first.task,
        post: planTask?.post ?? 'A',
        dueDate: latest.day,
        deadlineMinutes: 0,
        cycleStart: cycle?.start ?? latest.day,
        cycleEnd: cycle?.end ?? latest.day,
      };
      // Done since the first overdue cycle began: the oldest cycle start bounds the records to read.
      const firstCycle = planTask ? cycleOf(first.day, planTask.everyDays, planTask.anchor) : null;
      const startAt = zonedEpoch(firstCycle?.start ?? first.day, 0, tz);
      const latestStartAt = zonedEpoch(slot.cycleStart, 0, tz);
      // A target dropped from the plan has nothing left to do: its overdue is over too.
      const done =
        !planTask ||
        overdueCleared(first.target, first.task, latestStartAt, await repo.facts(startAt, now + 1));
      if (!done) continue;
      let marked = false;
      for (const o of opens)
        marked = (await repo.markAlert(o.target, o.task, o.day, 'cleared', now)) || marked;
      if (marked) await emit(deps.onCleared, toAlert('cleared', slot, null, now));
    }
  }

  /** One look at the plan as of `now`. */
  async function check(now: number): Promise<void> {
    const today = localMoment(now, tz).date;
    // Records from the start of the longest cycle running today cover every slot due today.
    const longest = Math.max(1, ...plan.targets.flatMap((t) => t.tasks.map((x) => x.everyDays)));
    if (slotsDueOn(today, plan, days).length > 0) {
      const facts = await repo.facts(zonedEpoch(today, 0, tz) - longest * 86_400_000, now + 1);
      for (const v of verdictsOn(today, plan, days, facts, tz, now)) await announce(v, now);
    }
    await clearDone(now);
  }

  /**
   * Queues one look as of this instant; safe to call any time (e.g. right after a record). Looks run
   * one after another, each judging the instant it was asked for, even if the one before was slow.
   */
  function checkNow(): Promise<void> {
    const now = clock.now();
    return serial(() => check(now)).catch((err: unknown) => logger.error({ err }, 'hygiene check failed'));
  }

  // Ticks on the minute, so a 09:00 deadline is noticed at 09:00:00 and not at 09:00:59.
  deps.ticker.every('hygiene', async () => {
    if (!stopped) await checkNow();
  });

  return {
    async start(): Promise<void> {
      stopped = false;
      await checkNow();
    },
    async stop(): Promise<void> {
      stopped = true;
      await serial.idle();
    },
    checkNow,
    /** Resolves once every queued look is done. */
    idle: (): Promise<void> => serial.idle(),
  };
}

export type HygieneChecker = ReturnType<typeof createHygieneChecker>;
