import { describe, expect, it } from 'vitest';
import { assignmentOf, backtest, defaultCutoff, groupSizes, randomBacktest } from '../../shared/boundaries/backtest';
import { clusterToTarget, type WeightedEdge } from '../../shared/boundaries/cluster';
import { coChange, commitsByModule, ownership, pairKey, parseDay, type ModuleCommit } from '../../shared/boundaries/history';
import { domainNames } from '../../shared/boundaries/names';
import { proposeBoundaries } from '../../shared/boundaries/propose';
import { refineGroups } from '../../shared/boundaries/refine';
import { PLANTED_GROUPS, plantedCommits, projectOf } from './boundariesFixture';

// The pure parts of boundaries from evidence (issue 9): files to modules, co-change, ownership, the backtest,
// clustering to a target and the proposal with its figures.

const at = (modules: string[], time = 0, author = 'ann'): ModuleCommit => ({ time, author, modules });

describe('commitsByModule', () => {
  it('maps each file to the module whose path is its longest prefix and drops files and commits of no module', () => {
    const project = projectOf([
      { id: 'shop', path: 'shop' },
      { id: 'shop-orders', name: 'shop.orders', path: 'shop/orders' },
      { id: 'tool', path: 'tools/tool.py' },
    ]);
    const commits = commitsByModule(project, [
      { sha: 'a', time: 1, author: 'Ann', files: ['shop/orders/models.py', 'shop/views.py', 'docs/x.md'] },
      { sha: 'b', time: 2, author: 'Bob', files: ['README.md', 'shopping/x.py'] },
      { sha: 'c', time: 3, author: 'Bob', files: ['tools/tool.py', 'shop/orders/sub/deep.py'] },
    ]);
    expect(commits).toEqual([
      { time: 1, author: 'Ann', modules: ['shop', 'shop-orders'] },
      { time: 3, author: 'Bob', modules: ['shop-orders', 'tool'] },
    ]);
  });
});

describe('coChange and ownership', () => {
  it('adds 1/(n-1) per pair for a commit of n modules and leaves out commits over the limit', () => {
    const weights = coChange([at(['a', 'b']), at(['a', 'b', 'c']), at(['a']), at(['a', 'b', 'c', 'd'])], { maxModules: 3 });
    expect(weights.get(pairKey('a', 'b'))).toBeCloseTo(1.5, 12);
    expect(weights.get(pairKey('c', 'a'))).toBeCloseTo(0.5, 12);
    expect(weights.get(pairKey('b', 'c'))).toBeCloseTo(0.5, 12);
    expect(weights.has(pairKey('a', 'd'))).toBe(false);
  });

  it('halves the weight of a commit one half-life older than the time it counts back from', () => {
    const year = 365 * 86_400;
    const weights = coChange([at(['a', 'b'], 10 * year), at(['a', 'b'], 9 * year), at(['a', 'b'], 8 * year)], {
      halfLife: year,
      asOf: 10 * year,
    });
    expect(weights.get(pairKey('a', 'b'))).toBeCloseTo(1 + 0.5 + 0.25, 12);
  });

  it('names the top authors of each module with their share of its commits', () => {
    const owners = ownership([at(['a'], 0, 'ann'), at(['a', 'b'], 0, 'bob'), at(['a'], 0, 'ann'), at(['b'], 0, 'cy')], 2);
    expect(owners[0]).toEqual({
      moduleId: 'a',
      commits: 3,
      authors: [
        { author: 'ann', commits: 2, share: 2 / 3 },
        { author: 'bob', commits: 1, share: 1 / 3 },
      ],
    });
    expect(owners[1]!.authors.map((a) => a.author)).toEqual(['bob', 'cy']);
  });

  it('reads YYYY-MM-DD days and refuses anything else', () => {
    expect(parseDay('2024-02-29')).toBe(Date.UTC(2024, 1, 29) / 1000);
    expect(parseDay('2023-02-29')).toBeNull();
    expect(parseDay('2024-2-1')).toBeNull();
  });
});

describe('backtest', () => {
  // Hand-checked: services S1 = {a, b}, S2 = {c}; d stays in the monolith. Of the five commits touching a
  // module, a+c (S1, S2) and c+d (S2, monolith) cross: 2/5. Every module its own service: a+b, a+c, c+d: 3/5.
  const project = projectOf(
    [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }],
    [],
    [
      { id: 's1', name: 'S1', moduleIds: ['a', 'b'] },
      { id: 's2', name: 'S2', moduleIds: ['c'] },
    ],
  );
  const after = [at(['a', 'b']), at(['a', 'c']), at(['d']), at(['c', 'd']), at(['b']), at([])];

  it('counts the commits touching more than one service, the monolith counting as one', () => {
    expect(backtest(after, assignmentOf(project))).toEqual({ commits: 5, crossing: 2, share: 0.4 });
    expect(backtest(after, new Map(['a', 'b', 'c', 'd'].map((id) => [id, id])))).toEqual({ commits: 5, crossing: 3, share: 0.6 });
    expect(backtest(after, new Map())).toEqual({ commits: 5, crossing: 0, share: 0 });
  });

  it('draws random partitions of the same sizes, repeatably for a seed', () => {
    const ids = ['a', 'b', 'c', 'd'];
    expect(groupSizes(ids, assignmentOf(project))).toEqual([2, 1, 1]);
    const first = randomBacktest(after, ids, [2, 1, 1], 50, 7);
    expect(randomBacktest(after, ids, [2, 1, 1], 50, 7)).toBe(first);
    expect(first).toBeGreaterThan(0.4);
    expect(randomBacktest(after, ids, [4], 10, 7)).toBe(0);
  });

  it('cuts one year before the last commit by default', () => {
    expect(defaultCutoff([at(['a'], Date.UTC(2024, 5, 1) / 1000), at(['a'], Date.UTC(2026, 2, 15) / 1000)])).toBe(
      Date.UTC(2025, 2, 15) / 1000,
    );
    expect(defaultCutoff([])).toBeNull();
  });
});

/** Planted groups: dense inside, a few weak edges between; m9 has none. */
function plantedEdges(): WeightedEdge[] {
  const groups = [
    ['m0', 'm1', 'm2'],
    ['m3', 'm4', 'm5'],
    ['m6', 'm7', 'm8'],
  ];
  const edges: WeightedEdge[] = [];
  for (const g of groups)
    for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) edges.push({ a: g[i]!, b: g[j]!, weight: 5 });
  edges.push({ a: 'm2', b: 'm3', weight: 1 }, { a: 'm5', b: 'm6', weight: 1 });
  return edges;
}

describe('clusterToTarget', () => {
  const nodes = Array.from({ length: 10 }, (_, k) => `m${k}`);

  it('recovers planted groups at their number, and leaves modules with no edge in the monolith', () => {
    const result = clusterToTarget(nodes, plantedEdges(), 3);
    expect(result.groups.map((g) => g.join(',')).sort()).toEqual(['m0,m1,m2', 'm3,m4,m5', 'm6,m7,m8']);
    expect(result.monolith).toEqual(['m9']);
  });

  it('gives exactly the number asked for when the edges allow it, merging the weakest ties first', () => {
    expect(clusterToTarget(nodes, plantedEdges(), 2).groups).toHaveLength(2);
    expect(clusterToTarget(nodes, plantedEdges(), 6).groups).toHaveLength(6);
    expect(clusterToTarget(nodes, plantedEdges(), 1).groups).toEqual([['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8']]);
  });
});

describe('proposeBoundaries', () => {
  const names = [
    'shop.catalogue',
    'shop.catalogue.reviews',
    'shop.dashboard.catalogue',
    'shop.orders',
    'shop.orders.payment',
    'shop.dashboard.orders',
    'shop.users',
    'shop.users.auth',
    'shop.dashboard.users',
    'shop.lonely',
  ];
  const project = projectOf(names.map((name, k) => ({ id: `m${k}`, name, path: name.replaceAll('.', '/') })));

  it('names a service from its dominant domain, never "Shop" or "Dashboard"', () => {
    expect(
      domainNames(project.monolith.modules, [
        ['m0', 'm1', 'm2'],
        ['m3', 'm4', 'm5'],
        ['m6', 'm7', 'm8'],
      ]),
    ).toEqual(['Catalogue', 'Orders', 'Users']);
  });

  it('learns co-change before the cut-off, recovers the planted groups and backtests after it below chance', () => {
    const [groups, commits] = [PLANTED_GROUPS, plantedCommits()];
    const report = proposeBoundaries(project, commits, { targets: [3], cutoff: 5000 });
    expect(report.commitsBefore).toBe(200);
    expect(report.commitsAfter).toBe(102);
    const [three] = report.alternatives;
    expect(three!.services.map((s) => s.moduleIds.join(',')).sort()).toEqual(groups.map((g) => g.join(',')));
    expect(three!.services.map((s) => s.name).sort()).toEqual(['Catalogue', 'Orders', 'Users']);
    expect(three!.monolithModules).toBe(1);
    expect(three!.backtest).toEqual({ commits: 102, crossing: 2, share: 2 / 102 });
    expect(three!.randomMedian!).toBeGreaterThan(0.3);
    expect(three!.services[0]!.owners).toEqual([{ author: 'ann', share: 1 }]);
  });

  it('without history proposes from the static graph and backtests nothing', () => {
    const report = proposeBoundaries(project, [], { targets: [3], cutoff: null });
    expect(report.cutoff).toBeNull();
    expect(report.alternatives[0]!.backtest).toBeNull();
    expect(report.alternatives[0]!.services).toEqual([]);
    expect(report.alternatives[0]!.monolithModules).toBe(10);
  });
});

describe('refineGroups', () => {
  it('moves a module to the service it changes with when that lowers the crossing commits, within the cap', () => {
    // c changes with a and b in every commit but was clustered with d and e: moving it saves 3 crossings.
    const training = [at(['a', 'c']), at(['b', 'c']), at(['a', 'b', 'c']), at(['d', 'e']), at(['d'])];
    expect(
      refineGroups(
        [
          ['a', 'b'],
          ['c', 'd', 'e'],
        ],
        training,
      ),
    ).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
    expect(
      refineGroups(
        [
          ['a', 'b'],
          ['c', 'd', 'e'],
        ],
        training,
        { cap: 2 },
      ),
    ).toEqual([
      ['a', 'b'],
      ['c', 'd', 'e'],
    ]);
  });

  it('never empties a service, and leaves alone a module whose move would add crossings', () => {
    expect(refineGroups([['a'], ['b']], [at(['a', 'b']), at(['a', 'b'])])).toEqual([['a'], ['b']]);
    // y changing alone 3 times stays (moving it would make 3 commits cross to save 1); x joins it instead.
    const training = [at(['x', 'y']), at(['y']), at(['y']), at(['y'])];
    expect(
      refineGroups(
        [
          ['x', 'z'],
          ['y', 'w'],
        ],
        training,
      ),
    ).toEqual([['z'], ['w', 'x', 'y']]);
  });
});
