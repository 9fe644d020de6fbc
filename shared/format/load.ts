import { ProjectSchema, type Project } from '../model/project';
import { findIntegrityProblems } from '../model/integrity';
import { CURRENT_FORMAT_VERSION, FORMAT_NAME } from './envelope';
import { LoadError, formatPath, showValue } from './errors';
import { compileFastParse, extrasAreHostile, NO_MATCH, type Extras, type FastParse } from './fastParse';
import { FORBIDDEN_KEYS, FORBIDDEN_KEY_HINT, findDeepNesting, findForbiddenKey, lineColumn, locateJsonError } from './jsonText';
import { runMigrations, type JsonObject } from './migrate';
import { decodeUtf8 } from './utf8';
import { issuesToLoadError } from './zodIssues';

// Opening a .carve file: bytes -> text -> JSON -> envelope -> migrations -> zod -> integrity. Every failure is
// a LoadError with a kind and a one-line message; hostile input (huge, deeply nested, prototype keys, invalid
// UTF-8) is refused cheaply and never crashes or hangs the loader.

export { CURRENT_FORMAT_VERSION, FORMAT_NAME };

/** Files larger than this are refused before they are decoded or parsed. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;
/** A .carve file nests about 6 levels deep; anything far deeper is not a Carve file (and a stack risk). */
export const MAX_NESTING = 64;

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

function tooLarge(size: number): LoadError {
  return new LoadError('too-large', `the file is too large: ${megabytes(size)}, Carve opens files up to ${megabytes(MAX_FILE_BYTES)}`);
}

/** Reads a .carve file's bytes: strict UTF-8 (a byte order mark is fine), then parseProjectText. */
export function loadProject(bytes: Uint8Array): Project {
  if (bytes.length > MAX_FILE_BYTES) throw tooLarge(bytes.length);
  if (bytes.length === 0) throw new LoadError('empty', 'the file is empty');
  return parseProjectText(decodeUtf8(bytes));
}

/** Parses the text of a .carve file into a valid project, or throws LoadError. */
export function parseProjectText(text: string): Project {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length > MAX_FILE_BYTES) throw tooLarge(text.length);
  if (text.trim() === '') throw new LoadError('empty', text === '' ? 'the file is empty' : 'the file is empty (only white space)');

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const located = locateJsonError(text);
    if (!located) throw new LoadError('not-json', `not JSON: ${error instanceof Error ? error.message : String(error)}`);
    const { line, column } = lineColumn(text, located.offset);
    throw new LoadError('not-json', `not JSON: ${located.problem} (line ${line}, column ${column})`);
  }

  const envelope = checkEnvelope(value);
  if (FORBIDDEN_KEY_HINT.test(text)) {
    const path = findForbiddenKey(value);
    if (path) {
      const key = String(path[path.length - 1]);
      throw new LoadError('forbidden-key', `the key ${JSON.stringify(key)} is not allowed in a Carve file`, formatPath(path));
    }
  }
  const version = checkFormatVersion(envelope);
  if (!('project' in envelope)) throw new LoadError('invalid', '"project" is missing', 'project');
  let project = envelope.project;
  if (version < CURRENT_FORMAT_VERSION) {
    if (project === null || typeof project !== 'object' || Array.isArray(project)) {
      throw new LoadError('invalid', `"project" should be an object, not ${showValue(project)}`, 'project');
    }
    project = runMigrations(project as JsonObject, version, CURRENT_FORMAT_VERSION);
  }

  const extras: Extras = { objects: [] };
  const known = ['format', 'formatVersion', 'savedBy', 'project'];
  if (Object.keys(envelope).some((key) => !known.includes(key))) extras.objects.push({ value: envelope, known });
  const fast = parseFast(project, extras);
  // Only values under keys the schema does not know can nest deeply: check them, or the whole text when the
  // fast path could not vouch for the file.
  if (fast === NO_MATCH || extrasAreHostile(extras, MAX_NESTING, FORBIDDEN_KEYS)) {
    const deep = findDeepNesting(text, MAX_NESTING);
    if (deep !== -1) {
      const { line, column } = lineColumn(text, deep);
      throw new LoadError('invalid', `values are nested more than ${MAX_NESTING} levels deep (line ${line}, column ${column})`);
    }
  }
  return checkProject(fast === NO_MATCH ? parseSlow(project) : (fast as Project));
}

/** Validates a project given as a plain value (a save or draft payload): zod's rules, then integrity. */
export function validateProject(value: unknown): Project {
  const fast = parseFast(value, { objects: [] });
  return checkProject(fast === NO_MATCH ? parseSlow(value) : (fast as Project));
}

let fastProject: FastParse | null | undefined;

/** The compiled fast path, or NO_MATCH (always, should the schema ever hold something it cannot compile). */
function parseFast(value: unknown, extras: Extras): unknown {
  if (fastProject === undefined) {
    try {
      fastProject = compileFastParse(ProjectSchema);
    } catch {
      fastProject = null;
    }
  }
  return fastProject ? fastProject(value, extras) : NO_MATCH;
}

/** zod: slower, but names the first problem and counts the others. */
function parseSlow(value: unknown): Project {
  const parsed = ProjectSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) throw issuesToLoadError(parsed.error.issues);
  return parsed.data;
}

function checkProject(project: Project): Project {
  const problems = findIntegrityProblems(project);
  const first = problems[0];
  if (first) throw new LoadError('integrity', first.message, first.where, problems.length - 1);
  return project;
}

function checkEnvelope(value: unknown): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const found = Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value === 'string' ? 'a text value' : showValue(value);
    throw new LoadError('not-carve', `not a Carve project: the file holds ${found}, not an object with "format": "${FORMAT_NAME}"`);
  }
  const envelope = value as JsonObject;
  if (envelope.format !== FORMAT_NAME) {
    const found = 'format' in envelope ? `, not ${showValue(envelope.format)}` : '';
    throw new LoadError('not-carve', `not a Carve project: "format" should be "${FORMAT_NAME}"${found}`);
  }
  return envelope;
}

function checkFormatVersion(envelope: JsonObject): number {
  const version = envelope.formatVersion;
  if (version === undefined) throw new LoadError('invalid', '"formatVersion" is missing', 'formatVersion');
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    throw new LoadError(
      'invalid',
      `"formatVersion" should be a whole number such as ${CURRENT_FORMAT_VERSION}, not ${showValue(version)}`,
      'formatVersion',
    );
  }
  if (version < 1) throw new LoadError('invalid', `"formatVersion" should be 1 or more, not ${version}`, 'formatVersion');
  if (version > CURRENT_FORMAT_VERSION) {
    throw new LoadError(
      'newer-version',
      `made by a newer Carve: format version ${version}, this Carve reads up to ${CURRENT_FORMAT_VERSION}`,
    );
  }
  if (envelope.savedBy !== undefined && typeof envelope.savedBy !== 'string') {
    throw new LoadError('invalid', `"savedBy" should be text, not ${showValue(envelope.savedBy)}`, 'savedBy');
  }
  return version;
}
