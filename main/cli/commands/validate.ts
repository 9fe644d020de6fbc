import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describeError } from '../../../shared/api/result';
import { LoadError } from '../../../shared/format/errors';
import { loadProject, MAX_FILE_BYTES } from '../../../shared/format/load';
import { UsageError } from '../args';
import type { Command } from '../command';

// carve validate FILE...: one line per file; exit 0 when every file opens, 1 when one does not.

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

/** What is wrong with the file at `path`, or null when it is a valid Carve project. */
export async function problemWith(path: string): Promise<string | null> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return ERRNO_WORDS.EISDIR!;
    if (!info.isFile()) return 'not a regular file';
    // Refused by its size before it is read, in the loader's words.
    if (info.size > MAX_FILE_BYTES) return `the file is too large: ${megabytes(info.size)}, Carve opens files up to ${megabytes(MAX_FILE_BYTES)}`;
    loadProject(new Uint8Array(await readFile(path)));
    return null;
  } catch (error) {
    if (error instanceof LoadError) return error.message;
    const code = (error as NodeJS.ErrnoException | null)?.code;
    return (code && ERRNO_WORDS[code]) || describeError(error);
  }
}

export const validateCommand: Command = {
  name: 'validate',
  synopsis: 'FILE...',
  summary: 'check that .carve files open; one line per file that does not',
  options: { quiet: { type: 'boolean', short: 'q' } },
  optionHelp: [['-q, --quiet', 'print nothing for valid files']],
  async run({ positionals, values }, io) {
    if (positionals.length === 0) throw new UsageError('validate needs at least one FILE');
    let bad = 0;
    for (const file of positionals) {
      const problem = await problemWith(resolve(io.cwd, file));
      if (problem === null) {
        if (!values.quiet) io.out(`${file}: ok`);
      } else {
        bad++;
        io.err(`${file}: ${problem}`);
      }
    }
    return bad === 0 ? 0 : 1;
  },
};
