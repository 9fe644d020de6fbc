import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readHistory } from '../../main/services/history/readHistory';
import { day, git, makeRepo } from './historyRepo';

// Reading the history of the repository that holds an imported folder, with real git repositories made in temp
// folders: paths relative to the folder, dates and authors, the cache per HEAD, and never a failure.

let tmp: string;
beforeEach(async () => {
  tmp = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'carve-history-')));
});
afterEach(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

const planned = [
  { files: ['src/shop/orders/models.py', 'README.md'], author: 'Ann Lee', time: day('2021-03-01') },
  { files: ['src/shop/orders/views.py', 'src/shop/payments/api.py'], author: 'Bob', time: day('2022-05-10') },
  { files: ['docs/index.md'], author: 'Cy', time: day('2023-01-01') },
  { files: ['src/shop/weird name é.py'], author: 'Dee', time: day('2024-07-04') },
];

describe('readHistory', () => {
  it('reads the commits that touch the folder, paths relative to it, with authors and dates, and says how many', async () => {
    const repo = path.join(tmp, 'repo');
    makeRepo(repo, planned);
    const read = await readHistory(path.join(repo, 'src'), { cacheDir: path.join(tmp, 'cache') });
    expect(read.cached).toBe(false);
    expect(read.repository).toMatchObject({ root: repo, prefix: 'src/' });
    expect(read.history.note).toBe('read 3 commits from 2021-03-01 to 2024-07-04');
    const byTime = [...read.history.commits].sort((a, b) => a.time - b.time);
    expect(byTime.map((c) => [c.author, c.time, c.files.sort()])).toEqual([
      ['Ann Lee', day('2021-03-01'), ['shop/orders/models.py']],
      ['Bob', day('2022-05-10'), ['shop/orders/views.py', 'shop/payments/api.py']],
      ['Dee', day('2024-07-04'), ['shop/weird name é.py']],
    ]);
  });

  it('caches the read per repository and HEAD, and reads again after a new commit', async () => {
    const repo = path.join(tmp, 'repo');
    makeRepo(repo, planned);
    const cacheDir = path.join(tmp, 'cache');
    const first = await readHistory(repo, { cacheDir });
    const second = await readHistory(repo, { cacheDir });
    expect(second.cached).toBe(true);
    expect(second.history).toEqual(first.history);
    expect(await fs.readdir(cacheDir)).toEqual([expect.stringMatching(new RegExp(`-${first.repository!.head}\\.json$`))]);
    await fs.writeFile(path.join(repo, 'src', 'new.py'), 'X = 1\n');
    git(repo, ['add', '.']);
    git(repo, ['-c', 'user.name=Eve', '-c', 'user.email=e@example.com', 'commit', '-q', '-m', 'new']);
    const third = await readHistory(repo, { cacheDir });
    expect(third.cached).toBe(false);
    expect(third.history.commits).toHaveLength(5);
  });

  it('says there is no history, without failing, for a folder outside git, an empty repository or no git at all', async () => {
    const plain = path.join(tmp, 'plain');
    await fs.mkdir(plain);
    expect((await readHistory(plain, { cacheDir: null })).history).toEqual({
      commits: [],
      note: 'the folder is not in a git repository: no history read',
    });
    git(plain, ['init', '-q']);
    expect((await readHistory(plain, { cacheDir: null })).history.note).toBe('the repository has no commits yet: no history read');
    const missing = await readHistory(plain, { cacheDir: null, gitPath: path.join(tmp, 'no-such-git') });
    expect(missing.history).toEqual({ commits: [], note: 'git was not found on this machine: no history read' });
  });

  it('reads what a shallow clone holds and says the history before it is not available', async () => {
    const repo = path.join(tmp, 'repo');
    makeRepo(repo, planned);
    const shallow = path.join(tmp, 'shallow');
    const clone = spawnSync('git', ['clone', '-q', '--depth', '2', `file://${repo}`, shallow], { encoding: 'utf8' });
    expect(clone.status).toBe(0);
    const read = await readHistory(shallow, { cacheDir: null });
    // Depth 2: the last two commits (docs/index.md and the file with a space), both under the root read here.
    expect(read.history.commits.map((c) => c.author).sort()).toEqual(['Cy', 'Dee']);
    expect(read.history.note).toBe('read 2 commits; history before 2023-01-01 is not available');
  });

  it('uses the commits it could read when old objects are missing, and says so', async () => {
    const repo = path.join(tmp, 'loose');
    await fs.mkdir(repo);
    git(repo, ['init', '-q']);
    for (const [k, who] of ['Ann', 'Bob', 'Cy'].entries()) {
      await fs.writeFile(path.join(repo, `m${k}.py`), `X = ${k}\n`);
      git(repo, ['add', '.']);
      spawnSync('git', ['-c', `user.name=${who}`, '-c', 'user.email=x@example.com', 'commit', '-q', '-m', `c${k}`], {
        cwd: repo,
        env: { ...process.env, GIT_AUTHOR_DATE: `${2020 + k}-06-01T12:00:00Z`, GIT_COMMITTER_DATE: `${2020 + k}-06-01T12:00:00Z` },
      });
    }
    const first = git(repo, ['rev-list', '--max-parents=0', 'HEAD']).trim();
    await fs.rm(path.join(repo, '.git', 'objects', first.slice(0, 2), first.slice(2)));
    const read = await readHistory(repo, { cacheDir: null });
    expect(read.history.commits.length).toBeGreaterThan(0);
    expect(read.history.commits.length).toBeLessThan(3);
    expect(read.history.note).toMatch(/^read [12] commits?; history before 202[12]-06-01 is not available$/);
  });
});
