import { describe, expect, it } from 'vitest';
import { backtest, randomBacktest } from '../../shared/boundaries/backtest';
import { coChange, commitsByModule, type HistoryCommit, type ModuleCommit } from '../../shared/boundaries/history';
import { createProject } from '../../shared/model/create';
import type { Project } from '../../shared/model/project';
import { mulberry32 } from '../../shared/random';

// The history's figures are computed faster for suggest's speed target (issue 9: indices instead of texts and
// maps), and must stay exactly what the plain way gives: each is checked here against that plain way, written
// out as it was, on seeded random histories with odd cases (modules of no id, repeated ids, sweeping commits).

const id = (k: number) => `m${String(k).padStart(3, '0')}`;

/** Seeded commits over `modules` module ids, each touching 0-6 of them, some of them ids no module has. */
function randomCommits(seed: number, modules: number, count: number): ModuleCommit[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, c) => {
    const touched = new Set<string>();
    const n = Math.floor(random() * 7);
    for (let k = 0; k < n; k++) touched.add(random() < 0.1 ? `gone${Math.floor(random() * 3)}` : id(Math.floor(random() * modules)));
    return { time: 1_600_000_000 + c * 3600, author: `dev${c % 5}`, modules: [...touched].sort() };
  });
}

/** randomBacktest as it was: each partition an owner map, each commit looked up in it by `backtest`. */
function plainRandomBacktest(
  commits: readonly ModuleCommit[],
  moduleIds: readonly string[],
  sizes: readonly number[],
  runs: number,
  seed: number,
) {
  const random = mulberry32(seed);
  const ids = [...moduleIds].sort();
  const shares: number[] = [];
  for (let run = 0; run < runs; run++) {
    for (let i = ids.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    }
    const owner = new Map<string, string>();
    let at = 0;
    sizes.forEach((size, k) => {
      for (let n = 0; n < size && at < ids.length; n++) owner.set(ids[at++]!, String(k));
    });
    shares.push(backtest(commits, owner).share);
  }
  const sorted = [...shares].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0 ? 0 : sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** coChange as it was: each pair of each commit keyed by its text. */
function plainCoChange(commits: readonly ModuleCommit[], maxModules: number, halfLife?: number, asOf?: number) {
  const weights = new Map<string, number>();
  for (const { modules, time } of commits) {
    const n = modules.length;
    if (n < 2 || n > maxModules) continue;
    const w = (halfLife === undefined || asOf === undefined ? 1 : 2 ** (-(asOf - time) / halfLife)) / (n - 1);
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        const key = `${modules[i]}\u0000${modules[j]}`;
        weights.set(key, (weights.get(key) ?? 0) + w);
      }
  }
  return weights;
}

describe('the history figures computed for speed', () => {
  it('give the random partitions the same median share as a map per partition, to the last bit', () => {
    for (const seed of [1, 2, 3]) {
      const commits = randomCommits(seed, 60, 800);
      // Ids repeated, and ids beyond the sizes (left in the monolith), as well as modules of no id in the commits.
      const ids = [...Array.from({ length: 60 }, (_, k) => id(k)), id(5), id(7)];
      for (const [sizes, runs] of [
        [[20, 20, 10], 50],
        [[30, 12, 12, 3, 3], 51],
        [[62], 7],
        [[5], 10],
      ] as const) {
        const fast = randomBacktest(commits, ids, sizes, runs, seed);
        expect(fast).toBe(plainRandomBacktest(commits, ids, sizes, runs, seed));
      }
    }
    expect(randomBacktest([], [id(0), id(1)], [1, 1])).toBe(0);
    // The figure moves with the partition: a different seed gives another median on the same commits.
    const commits = randomCommits(4, 60, 800);
    const ids = Array.from({ length: 60 }, (_, k) => id(k));
    expect(new Set([1, 2, 3, 4, 5].map((seed) => randomBacktest(commits, ids, [20, 20, 20], 9, seed))).size).toBeGreaterThan(1);
  });

  it('sum co-change into the same pairs, in the order they first appear, with the same sums', () => {
    const commits = [...randomCommits(5, 40, 1500), { time: 1_600_000_000, author: 'x', modules: ['b', 'a', 'a'] }];
    const asOf = 1_600_000_000 + 1500 * 3600;
    for (const [maxModules, halfLife] of [
      [30, undefined],
      [4, 86_400 * 20],
      [2, 86_400],
    ] as const) {
      const fast = coChange(commits, { maxModules, ...(halfLife === undefined ? {} : { halfLife, asOf }) });
      expect([...fast]).toEqual([...plainCoChange(commits, maxModules, halfLife, asOf)]);
      expect(fast.size).toBeGreaterThan(0);
    }
  });

  it('map each file to its module once, as a lookup per file would', () => {
    const base = createProject('Files');
    const project: Project = {
      ...base,
      monolith: {
        ...base.monolith,
        modules: [
          { id: 'shop', name: 'shop', path: 'shop/', linesOfCode: 10 },
          { id: 'orders', name: 'orders', path: 'shop/orders', linesOfCode: 10 },
          { id: 'api', name: 'api', path: 'api.py', linesOfCode: 10 },
          { id: 'root', name: 'root', path: '', linesOfCode: 10 },
        ],
      },
    } as Project;
    const files = ['shop/a.py', 'shop/orders/b.py', 'shop/orders', 'api.py', 'api.pyc', 'docs/x.md', 'shopping/c.py', 'README'];
    const random = mulberry32(6);
    const commits: HistoryCommit[] = Array.from({ length: 300 }, (_, c) => ({
      sha: String(c),
      time: c,
      author: `dev${c % 3}`,
      files: Array.from({ length: Math.floor(random() * 5) }, () => files[Math.floor(random() * files.length)]!),
    }));
    const plain = (list: readonly string[]) => {
      const touched = new Set<string>();
      for (const file of list) {
        const owner =
          file.startsWith('shop/orders/') || file === 'shop/orders'
            ? 'orders'
            : file.startsWith('shop/')
              ? 'shop'
              : file === 'api.py'
                ? 'api'
                : null;
        if (owner !== null) touched.add(owner);
      }
      return [...touched].sort();
    };
    const expected = commits.map((c) => ({ time: c.time, author: c.author, modules: plain(c.files) })).filter((c) => c.modules.length > 0);
    expect(commitsByModule(project, commits)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(100);
  });
});
