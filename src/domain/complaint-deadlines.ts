import type { ComplaintState } from './complaint.js';
import { addDays, localTime, zonedEpoch } from './local-time.js';

/**
 * Complaint deadlines on the working calendar (pure).
 *
 * "Within N working days" is counted as periods are counted in Chinese law (民法典 第二百零一条、第二百零三条):
 * the day of receipt is not counted, counting starts on the next day; only working days count (the
 * zone's calendar: statutory holidays off, 调休 make-up days on); the period ends when business ends
 * on its last day — the zone's closing time that day. A report made on Tuesday at 10:00 with one
 * working day to accept it is due on Wednesday at closing time; one made on Friday evening, on Monday.
 */
export interface WorkingDays {
  /** The zone's last closing time on a date (minutes after midnight), or null when it is not a working day. */
  closingMinutes(date: string): number | null;
}

/** The instant `workingDays` working days after `from` ends (at closing time). */
export function workingDeadline(from: number, workingDays: number, days: WorkingDays, tz: string): number {
  let date = localTime(from, tz).date;
  let counted = 0;
  // A year of days off in a row would be a broken calendar: then the plain day count is the answer.
  for (let i = 0; i < 366; i++) {
    date = addDays(date, 1);
    const close = days.closingMinutes(date);
    if (close === null) continue;
    counted++;
    if (counted >= workingDays) return zonedEpoch(date, close, tz);
  }
  return from + workingDays * 86_400_000;
}

export interface DeadlinePolicy {
  readonly acceptWorkingDays: number;
  readonly answerWorkingDays: number;
  /** A reminder this long before a deadline. */
  readonly remindBeforeMs: number;
}

export const complaintNotices = [
  'received',
  'accept-remind',
  'accept-overdue',
  'answer-remind',
  'answer-overdue',
] as const;
export type ComplaintNotice = (typeof complaintNotices)[number];

interface DeadlineFacts {
  readonly state: ComplaintState;
  readonly acceptDueAt: number;
  readonly answerDueAt: number;
  /** Whether the complainant left a contact (only then is an answer owed). */
  readonly answerOwed: boolean;
  /** Whether a fault already told the on-duty post about it (device reports): no separate first notice. */
  readonly hasFault: boolean;
  /** Notices already sent. */
  readonly sent: ReadonlySet<ComplaintNotice>;
}

/**
 * The notices due now: the first notice of a complaint no fault announced (during working time), a
 * reminder `remindBeforeMs` before each deadline and an escalation once it is missed — for accepting
 * while it is still received, for answering while an answer is owed and not given. Each at most once;
 * a reminder that was never sent is skipped once its escalation is due.
 */
export function dueNotices(
  c: DeadlineFacts,
  now: number,
  policy: Pick<DeadlinePolicy, 'remindBeforeMs'>,
  workingTime: boolean,
): ComplaintNotice[] {
  const out: ComplaintNotice[] = [];
  const pending = (n: ComplaintNotice) => !c.sent.has(n);
  const stage = (due: number, remind: ComplaintNotice, overdue: ComplaintNotice) => {
    if (now >= due) {
      if (pending(overdue)) out.push(overdue);
    } else if (now >= due - policy.remindBeforeMs && pending(remind)) out.push(remind);
  };
  if (c.state === 'received' && !c.hasFault && workingTime && pending('received')) out.push('received');
  if (c.state === 'received') stage(c.acceptDueAt, 'accept-remind', 'accept-overdue');
  const unanswered = c.state === 'received' || c.state === 'accepted' || c.state === 'not-accepted';
  if (unanswered && c.answerOwed) stage(c.answerDueAt, 'answer-remind', 'answer-overdue');
  return out;
}

/** Where a complaint stands against its deadline now, for the register. */
export function deadlineState(
  c: { readonly state: ComplaintState; readonly acceptDueAt: number; readonly answerDueAt: number },
  owed: boolean,
  now: number,
): {
  readonly stage: 'accept' | 'answer' | 'done';
  readonly dueAt: number | null;
  readonly overdue: boolean;
} {
  if (c.state === 'received') return { stage: 'accept', dueAt: c.acceptDueAt, overdue: now >= c.acceptDueAt };
  if ((c.state === 'accepted' || c.state === 'not-accepted') && owed)
    return { stage: 'answer', dueAt: c.answerDueAt, overdue: now >= c.answerDueAt };
  return { stage: 'done', dueAt: null, overdue: false };
}
