import type { z } from 'zod';
import { describeIssue, formatPath } from '../config/problems.js';
import { ServiceError } from '../domain/errors.js';

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
