import { z } from 'zod';
import { describeIssue, formatPath } from '../config/problems.js';
import { ServiceError } from '../domain/errors.js';
import { inInputYears, inputYears, isIsoDate } from '../domain/local-time.js';

/** Validates untrusted input at the edge; the 400 message names the field and what was wrong. */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  where: 'body' | 'query',
): z.output<S> {
  const parsed = schema.safeParse(input, { error: describeIssue });
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.slice(0, 10).map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return `${where}.${issue.keys.map((k) => formatPath([...issue.path, k])).join(', ')}: unknown field`;
    }
    const path = issue.path.length === 0 ? where : `${where}.${formatPath(issue.path)}`;
    return `${path}: ${issue.message}`;
  });
  throw new ServiceError('invalid', lines.join('; '));
}

/**
 * Every date the API takes lies within the years the holiday calendar knows how to hold (2000..2100, as in
 * config/calendar.yaml): a far-off year (`month=9999-12`, `to=9999-12-31`) is a 400 naming the field, not
 * arithmetic that overflows into a 500.
 */
export const apiYears = inputYears;
const firstMs = Date.UTC(apiYears.first, 0, 1) - 14 * 3_600_000;
const lastMs = Date.UTC(apiYears.last + 1, 0, 1) + 14 * 3_600_000;
const yearOk = inInputYears;

/** `YYYY-MM-DD`, a real date in 2000..2100. */
export const apiDay = () =>
  z.string().refine((s) => isIsoDate(s) && yearOk(s), {
    error: `expected a date YYYY-MM-DD between ${apiYears.first}-01-01 and ${apiYears.last}-12-31`,
  });

/** `YYYY-MM` in 2000..2100. */
export const apiMonth = () =>
  z.string().refine((s) => /^\d{4}-(0[1-9]|1[0-2])$/.test(s) && yearOk(s), {
    error: `expected a month YYYY-MM between ${apiYears.first}-01 and ${apiYears.last}-12, e.g. 2026-10`,
  });

/** An instant (epoch ms) within the same years. */
export const inApiYears = (ms: number) => Number.isFinite(ms) && ms >= firstMs && ms < lastMs;
export const apiYearsProblem = `must be between ${apiYears.first} and ${apiYears.last}`;
