import { z } from 'zod';
import { deviceTypes } from '../../domain/device.js';
import { clockTime, integer, text } from '../fields.js';
import { alsoAt, say, show } from '../problems.js';

/** `officeHours`: weekdays, seasons (summer/winter hours), per-weekday hours, the lunch break, lead/lag. */
export function officeHoursSchema() {
  const period = z
    .custom<string>(
      (v) => typeof v === 'string' && /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/.test(v),
      {
        error: (iss) =>
          say(
            `expected a period HH:MM-HH:MM, got ${show(iss.input)}`,
            `应为时段 HH:MM-HH:MM，实际是 ${show(iss.input)}`,
          ),
      },
    )
    .transform((v, ctx) => {
      const [from, to] = v.split('-').map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))) as [
        number,
        number,
      ];
      if (from >= to)
        ctx.addIssue({
          code: 'custom',
          message: say(`period ${v} ends before it starts`, `时段 ${v} 的结束时间早于开始时间`),
        });
      return { from, to };
    });
  const periods = z
    .array(period)
    .min(1)
    .superRefine((ps, ctx) => {
      for (let i = 1; i < ps.length; i++) {
        const prev = ps[i - 1];
        const cur = ps[i];
        if (prev && cur && cur.from < prev.to) {
          ctx.addIssue({
            code: 'custom',
            path: [i],
            message: say('periods must be in order and must not overlap', '时段要按先后顺序排列，不能重叠'),
          });
        }
      }
    });
  const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
  const monthDay = z.custom<string>(
    (v) => typeof v === 'string' && /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(v),
    {
      error: (iss) =>
        say(
          `expected a month-day MM-DD, got ${show(iss.input)}`,
          `应为月-日 MM-DD，实际是 ${show(iss.input)}`,
        ),
    },
  );
  const season = z.strictObject({
    name: text(),
    /** First day of the season each year, MM-DD; a season lasts until the next one starts. */
    from: monthDay,
    periods,
    /** Different hours on some weekdays, e.g. Friday afternoon. */
    byWeekday: z.partialRecord(weekday, periods).default({}),
  });
  const leadLag = z.strictObject({ onBeforeMinutes: integer(0, 240), offAfterMinutes: integer(0, 240) });
  return z
    .strictObject({
      weekdays: z.array(weekday).min(1).default(['mon', 'tue', 'wed', 'thu', 'fri']),
      seasons: z.array(season).min(1),
      /** Devices stay on over the lunch break unless set to "off". */
      lunchBreak: z.enum(['keep-on', 'off']).default('keep-on'),
      leadLag: z.partialRecord(z.enum(deviceTypes), leadLag).default({}),
      /** Optional deadline by which the daily checks must be done, e.g. "09:00". */
      dailyCheckBy: clockTime().optional(),
    })
    .superRefine((h, ctx) => {
      const seen = new Map<string, number>();
      h.seasons.forEach((s, i) => {
        const prev = seen.get(s.from);
        if (prev !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['seasons', i, 'from'],
            message: say('same start as another season', '与另一个作息季节的开始日期相同') + alsoAt(prev),
          });
        }
        seen.set(s.from, i);
      });
    });
}
