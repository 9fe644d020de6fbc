import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { OpenedProject, SavedProject } from '../../shared/api/contract';
import { CarveError } from '../../shared/api/result';
import { LoadError } from '../../shared/format/errors';
import { loadProject, MAX_FILE_BYTES, validateProject } from '../../shared/format/load';
import { serializeProject } from '../../shared/format/save';
import type { Project } from '../../shared/model/project';
import { type ExistingFile, removeStaleLeftovers, writeFileSafely } from './atomicWrite';
import { readError } from './fsErrors';

/** sha256 hex of the bytes: the base a later save is compared with to detect changes made on disk. */
export function hashBytes(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/**
 * Read a .carve file: stat first (a folder, a huge file), then read, load, migrate and validate it. Failures are
 * one-line CarveErrors that start with `name` (the file's base name, or the path as the CLI's user typed it).
 */
export async function openProjectFile(filePath: string, name = path.basename(path.resolve(filePath))): Promise<OpenedProject> {
  const absolute = path.resolve(filePath);
  let bytes: Buffer;
  try {
    const stats = await fs.promises.stat(absolute);
    if (stats.isDirectory()) throw new CarveError('not-a-file', `${name} is a folder, not a file`);
    if (!stats.isFile()) throw new CarveError('not-a-file', `${name} is not a regular file`);
    if (stats.size > MAX_FILE_BYTES) {
      throw new CarveError(
        'invalid-file',
        `${name}: the file is too large (${megabytes(stats.size)}; Carve opens files up to ${megabytes(MAX_FILE_BYTES)})`,
      );
    }
    bytes = await fs.promises.readFile(absolute);
  } catch (error) {
    throw readError(error, name);
  }
  const project = loadOrExplain(bytes, name);
  // Temp files and a lock that a killed save of this file left behind (never another program's files).
  await removeStaleLeftovers(await fs.promises.realpath(absolute).catch(() => absolute));
  return { path: absolute, project, hash: hashBytes(bytes) };
}

function loadOrExplain(bytes: Uint8Array, name: string): Project {
  try {
    return loadProject(bytes);
  } catch (error) {
    if (error instanceof LoadError) throw new CarveError('invalid-file', `${name}: ${error.message}`);
    throw error;
  }
}

/** A project sent by the UI, checked before anything touches the disk. */
export function validatePayload(project: unknown, what: string): Project {
  try {
    return validateProject(project);
  } catch (error) {
    if (error instanceof LoadError) throw new CarveError('invalid-request', `${what} is not a valid project: ${error.message}`);
    throw error;
  }
}

function saveError(name: string, reason: string): CarveError {
  return new CarveError('save-failed', `Could not save ${name}: ${reason}`);
}

/**
 * The serialized project, refused when it is larger than Carve opens: what Carve saves, it can open again
 * (the file and its draft alike).
 */
export function projectBytes(
  project: Project,
  name: string,
  fail: (reason: string) => CarveError = (reason) => saveError(name, reason),
): Buffer {
  const bytes = Buffer.from(serializeProject(project), 'utf8');
  if (bytes.byteLength > MAX_FILE_BYTES) {
    throw fail(
      `the project is ${megabytes(bytes.byteLength)}, and Carve opens files up to ${megabytes(MAX_FILE_BYTES)}; split it or remove modules first`,
    );
  }
  return bytes;
}

/**
 * Save a project the UI sends, as a compare-and-swap: the payload is validated first; then, under a lock
 * that holds across processes, the file on disk is compared with `baseHash` (the hash it had when opened or
 * last saved) and replaced only when it still matches. A change made elsewhere is a `conflict` unless
 * `overwrite` is set, and so is a file deleted or moved since it was opened, and an existing file when
 * `baseHash` is null (Save As onto another file). The returned hash is that of the bytes written.
 */
export async function saveProjectFile(request: {
  path: string;
  project: unknown;
  baseHash: string | null;
  overwrite: boolean;
}): Promise<SavedProject> {
  const absolute = path.resolve(request.path);
  const name = path.basename(absolute);
  const project = validatePayload(request.project, `The project to save as ${name}`);
  const bytes = projectBytes(project, name);
  const check = async (existing: ExistingFile | null) => {
    if (request.overwrite) return;
    if (existing === null) {
      if (request.baseHash !== null) throw new CarveError('conflict', `${name} was deleted or moved since you opened it`);
      return;
    }
    if (request.baseHash === null) throw new CarveError('conflict', `${name} already exists`);
    if (hashBytes(await existing.read()) !== request.baseHash)
      throw new CarveError('conflict', `${name} changed on disk since you opened it`);
  };
  await writeFileSafely({ path: absolute, bytes, fail: (reason) => saveError(name, reason), check });
  return { path: absolute, hash: hashBytes(bytes) };
}

/** Write a new project file (`carve new`); refuses to replace a file that exists. */
export async function writeNewProjectFile(filePath: string, project: Project): Promise<SavedProject> {
  const absolute = path.resolve(filePath);
  const name = path.basename(absolute);
  const bytes = projectBytes(validatePayload(project, `The new project for ${name}`), name);
  const check = (existing: ExistingFile | null) => {
    if (existing !== null) throw new CarveError('conflict', `${name} already exists`);
  };
  await writeFileSafely({ path: absolute, bytes, fail: (reason) => saveError(name, reason), check });
  return { path: absolute, hash: hashBytes(bytes) };
}
