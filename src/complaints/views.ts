import { answerOwed } from '../domain/complaint.js';
import { maskPhone, maskPhonesIn } from '../domain/complaint-contact.js';
import { deadlineState } from '../domain/complaint-deadlines.js';
import type { ComplaintEventRow, ComplaintRow } from './repo.js';

/**
 * A complaint as the register, the API and the pages show it. Masked (the default) everywhere but the
 * complaint page of the people who handle it: the contact as `138****5678`, and every phone-like number
 * in the free texts (citizens write their number into the description too).
 */
export interface ComplaintView extends Omit<ComplaintRow, 'contact'> {
  /** The contact, masked unless this view is the unmasked one; null when none was left. */
  readonly contact: string | null;
  readonly contactMasked: boolean;
  readonly answerOwed: boolean;
  readonly due: ReturnType<typeof deadlineState>;
}

export function complaintView(c: ComplaintRow, now: number, unmasked = false): ComplaintView {
  const owed = answerOwed(c);
  const text = (t: string | null) => (t === null || unmasked ? t : maskPhonesIn(t));
  return {
    ...c,
    description: text(c.description) ?? '',
    decisionNote: text(c.decisionNote),
    answerText: text(c.answerText),
    contact: c.contact === null ? null : unmasked ? c.contact : maskPhone(c.contact),
    contactMasked: !unmasked,
    answerOwed: owed,
    due: deadlineState(c, owed, now),
  };
}

/** Timeline entries with any phone-like number in their notes masked (unless unmasked). */
export function eventViews(events: readonly ComplaintEventRow[], unmasked = false): ComplaintEventRow[] {
  if (unmasked) return [...events];
  return events.map((e) => ({
    ...e,
    data: Object.fromEntries(
      Object.entries(e.data).map(([k, v]) => [k, typeof v === 'string' ? maskPhonesIn(v) : v]),
    ),
  }));
}
