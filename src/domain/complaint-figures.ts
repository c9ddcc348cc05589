import {
  type ComplaintType,
  complaintTypes,
  type NotAcceptedGround,
  notAcceptedGrounds,
  type SatisfactionRating,
  satisfactionRatings,
} from './complaint.js';

/**
 * The monthly report's complaint figures (pure): complaints and suggestions received in the month, how
 * they were decided, whether the complainant was answered within the deadline, what is still open, and
 * the satisfaction evaluations given in the month. Everything is counted from the stored times as of
 * `asOf` (the month's end, or now for a running month), so two runs over the same history agree.
 */
export interface ComplaintFact {
  readonly type: ComplaintType;
  readonly receivedAt: number;
  /** Accepted or not accepted at, by whom — null while received. */
  readonly decidedAt: number | null;
  readonly accepted: boolean | null;
  readonly ground: NotAcceptedGround | null;
  readonly acceptDueAt: number;
  readonly answerDueAt: number;
  /** When the complainant was answered (the time the answer was given, as recorded). */
  readonly answeredAt: number | null;
  readonly closedAt: number | null;
  /** The complainant left a contact, so an answer is owed. */
  readonly answerOwed: boolean;
}

export interface SatisfactionFact {
  readonly at: number;
  readonly rating: SatisfactionRating;
}

export interface ComplaintLine {
  readonly received: number;
  readonly accepted: number;
  readonly notAccepted: number;
  /** Still waiting to be accepted or not. */
  readonly undecided: number;
  /** Decided after the accepting deadline. */
  readonly decidedLate: number;
  readonly answeredOnTime: number;
  readonly answeredLate: number;
  /** An answer owed, not given, and its deadline passed. */
  readonly unansweredOverdue: number;
  /** No contact left: nobody could be answered. */
  readonly noContact: number;
  /** Not closed. */
  readonly open: number;
}

export interface ComplaintFigures {
  readonly byType: Readonly<Record<ComplaintType, ComplaintLine>>;
  readonly total: ComplaintLine;
  readonly notAcceptedByGround: Readonly<Record<NotAcceptedGround, number>>;
  readonly satisfaction: {
    readonly counts: Readonly<Record<SatisfactionRating, number>>;
    readonly total: number;
    /** 满意率 = (满意 + 基本满意) ÷ all evaluations; null when nobody rated. */
    readonly rate: number | null;
  };
}

export function complaintFigures(
  complaints: readonly ComplaintFact[],
  ratings: readonly SatisfactionFact[],
  span: { readonly from: number; readonly to: number },
  asOf: number,
): ComplaintFigures {
  const inMonth = complaints.filter(
    (c) => c.receivedAt >= span.from && c.receivedAt < span.to && c.receivedAt <= asOf,
  );
  const by = (t: ComplaintType | null) =>
    line(
      inMonth.filter((c) => t === null || c.type === t),
      asOf,
    );
  const byType = Object.fromEntries(complaintTypes.map((t) => [t, by(t)])) as Record<
    ComplaintType,
    ComplaintLine
  >;
  const grounds = Object.fromEntries(notAcceptedGrounds.map((g) => [g, 0])) as Record<
    NotAcceptedGround,
    number
  >;
  for (const c of inMonth)
    if (c.accepted === false && c.ground !== null && known(c.decidedAt, asOf)) grounds[c.ground]++;
  const given = ratings.filter((r) => r.at >= span.from && r.at < span.to && r.at <= asOf);
  const counts = Object.fromEntries(satisfactionRatings.map((r) => [r, 0])) as Record<
    SatisfactionRating,
    number
  >;
  for (const r of given) counts[r.rating]++;
  return {
    byType,
    total: by(null),
    notAcceptedByGround: grounds,
    satisfaction: {
      counts,
      total: given.length,
      rate: given.length === 0 ? null : (counts.satisfied + counts['basically-satisfied']) / given.length,
    },
  };
}

const known = (at: number | null, asOf: number): at is number => at !== null && at <= asOf;

function line(list: readonly ComplaintFact[], asOf: number): ComplaintLine {
  let accepted = 0;
  let notAccepted = 0;
  let undecided = 0;
  let decidedLate = 0;
  let answeredOnTime = 0;
  let answeredLate = 0;
  let unansweredOverdue = 0;
  let noContact = 0;
  let open = 0;
  for (const c of list) {
    if (known(c.decidedAt, asOf)) {
      if (c.accepted) accepted++;
      else notAccepted++;
      if (c.decidedAt > c.acceptDueAt) decidedLate++;
    } else undecided++;
    if (!c.answerOwed) noContact++;
    else if (known(c.answeredAt, asOf)) {
      if (c.answeredAt <= c.answerDueAt) answeredOnTime++;
      else answeredLate++;
    } else if (asOf >= c.answerDueAt) unansweredOverdue++;
    if (!known(c.closedAt, asOf)) open++;
  }
  return {
    received: list.length,
    accepted,
    notAccepted,
    undecided,
    decidedLate,
    answeredOnTime,
    answeredLate,
    unansweredOverdue,
    noContact,
    open,
  };
}
