import { describeIssues, isZodError } from '../format/zodIssues';

// Tagged results: what every API call returns, over IPC, over HTTP and in the CLI alike.
// Thrown errors do not survive those boundaries (Electron rewraps them, HTTP loses them), values do.

export const ERROR_CODES = [
  /** The request did not match its schema. */
  'invalid-request',
  /** No such API method. */
  'unknown-method',
  /** The browser host refused the call: missing or wrong token, Host or Origin. */
  'unauthorized',
  /** The file or folder does not exist. */
  'not-found',
  /** The path names a folder where a file was expected, or the reverse. */
  'not-a-file',
  /** The operating system refused access. */
  'permission-denied',
  /** The path is outside the workspace folder of the browser host. */
  'outside-workspace',
  /** The file was read but is not a Carve project Carve can open: the message names what and where. */
  'invalid-file',
  /** The file changed on disk since it was opened or last saved. */
  'conflict',
  /** A save did not complete; the previous file is intact. */
  'save-failed',
  /** The person cancelled a long operation (an export); nothing was written. */
  'cancelled',
  /** This host cannot do that (for example native dialogs in the browser host). */
  'unsupported',
  /** Anything else: a bug. The message is still one line. */
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  /** One line a person understands; names the file and the problem. */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });

/** Services throw this; the router turns it into a failed Result. */
export class CarveError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CarveError';
  }
}

/** The first line of whatever was thrown, for messages shown to a person. */
export function describeError(error: unknown): string {
  // A zod error's message is its issues as JSON: say the first one in words instead.
  if (isZodError(error)) return describeIssues(error.issues, 'value').slice(0, 500);
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n', 1)[0]!.slice(0, 500);
}
