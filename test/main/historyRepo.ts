// Makes real git repositories in temp folders with chosen commits (files, authors, dates), for the history and
// suggest tests and the suggest benchmark. `git fast-import` writes thousands of commits in a second; each
// commit sets the author and committer date itself (the same as GIT_AUTHOR_DATE/GIT_COMMITTER_DATE).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface PlannedCommit {
  /** Paths relative to the repository, each given new content by the commit. */
  files: string[];
  author: string;
  /** Seconds since the epoch. */
  time: number;
  message?: string;
}

export function git(cwd: string, args: string[]): string {
  const run = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd } });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}

/** A repository at `dir` whose branch main holds these commits in order, and a work tree checked out. */
export function makeRepo(dir: string, commits: readonly PlannedCommit[]): void {
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  const parts: string[] = [];
  commits.forEach((commit, k) => {
    const message = commit.message ?? `change ${k + 1}`;
    const who = `${commit.author} <${commit.author.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.com> ${commit.time} +0000`;
    parts.push('commit refs/heads/main', `author ${who}`, `committer ${who}`, `data ${Buffer.byteLength(message)}`, message);
    for (const file of commit.files) {
      const body = `# ${file} at change ${k + 1}\nVALUE = ${k}\n`;
      parts.push(`M 100644 inline ${file}`, `data ${Buffer.byteLength(body)}`, body);
    }
    parts.push('');
  });
  const run = spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, input: parts.join('\n') + '\n', encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`git fast-import failed: ${run.stderr}`);
  git(dir, ['checkout', '-q', '-f', 'main']);
}

/** Python files for a module folder, so that an import sees packages where the commits changed files. */
export function writePackage(root: string, folder: string, body = 'VALUE = 1\n'): void {
  mkdirSync(path.join(root, folder), { recursive: true });
  writeFileSync(path.join(root, folder, '__init__.py'), body);
}

/** Seconds since the epoch of a YYYY-MM-DD day at noon UTC. */
export const day = (text: string): number => Date.parse(`${text}T12:00:00Z`) / 1000;

/** Points the history cache ($CARVE_HISTORY_CACHE) into `dir` for a test; returns what puts it back. */
export function isolateHistoryCache(dir: string): () => void {
  const before = process.env.CARVE_HISTORY_CACHE;
  process.env.CARVE_HISTORY_CACHE = path.join(dir, '.history-cache');
  return () => {
    if (before === undefined) delete process.env.CARVE_HISTORY_CACHE;
    else process.env.CARVE_HISTORY_CACHE = before;
  };
}

/** Two groups of three modules that change together: the planted co-change of the suggest tests. */
export const PLANTED_GROUPS = [
  ['orders', 'payments', 'invoices'],
  ['catalog', 'search', 'reviews'],
] as const;

/**
 * Commits of `<folder><module>/models.py` within PLANTED_GROUPS: 30 in 2023, 10 from June 2024 (Ann and Bob by
 * turns), then one on 2024-09-01 (Cy) that crosses the groups (orders with search).
 */
export function plantedCommits(folder = ''): PlannedCommit[] {
  const commits: PlannedCommit[] = [];
  for (let k = 0; k < 40; k++) {
    const group = PLANTED_GROUPS[k % 2]!;
    const time = (k < 30 ? day('2023-01-01') : day('2024-06-01')) + k * 86_400;
    commits.push({
      files: [group[k % 3]!, group[(k + 1) % 3]!].map((m) => `${folder}${m}/models.py`),
      author: k % 4 < 2 ? 'Ann' : 'Bob',
      time,
    });
  }
  commits.push({ files: [`${folder}orders/models.py`, `${folder}search/models.py`], author: 'Cy', time: day('2024-09-01') });
  return commits;
}
