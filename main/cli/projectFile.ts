import { readFile, stat } from 'node:fs/promises';
import { describeError } from '../../shared/api/result';
import { LoadError } from '../../shared/format/errors';
import { loadProject, MAX_FILE_BYTES } from '../../shared/format/load';
import type { Project } from '../../shared/model/project';

// Reading a .carve file for a command: the project, or what is wrong with the file in one line, in the words
// `carve validate` prints after "path: ".

const ERRNO_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'file not found',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'is a folder, not a Carve file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many open files',
};

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** The project in the file at `path`, or what is wrong with it. */
export async function readProject(path: string): Promise<{ project: Project; problem?: undefined } | { project?: undefined; problem: string }> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { problem: ERRNO_WORDS.EISDIR! };
    if (!info.isFile()) return { problem: 'not a regular file' };
    // Refused by its size before it is read, in the loader's words.
    if (info.size > MAX_FILE_BYTES) {
      return { problem: `the file is too large: ${megabytes(info.size)}, Carve opens files up to ${megabytes(MAX_FILE_BYTES)}` };
    }
    return { project: loadProject(new Uint8Array(await readFile(path))) };
  } catch (error) {
    if (error instanceof LoadError) return { problem: error.message };
    const code = (error as NodeJS.ErrnoException | null)?.code;
    return { problem: (code && ERRNO_WORDS[code]) || describeError(error) };
  }
}

