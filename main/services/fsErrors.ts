import { CarveError, describeError, type ErrorCode } from '../../shared/api/result';

// Node's errno codes in plain words, so that a person reads "the disk is full", never "ENOSPC".

const REASONS: Record<string, string> = {
  ENOENT: 'it does not exist',
  ENOTDIR: 'a part of its path is not a folder',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission was denied',
  EPERM: 'the operation is not permitted',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
  EBUSY: 'it is in use by another program',
  EFBIG: 'it is too large for this disk',
  ENAMETOOLONG: 'its name is too long',
  ELOOP: 'its path has a loop of symbolic links',
  EIO: 'the disk reported an error',
  EEXIST: 'it already exists',
  EXDEV: 'it is on another disk',
  EAGAIN: 'the disk is busy; try again',
  ETIMEDOUT: 'the disk did not answer in time',
};

export function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** "the disk is full" for ENOSPC; the first line of the message for anything unknown. */
export function plainReason(error: unknown): string {
  const code = errnoCode(error);
  if (code && REASONS[code]) return REASONS[code];
  return describeError(error);
}

/**
 * Whether a path holds U+FFFD, which is what Node makes of bytes that are not UTF-8 in a file name (from argv or
 * a folder listing): the path no longer names the file. (A name may hold U+FFFD itself; callers ask only once
 * the file was not found.)
 */
export function hasUndecodableName(name: string): boolean {
  return name.includes('\uFFFD');
}

/** The API error code for a failed read or listing. */
export function readErrorCode(error: unknown): ErrorCode {
  switch (errnoCode(error)) {
    case 'ENOENT':
    case 'ENOTDIR':
    // No file can have that name (or a path through a loop of links): the person's input, not a bug.
    case 'ENAMETOOLONG':
    case 'ELOOP':
      return 'not-found';
    case 'EISDIR':
      return 'not-a-file';
    case 'EACCES':
    case 'EPERM':
      return 'permission-denied';
    default:
      return 'internal';
  }
}

/** A CarveError for a failed read of `name`: "Could not open orders.carve: permission was denied". */
export function readError(error: unknown, name: string, verb = 'open'): CarveError {
  if (error instanceof CarveError) return error;
  const code = readErrorCode(error);
  if (code === 'not-found' && hasUndecodableName(name)) {
    return new CarveError(code, `${name}: its name is not valid UTF-8, so Carve cannot ${verb} it (rename it)`);
  }
  if (code === 'not-found' && (errnoCode(error) === 'ENOENT' || errnoCode(error) === 'ENOTDIR'))
    return new CarveError(code, `${name} was not found`);
  if (code === 'not-a-file') return new CarveError(code, `${name} is a folder, not a file`);
  return new CarveError(code, `Could not ${verb} ${name}: ${plainReason(error)}`);
}
