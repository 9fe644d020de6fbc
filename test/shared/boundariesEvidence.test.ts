import { describe, expect, it } from 'vitest';
import { assignmentOfGroups } from '../../shared/boundaries/backtest';
import { clusterToTarget, type WeightedEdge } from '../../shared/boundaries/cluster';
import { contradiction, isTestModule, scopeOf } from '../../shared/boundaries/constraints';
import { explainServices } from '../../shared/boundaries/explain';
import type { ModuleCommit } from '../../shared/boundaries/history';
import { domainNames } from '../../shared/boundaries/names';
import { proposeBoundaries, VARIANTS } from '../../shared/boundaries/propose';
import type { Project } from '../../shared/model/project';
import { mulberry32 } from '../../shared/random';
import { PLANTED_GROUPS, plantedCommits, projectOf } from './boundariesFixture';

// Issue 9, second slice: names from the dominant domain, explanations with counts, no service of a few lines or
// of tests, the architect's constraints, and the one-per-app baseline.

const at = (modules: string[], time = 0, author = 'ann'): ModuleCommit => ({ time, author, modules: [...modules].sort() });

describe('domainNames', () => {
  /** Modules as carve import-python gives them: id, dotted name, lines. */
  const modulesOf = (specs: Array<[string, string, number]>) =>
    projectOf(specs.map(([id, name, lines]) => ({ id, name, lines }))).monolith.modules;

  it('names services as the corpus would want them: the domain, not the layer or the root package', () => {
    // Module names and sizes as carve import-python gives them for CTFd and django-oscar.
    const ctfd = modulesOf([
      ['u', 'CTFd.utils', 4520],
      ['t', 'CTFd.teams', 1516],
      ['s', 'CTFd.users', 1131],
      ['a', 'CTFd.api', 309],
      ['c', 'CTFd.challenges', 1364],
      ['h', 'CTFd.hints', 237],
    ]);
    // utils is a layer word; users holds under a quarter of the first group's lines, so it is not named.
    expect(
      domainNames(ctfd, [
        ['u', 't', 's'],
        ['a', 'c', 'h'],
      ]),
    ).toEqual(['Teams', 'Challenges']);
    const oscar = modulesOf([
      ['root', 'oscar', 3210],
      ['cat', 'oscar.apps.catalogue', 4720],
      ['rev', 'oscar.apps.catalogue.reviews', 640],
      ['dcat', 'oscar.apps.dashboard.catalogue', 300],
      ['bas', 'oscar.apps.basket', 2214],
      ['chk', 'oscar.apps.checkout', 1574],
      ['ord', 'oscar.apps.order', 2773],
    ]);
    const names = domainNames(oscar, [['cat', 'rev', 'dcat'], ['bas', 'chk', 'ord'], ['root']]);
    expect(names[0]).toBe('Catalogue');
    expect(names[1]).toBe('Order & Basket');
    for (const name of names) expect(name).not.toMatch(/\+\d|^Apps|^Dashboard/);
  });

  it('never names a service after a layer or an API version when it holds a domain module', () => {
    // CTFd's service at 8 services (sizes as imported): CTFd.utils holds 64% of its lines, yet auth names it.
    const ctfd = modulesOf([
      ['root', 'CTFd', 245],
      ['auth', 'CTFd.auth', 653],
      ['cache', 'CTFd.cache', 213],
      ['constants', 'CTFd.constants', 451],
      ['utils', 'CTFd.utils', 4520],
      ['views', 'CTFd.views', 461],
      ['scoreboard', 'CTFd.scoreboard', 120],
      ['teams', 'CTFd.teams', 1516],
      ['common', 'CTFd.common', 3000],
      ['lib', 'CTFd.lib', 3000],
    ]);
    expect(domainNames(ctfd, [['root', 'auth', 'cache', 'constants', 'utils', 'views', 'scoreboard'], ['teams']])).toEqual([
      'Auth',
      'Teams',
    ]);
    // Layers alone (utils, common, lib, core, helpers): the layer names it, never the root package.
    expect(domainNames(ctfd, [['utils', 'common', 'lib']])[0]).toMatch(/^(Utils|Common|Lib)/);
    // wagtail.api.v3 with wagtail.locales: Locales, not "V3" or "Api".
    const wagtail = modulesOf([
      ['v3', 'wagtail.api.v3', 2756],
      ['v2', 'wagtail.api.v2', 1418],
      ['loc', 'wagtail.locales', 302],
      ['sites', 'wagtail.sites', 104],
      ['img', 'wagtail.images', 4833],
    ]);
    // An API version alone says whose version it is (readthedocs.api.v3 was named "V3").
    expect(domainNames(wagtail, [['v3', 'loc', 'sites'], ['v2'], ['img']])).toEqual(['Locales', 'Api v2', 'Images']);
  });

  it('never gives one name twice, and keeps clear of the names of pinned services', () => {
    const modules = projectOf([
      { id: 'a', name: 'shop.orders' },
      { id: 'b', name: 'shop.orders.refunds' },
    ]).monolith.modules;
    const names = domainNames(modules, [['a'], ['b']], ['Orders']);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(2);
    expect(names).not.toContain('Orders');
  });

  it('names a module whose dotted name has no word from its path, never "New service"', () => {
    // saleor's import made a module "_" of .semgrep/security/requests; at 12 services it was "New service".
    const modules = projectOf([
      { id: 'item', name: '_', path: '.semgrep/security/requests', lines: 272 },
      { id: 'tax', name: 'saleor.tax' },
      { id: 'order', name: 'saleor.order' },
      { id: 'product', name: 'saleor.product' },
      { id: 'odd', name: '__', path: '__' },
      // A module of one file keeps the file's path: named from the file, not its extension.
      { id: 'hook', name: '_', path: 'hooks/_/pre_commit.py', lines: 40 },
    ]).monolith.modules;
    expect(domainNames(modules, [['tax'], ['item'], ['odd'], ['hook']])).toEqual(['Tax', 'Requests', 'Service', 'Pre commit']);
    expect(domainNames(modules, [['tax', 'item']])).toEqual(['Tax']);
  });
});

describe('explainServices', () => {
  // Hand-checked: S = {a, b}, T = {c}, d in the monolith. Inside S: a->b import weight 2, a->b data weight 1;
  // commits touching a and b: 2. Between S and T: b->c import 1, one commit (b, c). S and the monolith: no tie.
  const project = projectOf(
    [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }],
    [
      { from: 'a', to: 'b', weight: 2 },
      { from: 'a', to: 'b', kind: 'data' },
      { from: 'b', to: 'c' },
    ],
  );
  const commits = [at(['a', 'b'], 0, 'ann'), at(['a', 'b'], 0, 'bob'), at(['b', 'c'], 0, 'ann'), at(['a'], 0, 'cy'), at(['d'])];
  const edges: WeightedEdge[] = [
    { a: 'a', b: 'b', weight: 5 },
    { a: 'b', b: 'c', weight: 2 },
  ];
  const [s, t] = explainServices(
    project,
    [
      { id: 's', name: 'Sales', moduleIds: ['a', 'b'] },
      { id: 't', name: 'Tax', moduleIds: ['c'] },
    ],
    commits,
    edges,
  );

  it('counts the imports, foreign keys, commits and shared owners inside a service', () => {
    expect(s!.inside).toEqual({ imports: 2, foreignKeys: 1, commitsTogether: 2 });
    expect(s!.sharedOwners).toEqual([
      { author: 'ann', modules: 2 },
      { author: 'bob', modules: 2 },
    ]);
    expect(s!.summary).toBe(
      '2 modules: 2 imports, 1 foreign key, 2 commits changing two or more of them; ann changed 2, bob changed 2 of them. Most tied to Tax (1 import, 1 commit changing both).',
    );
  });

  it('names what ties a service most to the others', () => {
    expect(s!.strongestTie).toEqual({ serviceId: 't', name: 'Tax', imports: 1, foreignKeys: 0, commitsTogether: 1 });
    expect(t!.strongestTie?.name).toBe('Sales');
    expect(t!.summary.startsWith('Tax is one module.')).toBe(true);
  });
});

describe('no service of a few lines or of tests', () => {
  it('merges a small module into the group it is most tied to; one with no tie stays in the monolith', () => {
    const lines = new Map([
      ['a', 1000],
      ['b', 1000],
      ['c', 1000],
      ['d', 1000],
      ['tiny', 20],
      ['alone', 20],
      ['x', 1000],
      ['nobody', 20],
    ]);
    const edges: WeightedEdge[] = [
      { a: 'a', b: 'b', weight: 5 },
      { a: 'c', b: 'd', weight: 5 },
      { a: 'tiny', b: 'c', weight: 1 },
      { a: 'tiny', b: 'a', weight: 0.2 },
      { a: 'b', b: 'c', weight: 0.1 },
      // 'alone' is tied only to 'x', which the architect keeps apart from it: it stays a service of its own.
      { a: 'alone', b: 'x', weight: 1 },
    ];
    const apart = new Map([
      ['alone', new Set(['x'])],
      ['x', new Set(['alone'])],
    ]);
    const result = clusterToTarget([...lines.keys()], edges, 4, 1, { lines, apart });
    expect(result.groups.map((g) => g.join(',')).sort()).toEqual(['a,b', 'alone', 'c,d,tiny', 'x']);
    expect(result.monolith).toEqual(['nobody']);
    const free = clusterToTarget([...lines.keys()], edges, 3, 1, { lines });
    expect(free.groups.map((g) => g.join(',')).sort()).toEqual(['a,b', 'alone,x', 'c,d,tiny']);
  });

  it('tells test modules apart and never proposes them', () => {
    expect(['shop.tests', 'shop.orders.test_views', 'conftest', 'shop.orders_tests'].every((name) => isTestModule({ name }))).toBe(true);
    expect(['shop.testimonials', 'shop.contest', 'shop.orders'].some((name) => isTestModule({ name }))).toBe(false);
    const project = projectOf(
      [
        { id: 'a', name: 'shop.a' },
        { id: 'b', name: 'shop.b' },
        { id: 't', name: 'shop.tests' },
      ],
      [
        { from: 't', to: 'a', weight: 9 },
        { from: 'a', to: 'b' },
      ],
    );
    const report = proposeBoundaries(project, [], { targets: [1, 2] });
    expect(report.testModules).toBe(1);
    for (const alt of report.alternatives) expect(alt.services.flatMap((s) => s.moduleIds)).not.toContain('t');
  });
});

/** The planted groups (boundariesFixture.ts) on modules named like a shop's packages; m9 changes never. */
function planted(): { project: Project; commits: ModuleCommit[]; groups: string[][] } {
  const names = [
    'shop.catalogue',
    'shop.catalogue.reviews',
    'shop.search',
    'shop.orders',
    'shop.payment',
    'shop.invoices',
    'shop.users',
    'shop.auth',
    'shop.profiles',
    'shop.lonely',
  ];
  return { project: projectOf(names.map((name, k) => ({ id: `m${k}`, name }))), commits: plantedCommits(), groups: PLANTED_GROUPS };
}

describe('constraints', () => {
  const { project, commits } = planted();
  const nodeOf = (services: ReadonlyArray<{ id: string; moduleIds: string[] }>) =>
    new Map(services.flatMap((s) => s.moduleIds.map((id) => [id, s.id] as const)));

  it('keeps together, keeps apart and leaves in the monolith what the architect says, at every size', () => {
    const report = proposeBoundaries(project, commits, {
      targets: [2, 3, 4],
      cutoff: 5000,
      constraints: { keepTogether: [['m0', 'm3']], keepApart: [['m6', 'm7']], leave: ['m4'] },
    });
    for (const alt of report.alternatives) {
      const node = nodeOf(alt.services);
      expect(node.get('m0'), `${alt.target}`).toBeDefined();
      expect(node.get('m0')).toBe(node.get('m3'));
      expect(node.get('m6') === undefined || node.get('m6') !== node.get('m7'), `${alt.target}`).toBe(true);
      expect(node.has('m4')).toBe(false);
    }
  });

  it('keeps pinned services as they are and counts them toward the target', () => {
    const pinned = { id: 'svc-kept', name: 'Orders', moduleIds: ['m3', 'm4'] };
    const report = proposeBoundaries(project, commits, { targets: [3], cutoff: 5000, constraints: { pinned: [pinned] } });
    const [three] = report.alternatives;
    expect(three!.services).toHaveLength(3);
    expect(three!.services[0]).toMatchObject({ id: 'svc-kept', name: 'Orders', moduleIds: ['m3', 'm4'], pinned: true });
    const others = three!.services.slice(1);
    expect(others.every((s) => !s.pinned && !s.moduleIds.includes('m3') && !s.moduleIds.includes('m4'))).toBe(true);
    expect(others.map((s) => s.name)).not.toContain('Orders');
  });

  it('joins modules kept together with a pinned one to its service, and names contradictions in one line', () => {
    const scope = scopeOf(project, { pinned: [{ id: 'p', name: 'Pay', moduleIds: ['m4'] }], keepTogether: [['m4', 'm5']] });
    expect(scope.pinned[0]!.moduleIds).toEqual(['m4', 'm5']);
    expect(scope.unitOf.has('m5')).toBe(false);
    expect(contradiction(project, { keepTogether: [['m0', 'm1']], keepApart: [['m1', 'm0']] })).toBe(
      'shop.catalogue.reviews and shop.catalogue are both kept together and kept apart',
    );
    expect(contradiction(project, { keepApart: [['m3', 'm4']], pinned: [{ id: 'p', name: 'Pay', moduleIds: ['m3', 'm4'] }] })).toBe(
      'shop.orders and shop.payment are kept apart but share the service Pay already',
    );
    expect(
      contradiction(project, {
        keepTogether: [['m3', 'm6']],
        pinned: [
          { id: 'p', name: 'Pay', moduleIds: ['m3'] },
          { id: 'q', name: 'Users', moduleIds: ['m6'] },
        ],
      }),
    ).toBe('kept together, shop.orders, shop.users are in different services already (Pay, Users)');
    expect(contradiction(project, { keepTogether: [['m3', 'm6']], leave: ['m3'] })).toBe(
      'shop.orders is both left in the monolith and kept together with modules that are not',
    );
    expect(contradiction(project, { keepTogether: [['m0', 'm1']], keepApart: [['m2', 'm3']] })).toBeNull();
  });
});

describe('alternatives and baselines', () => {
  it('gives each alternative its explanation and the one-per-app baseline, merged on imports to the same count', () => {
    const { project: bare, commits, groups } = planted();
    // Imports that cut across the planted groups: merging apps on them puts m0 with m3 and m6, and so on.
    const project = {
      ...bare,
      monolith: {
        ...bare.monolith,
        dependencies: ['m0,m3', 'm3,m6', 'm1,m4', 'm4,m7', 'm2,m5', 'm5,m8'].map((p) => ({
          from: p.split(',')[0]!,
          to: p.split(',')[1]!,
          kind: 'import' as const,
          weight: 3,
          evidence: [],
        })),
      },
    };
    const report = proposeBoundaries(project, commits, { targets: [3], cutoff: 5000 });
    const [three] = report.alternatives;
    expect(three!.services.map((s) => s.moduleIds.join(',')).sort()).toEqual(groups.map((g) => g.join(',')));
    const after = commits.filter((c) => c.time >= 5000);
    const perApp = [
      ['m0', 'm3', 'm6'],
      ['m1', 'm4', 'm7'],
      ['m2', 'm5', 'm8'],
    ];
    let crossing = 0;
    const owner = assignmentOfGroups(perApp);
    for (const c of after) if (new Set(c.modules.map((id) => owner.get(id) ?? 'monolith')).size > 1) crossing++;
    expect(three!.perApp).toBeCloseTo(crossing / after.length, 12);
    expect(three!.perApp!).toBeGreaterThan(three!.backtest!.share);
    for (const s of three!.services) expect(s.explanation.inside.commitsTogether).toBeGreaterThan(10);
  });
});

describe('the inner backtest', () => {
  const DAY = 86_400;
  const cutoff = Date.UTC(2024, 0, 1) / 1000;
  const names = [
    'shop.catalogue',
    'shop.reviews',
    'shop.search',
    'shop.orders',
    'shop.payment',
    'shop.invoices',
    'shop.users',
    'shop.auth',
    'shop.profiles',
  ];
  const project = projectOf(names.map((name, k) => ({ id: `m${k}`, name })));
  const groups = [
    ['m0', 'm1', 'm2'],
    ['m3', 'm4', 'm5'],
    ['m6', 'm7', 'm8'],
  ];
  /** 450 commits over three years before the cut-off, then `after` commits drawn by `pick`. */
  function history(after: number, pick: (random: () => number) => string[], seed = 5): ModuleCommit[] {
    const random = mulberry32(seed);
    const commits: ModuleCommit[] = [];
    for (let k = 0; k < 450; k++) {
      const g = groups[k % 3]!;
      const picked = g.filter(() => random() < 0.6);
      commits.push(at(picked.length > 0 ? picked : [g[0]!], cutoff - (3 * 365 - 2 * Math.floor((k * 365 * 3) / 900)) * DAY));
    }
    for (let k = 0; k < after; k++) commits.push(at(pick(random), cutoff + k * DAY));
    return commits;
  }

  it('chooses the variant on the year before the cut-off, never on the commits it is tested on', () => {
    const planted = proposeBoundaries(
      project,
      history(60, (random) => groups[Math.floor(random() * 3)]!),
      { targets: [3], cutoff },
    );
    const scrambled = proposeBoundaries(
      project,
      history(60, (random) => [`m${Math.floor(random() * 9)}`, `m${Math.floor(random() * 9)}`]),
      { targets: [3], cutoff },
    );
    const [a, b] = [planted.alternatives[0]!, scrambled.alternatives[0]!];
    expect(a.fit.innerCutoff).toBe('2023-01-01');
    // One inner figure per variant (modularity or training-commit merging, caps 2-5 x the mean).
    expect(a.fit.innerShares).toHaveLength(5);
    expect(a.fit).toEqual(b.fit);
    expect(a.services.map((s) => s.moduleIds)).toEqual(b.services.map((s) => s.moduleIds));
    expect(a.backtest!.share).toBe(0);
    expect(b.backtest!.share).toBeGreaterThan(0.4);
  });

  it('chooses one variant for every size, on the sum of its inner ratios at 4 and 8 services here, whatever the sizes asked', () => {
    // Seed 2: alone, 4 services would choose modularity merging and 8 commit merging; the sum chooses one.
    const commits = history(60, (random) => groups[Math.floor(random() * 3)]!, 2);
    const report = proposeBoundaries(project, commits, { targets: [3, 4, 8], cutoff });
    const [at4, at8] = [report.alternatives[1]!, report.alternatives[2]!];
    const own = (shares: number[]) => VARIANTS[shares.indexOf(Math.min(...shares))]!;
    expect(own(at4.fit.innerShares).merge).not.toBe(own(at8.fit.innerShares).merge);
    const best = own(VARIANTS.map((_, k) => at4.fit.innerShares[k]! + at8.fit.innerShares[k]!));
    for (const a of report.alternatives) expect([a.fit.merge, a.fit.capFactor]).toEqual([best.merge, best.capFactor]);
    // Asked for 3 services alone, the same choice and the same services.
    const alone = proposeBoundaries(project, commits, { targets: [3], cutoff }).alternatives[0]!;
    expect(alone.fit).toEqual(report.alternatives[0]!.fit);
    expect(alone.services.map((s) => s.moduleIds)).toEqual(report.alternatives[0]!.services.map((s) => s.moduleIds));
    // Chosen on 4 services only, the variant whose ratio at 4 is lowest.
    const on4 = proposeBoundaries(project, commits, { targets: [3, 4], cutoff, selectOn: [4] }).alternatives[0]!;
    expect(on4.fit.merge).toBe(own(at4.fit.innerShares).merge);
  });

  it('keeps the default variant when the history before the cut-off is too short to test on', () => {
    const { project: small, commits } = planted();
    const report = proposeBoundaries(small, commits, { targets: [3], cutoff: 5000 });
    expect(report.alternatives[0]!.fit).toEqual({ merge: 'modularity', capFactor: 2, innerCutoff: null, innerShares: [] });
  });
});
