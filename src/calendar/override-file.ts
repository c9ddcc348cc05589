import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { integer, text } from '../config/fields.js';
import { describeIssueQuietly, formatPath, quietYamlMessage, say, show } from '../config/problems.js';
import type { ArrangementEntry, CalendarOverrides, Period } from '../domain/calendar.js';
import { addDays, isIsoDate } from '../domain/local-time.js';
import { err, ok, type Result } from '../domain/result.js';

/**
 * The local calendar override file (config/calendar.yaml): extra closures, local events, and a year's
 * State Council arrangement typed in before the chinese-days package carries it. Strict like the main
 * config: an unknown field or a date outside its year is an error naming the line's path.
 */

/** YYYY-MM-DD that is a real calendar date (2026-02-30 is refused); YAML may hand over a Date. */
const isoDate = () =>
  z
    .custom<string | Date>(
      (v) => (v instanceof Date && !Number.isNaN(v.getTime())) || (typeof v === 'string' && isIsoDate(v)),
      {
        error: (iss) =>
          say(
            `expected a date YYYY-MM-DD, got ${show(iss.input)}`,
            `应为日期 YYYY-MM-DD，实际是 ${show(iss.input)}`,
          ),
      },
    )
    .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v));

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
  .transform((v, ctx): Period => {
    const [from, to] = v.split('-').map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))) as [
      number,
      number,
    ];
    if (from >= to) ctx.addIssue({ code: 'custom', message: `period ${v} ends before it starts` });
    return { from, to };
  });

/** One date, or an inclusive range `from`..`to` of at most 31 days. */
const span = z
  .strictObject({
    date: isoDate().optional(),
    from: isoDate().optional(),
    to: isoDate().optional(),
  })
  .superRefine((s, ctx) => {
    const single = s.date !== undefined;
    const range = s.from !== undefined || s.to !== undefined;
    if (single === range) ctx.addIssue({ code: 'custom', message: 'give either date, or from and to' });
    else if (range && (s.from === undefined || s.to === undefined))
      ctx.addIssue({ code: 'custom', message: 'a range needs both from and to' });
    else if (range && s.from && s.to && (s.to < s.from || s.to > addDays(s.from, 30)))
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be on or after from, at most 31 days' });
  });

const spanFields = { date: isoDate().optional(), from: isoDate().optional(), to: isoDate().optional() };
const holidayEntry = z
  .strictObject({ ...spanFields, name: text() })
  .superRefine((v, ctx) => checkSpan(v, ctx));
const closureEntry = z
  .strictObject({ ...spanFields, reason: text() })
  .superRefine((v, ctx) => checkSpan(v, ctx));
const eventEntry = z
  .strictObject({ date: isoDate(), reason: text(), periods: z.array(period).min(1).optional() })
  .superRefine((e, ctx) => {
    const ps = e.periods ?? [];
    for (let i = 1; i < ps.length; i++) {
      const prev = ps[i - 1];
      const cur = ps[i];
      if (prev && cur && cur.from < prev.to)
        ctx.addIssue({
          code: 'custom',
          path: ['periods', i],
          message: 'periods must be in order and not overlap',
        });
    }
  });

function checkSpan(
  v: { date?: string | undefined; from?: string | undefined; to?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  const r = span.safeParse({ date: v.date, from: v.from, to: v.to });
  if (!r.success) for (const issue of r.error.issues) ctx.addIssue({ ...issue, code: 'custom' });
}

const overrideFile = z.strictObject({
  arrangements: z
    .array(
      z
        .strictObject({
          year: integer(2000, 2100),
          /** e.g. 国办发明电〔2026〕xx号 — where the dates came from. */
          notice: text().optional(),
          holidays: z.array(holidayEntry).default([]),
          workdays: z.array(z.strictObject({ date: isoDate(), name: text() })).default([]),
        })
        .superRefine((a, ctx) => {
          a.holidays.forEach((h, i) => {
            for (const d of expand(h)) {
              if (!d.startsWith(`${a.year}-`))
                ctx.addIssue({ code: 'custom', path: ['holidays', i], message: `${d} is not in ${a.year}` });
            }
          });
          a.workdays.forEach((w, i) => {
            if (!w.date.startsWith(`${a.year}-`))
              ctx.addIssue({ code: 'custom', path: ['workdays', i, 'date'], message: `not in ${a.year}` });
          });
        }),
    )
    .default([]),
  closures: z.array(closureEntry).default([]),
  events: z.array(eventEntry).default([]),
});

function expand(s: {
  date?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}): string[] {
  if (s.date !== undefined) return [s.date];
  if (s.from === undefined || s.to === undefined || s.to < s.from) return [];
  const out: string[] = [];
  for (let d = s.from; d <= s.to && out.length < 31; d = addDays(d, 1)) out.push(d);
  return out;
}

/** A field's own message without the value it quotes (`…, got "x"`): the file may be any file. */
function quietMessage(message: string): string {
  return message.replace(/(,? got |，实际是).*$/s, '').replace(/"[^"]*"/g, '"…"');
}

type OverrideResult = Result<CalendarOverrides, string[]>;

export function parseCalendarOverrides(source: string, file: string): OverrideResult {
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return err(
      doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        return `${file}${pos ? `:${pos.line}:${pos.col}` : ''}${say(': YAML syntax error: ', '：YAML 格式错误：')}${quietYamlMessage(e.message)}`;
      }),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch {
    return err([
      `${file}${say(': YAML: too many aliases (alias expansion limit 100)', '：YAML 别名（*引用）太多（最多展开 100 个）')}`,
    ]);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    // Not a calendar file at all (power.calendarFile: /etc/passwd): say so, show none of it.
    return err([
      `${file}${say(
        ': not a calendar file (expected a mapping with arrangements:, closures:, events:)',
        '：不是日历文件（应为含 arrangements:、closures:、events: 的键值）',
      )}`,
    ]);
  }
  // Messages never quote the file: the path may name any file. An unknown key is named only when it
  // looks like a field name (a typo), never a value.
  const parsed = overrideFile.safeParse(data, { error: describeIssueQuietly });
  if (!parsed.success) {
    return err([
      ...new Set(
        parsed.error.issues.flatMap((issue) =>
          issue.code === 'unrecognized_keys'
            ? issue.keys.map((k) =>
                // A typo of ours is named; anything that does not look like a field name is not shown.
                /^[A-Za-z][A-Za-z0-9_-]{0,30}$/.test(k)
                  ? `${file}${say(': ', '：')}${formatPath([...issue.path, k])}${say(': unknown field', '：未知字段')}`
                  : `${file}${say(': ', '：')}${formatPath(issue.path)}${say(': unknown field (expected arrangements, closures or events)', '：未知字段（应为 arrangements、closures 或 events）')}`,
              )
            : [
                `${file}${say(': ', '：')}${formatPath(issue.path)}${say(': ', '：')}${quietMessage(issue.message)}`,
              ],
        ),
      ),
    ]);
  }
  const f = parsed.data;
  const arrangements = new Map<number, { holidays: ArrangementEntry[]; workdays: ArrangementEntry[] }>();
  const problems: string[] = [];
  f.arrangements.forEach((a, i) => {
    if (arrangements.has(a.year)) problems.push(`${file}: arrangements[${i}].year: ${a.year} appears twice`);
    arrangements.set(a.year, {
      holidays: a.holidays.flatMap((h) => expand(h).map((date) => ({ date, name: h.name }))),
      workdays: a.workdays.map((w) => ({ date: w.date, name: w.name })),
    });
  });
  if (problems.length > 0) return err(problems);
  return ok({
    arrangements,
    closures: f.closures.flatMap((c) => expand(c).map((date) => ({ date, name: c.reason }))),
    events: f.events.map((e) => ({
      date: e.date,
      name: e.reason,
      ...(e.periods ? { periods: e.periods } : {}),
    })),
  });
}

/**
 * Reads the override file. A missing file is fine when it is only the default path (no overrides);
 * a file the config names explicitly must exist.
 */
export function loadCalendarOverrides(file: string, opts: { required: boolean }): OverrideResult {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !opts.required) return ok({ arrangements: new Map(), closures: [], events: [] });
    const why =
      code === 'ENOENT' ? say('file not found', '找不到这个文件') : say('cannot read file', '无法读取文件');
    return err([`${file}${say(': ', '：')}${why}`]);
  }
  return parseCalendarOverrides(source, file);
}
