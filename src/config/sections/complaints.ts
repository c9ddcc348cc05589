import { z } from 'zod';
import { integer } from '../fields.js';
import { show } from '../problems.js';

/**
 * The top-level `complaints:` section: citizens' reports, complaints and suggestions (attachment 5) and
 * the satisfaction evaluation (attachment 4). Every field has a default, so the section may be left out.
 * How many reports the public may send is `web.publicReports`.
 */
export function complaintsSchema() {
  return z
    .strictObject({
      /** Letters before the case number: `ZS` gives `ZS-20261202-003`. */
      casePrefix: z
        .string()
        .regex(/^[A-Z]{1,6}$/, {
          error: (iss) => `expected 1–6 capital letters such as ZS, got ${show(iss.input)}`,
        })
        .default('GK'),
      /** Working days to accept a complaint or not (default 1), and to answer the complainant (default 5). */
      acceptWithinWorkingDays: integer(1, 30).default(1),
      answerWithinWorkingDays: integer(1, 60).default(5),
      /** Minutes before a deadline that the on-duty post and the lead are reminded. */
      remindBeforeMinutes: integer(10, 24 * 60).default(120),
      /** Satisfaction evaluations per visitor per hour, and for the whole zone per hour. */
      satisfactionPerHour: integer(1, 100).default(5),
      satisfactionTotalPerHour: integer(1, 100_000).default(200),
    })
    .superRefine((c, ctx) => {
      if (c.answerWithinWorkingDays < c.acceptWithinWorkingDays)
        ctx.addIssue({
          code: 'custom',
          path: ['answerWithinWorkingDays'],
          message: `must not be shorter than acceptWithinWorkingDays (${c.acceptWithinWorkingDays})`,
        });
    })
    .prefault({});
}

export type ComplaintsConfig = z.output<ReturnType<typeof complaintsSchema>>;
