import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_KEEP, historyCacheFile, parseLog, readHistory } from '../../main/services/history/readHistory';
import { day, git, makeRepo } from './historyRepo';

// The history read of issue 9's suggest, on real git repositories made in temp folders: two git processes read
// the same commits as one `git log` did before (merges, renames, odd names, files outside the folder), whether the
// count of commits answers before the first log starts or after it ended, and the cache is keyed by repository,
// folder and HEAD, shared between processes and bounded.

let tmp: string;
beforeEach(async () => {
  tmp = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-history-read-')));
});
afterEach(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

const commitAs = (repo: string, who: string, when: string, message: string) =>
  spawnSync('git', ['-c', `user.name=${who}`, '-c', `user.email=${who}@example.com`, 'commit', '-q', '-m', message], {
    cwd: repo,
    env: { ...process.env, GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when },
  });

/** A history with branches merged (--no-ff), a rename, a file with a space and an accent, and files outside src/. */
async function branchyRepo(repo: string): Promise<void> {
  makeRepo(
    repo,
    Array.from({ length: 30 }, (_, k) => ({
      files: [
        `src/m${k % 7}/models.py`,
        ...(k % 5 === 0 ? ['docs/notes.md'] : []),
        ...(k % 3 === 0 ? [`src/m${(k + 1) % 7}/views.py`] : []),
      ],
      author: ['Ann', 'Bob', 'Cy'][k % 3]!,
      time: day('2022-01-01') + k * 86_400,
    })),
  );
  for (let b = 0; b < 4; b++) {
    git(repo, ['checkout', '-q', '-b', `topic${b}`, 'main']);
    await fs.writeFile(path.join(repo, 'src', `m${b}`, 'topic é x.py'), `T = ${b}\n`);
    git(repo, ['add', '.']);
    expect(commitAs(repo, 'Dee', `2023-0${b + 1}-01T10:00:00Z`, `topic ${b}`).status).toBe(0);
    git(repo, ['checkout', '-q', 'main']);
    await fs.writeFile(path.join(repo, 'README.md'), `main ${b}\n`);
    git(repo, ['add', '.']);
    expect(commitAs(repo, 'Eve', `2023-0${b + 1}-02T10:00:00Z`, `main ${b}`).status).toBe(0);
    const merged = spawnSync(
      'git',
      ['-c', 'user.name=Eve', '-c', 'user.email=e@example.com', 'merge', '-q', '--no-ff', '-m', `merge ${b}`, `topic${b}`],
      {
        cwd: repo,
        env: { ...process.env, GIT_AUTHOR_DATE: `2023-0${b + 1}-04T10:00:00Z`, GIT_COMMITTER_DATE: `2023-0${b + 1}-04T10:00:00Z` },
      },
    );
    expect(merged.status).toBe(0);
  }
  git(repo, ['mv', 'src/m5', 'src/m5b']);
  expect(commitAs(repo, 'Fay', '2023-06-01T10:00:00Z', 'rename').status).toBe(0);
}

/** What the read was before the split (one `git log`, parsed once it had ended), for the same folder. */
function oneLog(repo: string, prefix: string) {
  const log = spawnSync('git', ['log', '--no-merges', '--no-renames', '--name-only', '-z', '--format=%x1e%H%x1f%at%x1f%aN', 'HEAD'], {
    cwd: repo,
    encoding: 'utf8',
  });
  expect(log.status).toBe(0);
  return parseLog(log.stdout, prefix).filter((c) => c.files.length > 0);
}

describe('reading the history', () => {
  it('reads the same commits in one or two git processes, or with the folder as pathspec, as one git log did, in the same order, counting them as it goes', async () => {
    const repo = path.join(tmp, 'repo');
    await branchyRepo(repo);
    expect(Number(git(repo, ['rev-list', '--merges', '--count', 'HEAD']).trim())).toBe(4);
    const before = oneLog(repo, 'src/');
    expect(before.length).toBeGreaterThan(30);
    expect(before.some((c) => c.files.includes('m0/topic é x.py'))).toBe(true);
    expect(before.find((c) => c.author === 'Fay')!.files.sort()).toEqual(['m5/models.py', 'm5/views.py', 'm5b/models.py', 'm5b/views.py']);
    const counts: number[] = [];
    const split = await readHistory(path.join(repo, 'src'), { cacheDir: null, splitMin: 0, onCommits: (n) => counts.push(n) });
    const single = await readHistory(path.join(repo, 'src'), { cacheDir: null, splitMin: Infinity });
    expect(split.history.commits).toEqual(before);
    expect(single.history.commits).toEqual(before);
    expect(split.history.note).toBe(single.history.note);
    // The folder given to git as a pathspec (as for a folder with a small part of the files), in one or two processes.
    for (const splitMin of [0, Infinity]) {
      const scoped = await readHistory(path.join(repo, 'src'), { cacheDir: null, splitMin, pathspecShare: 2 });
      expect(scoped.history).toEqual(single.history);
    }
    // Every commit of HEAD without merges is counted once, the last count being all of them.
    const all = Number(git(repo, ['rev-list', '--no-merges', '--count', 'HEAD']).trim());
    expect(counts.at(-1)).toBe(all);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  });

  // The first `git log` starts before `git rev-list --count` answers: a git that makes one of them wait for the
  // other (a marker file written when the other ended) gives both orders every time.
  async function orderedGit(dir: string, first: 'count' | 'log'): Promise<{ gitPath: string; logs: () => Promise<string[]> }> {
    const gitPath = path.join(dir, `git-${first}-first`);
    const waitFor = (marker: string) => `while [ ! -e '${path.join(dir, marker)}' ]; do sleep 0.01; done`;
    await fs.writeFile(
      gitPath,
      [
        '#!/bin/sh',
        'case " $* " in',
        `  *" log "*) ${first === 'count' ? waitFor('counted') : ':'}; echo "$*" >> '${path.join(dir, 'logs')}'; git "$@"; code=$?; touch '${path.join(dir, 'logged')}'; exit $code ;;`,
        `  *" rev-list --count "*) ${first === 'log' ? waitFor('logged') : ':'}; git "$@"; code=$?; touch '${path.join(dir, 'counted')}'; exit $code ;;`,
        '  *) exec git "$@" ;;',
        'esac',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const logs = async () => (await fs.readFile(path.join(dir, 'logs'), 'utf8')).trim().split('\n');
    return { gitPath, logs };
  }

  it.each([
    ['the count answers first: the first log is stopped at the half and a second reads the rest', 'count', 2],
    ['the first log ends first: it read everything, and no second log runs', 'log', 1],
  ] as const)('reads the same commits as one git log when %s', async (_case, first, processes) => {
    const repo = path.join(tmp, 'repo');
    await branchyRepo(repo);
    const before = oneLog(repo, 'src/');
    const all = Number(git(repo, ['rev-list', '--no-merges', '--count', 'HEAD']).trim());
    for (const pathspecShare of [0, 2]) {
      const dir = path.join(tmp, `git-${pathspecShare}`);
      await fs.mkdir(dir);
      const { gitPath, logs } = await orderedGit(dir, first);
      const counts: number[] = [];
      const read = await readHistory(path.join(repo, 'src'), {
        cacheDir: null,
        splitMin: 0,
        pathspecShare,
        gitPath,
        onCommits: (n) => counts.push(n),
      });
      expect(read.history.commits).toEqual(before);
      expect(read.history.note).toMatch(/^read \d+ commits from 2022-01-01 to 2023-06-01$/);
      const ran = await logs();
      expect(ran).toHaveLength(processes);
      // The two logs may write their lines in either order: one reads from HEAD, the other skips the newer half.
      expect(ran.filter((line) => line.includes('--skip=')).sort()).toEqual(
        processes === 2 ? [expect.stringContaining(`--skip=${Math.ceil(all / 2)} `)] : [],
      );
      expect(counts.at(-1)).toBe(all);
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
    }
  });

  it('reads a commit whose names fill more than two parse batches (256 KB each) whole', async () => {
    const repo = path.join(tmp, 'wide');
    const wide = Array.from({ length: 6000 }, (_, k) => `src/m${k % 50}/${'deep/'.repeat(18)}file_${k}.py`);
    makeRepo(repo, [
      { files: ['src/m0/a.py'], author: 'Ann', time: day('2022-01-01') },
      { files: wide, author: 'Bob', time: day('2022-02-01') },
      { files: ['src/m1/b.py'], author: 'Cy', time: day('2022-03-01') },
    ]);
    const read = await readHistory(path.join(repo, 'src'), { cacheDir: null });
    expect(read.history.commits).toEqual(oneLog(repo, 'src/'));
    expect(read.history.commits.map((c) => c.files.length)).toEqual([1, 6000, 1]);
  });

  it.each([
    ['the newer half', 3, ['a5', 'a4']],
    ['the older half', 4, ['a5', 'a4', 'a3']],
  ])('stops where one git log would when old objects are missing, in %s', async (_half, back, authors) => {
    const repo = path.join(tmp, 'loose');
    await fs.mkdir(repo);
    git(repo, ['init', '-q']);
    for (let k = 0; k < 6; k++) {
      await fs.writeFile(path.join(repo, `m${k}.py`), `X = ${k}\n`);
      git(repo, ['add', '.']);
      expect(commitAs(repo, `a${k}`, `${2020 + k}-06-01T12:00:00Z`, `c${k}`).status).toBe(0);
    }
    // A tree gone: the commit that has it and the one after it (diffed against it) cannot be read, nor older ones.
    const tree = git(repo, ['rev-parse', `HEAD~${back}^{tree}`]).trim();
    await fs.rm(path.join(repo, '.git', 'objects', tree.slice(0, 2), tree.slice(2)));
    // Two git processes every time: the count answers before the first log starts.
    const ordered = await orderedGit(await fs.mkdtemp(path.join(tmp, 'git-')), 'count');
    const split = await readHistory(repo, { cacheDir: null, splitMin: 0, gitPath: ordered.gitPath });
    expect(await ordered.logs()).toHaveLength(2);
    const single = await readHistory(repo, { cacheDir: null, splitMin: Infinity });
    expect(split.history).toEqual(single.history);
    expect(split.history.commits.map((c) => c.author)).toEqual(authors);
    expect(split.history.note).toMatch(/^read [23] commits; history before 202[34]-06-01 is not available$/);
  });
});

describe('the history cache', () => {
  const planned = [
    { files: ['src/a/models.py'], author: 'Ann', time: day('2022-01-01') },
    { files: ['src/b/models.py', 'lib/x.py'], author: 'Bob', time: day('2022-02-01') },
  ];

  it('is keyed by repository and folder: a copy of the same repository (same HEAD) elsewhere reads git again', async () => {
    const cacheDir = path.join(tmp, 'cache');
    makeRepo(path.join(tmp, 'one'), planned);
    makeRepo(path.join(tmp, 'two'), planned);
    const one = await readHistory(path.join(tmp, 'one'), { cacheDir });
    const two = await readHistory(path.join(tmp, 'two'), { cacheDir });
    expect(two.repository!.head).toBe(one.repository!.head);
    expect(two.cached).toBe(false);
    const src = await readHistory(path.join(tmp, 'one', 'src'), { cacheDir });
    expect(src.cached).toBe(false);
    expect(src.history.commits).toHaveLength(2);
    const lib = await readHistory(path.join(tmp, 'one', 'lib'), { cacheDir });
    expect(lib.history.commits.map((c) => c.files)).toEqual([['x.py']]);
    expect((await fs.readdir(cacheDir)).sort()).toEqual(
      [
        historyCacheFile(cacheDir, path.join(tmp, 'one'), '', one.repository!.head),
        historyCacheFile(cacheDir, path.join(tmp, 'two'), '', one.repository!.head),
        historyCacheFile(cacheDir, path.join(tmp, 'one'), 'src/', one.repository!.head),
        historyCacheFile(cacheDir, path.join(tmp, 'one'), 'lib/', one.repository!.head),
      ]
        .map((file) => path.basename(file))
        .sort(),
    );
    expect((await readHistory(path.join(tmp, 'two'), { cacheDir })).cached).toBe(true);
  });

  it('survives the process: a read written by another process is read back for the same HEAD', async () => {
    const repo = path.join(tmp, 'repo');
    makeRepo(repo, planned);
    const cacheDir = path.join(tmp, 'cache');
    const script = path.join(tmp, 'read.ts');
    await fs.writeFile(
      script,
      `import { readHistory } from ${JSON.stringify(path.resolve(__dirname, '../../main/services/history/readHistory.ts'))};\n` +
        `readHistory(process.argv[2], { cacheDir: process.argv[3] }).then((r) => console.log(JSON.stringify({ cached: r.cached, n: r.history.commits.length })));\n`,
    );
    const tsx = path.resolve(__dirname, '../../node_modules/.bin/tsx');
    const child = spawnSync(tsx, [script, repo, cacheDir], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ cached: false, n: 2 });
    const here = await readHistory(repo, { cacheDir });
    expect(here.cached).toBe(true);
    expect(here.history.commits).toHaveLength(2);
  });

  it('keeps the last reads of a folder and forgets older HEADs beyond them', async () => {
    const repo = path.join(tmp, 'repo');
    makeRepo(repo, planned);
    const cacheDir = path.join(tmp, 'cache');
    const heads: string[] = [];
    for (let k = 0; k < CACHE_KEEP + 2; k++) {
      await fs.writeFile(path.join(repo, 'src', 'a', 'models.py'), `X = ${k}\n`);
      git(repo, ['add', '.']);
      expect(commitAs(repo, 'Gil', `2023-01-0${k + 1}T10:00:00Z`, `c${k}`).status).toBe(0);
      const read = await readHistory(repo, { cacheDir });
      expect(read.cached).toBe(false);
      heads.push(read.repository!.head);
      // The files' times order the reads: make each one older than the next whatever the clock's resolution.
      const when = new Date(Date.UTC(2020, 0, 1 + k));
      await fs.utimes(historyCacheFile(cacheDir, repo, '', read.repository!.head), when, when);
    }
    expect((await fs.readdir(cacheDir)).sort()).toEqual(
      heads
        .slice(-CACHE_KEEP)
        .map((head) => path.basename(historyCacheFile(cacheDir, repo, '', head)))
        .sort(),
    );
  });
});
