import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { OpenedProject, SavedProject } from '../../shared/api/contract';
import { CarveError } from '../../shared/api/result';
import { LoadError } from '../../shared/format/errors';
import { loadProject, MAX_FILE_BYTES, validateProject } from '../../shared/format/load';
import { serializeProject } from '../../shared/format/save';
import type { Project } from '../../shared/model/project';
import { writeTextAtomically } from './atomicWrite';
import { errnoCode, plainReason, readError } from './fsErrors';

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
      throw new CarveError('invalid-file', `${name}: the file is too large (${megabytes(stats.size)}; Carve opens files up to ${megabytes(MAX_FILE_BYTES)})`);
    }
    bytes = await fs.promises.readFile(absolute);
  } catch (error) {
    throw readError(error, name);
  }
  return { path: absolute, project: loadOrExplain(bytes, name), hash: hashBytes(bytes) };
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

/** The bytes now at `absolute`, or null when there is no file; a folder or unreadable path fails the save. */
async function readCurrent(absolute: string, name: string): Promise<Buffer | null> {
  try {
    return await fs.promises.readFile(absolute);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT') return null;
    throw saveError(name, code === 'EISDIR' ? `${name} is a folder` : plainReason(error));
  }
}

function saveError(name: string, reason: string): CarveError {
  return new CarveError('save-failed', `Could not save ${name}: ${reason}`);
}

/** The folder must already exist (atomically would quietly recreate a folder that was deleted or moved). */
async function checkFolder(absolute: string, name: string): Promise<void> {
  const folder = path.dirname(absolute);
  try {
    const stats = await fs.promises.stat(folder);
    if (!stats.isDirectory()) throw saveError(name, `${path.basename(folder)} is a file, not a folder`);
  } catch (error) {
    if (error instanceof CarveError) throw error;
    const code = errnoCode(error);
    if (code === 'ENOENT') throw saveError(name, `the folder ${folder} no longer exists`);
    if (code === 'ENOTDIR') throw saveError(name, `a part of the folder ${folder} is a file, not a folder`);
    throw saveError(name, plainReason(error));
  }
}

/** Temp file in the same folder, fsync, rename over the target; the old file stays whole when this fails. */
async function writeAtomically(absolute: string, name: string, text: string): Promise<void> {
  await checkFolder(absolute, name);
  try {
    await writeTextAtomically(absolute, text);
  } catch (error) {
    const code = errnoCode(error);
    throw saveError(name, code === 'EISDIR' ? `${name} is a folder` : plainReason(error));
  }
}

/**
 * Save a project the UI sends. The payload is validated first; then the file on disk is compared with
 * `baseHash` (the hash it had when opened or last saved): a change made elsewhere is a `conflict` unless
 * `overwrite` is set, and so is an existing file when `baseHash` is null (Save As onto another file).
 * The returned hash is that of the bytes written.
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
  const text = serializeProject(project);
  if (!request.overwrite) {
    const current = await readCurrent(absolute, name);
    if (current !== null && request.baseHash === null) throw new CarveError('conflict', `${name} already exists`);
    if (current !== null && hashBytes(current) !== request.baseHash) {
      throw new CarveError('conflict', `${name} changed on disk since you opened it`);
    }
  }
  await writeAtomically(absolute, name, text);
  return { path: absolute, hash: hashBytes(text) };
}

/** Write a new project file (`carve new`); refuses to replace a file that exists. */
export async function writeNewProjectFile(filePath: string, project: Project): Promise<SavedProject> {
  const absolute = path.resolve(filePath);
  const name = path.basename(absolute);
  const text = serializeProject(validatePayload(project, `The new project for ${name}`));
  const existing = await fs.promises.lstat(absolute).catch((error: unknown) => {
    if (errnoCode(error) === 'ENOENT') return null;
    throw saveError(name, plainReason(error));
  });
  if (existing) throw new CarveError('conflict', `${name} already exists`);
  await writeAtomically(absolute, name, text);
  return { path: absolute, hash: hashBytes(text) };
}
