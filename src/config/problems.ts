import type { z } from 'zod';

/** Shows an input value in an error message: strings quoted, long values cut short. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `devices[3].snmp.port` from zod's path array. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(top level)' : out;
}

const typeNames: Record<string, string> = {
  string: 'text',
  number: 'number',
  int: 'integer',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
};

/**
 * The one place that turns zod's issues into the messages a technician reads, e.g.
 * `expected integer 1..65535, got "abc"`. Field-specific messages set in the schema win over these.
 */
export const describeIssue: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'required';
      return `expected ${typeNames[issue.expected] ?? issue.expected}, got ${show(issue.input)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}, got ${show(issue.input)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'string')
        return issue.minimum === 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters`;
      if (issue.origin === 'array') return `must have at least ${issue.minimum} entries`;
      return `must be at least ${issue.minimum}, got ${show(issue.input)}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      if (issue.origin === 'array') return `must have at most ${issue.maximum} entries`;
      return `must be at most ${issue.maximum}, got ${show(issue.input)}`;
    case 'invalid_format':
      return `expected ${issue.format}, got ${show(issue.input)}`;
    case 'invalid_union':
      return `not a valid value: ${show(issue.input)}`;
    default:
      return issue.message ?? 'invalid value';
  }
};

/** What kind of value it was, for a message that must not show the value itself. */
function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  return typeof value === 'number' ? 'a number' : typeof value;
}

/**
 * The same messages for a file the config only names (power.calendarFile, …): the path could point at any
 * file (`/etc/passwd`), so a problem says what kind of value was found, never the value or a line of it.
 */
export const describeIssueQuietly: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'required';
      return `expected ${typeNames[issue.expected] ?? issue.expected}, got ${kindOf(issue.input)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}, got ${kindOf(issue.input)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''}`;
    case 'invalid_format':
      return `expected ${issue.format}`;
    case 'invalid_union':
      return 'not a valid value';
    default: {
      const m = describeIssue(issue);
      const text = typeof m === 'string' ? m : (m?.message ?? 'invalid value');
      return text.replace(/, got .*$/, '');
    }
  }
};

/** A YAML parser message with anything quoted from the file taken out. */
export function quietYamlMessage(message: string): string {
  return (message.split('\n')[0] ?? '')
    .replace(/"[^"]*"|'[^']*'/g, '"…"')
    .replace(/ at line \d+, column \d+:?$/, '');
}
