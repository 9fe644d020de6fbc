import type { z } from 'zod';

/** A command refused its arguments (an unknown id, an invalid name). The message is one line for a person. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

/** `value` parsed by `schema`, or a CommandError saying what is wrong with `what`. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
  throw new CommandError(`${what}: ${issue.message}${field}.`);
}
