// Reads the change history of the git repository that holds an imported folder (issue 9), with the `git`
// command (no shell), limited to the files under the folder. Never fails: no git, no repository, no commits, a
// shallow clone or a snapshot missing old objects give what could be read and one line saying so. The read is
// cached per repository, folder and HEAD in a cache folder (by default carve-history/ in the system's temp folder).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { dayOf, type History, type HistoryCommit } from '../../../shared/boundaries/history';

/** The default cache folder of history reads: `$CARVE_HISTORY_CACHE` when set, else <temp>/carve-history. */
export const defaultHistoryCache = (env: NodeJS.ProcessEnv = process.env): string =>
  env.CARVE_HISTORY_CACHE?.trim() || path.join(os.tmpdir(), 'carve-history');

interface GitRun {
  code: number | null;
  stdout: Buffer;
  stderr: string;
  /** Set when git could not be started (ENOENT: not installed). */
  failure?: NodeJS.ErrnoException;
}

function git(args: readonly string[], cwd: string, gitPath = 'git'): Promise<GitRun> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let stderr = '';
    const child = spawn(gitPath, args, {
      cwd,
      shell: false,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    });
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString('utf8');
    });
    child.on('error', (failure: NodeJS.ErrnoException) => resolve({ code: null, stdout: Buffer.alloc(0), stderr, failure }));
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(chunks), stderr }));
  });
}

const RECORD = '\x1e';
const FIELD = '\x1f';

/** Commits of `git log -z --name-only --format=%x1e%H%x1f%at%x1f%aN`, paths made relative to `prefix`. */
export function parseLog(text: string, prefix: string): HistoryCommit[] {
  const commits: HistoryCommit[] = [];
  for (const record of text.split(RECORD)) {
    if (record === '') continue;
    const [header = '', ...rest] = record.split('\0');
    const [sha = '', time = '', author = ''] = header.split(FIELD);
    if (!/^[0-9a-f]{40,64}$/.test(sha) || !/^\d+$/.test(time)) continue;
    const files: string[] = [];
    for (const raw of rest) {
      const file = raw.replace(/^\n/, '');
      if (file === '' || !file.startsWith(prefix)) continue;
      files.push(file.slice(prefix.length));
    }
    commits.push({ sha, time: Number(time), author, files });
  }
  return commits;
}

export interface HistoryRead {
  history: History;
  /** The repository's top folder and the folder's place in it ("server/"), when there is a repository. */
  repository?: { root: string; prefix: string; head: string };
  /** True when the read came from the cache. */
  cached: boolean;
}

export interface ReadHistoryOptions {
  /** Where reads are cached; default defaultHistoryCache(). null: no cache. */
  cacheDir?: string | null;
  /** The git program (tests pass a missing one). */
  gitPath?: string;
}

const count = (n: number) => n.toLocaleString('en-US');
const none = (note: string): HistoryRead => ({ history: { commits: [], note }, cached: false });

/** The history of `dir`'s files in the git repository that holds it. */
export async function readHistory(dir: string, options: ReadHistoryOptions = {}): Promise<HistoryRead> {
  const gitPath = options.gitPath ?? 'git';
  const top = await git(['rev-parse', '--show-toplevel', '--show-prefix'], dir, gitPath);
  if (top.failure)
    return none(
      top.failure.code === 'ENOENT'
        ? 'git was not found on this machine: no history read'
        : `git could not be started (${top.failure.code ?? top.failure.message}): no history read`,
    );
  if (top.code !== 0) return none('the folder is not in a git repository: no history read');
  const [root = dir, prefix = ''] = top.stdout.toString('utf8').split('\n');
  const headRun = await git(['rev-parse', '--verify', '-q', 'HEAD'], root, gitPath);
  const head = headRun.stdout.toString('utf8').trim();
  if (headRun.code !== 0 || head === '') return none('the repository has no commits yet: no history read');
  const repository = { root, prefix, head };
  const cacheDir = options.cacheDir === undefined ? defaultHistoryCache() : options.cacheDir;
  const key = createHash('sha256').update(`${root}\0${prefix}`).digest('hex').slice(0, 24);
  const cacheFile = cacheDir === null ? null : path.join(cacheDir, `${key}-${head}.json`);
  if (cacheFile !== null) {
    try {
      const history = JSON.parse(await readFile(cacheFile, 'utf8')) as History;
      if (Array.isArray(history.commits) && typeof history.note === 'string') return { history, repository, cached: true };
    } catch {
      // Not cached yet (or unreadable): read git.
    }
  }
  const shallow = (await git(['rev-parse', '--is-shallow-repository'], root, gitPath)).stdout.toString('utf8').trim() === 'true';
  // No pathspec: limiting git to the folder diffs every commit's trees twice (about 2x slower); parseLog keeps
  // the folder's files and commits without any are dropped.
  const log = await git(
    ['log', '--no-merges', '--no-renames', '--name-only', '-z', `--format=${RECORD}%H${FIELD}%at${FIELD}%aN`, 'HEAD'],
    root,
    gitPath,
  );
  const commits = parseLog(log.stdout.toString('utf8'), prefix).filter((c) => c.files.length > 0);
  const history: History = { commits, note: noteOf(commits, shallow || log.code !== 0) };
  if (cacheFile !== null) {
    try {
      await mkdir(cacheDir!, { recursive: true });
      const temp = `${cacheFile}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(history));
      await rename(temp, cacheFile);
    } catch {
      // A cache that cannot be written only means reading git again next time.
    }
  }
  return { history, repository, cached: false };
}

function noteOf(commits: readonly HistoryCommit[], cut: boolean): string {
  if (commits.length === 0)
    return cut
      ? 'no commit of the folder could be read (the history is incomplete): no history read'
      : 'no commit touches the folder: no history read';
  const first = commits.reduce((min, c) => Math.min(min, c.time), Infinity);
  const last = commits.reduce((max, c) => Math.max(max, c.time), -Infinity);
  const read = `read ${count(commits.length)} ${commits.length === 1 ? 'commit' : 'commits'}`;
  return cut ? `${read}; history before ${dayOf(first)} is not available` : `${read} from ${dayOf(first)} to ${dayOf(last)}`;
}
