import type { z } from 'zod';
import { LoadError, formatPath, showValue, type PathSegment } from './errors';

// zod's issues in plain words. zod's own messages ("Invalid input: expected string, received number") are for
// programmers; these name the field and say what it should be.

type Issue = z.core.$ZodIssue;

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

/** What the issue is about: "name", or "an entry of "tags"" for an array element. */
function subject(path: readonly PathSegment[], root: string): string {
  const last = path[path.length - 1];
  if (last === undefined) return `"${root}"`;
  if (typeof last === 'string') return JSON.stringify(last.length > 60 ? `${last.slice(0, 60)}…` : last);
  const parent = path[path.length - 2];
  return typeof parent === 'string' ? `an entry of ${JSON.stringify(parent)}` : 'an entry';
}

function sizeWords(issue: Issue & { origin?: string }, bound: number | bigint, big: boolean): string {
  switch (issue.origin) {
    case 'string':
      return big
        ? `is too long: at most ${bound} characters`
        : bound === 1
          ? 'cannot be empty'
          : `is too short: at least ${bound} characters`;
    case 'array':
    case 'set':
      return big ? `has too many entries: at most ${bound}` : `needs at least ${bound} entries`;
    default:
      return big ? `is too large: at most ${bound}` : `is too small: at least ${bound}`;
  }
}

/** One zod issue as "what is wrong", without the place. */
export function describeIssue(issue: Issue, root = 'project'): string {
  const who = subject(issue.path as PathSegment[], root);
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      // Without `reportInput` zod leaves the input out: say what is expected, not that it is missing.
      if (!('input' in issue)) return `${who} should be ${expected}`;
      if (input === undefined) return `${who} is missing`;
      return `${who} should be ${expected}, not ${showValue(input)}`;
    }
    case 'too_small':
      return `${who} ${sizeWords(issue, issue.minimum, false)}`;
    case 'too_big':
      return `${who} ${sizeWords(issue, issue.maximum, true)}`;
    case 'invalid_value': {
      const options = issue.values.map((v) => JSON.stringify(v)).join(', ');
      const given = typeof input === 'string' ? `, not ${showValue(input)}` : '';
      return issue.values.length === 1 ? `${who} should be ${options}${given}` : `${who} should be one of ${options}${given}`;
    }
    case 'invalid_format':
      return `${who} is not valid: ${issue.message}`;
    default:
      return `${who} is not valid: ${issue.message}`;
  }
}

/** The first of zod's issues as a LoadError of kind 'invalid', paths under `base` ("project"). */
export function issuesToLoadError(issues: readonly Issue[], base: readonly PathSegment[] = ['project']): LoadError {
  const first = issues[0];
  if (!first) return new LoadError('invalid', 'the project is not valid', formatPath(base));
  const root = String(base[base.length - 1] ?? 'project');
  const path = [...base, ...(first.path as PathSegment[])];
  // zod may report one field twice (an empty id is both too short and off-pattern): count fields, not issues.
  const fields = new Set(issues.map((issue) => formatPath(issue.path as PathSegment[])));
  return new LoadError('invalid', describeIssue(first, root), formatPath(path), fields.size - 1);
}

/** Whether `error` is a zod error (thrown by `.parse`): its message is JSON ("[\n  {..."), never for a person. */
export function isZodError(error: unknown): error is { issues: Issue[] } {
  return error instanceof Error && error.name === 'ZodError' && Array.isArray((error as { issues?: unknown }).issues);
}

/** The first issue of a zod error as one sentence that names the field and the limit: "what (at where)". */
export function describeIssues(issues: readonly Issue[], root: string): string {
  const first = issues[0];
  if (!first) return `${root} is not valid`;
  const where = first.path.length > 0 ? ` (at ${formatPath([root, ...(first.path as PathSegment[])])})` : '';
  return `${describeIssue(first, root)}${where}`;
}
