import { basename } from 'node:path';
import { CarveError, describeError } from '../../shared/api/result';
import type { Project } from '../../shared/model/project';
import { checkWriteTarget } from '../services/atomicWrite';
import { projectBytes, saveProjectFile, writeNewProjectFile } from '../services/projectFiles';
import type { CliIo } from './command';

// Where a command that writes (export, import-python, new) puts its result: a file through Carve's one write
// path, or standard output when --out is `-` or /dev/stdout (written as a stream on purpose, never replaced).

/** After "FILE: already exists; " for the commands that replace with --force. */
export const NOT_REPLACED = 'Carve does not replace it (use --force, or choose another --out)';

/** `--out -` and `--out /dev/stdout` mean standard output. */
export const isStandardOutput = (out: string) => out === '-' || out === '/dev/stdout';

/** Writes bytes to standard output; the CLI's entry always provides it. */
export function standardOutput(io: CliIo): (bytes: Uint8Array) => Promise<void> {
  const { outBytes } = io;
  if (!outBytes) throw new CarveError('internal', 'this host cannot write to standard output');
  return (bytes) => outBytes(bytes);
}

/** "out: reason" for a failed write, without the service's "Could not save name: " lead. */
export function outProblem(out: string, error: unknown): string {
  return `${out}: ${describeError(error).replace(/^Could not (save|export) [^:]*: /, '')}`;
}

/**
 * Checks `--out` before any work: a special file, a missing folder or an over-long name is refused (one line);
 * so is an existing file unless `replace`, with `existsHint` after "already exists". Resolves to the problem
 * line, or undefined when the file can be written.
 */
export async function checkOut(target: string, out: string, replace: boolean, existsHint: string): Promise<string | undefined> {
  try {
    const exists = await checkWriteTarget(
      target,
      (reason) => new CarveError('save-failed', `Could not save ${basename(target)}: ${reason}`),
    );
    if (exists && !replace) return `${out}: already exists; ${existsHint}`;
    return undefined;
  } catch (error) {
    if (error instanceof CarveError) return outProblem(out, error);
    throw error;
  }
}

/**
 * Writes a project to `--out` through the one write path: standard output for `-`, a new file (never replacing
 * one), or over an existing file with `replace` (--force). Resolves to the problem line, or undefined when written.
 */
export async function writeProjectOut(
  io: CliIo,
  out: string,
  target: string,
  project: Project,
  replace: boolean,
  existsHint: string,
): Promise<string | undefined> {
  try {
    if (isStandardOutput(out)) await standardOutput(io)(projectBytes(project, 'the project'));
    else if (replace) await saveProjectFile({ path: target, project, baseHash: null, overwrite: true });
    else await writeNewProjectFile(target, project);
    return undefined;
  } catch (error) {
    if (!(error instanceof CarveError)) throw error;
    return error.code === 'conflict' ? `${out}: already exists; ${existsHint}` : outProblem(out, error);
  }
}
