import { describe, expect, it } from 'vitest';
import { expectedRandomShare, randomBacktest } from '../../shared/boundaries/backtest';
import type { ModuleCommit } from '../../shared/boundaries/history';
import { proposeBoundaries } from '../../shared/boundaries/propose';
import { mergeOnCommits, refineGroups } from '../../shared/boundaries/refine';
import { mulberry32 } from '../../shared/random';
import { projectOf } from './boundariesFixture';

// Issue 9, third slice: merging on the training commits, the balance of the proposal, and the variant chosen by
// the inner backtest.

const at = (modules: string[], time = 0): ModuleCommit => ({ time, author: 'ann', modules: [...modules].sort() });

describe('expectedRandomShare', () => {
  it('is the exact chance of crossing random groups of these sizes, and what random partitions give on average', () => {
    // Hand-checked: 4 modules in groups of 2 and 2. A commit of one module never crosses; of two, it stays in one
    // group with chance 2 x C(2,2) / C(4,2) = 1/3; of three, never. (0 + 2/3 + 1) / 3 = 5/9.
    const ids = ['a', 'b', 'c', 'd'];
    const commits = [at(['a']), at(['a', 'b']), at(['b', 'c', 'd']), at([])];
    expect(expectedRandomShare(commits, 4, [2, 2])).toBeCloseTo(5 / 9, 12);
    expect(expectedRandomShare(commits, 4, [4])).toBe(0);
    expect(expectedRandomShare([], 4, [2, 2])).toBe(0);
    // A commit touching more modules than the partition holds (ids outside it: pinned or left) crosses: one of five
    // against a single group of four.
    expect(expectedRandomShare([at(['a', 'b', 'c', 'd', 'e'])], 4, [4])).toBe(1);
    // Against 400 seeded random partitions of the same sizes: the median of crossing shares sits by the mean.
    const random = mulberry32(2);
    const wide = Array.from({ length: 300 }, () => at([...new Set([0, 1, 2].map(() => ids[Math.floor(random() * 4)]!))]));
    expect(Math.abs(randomBacktest(wide, ids, [2, 2], 400, 1) - expectedRandomShare(wide, 4, [2, 2]))).toBeLessThan(0.05);
  });
});

describe('mergeOnCommits', () => {
  // Hand-checked: a+b alone 3 commits, c+d alone 2, b+c alone 1, a+b+c 1 (three groups: saves nothing yet).
  const commits = [
    ...Array.from({ length: 3 }, () => at(['a', 'b'])),
    at(['c', 'd']),
    at(['c', 'd']),
    at(['b', 'c']),
    at(['a', 'b', 'c']),
    at(['e']),
  ];
  const singles = ['a', 'b', 'c', 'd', 'e'].map((id) => [id]);

  it('merges first the pair that most commits touch alone, up to the target', () => {
    expect(mergeOnCommits(singles, commits, 3, { cap: 2 })).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('never passes the cap and never joins modules kept apart; stops when no pair shares a commit', () => {
    // cap 2: after a+b and c+d nothing more fits, so 3 groups remain though 1 was asked for.
    expect(mergeOnCommits(singles, commits, 1, { cap: 2 })).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    // cap 4: a+b then c+d then (a+b)+(c+d) through b+c and a+b+c; e shares no commit and stays apart.
    expect(mergeOnCommits(singles, commits, 1, { cap: 4 })).toEqual([['a', 'b', 'c', 'd'], ['e']]);
    const apart = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['a'])],
    ]);
    const kept = mergeOnCommits(singles, commits, 3, { cap: 2, apart });
    expect(kept.find((g) => g.includes('a'))).not.toContain('b');
  });
});

describe('refineGroups and the cap', () => {
  it('says when the cap turned down a move, so that a larger cap is known to change nothing only when it did not', () => {
    const commits = Array.from({ length: 5 }, () => at(['b', 'c']));
    const groups = [
      ['a', 'b'],
      ['c', 'd'],
    ];
    let capped = 0;
    expect(refineGroups(groups, commits, { cap: 2, onCapped: () => capped++ })).toEqual(groups);
    expect(capped).toBeGreaterThan(0);
    capped = 0;
    const moved = refineGroups(groups, commits, { cap: 3, onCapped: () => capped++ });
    expect(moved.find((g) => g.includes('b'))).toContain('c');
    expect(capped).toBe(0);
  });
});

describe('refineGroups and commits of one module', () => {
  it('never counts a commit of one module against a move: it crosses nothing wherever the module goes', () => {
    // b+c 3 times, b alone 5 times, c+d 4 times (so c stays): moving b saves 3 and makes nothing cross.
    const times = (n: number, modules: string[]) => Array.from({ length: n }, () => at(modules));
    const commits = [...times(3, ['b', 'c']), ...times(5, ['b']), ...times(4, ['c', 'd'])];
    const moved = refineGroups(
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
      commits,
      { cap: 3 },
    );
    expect(moved.find((g) => g.includes('b'))).toContain('c');
  });
});

describe('balance', () => {
  // Twelve modules: ten that all change with one another (every commit two of them at random) and two that
  // change alone. Alone, the evidence says one service of ten: the monolith renamed.
  const ids = Array.from({ length: 12 }, (_, k) => `m${String(k).padStart(2, '0')}`);
  const project = projectOf(ids.map((id) => ({ id, name: `shop.${id}` })));
  const random = mulberry32(11);
  const commits: ModuleCommit[] = [];
  for (let k = 0; k < 400; k++) {
    const x = Math.floor(random() * 10);
    const y = (x + 1 + Math.floor(random() * 9)) % 10;
    commits.push(at([ids[x]!, ids[y]!], 1000 + k));
  }
  commits.push(at([ids[10]!], 2000), at([ids[11]!], 2001), at([ids[10]!, ids[0]!], 2002), at([ids[11]!, ids[5]!], 2003));

  it('holds every service to half the modules by default, and says so when asked for none', () => {
    const largest = (maxShare?: number) =>
      Math.max(
        ...proposeBoundaries(project, commits, {
          targets: [3],
          ...(maxShare === undefined ? {} : { maxShare }),
        }).alternatives[0]!.services.map((s) => s.moduleIds.length),
      );
    expect(largest()).toBeLessThanOrEqual(6);
    expect(largest(1)).toBeGreaterThan(6);
  });
});
