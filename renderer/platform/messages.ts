import type { ApiError, ErrorCode } from '../../shared/api/result';

// Words for every error code the host can answer with. The host's own message (one line, naming the file and
// the problem) is always shown; the heading says what kind of problem it is.

export function errorHeading(code: ErrorCode): string {
  switch (code) {
    case 'invalid-request':
      return 'Carve sent its host a request it could not read';
    case 'unknown-method':
      return 'Carve’s host does not know that operation';
    case 'unauthorized':
      return 'This page is not allowed to reach Carve’s host (open the address Carve printed)';
    case 'not-found':
      return 'Not found';
    case 'not-a-file':
      return 'Not a file';
    case 'permission-denied':
      return 'Permission denied';
    case 'outside-workspace':
      return 'Outside the workspace folder';
    case 'invalid-file':
      return 'Cannot open this file';
    case 'conflict':
      return 'The file changed on disk';
    case 'save-failed':
      return 'The save did not complete; the previous file is intact';
    case 'cancelled':
      return 'Cancelled';
    case 'unsupported':
      return 'Not available here';
    case 'internal':
      return 'Something went wrong';
    default:
      return unreachable(code);
  }
}

function unreachable(code: never): string {
  return `Unexpected problem (${String(code)})`;
}

/** The one line a person reads: the host's message, or the heading when the host gave none. */
export function errorText(error: ApiError): string {
  const message = error.message.split('\n', 1)[0]!.trim();
  return message || errorHeading(error.code);
}
