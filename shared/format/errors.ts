// Why a .carve file could not be opened, in words a person understands. Every failure of the loader is a
// LoadError with a kind (for code: the UI and the CLI switch on it) and a one-line message "what is wrong (where)".

export type LoadErrorKind =
  'empty' | 'too-large' | 'not-utf8' | 'not-json' | 'not-carve' | 'newer-version' | 'forbidden-key' | 'invalid' | 'integrity';

export class LoadError extends Error {
  /**
   * @param kind what went wrong, for code
   * @param what the problem in plain words, without the place
   * @param where the JSON path of the offending value ("project.services[2].moduleIds[0]"); '' when none
   * @param more how many further problems the file has (the message names the first one only)
   */
  constructor(
    readonly kind: LoadErrorKind,
    what: string,
    readonly where = '',
    more = 0,
  ) {
    super(oneLine(`${oneLine(where ? `${what} (at ${where})` : what)}${moreProblems(more)}`));
    this.name = 'LoadError';
  }
}

/** Messages are one line of bounded length, whatever a file smuggles into them. */
function oneLine(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
  return flat.length > 500 ? `${flat.slice(0, 499)}…` : flat;
}

export type PathSegment = string | number;

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A JSON path as people read it: project.services[2].moduleIds[0], weird keys as ["a b"]. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment.length > 60 ? `${segment.slice(0, 60)}…` : segment)}]`;
  }
  return out;
}

/** "and 1 more problem", "and 3 more problems", '' for none. */
export function moreProblems(count: number): string {
  if (count <= 0) return '';
  return `, and ${count} more problem${count === 1 ? '' : 's'}`;
}

/** A short, quoted rendering of a value found in a file, for messages. */
export function showValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `the text ${JSON.stringify(`${value.slice(0, 40)}…`)}` : `the text ${JSON.stringify(value)}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    case 'undefined':
      return 'nothing';
    default:
      return typeof value;
  }
}
