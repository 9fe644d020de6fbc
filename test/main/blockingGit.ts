import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

// A `git` first on PATH (a shell script) that runs the real git and, for `git log`, writes its pid to `mark` and
// then waits on the FIFO `fifo`: a test sees a history read mid-way, releases it (write a line to the FIFO) or
// cancels it, without waiting on time. The history cache goes to `base/cache`, so that every read runs git.

export interface BlockingGit {
  /** The file the waiting `git log` writes its pid to. */
  mark: string;
  /** Write a line to it to let the `git log` end. */
  fifo: string;
  /** PATH and the history cache as they were. */
  restore: () => void;
}

export async function installBlockingGit(base: string): Promise<BlockingGit> {
  const bin = path.join(base, 'bin');
  await fs.mkdir(bin);
  const mark = path.join(base, 'git-log.pid');
  const fifo = path.join(base, 'release');
  if (spawnSync('mkfifo', [fifo]).status !== 0) throw new Error('mkfifo failed');
  const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
  await fs.writeFile(
    path.join(bin, 'git'),
    `#!/bin/sh\ncase " $* " in *" log "*) "${realGit}" "$@"; echo $$ > "${mark}.tmp"; mv "${mark}.tmp" "${mark}"; read x < "${fifo}"; exit 0;; esac\nexec "${realGit}" "$@"\n`,
    { mode: 0o755 },
  );
  const saved = { PATH: process.env.PATH, CARVE_HISTORY_CACHE: process.env.CARVE_HISTORY_CACHE };
  process.env.PATH = `${bin}${path.delimiter}${process.env.PATH ?? ''}`;
  process.env.CARVE_HISTORY_CACHE = path.join(base, 'cache');
  const restore = () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  return { mark, fifo, restore };
}

/** Stop a `git log` still waiting (after a failed test), so that nothing outlives the test. */
export async function stopWaitingGit(mark: string): Promise<void> {
  if (!existsSync(mark)) return;
  try {
    process.kill(Number((await fs.readFile(mark, 'utf8')).trim()));
  } catch {
    // Gone already.
  }
}
