import { z } from 'zod';
import { identifier, text } from '../fields.js';
import { say, show } from '../problems.js';

/** `people[]`: the attendants (A/B posts), the technician, the lead and admins, and how each is reached. */
export function personSchema() {
  return z.strictObject({
    id: identifier(),
    name: text(),
    role: z.enum(['staff', 'technician', 'lead', 'admin']),
    /** A/B post system for the attendants (A = full-time, B = part-time backup). */
    post: z.enum(['A', 'B']).optional(),
    phone: text('a phone number').optional(),
    /**
     * The person's WeCom userid (企业微信账号), for @-mentions in a WeCom group: without it, WeCom
     * mentions by `phone`.
     */
    wecomUserId: z
      .string()
      .regex(/^[A-Za-z0-9_.@-]{1,64}$/, {
        error: (iss) =>
          say(
            `expected a WeCom userid (letters, digits, _ . @ -), got ${show(iss.input)}`,
            `应为企业微信账号（字母、数字或 _ . @ -），实际是 ${show(iss.input)}`,
          ),
      })
      .optional(),
    email: z
      .email({
        error: (iss) =>
          say(
            `expected an e-mail address, got ${show(iss.input)}`,
            `应为电子邮件地址，实际是 ${show(iss.input)}`,
          ),
      })
      .optional(),
    /** Notifier ids that reach this person. */
    notify: z.array(identifier()).default([]),
  });
}
