// Reads the change history of the git repository that holds an imported folder (issue 9), with the `git`
// command (no shell), limited to the files under the folder. Never fails: no git, no repository, no commits, a
// shallow clone or a snapshot missing old objects give what could be read and one line saying so. The read is
// cached per repository, folder and HEAD in a cache folder (by default carve-history/ in the system's temp
// folder), shared by every process of the machine and bounded (CACHE_KEEP reads per folder, CACHE_FILES in all).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { dayOf, type History, type HistoryCommit } from '../../../shared/boundaries/history';

/** The default cache folder of history reads: `$CARVE_HISTORY_CACHE` when set, else <temp>/carve-history. */
export const defaultHistoryCache = (env: NodeJS.ProcessEnv = process.env): string =>
  env.CARVE_HISTORY_CACHE?.trim() || path.join(os.tmpdir(), 'carve-history');

/** Reads kept per repository and folder (other HEADs: a branch switched back to reads from the cache). */
export const CACHE_KEEP = 3;
/** Reads kept in the cache folder in all; the least recently written beyond it are deleted. */
export const CACHE_FILES = 32;
/** Histories with at least this many commits are read by two git processes at once on a machine with 2+ cores. */
export const SPLIT_MIN = 4000;
/**
 * A folder holding less than this share of HEAD's files is given to git as a pathspec (with --full-history --sparse,
 * so that git lists every commit rather than diffing each twice to prune them): git then diffs only the folder's
 * trees. polar's server/ (40% of the files): 0.79 s of git CPU against 1.36 s for the whole repository.
 */
export const PATHSPEC_SHARE = 0.5;
/** Bumped when what a cached read holds changes, so that older cache files are not read as current ones. */
const CACHE_VERSION = 'v2';

const GIT_ENV = { GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };

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
    const child = spawn(gitPath, args, { cwd, shell: false, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...GIT_ENV } });
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString('utf8');
    });
    child.on('error', (failure: NodeJS.ErrnoException) => resolve({ code: null, stdout: Buffer.alloc(0), stderr, failure }));
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(chunks), stderr }));
  });
}

const RECORD = '\x1e';
const RECORD_BYTE = 0x1e;
/** Output parsed at a time while git runs: about 2,000 commits of the bench (git writes each commit apart). */
const BATCH_BYTES = 1 << 18;
/** How many commits written by git between two calls of onCommits (the first one is told at once). */
const PROGRESS_EVERY = 500;
const FIELD = '\x1f';
const LOG_ARGS = ['log', '--no-merges', '--no-renames', '--name-only', '-z', `--format=${RECORD}%H${FIELD}%at${FIELD}%aN`];

/** Whether `text` from `start` to `end` is a commit's hash: 40 to 64 lowercase hex digits. */
function isHash(text: string, start: number, end: number): boolean {
  if (end - start < 40 || end - start > 64) return false;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/** Whether `text` from `start` to `end` is a number of seconds: one digit or more. */
function isDigits(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Commits of `git log -z --name-only --format=%x1e%H%x1f%at%x1f%aN`, paths made relative to `prefix`. Walks the
 * text by index (no split into records, fields and names): a record is RECORD, the header up to its first NUL,
 * then the names, each ended by NUL, the first one after the header's newline.
 */
export function parseLog(text: string, prefix: string): HistoryCommit[] {
  const commits: HistoryCommit[] = [];
  // Text before the first RECORD is a record too (as when the text was split on RECORD).
  for (let at = text.charCodeAt(0) === RECORD_BYTE ? 1 : 0; at <= text.length;) {
    let end = text.indexOf(RECORD, at);
    if (end < 0) end = text.length;
    let headerEnd = text.indexOf('\0', at);
    if (headerEnd < 0 || headerEnd > end) headerEnd = end;
    const shaEnd = text.indexOf(FIELD, at);
    const timeEnd = shaEnd < 0 || shaEnd >= headerEnd ? -1 : text.indexOf(FIELD, shaEnd + 1);
    const timeStop = timeEnd < 0 || timeEnd >= headerEnd ? headerEnd : timeEnd;
    const shaStop = shaEnd < 0 || shaEnd >= headerEnd ? headerEnd : shaEnd;
    if (isHash(text, at, shaStop) && shaStop < headerEnd && isDigits(text, shaStop + 1, timeStop)) {
      const authorEnd = timeStop === headerEnd ? -1 : text.indexOf(FIELD, timeStop + 1);
      const author = timeStop === headerEnd ? '' : text.slice(timeStop + 1, authorEnd < 0 || authorEnd > headerEnd ? headerEnd : authorEnd);
      const files: string[] = [];
      for (let name = headerEnd + 1; name < end;) {
        let stop = text.indexOf('\0', name);
        if (stop < 0 || stop > end) stop = end;
        // The first name follows the header's newline.
        const start = text.charCodeAt(name) === 10 ? name + 1 : name;
        if (stop - start >= prefix.length && stop > start && text.startsWith(prefix, start))
          files.push(text.slice(start + prefix.length, stop));
        name = stop + 1;
      }
      commits.push({ sha: text.slice(at, shaStop), time: Number(text.slice(shaStop + 1, timeStop)), author, files });
    }
    at = end + 1;
  }
  return commits;
}

/** What one `git log` process read: its commits (parsed while it ran) and whether it stopped before the end. */
interface LogPart {
  commits: HistoryCommit[];
  cut: boolean;
}

/** One `git log` under way. */
interface LogRun {
  done: Promise<LogPart>;
  /** The commits git has written so far (whole or begun). */
  written: () => number;
  /**
   * Keep the first `max` commits only (null: all), git being stopped once it begins the next one. Progress is told
   * from then on (with `settled` false, it waits for this answer).
   */
  settle: (max: number | null) => void;
}

/**
 * One `git log` (with `range`: --skip), its output parsed record by record as it arrives, so that the parse
 * overlaps git's own work. `onCommits` hears how many more commits git has written; `signal` stops git.
 */
function streamLog(
  root: string,
  prefix: string,
  range: readonly string[],
  revisions: readonly string[],
  gitPath: string,
  onCommits: (added: number) => void,
  signal: AbortSignal | undefined,
  settled: boolean,
): LogRun {
  const commits: HistoryCommit[] = [];
  // Bytes not parsed yet: the record under way. RECORD is one ASCII byte, never part of a UTF-8 sequence, so
  // the output can be cut there as bytes and each batch decoded whole.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  // The pending size that makes the next parse: grows while one record (a commit of very many files) fills it.
  let parseAt = BATCH_BYTES;
  // Commits git has written (one record byte each), told to onCommits every PROGRESS_EVERY and at the end.
  let seen = 0;
  let told = 0;
  // The commits kept (settle): git is stopped when it begins the one after them; `whole`: they were all written.
  let max: number | null = null;
  let whole = false;
  const tell = () => {
    if (!settled) return;
    const upTo = max === null ? seen : Math.min(seen, max);
    if (upTo > told) onCommits(upTo - told);
    told = upTo;
  };
  const take = (text: string) => {
    for (const commit of parseLog(text, prefix)) if (commit.files.length > 0) commits.push(commit);
  };
  const child = spawn(gitPath, ['--literal-pathspecs', ...LOG_ARGS, ...range, ...revisions], {
    cwd: root,
    shell: false,
    stdio: ['ignore', 'pipe', 'ignore'],
    // GIT_FLUSH=0: git buffers its output instead of writing each commit apart to the pipe (553 writes instead
    // of 19,454 for the bench's 20,000 commits: 0.3 s less CPU between git and Node).
    env: { ...process.env, ...GIT_ENV, GIT_FLUSH: '0' },
  });
  const stop = () => child.kill();
  signal?.addEventListener('abort', stop, { once: true });
  // Cancelled while an earlier step (the file listing, the count) was awaited: the listener above never fires.
  if (signal?.aborted) stop();
  const done = new Promise<LogPart>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (whole) return;
      let at = chunk.indexOf(RECORD_BYTE);
      for (; at >= 0; at = chunk.indexOf(RECORD_BYTE, at + 1)) {
        if (max !== null && seen === max) {
          // The first commit not kept begins here: keep what is before it and stop git.
          chunk = chunk.subarray(0, at);
          whole = true;
          child.kill();
          break;
        }
        seen++;
      }
      if (told === 0 || seen - told >= PROGRESS_EVERY) tell();
      pending.push(chunk);
      pendingBytes += chunk.length;
      // Parse in batches, not per chunk.
      if (pendingBytes < parseAt || whole) return;
      // Every record but the last is complete: the last may go on in the next chunk.
      const batch = Buffer.concat(pending);
      const last = batch.lastIndexOf(RECORD_BYTE);
      if (last <= 0) {
        pending = [batch];
        parseAt = 2 * batch.length;
        return;
      }
      take(batch.subarray(0, last).toString('utf8'));
      pending = [batch.subarray(last)];
      pendingBytes = batch.length - last;
      parseAt = pendingBytes + BATCH_BYTES;
    });
    child.on('error', (error) => {
      signal?.removeEventListener('abort', stop);
      reject(error);
    });
    child.on('close', (code) => {
      signal?.removeEventListener('abort', stop);
      if (signal?.aborted) return reject(signal.reason as Error);
      take(Buffer.concat(pending).toString('utf8'));
      tell();
      resolve({ commits, cut: !whole && code !== 0 });
    });
  });
  const settle = (keep: number | null) => {
    settled = true;
    max = keep;
    tell();
  };
  return { done, written: () => seen, settle };
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
  /** Commits from which the read is split between two git processes (default SPLIT_MIN; Infinity: never). */
  splitMin?: number;
  /** Below this share of HEAD's files under the folder, git is given the folder (default PATHSPEC_SHARE; 0: never). */
  pathspecShare?: number;
  /** Hears how many commits git has written so far (every 500, and at the end), as it goes. */
  onCommits?: (read: number) => void;
  /** Aborting stops git; the read then rejects with the signal's reason. */
  signal?: AbortSignal;
}

const count = (n: number) => n.toLocaleString('en-US');
const none = (note: string): HistoryRead => ({ history: { commits: [], note }, cached: false });

/** Where the read of `prefix` in `root` at `head` is cached: one file per repository, folder and HEAD. */
export function historyCacheFile(cacheDir: string, root: string, prefix: string, head: string): string {
  return path.join(cacheDir, `${cacheKey(root, prefix)}-${head}.json`);
}
const cacheKey = (root: string, prefix: string) =>
  createHash('sha256').update(`${CACHE_VERSION}\0${root}\0${prefix}`).digest('hex').slice(0, 24);

/** The history of `dir`'s files in the git repository that holds it. */
export async function readHistory(dir: string, options: ReadHistoryOptions = {}): Promise<HistoryRead> {
  const gitPath = options.gitPath ?? 'git';
  // One git process for the repository, the folder's place, whether it is shallow and HEAD; on failure, the
  // separate questions say which of them failed.
  const top = await git(['rev-parse', '--show-toplevel', '--show-prefix', '--is-shallow-repository', 'HEAD'], dir, gitPath);
  if (top.failure)
    return none(
      top.failure.code === 'ENOENT'
        ? 'git was not found on this machine: no history read'
        : `git could not be started (${top.failure.code ?? top.failure.message}): no history read`,
    );
  if (top.code !== 0) {
    const inRepository = await git(['rev-parse', '--show-toplevel'], dir, gitPath);
    return none(
      inRepository.code !== 0
        ? 'the folder is not in a git repository: no history read'
        : 'the repository has no commits yet: no history read',
    );
  }
  const [root = dir, prefix = '', shallowWord = '', head = ''] = top.stdout.toString('utf8').split('\n');
  const repository = { root, prefix, head };
  const cacheDir = options.cacheDir === undefined ? defaultHistoryCache() : options.cacheDir;
  const cacheFile = cacheDir === null ? null : historyCacheFile(cacheDir, root, prefix, head);
  if (cacheFile !== null) {
    try {
      const history = JSON.parse(await readFile(cacheFile, 'utf8')) as History;
      if (Array.isArray(history.commits) && typeof history.note === 'string') {
        options.onCommits?.(history.commits.length);
        return { history, repository, cached: true };
      }
    } catch {
      // Not cached yet (or unreadable): read git.
    }
  }
  const { commits, cut } = await readLog(root, prefix, gitPath, options);
  const history: History = { commits, note: noteOf(commits, shallowWord === 'true' || cut) };
  if (cacheFile !== null) await keep(cacheDir!, cacheFile, history);
  return { history, repository, cached: false };
}

/**
 * The commits of HEAD that touch `prefix`, newest first, as one `git log` would list them. The folder is given
 * to git only when it holds a small part of the files (PATHSPEC_SHARE); otherwise the whole history is read and
 * the parse keeps the folder's files and drops commits without any. A long history is read by two processes at
 * once (the newer half, and the rest with --skip), each parsed as it arrives; git's tree diffs are most of the
 * time, and they split evenly. The first `git log` starts before the count of commits answers, and is stopped at
 * the half when the count says there are enough to split.
 */
async function readLog(root: string, prefix: string, gitPath: string, options: ReadHistoryOptions): Promise<LogPart> {
  const splitMin = options.splitMin ?? SPLIT_MIN;
  const counting = os.availableParallelism() > 1 || splitMin <= 0 ? commitCount(root, gitPath) : Promise.resolve(0);
  const share = prefix === '' ? 1 : await shareOfFiles(root, prefix, gitPath);
  // --sparse lists every commit, so that --skip counts the same commits with or without the folder.
  const revisions = share < (options.pathspecShare ?? PATHSPEC_SHARE) ? ['--full-history', '--sparse', 'HEAD', '--', prefix] : ['HEAD'];
  let read = 0;
  const onCommits = (added: number) => options.onCommits?.((read += added));
  const newer = streamLog(root, prefix, [], revisions, gitPath, onCommits, options.signal, false);
  // Failing before the count answers is heard below, not as an unhandled rejection.
  newer.done.catch(() => {});
  const total = await counting;
  const half = total >= splitMin && total >= 2 ? Math.ceil(total / 2) : 0;
  // Split when the first git has not begun more than the newer half yet (it still has the older half to go).
  const split = half > 0 && newer.written() <= half;
  newer.settle(split ? half : null);
  const parts = await Promise.all([
    newer.done,
    ...(split ? [streamLog(root, prefix, [`--skip=${half}`], revisions, gitPath, onCommits, options.signal, true).done] : []),
  ]);
  // As one process would: the commits up to the first part that stopped short (old objects missing), no gap.
  const commits: HistoryCommit[] = [];
  for (const part of parts) {
    commits.push(...part.commits);
    if (part.cut) return { commits, cut: true };
  }
  return { commits, cut: false };
}

/** Commits of HEAD without merges; 0 when git cannot count them (commits missing: the read is not split). */
async function commitCount(root: string, gitPath: string): Promise<number> {
  const counted = await git(['rev-list', '--count', '--no-merges', 'HEAD'], root, gitPath);
  return counted.code === 0 ? Number(counted.stdout.toString('utf8').trim()) || 0 : 0;
}

/** The share of HEAD's files that lie under `prefix`; 1 when git cannot list them (the whole log is read then). */
async function shareOfFiles(root: string, prefix: string, gitPath: string): Promise<number> {
  const listed = await git(['ls-tree', '-r', '--name-only', '-z', 'HEAD'], root, gitPath);
  if (listed.code !== 0) return 1;
  const files = listed.stdout
    .toString('utf8')
    .split('\0')
    .filter((file) => file !== '');
  return files.length === 0 ? 1 : files.filter((file) => file.startsWith(prefix)).length / files.length;
}

/** Write a read to the cache (atomically), then keep CACHE_KEEP reads of its folder and CACHE_FILES in all. */
async function keep(cacheDir: string, cacheFile: string, history: History): Promise<void> {
  try {
    await mkdir(cacheDir, { recursive: true });
    const temp = `${cacheFile}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(history));
    await rename(temp, cacheFile);
    const names = (await readdir(cacheDir)).filter((name) => /^[0-9a-f]{24}-[0-9a-f]+\.json$/.test(name));
    const dated = await Promise.all(
      names.map(async (name) => ({ name, time: (await stat(path.join(cacheDir, name)).catch(() => null))?.mtimeMs ?? 0 })),
    );
    dated.sort((a, b) => b.time - a.time || a.name.localeCompare(b.name));
    const folder = path.basename(cacheFile).slice(0, 24);
    const ofFolder = dated.filter((file) => file.name.startsWith(folder) && file.name !== path.basename(cacheFile));
    const stale = new Set([...ofFolder.slice(CACHE_KEEP - 1), ...dated.slice(CACHE_FILES)].map((file) => file.name));
    stale.delete(path.basename(cacheFile));
    await Promise.all([...stale].map((name) => rm(path.join(cacheDir, name), { force: true })));
  } catch {
    // A cache that cannot be written only means reading git again next time.
  }
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
