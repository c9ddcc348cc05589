import {
  cycleWindow,
  type DayInfo,
  type DueSlot,
  deadlineAt,
  type HygienePlan,
  type HygieneTask,
  slotsBetween,
  slotsDueOn,
} from './hygiene-plan.js';
import { monthRange } from './hygiene-time.js';

/**
 * Whether each due slot was done on time, late or not at all, and what the checker should say now.
 * Pure: records and `now` come in, verdicts go out.
 */

/** What compliance needs of a stored record. */
export interface RecordFact {
  id: number;
  target: string;
  task: HygieneTask;
  /** The time the record claims the work was done. */
  doneAt: number;
  /**
   * Server time the work was first recorded: for a correction, the time the corrected record was
   * made, so correcting a record never makes it earlier or later than it really was entered.
   */
  firstRecordedAt: number;
  /** Flagged at recording: the claimed time lies well before the server time (back-dated). */
  backdated: boolean;
  correctsId: number | null;
}

/** Records that no later record corrects: the ones that count. */
export function effectiveRecords<R extends Pick<RecordFact, 'id' | 'correctsId'>>(
  records: readonly R[],
): R[] {
  const corrected = new Set(records.map((r) => r.correctsId).filter((id): id is number => id !== null));
  return records.filter((r) => !corrected.has(r.id));
}

/**
 * - `on-time`: recorded (by server time) by the deadline and not back-dated;
 * - `late`: recorded within the cycle but after the deadline, or back-dated;
 * - `due`: not yet done, deadline still ahead; `overdue`: deadline passed, cycle still running;
 * - `missed`: the cycle ended with no record.
 */
const slotStatuses = ['on-time', 'late', 'missed', 'due', 'overdue'] as const;
export type SlotStatus = (typeof slotStatuses)[number];

export interface SlotVerdict {
  slot: DueSlot;
  status: SlotStatus;
  deadlineAt: number;
  /** The record that satisfied the slot, if any. */
  recordId: number | null;
}

/** `records` must be effective records (see effectiveRecords). */
export function evaluateSlot(
  slot: DueSlot,
  records: readonly RecordFact[],
  tz: string,
  now: number,
): SlotVerdict {
  const deadline = deadlineAt(slot, tz);
  const window = cycleWindow(slot, tz);
  const inCycle = records
    .filter(
      (r) =>
        r.target === slot.target &&
        r.task === slot.task &&
        r.doneAt >= window.start &&
        r.doneAt < window.end &&
        r.firstRecordedAt <= now,
    )
    .sort((a, b) => a.firstRecordedAt - b.firstRecordedAt || a.id - b.id);
  const onTime = inCycle.find((r) => r.firstRecordedAt <= deadline && !r.backdated);
  if (onTime) return { slot, status: 'on-time', deadlineAt: deadline, recordId: onTime.id };
  const late = inCycle[0];
  if (late) return { slot, status: 'late', deadlineAt: deadline, recordId: late.id };
  const status: SlotStatus = now < deadline ? 'due' : now < window.end ? 'overdue' : 'missed';
  return { slot, status, deadlineAt: deadline, recordId: null };
}

interface ComplianceRow {
  target: string;
  targetName: string;
  task: HygieneTask;
  counts: Record<SlotStatus, number>;
  /** on-time ÷ slots whose deadline has passed; null while none has. */
  ratio: number | null;
  slots: Array<{ dueDate: string; status: SlotStatus; recordId: number | null }>;
}

export interface ComplianceSummary {
  month: string;
  rows: ComplianceRow[];
  totals: Record<SlotStatus, number>;
  ratio: number | null;
}

const zeroCounts = (): Record<SlotStatus, number> => ({
  'on-time': 0,
  late: 0,
  missed: 0,
  due: 0,
  overdue: 0,
});

function ratioOf(c: Record<SlotStatus, number>): number | null {
  const passed = c['on-time'] + c.late + c.missed + c.overdue;
  return passed === 0 ? null : c['on-time'] / passed;
}

/** Monthly compliance per target and task, over slots due in `month` ('YYYY-MM'). */
export function monthlyCompliance(
  month: string,
  plan: HygienePlan,
  days: DayInfo,
  records: readonly RecordFact[],
  tz: string,
  now: number,
): ComplianceSummary {
  const { from, to } = monthRange(month);
  const effective = effectiveRecords(records);
  const rows = new Map<string, ComplianceRow>();
  for (const target of plan.targets) {
    for (const t of target.tasks) {
      rows.set(`${target.id}\u0000${t.task}`, {
        target: target.id,
        targetName: target.name,
        task: t.task,
        counts: zeroCounts(),
        ratio: null,
        slots: [],
      });
    }
  }
  const totals = zeroCounts();
  for (const slot of slotsBetween(from, to, plan, days)) {
    const v = evaluateSlot(slot, effective, tz, now);
    const row = rows.get(`${slot.target}\u0000${slot.task}`);
    if (!row) continue;
    row.counts[v.status]++;
    totals[v.status]++;
    row.slots.push({ dueDate: slot.dueDate, status: v.status, recordId: v.recordId });
  }
  const list = [...rows.values()].map((r) => ({ ...r, ratio: ratioOf(r.counts) }));
  return { month, rows: list, totals, ratio: ratioOf(totals) };
}

type AlertType = 'reminder' | 'overdue';

/**
 * What the checker should announce for a slot due today at `now`: a reminder in the last
 * `leadMinutes` before the deadline, an overdue at and after it — only while nothing counts yet.
 */
export function alertFor(verdict: SlotVerdict, now: number, leadMinutes: number): AlertType | null {
  if (verdict.status === 'overdue') return 'overdue';
  if (verdict.status === 'due' && now >= verdict.deadlineAt - leadMinutes * 60_000) return 'reminder';
  return null;
}

/** Slots due on `date`, each with its verdict at `now`. */
export function verdictsOn(
  date: string,
  plan: HygienePlan,
  days: DayInfo,
  records: readonly RecordFact[],
  tz: string,
  now: number,
): SlotVerdict[] {
  const effective = effectiveRecords(records);
  return slotsDueOn(date, plan, days).map((s) => evaluateSlot(s, effective, tz, now));
}

/** An overdue task is over once any counting record says it was done at or after its cycle began. */
export function overdueCleared(
  target: string,
  task: HygieneTask,
  cycleStartAt: number,
  records: readonly RecordFact[],
): boolean {
  return effectiveRecords(records).some(
    (r) => r.target === target && r.task === task && r.doneAt >= cycleStartAt,
  );
}
