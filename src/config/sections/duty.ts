import { z } from 'zod';
import type { WeekdayKey } from '../../domain/local-time.js';
import { identifier } from '../fields.js';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const satisfies readonly WeekdayKey[];

/** One post of a rota day: a person id or a list of them (`A: staff-a`, `B: [staff-b, staff-c]`). */
const holders = () =>
  z
    .union([identifier(), z.array(identifier())])
    .transform((v) => (typeof v === 'string' ? [v] : v))
    .default([]);

/**
 * The top-level `duty:` section: who holds the A and B posts on each weekday (值班表). Optional: a
 * weekday the rota does not list (and every day without a rota) takes the people's own `post`. Dated
 * swaps (调班) and absences (请假) are recorded through the API and the /duty page, not here.
 *
 *     duty:
 *       rota:
 *         mon: { A: staff-a, B: staff-b }
 *         sat: { A: staff-b }            # the part-time attendant holds A on Saturdays
 */
export function dutySchema() {
  const day = z.strictObject({ A: holders(), B: holders() });
  return z
    .strictObject({
      rota: z.partialRecord(z.enum(weekdays), day).default({}),
    })
    .default({ rota: {} });
}

export type DutyConfig = z.output<ReturnType<typeof dutySchema>>;
