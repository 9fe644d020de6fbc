import { describe, expect, it } from 'vitest';
import { checkDesign } from '../../shared/analysis/checks';
import { findCycles, stronglyConnectedComponents } from '../../shared/analysis/cycles';
import { recommendFramework, recommendForModules } from '../../shared/analysis/recommend';
import { buildServiceGraph } from '../../shared/analysis/serviceGraph';
import { assignModules } from '../../shared/commands/assign';
import { moveNodes } from '../../shared/commands/layout';
import { MONOLITH_NODE_ID, ProjectSchema } from '../../shared/model/project';
import type { DependencyKind, Project, ProjectInput } from '../../shared/model/project';
import { loadSampleProject } from '../../shared/samples/acmeShop';

type Dep = [from: string, to: string, kind: DependencyKind, weight: number];
type ModuleInput = NonNullable<NonNullable<ProjectInput['monolith']>['modules']>[number];

function makeProject(
  modules: (string | ModuleInput)[],
  deps: Dep[],
  services: Record<string, string[]>,
  extra: Partial<ProjectInput> = {},
): Project {
  return ProjectSchema.parse({
    id: 'p',
    name: 'P',
    ...extra,
    monolith: {
      ...extra.monolith,
      modules: modules.map((m) => (typeof m === 'string' ? { id: m, name: `m.${m}` } : m)),
      dependencies: deps.map(([from, to, kind, weight]) => ({ from, to, kind, weight })),
    },
    services: Object.entries(services).map(([id, moduleIds]) => ({ id, name: `Service ${id}`, moduleIds })),
  });
}

describe('service graph', () => {
  const project = makeProject(
    ['a', 'b', 'c', 'd'],
    [
      ['a', 'b', 'import', 2], // 0: s1 -> s2
      ['a', 'b', 'data', 3], // 1: s1 -> s2
      ['b', 'a', 'call', 1], // 2: s2 -> s1
      ['a', 'c', 'import', 4], // 3: s1 -> monolith
      ['c', 'd', 'import', 5], // 4: inside the monolith
      ['d', 'b', 'data', 6], // 5: monolith -> s2
      ['a', 'ghost', 'import', 1], // 6: names no module
    ],
    { s1: ['a'], s2: ['b'] },
  );

  it('aggregates module dependencies per ordered pair of nodes, with weight per kind and the dependencies behind', () => {
    const graph = buildServiceGraph(project);
    expect(graph.nodeIds).toEqual([MONOLITH_NODE_ID, 's1', 's2']);
    expect(graph.edges.map((edge) => edge.id)).toEqual(['monolith->s2', 's1->monolith', 's1->s2', 's2->s1']);
    expect(graph.edgeById.get('s1->s2')).toEqual({
      id: 's1->s2',
      from: 's1',
      to: 's2',
      weight: 5,
      count: 2,
      weightByKind: { import: 2, data: 3, call: 0 },
      dependencies: [0, 1],
    });
    expect(graph.edgeById.get('monolith->s2')!.dependencies).toEqual([5]);
    expect(graph.nodes.get(MONOLITH_NODE_ID)!.internal).toMatchObject({ weight: 5, count: 1, dependencies: [4] });
    expect(graph.owner.get('c')).toBe(MONOLITH_NODE_ID);
    expect(graph.owner.get('a')).toBe('s1');
    expect(graph.dangling).toEqual([6]);
    expect(graph.total).toEqual({ weight: 21, count: 6 });
    expect(graph.outgoing.get('s1')!.map((edge) => edge.to)).toEqual([MONOLITH_NODE_ID, 's2']);
    expect(graph.incoming.get('s2')!.map((edge) => edge.from)).toEqual([MONOLITH_NODE_ID, 's1']);
  });

  it('never stores anything in the project and is reused while modules and services are unchanged', () => {
    const before = JSON.stringify(project);
    const graph = buildServiceGraph(project);
    expect(JSON.stringify(project)).toBe(before);
    const moved = moveNodes(project, { positions: [{ id: 's1', x: 10, y: 20 }] });
    expect(buildServiceGraph(moved)).toBe(graph);
    const reassigned = assignModules(project, { moduleIds: ['c'], serviceId: 's1' });
    const next = buildServiceGraph(reassigned);
    expect(next).not.toBe(graph);
    expect(next.edgeById.has('s1->monolith')).toBe(true); // c -> d now leaves s1
    expect(next.nodes.get('s1')!.internal.dependencies).toEqual([3]);
  });

  it('gives a module listed by two services (a damaged file) to the first one only', () => {
    const damaged = makeProject(['a'], [], { s1: ['a'], s2: ['a'] });
    const graph = buildServiceGraph(damaged);
    expect(graph.nodes.get('s1')!.moduleIds).toEqual(['a']);
    expect(graph.nodes.get('s2')!.moduleIds).toEqual([]);
  });
});

describe('cycles', () => {
  it('finds strongly connected components in a deterministic order, singletons included', () => {
    const nodes = ['a', 'b', 'c', 'd', 'e', 'f'];
    const edges = [
      { from: 'e', to: 'd' },
      { from: 'd', to: 'e' },
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'c', to: 'a' },
      { from: 'c', to: 'd' },
      { from: 'f', to: 'f' },
      { from: 'f', to: 'nowhere' },
    ];
    const expected = [['a', 'b', 'c'], ['d', 'e'], ['f']];
    expect(stronglyConnectedComponents(nodes, edges)).toEqual(expected);
    expect(stronglyConnectedComponents(nodes, [...edges].reverse())).toEqual(expected);
  });

  it('handles a 200,000-node chain closed into one cycle without recursion', () => {
    const n = 200_000;
    const nodes = Array.from({ length: n }, (_, i) => `n${i}`);
    const edges = nodes.map((id, i) => ({ from: id, to: nodes[(i + 1) % n]! }));
    const components = stronglyConnectedComponents(nodes, edges);
    expect(components).toHaveLength(1);
    expect(components[0]).toHaveLength(n);
  });

  it('reports cycles between services with their edges, leaving the Monolith out unless asked', () => {
    const project = makeProject(
      ['a', 'b', 'c', 'm'],
      [
        ['a', 'b', 'import', 1],
        ['b', 'a', 'import', 2],
        ['c', 'm', 'import', 1],
        ['m', 'c', 'import', 1],
      ],
      { s1: ['a'], s2: ['b'], s3: ['c'] },
    );
    const graph = buildServiceGraph(project);
    const cycles = findCycles(graph);
    expect(cycles.map((cycle) => cycle.nodeIds)).toEqual([['s1', 's2']]);
    expect(cycles[0]!.edges.map((edge) => edge.id)).toEqual(['s1->s2', 's2->s1']);
    expect(findCycles(graph, { includeMonolith: true }).map((cycle) => cycle.nodeIds)).toEqual([
      [MONOLITH_NODE_ID, 's3'],
      ['s1', 's2'],
    ]);
  });
});

describe('checkDesign', () => {
  const project = makeProject(
    [
      { id: 'a', name: 'shop.a' },
      { id: 'b', name: 'shop.b', entities: ['Order'] },
      { id: 'c', name: 'shop.c', entities: ['Product', 'Category'] },
      { id: 'd', name: 'shop.d' },
      { id: 'e', name: 'shop.e' },
      { id: 'f', name: 'shop.f' },
    ],
    [
      ['a', 'b', 'import', 2], // s1 -> s2
      ['b', 'a', 'call', 1], // s2 -> s1: cycle s1 <-> s2
      ['a', 'b', 'data', 4], // Order used from s1
      ['d', 'c', 'data', 3], // Product/Category (c in s3) used from the monolith
      ['c', 'e', 'import', 7], // s3 -> monolith, weight 7
      ['c', 'f', 'import', 1], // s3 internal, weight 1
    ],
    { s1: ['a'], s2: ['b'], s3: ['c', 'f'], s4: [] },
  );

  it('lists each problem once, with a stable id, a one-line message and a target to focus', () => {
    const warnings = checkDesign(project);
    expect(warnings.map((warning) => warning.id)).toEqual([
      'cycle:s1',
      'monolith-dependence:s3',
      'shared-data:b',
      'shared-data:c',
      'empty-service:s4',
      'unassigned-modules',
    ]);
    const byId = new Map(warnings.map((warning) => [warning.id, warning]));
    expect(byId.get('cycle:s1')).toMatchObject({
      kind: 'cycle',
      severity: 'error',
      message: 'Cycle between Service s1, Service s2: Service s1 → Service s2 (6), Service s2 → Service s1 (1).',
      target: { type: 'service', ids: ['s1', 's2'], edgeIds: ['s1->s2', 's2->s1'] },
    });
    expect(byId.get('monolith-dependence:s3')!.message).toBe(
      'Service s3 depends more on the monolith (weight 7) than on its own modules (weight 1).',
    );
    expect(byId.get('shared-data:b')).toMatchObject({
      message: 'Order (shop.b, in Service s2) is used from Service s1: 1 data dependency.',
      target: { type: 'module', ids: ['b', 'a'], edgeIds: ['s1->s2'] },
    });
    expect(byId.get('shared-data:c')!.message).toBe(
      'Data of shop.c (Product, Category; in Service s3) is used from the monolith: 1 data dependency.',
    );
    expect(byId.get('empty-service:s4')!.target).toEqual({ type: 'service', ids: ['s4'] });
    expect(byId.get('unassigned-modules')).toMatchObject({
      message: '2 modules are not assigned to a service yet.',
      target: { type: 'module', ids: ['d', 'e'] },
    });
    for (const warning of warnings) expect(warning.message).not.toContain('\n');
  });

  it('keeps a warning id when unrelated parts of the design change', () => {
    const before = checkDesign(project).map((warning) => warning.id);
    const edited = moveNodes(assignModules(project, { moduleIds: ['e'], serviceId: 's4' }), { positions: [{ id: 's1', x: 1, y: 1 }] });
    const after = checkDesign(edited).map((warning) => warning.id);
    expect(after).toContain('cycle:s1');
    expect(after).not.toContain('empty-service:s4');
    expect(before.filter((id) => id !== 'empty-service:s4' && id !== 'monolith-dependence:s3')).toEqual(
      after.filter((id) => id !== 'monolith-dependence:s3'),
    );
  });

  it('says nothing about unassigned modules before the first service exists', () => {
    expect(checkDesign(makeProject(['a', 'b'], [['a', 'b', 'import', 1]], {}))).toEqual([]);
  });

  it('finds no service cycle in the sample (its only cycle is inside the monolith) but flags shared data', () => {
    const kinds = new Set(checkDesign(loadSampleProject()).map((warning) => warning.kind));
    expect(kinds.has('cycle')).toBe(false);
    expect(kinds.has('shared-data')).toBe(true);
  });
});

describe('recommendFramework', () => {
  it("agrees with the sample's four carved services and names the evidence", () => {
    const sample = loadSampleProject();
    const results = Object.fromEntries(sample.services.map((service) => [service.name, recommendFramework(sample, service.id)]));
    expect(results['Catalog Service']).toMatchObject({ frameworkId: 'django', rule: 'admin', differs: false });
    expect(results['Catalog Service']!.reason).toContain('acme.catalog');
    expect(results['Search']).toMatchObject({ frameworkId: 'fastapi', rule: 'async', differs: false });
    expect(results['Search']!.reason).toContain('async-io');
    expect(results['Reviews']).toMatchObject({ frameworkId: 'flask', rule: 'small', differs: false });
    expect(results['Notifications']).toMatchObject({ frameworkId: 'celery', rule: 'worker', differs: false });
  });

  it('recommends Django for a large service owning Django models, and flags a different choice', () => {
    const sample = loadSampleProject();
    const orders = recommendForModules(sample, ['orders', 'checkout'], 'flask');
    // orders is tagged admin: the admin rule decides first.
    expect(orders).toMatchObject({ frameworkId: 'django', rule: 'admin', differs: true });
    const inventory = recommendForModules(sample, ['pricing', 'cart', 'loyalty'], 'django');
    // 3,100 + 2,600 + 2,000 lines > 2,500: not small; owns models in a Django monolith.
    expect(inventory).toMatchObject({ frameworkId: 'django', rule: 'models', differs: false });
    expect(inventory.reason).toContain('PriceList');
  });

  it('follows the documented rule order on hand-made services', () => {
    const project = makeProject(
      [
        { id: 'jobs', name: 'x.jobs', linesOfCode: 900 },
        { id: 'api', name: 'x.api', linesOfCode: 100, tags: ['API', 'Async-IO'] },
        { id: 'big', name: 'x.big', linesOfCode: 9_000, tags: ['api'] },
        { id: 'tiny', name: 'x.tiny', linesOfCode: 300 },
      ],
      [],
      {},
      { monolith: { framework: 'flask' } },
    );
    expect(recommendForModules(project, []).rule).toBe('empty');
    expect(recommendForModules(project, ['jobs', 'api']).frameworkId).toBe('celery'); // 900 of 1,000 lines are jobs
    expect(recommendForModules(project, ['api']).frameworkId).toBe('fastapi');
    expect(recommendForModules(project, ['tiny']).frameworkId).toBe('flask');
    expect(recommendForModules(project, ['big'])).toMatchObject({ frameworkId: 'fastapi', rule: 'api' });
    expect(() => recommendFramework(project, 'nope')).toThrow('No service "nope"');
  });
});
