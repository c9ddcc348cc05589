import type { FaultKind } from './fault-kinds.js';
import { err, ok, type Result } from './result.js';

/**
 * A citizen's report, complaint or suggestion as the zone's complaint-handling rules (attachment 5) want
 * it handled (pure): every one is acted on and every one is answered ("件件有落实、事事有回声").
 *
 *   received ──accept──▶ accepted ─────┐
 *      │                                ├──answer──▶ answered ──close──▶ closed
 *      └──not-accept──▶ not-accepted ──┘
 *
 * A complaint is accepted (linked to the fault or faults that act on it) or not accepted on one of the
 * grounds attachment 5 lists; either way the complainant is answered (how, when, by whom, what was
 * said). A complainant who left no contact cannot be answered: such a record closes once it is decided
 * (not accepted), or once the faults that act on it are closed (accepted), or by hand.
 */
export const complaintStates = ['received', 'accepted', 'not-accepted', 'answered', 'closed'] as const;
export type ComplaintState = (typeof complaintStates)[number];

/** What the citizen picked on the form: the first five are complaints, the last is a suggestion (意见建议). */
export const problemKinds = ['device-broken', 'supplies', 'jam', 'service', 'other', 'suggestion'] as const;
export type ProblemKind = (typeof problemKinds)[number];

export const complaintTypes = ['complaint', 'suggestion'] as const;
export type ComplaintType = (typeof complaintTypes)[number];

export const typeOfProblem = (p: ProblemKind): ComplaintType =>
  p === 'suggestion' ? 'suggestion' : 'complaint';

/** Problems about a device: the citizen must say which one. */
export const deviceProblems: ReadonlySet<ProblemKind> = new Set(['device-broken', 'supplies', 'jam']);

/**
 * Attachment 5, "不予受理" — a complaint is not accepted when: the complainant is not the person concerned;
 * the matter belongs to litigation, arbitration, administrative review or petitions (信访); the content is
 * not specific or has no clear object; the request is clearly unlawful or unreasonable; the complainant
 * gives no contact or cannot provide the evidence needed in time.
 */
export const notAcceptedGrounds = [
  'not-concerned',
  'other-procedure',
  'not-specific',
  'unreasonable',
  'no-contact-or-evidence',
] as const;
export type NotAcceptedGround = (typeof notAcceptedGrounds)[number];

/** How the complainant was answered. */
export const answerMethods = ['phone', 'sms', 'in-person', 'wecom'] as const;
export type AnswerMethod = (typeof answerMethods)[number];

/** The satisfaction evaluation form of attachment 4 (满意度评价表): 满意 / 基本满意 / 不满意. */
export const satisfactionRatings = ['satisfied', 'basically-satisfied', 'dissatisfied'] as const;
export type SatisfactionRating = (typeof satisfactionRatings)[number];

export type ComplaintAction = 'accept' | 'not-accept' | 'answer' | 'close' | 'link';

/** Whether somebody can and must be answered: only a complainant who left a contact. */
export const answerOwed = (c: { readonly contact: string | null }): boolean => c.contact !== null;

export function isDecided(state: ComplaintState): boolean {
  return state !== 'received';
}

/**
 * The next state of a complaint for an action, or why not. `owed` says whether the complainant can be
 * answered: closing before an answer is allowed only when nobody can be answered.
 */
export function complaintTransition(
  from: ComplaintState,
  action: ComplaintAction,
  owed: boolean,
): Result<ComplaintState, string> {
  switch (action) {
    case 'accept':
    case 'not-accept':
      if (from === 'received') return ok(action === 'accept' ? 'accepted' : 'not-accepted');
      return err(`complaint is ${from}; only a received complaint is accepted or not accepted`);
    case 'link':
      // Faults may be linked until it is closed (a repair found later still belongs to it).
      if (from !== 'closed') return ok(from);
      return err('complaint is closed');
    case 'answer':
      if (from === 'accepted' || from === 'not-accepted') return ok('answered');
      if (from === 'received') return err('complaint is received; accept it or not first');
      return err(`complaint is ${from}; it has been answered already`);
    case 'close':
      if (from === 'answered') return ok('closed');
      if ((from === 'accepted' || from === 'not-accepted') && !owed) return ok('closed');
      if (from === 'closed') return err('complaint is closed already');
      return err(`complaint is ${from}; the complainant must be answered before it closes`);
  }
}

/**
 * Which device fault a report acts through: join an open fault of one of `join` on that device (the
 * first found, in this order), else open one of kind `open`. Null: nothing about a device to repair.
 * A jam is a jam fault; "does not work" joins what the zone already knows is wrong with the device.
 */
export function faultPlanFor(
  problem: ProblemKind,
  hasDevice: boolean,
): { readonly join: readonly FaultKind[]; readonly open: FaultKind } | null {
  if (!hasDevice) return null;
  switch (problem) {
    case 'jam':
      return { join: ['jam'], open: 'jam' };
    case 'supplies':
      return {
        join: ['paper-out', 'toner-out', 'paper-low', 'toner-low', 'public-report'],
        open: 'public-report',
      };
    case 'device-broken':
      return {
        join: [
          'unreachable',
          'power-on-failed',
          'offline',
          'printer-stopped',
          'spool-area-full',
          'service-requested',
          'plug-overload',
          'door-open',
          'public-report',
        ],
        open: 'public-report',
      };
    case 'other':
      return { join: ['public-report'], open: 'public-report' };
    case 'service':
    case 'suggestion':
      return null;
  }
}

/** A human case number, `ZS-20261202-003`: prefix, the local date of receipt, the day's sequence. */
export function caseNumber(prefix: string, localDate: string, seq: number): string {
  return `${prefix}-${localDate.replaceAll('-', '')}-${String(seq).padStart(3, '0')}`;
}

export const caseNumberPattern = /^[A-Z]{1,6}-\d{8}-\d{3,6}$/;
