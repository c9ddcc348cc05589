import { addDays, daysBetween, zonedEpoch } from './hygiene-time.js';

/**
 * The cleaning and disinfection plan as data, and which tasks fall due on which day. Pure: the
 * working-day calendar and the opening time of a day are given as functions, so the plan never
 * knows where holidays come from (the lead wires the national calendar, tests a hand-written one).
 */

export const hygieneTasks = ['clean', 'disinfect'] as const;
export type HygieneTask = (typeof hygieneTasks)[number];

export type HygieneFaultKind = 'cleaning-overdue' | 'disinfection-overdue';
export const faultKindOf: Readonly<Record<HygieneTask, HygieneFaultKind>> = {
  clean: 'cleaning-overdue',
  disinfect: 'disinfection-overdue',
};

export const taskNames: Readonly<Record<'zh-CN' | 'en', Readonly<Record<HygieneTask, string>>>> = {
  'zh-CN': { clean: '清洁', disinfect: '消毒' },
  en: { clean: 'cleaning', disinfect: 'disinfection' },
};

/** `opening`: due when the zone opens that day; `time`: due at a set time (minutes after midnight). */
export type Deadline = { kind: 'opening' } | { kind: 'time'; minutes: number };

export interface PlanTask {
  task: HygieneTask;
  /** Cycle length in days: 1 = every working day, 7 = once a week. */
  everyDays: number;
  /** First day of the first cycle: cycles are [anchor + k·everyDays, anchor + (k+1)·everyDays). */
  anchor: string;
  deadline: Deadline;
  post: 'A' | 'B';
}

interface PlanTarget {
  id: string;
  name: string;
  /** The device this target is, when it is one (so an overdue fault can hang on it). */
  device?: string;
  tasks: readonly PlanTask[];
}

export interface HygienePlan {
  targets: readonly PlanTarget[];
  reminderLeadMinutes: number;
}

/** Injected knowledge of days: the lead wires the holiday calendar and the office hours. */
export interface DayInfo {
  isWorkingDay(date: string): boolean;
  /** Opening time that day (minutes after midnight), or null when the zone stays shut. */
  openingMinutes(date: string): number | null;
}

/** One occurrence of a task that must be done: by `deadlineMinutes` on `dueDate`, once in its cycle. */
export interface DueSlot {
  target: string;
  targetName: string;
  device?: string;
  task: HygieneTask;
  post: 'A' | 'B';
  dueDate: string;
  deadlineMinutes: number;
  /** The cycle the slot belongs to, [cycleStart, cycleEnd) as local dates. */
  cycleStart: string;
  cycleEnd: string;
}

export function cycleOf(date: string, everyDays: number, anchor: string): { start: string; end: string } {
  const k = Math.floor(daysBetween(anchor, date) / everyDays);
  const start = addDays(anchor, k * everyDays);
  return { start, end: addDays(start, everyDays) };
}

/**
 * The day a cycle's task is due: its first working day (with the zone open). A cycle without one —
 * a 7-day cycle inside the National Day holiday — has nothing due.
 */
function dueDayOf(cycle: { start: string; end: string }, days: DayInfo): string | null {
  for (let d = cycle.start; d < cycle.end; d = addDays(d, 1)) {
    if (days.isWorkingDay(d) && days.openingMinutes(d) !== null) return d;
  }
  return null;
}

function deadlineOn(date: string, deadline: Deadline, days: DayInfo): number | null {
  return deadline.kind === 'time' ? deadline.minutes : days.openingMinutes(date);
}

/** Every task due on `date` (none on a day off). */
export function slotsDueOn(date: string, plan: HygienePlan, days: DayInfo): DueSlot[] {
  if (!days.isWorkingDay(date)) return [];
  const out: DueSlot[] = [];
  for (const target of plan.targets) {
    for (const t of target.tasks) {
      const cycle = cycleOf(date, t.everyDays, t.anchor);
      if (dueDayOf(cycle, days) !== date) continue;
      const deadlineMinutes = deadlineOn(date, t.deadline, days);
      if (deadlineMinutes === null) continue;
      out.push({
        target: target.id,
        targetName: target.name,
        ...(target.device !== undefined ? { device: target.device } : {}),
        task: t.task,
        post: t.post,
        dueDate: date,
        deadlineMinutes,
        cycleStart: cycle.start,
        cycleEnd: cycle.end,
      });
    }
  }
  return out;
}

/** Every slot due on a day in [from, to). */
export function slotsBetween(from: string, to: string, plan: HygienePlan, days: DayInfo): DueSlot[] {
  const out: DueSlot[] = [];
  for (let d = from; d < to; d = addDays(d, 1)) out.push(...slotsDueOn(d, plan, days));
  return out;
}

export function deadlineAt(slot: DueSlot, tz: string): number {
  return zonedEpoch(slot.dueDate, slot.deadlineMinutes, tz);
}

/** The instants bounding a slot's cycle: a record done in [start, end) counts for it. */
export function cycleWindow(slot: DueSlot, tz: string): { start: number; end: number } {
  return { start: zonedEpoch(slot.cycleStart, 0, tz), end: zonedEpoch(slot.cycleEnd, 0, tz) };
}
