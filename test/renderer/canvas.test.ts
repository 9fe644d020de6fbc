import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkDesign } from '../../shared/analysis/checks';
import { buildServiceGraph } from '../../shared/analysis/serviceGraph';
import { renameService } from '../../shared/commands/services';
import { DependencySchema, ModuleSchema, MONOLITH_NODE_ID, type Project } from '../../shared/model/project';
import { createProject } from '../../shared/model/create';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import { moveNodesTo } from '../../renderer/features/canvas/canvasActions';
import { canvasStore, flushViewport } from '../../renderer/state/canvasStore';
import { dropModules, nodeIdUnder, parseModuleIds } from '../../renderer/features/canvas/dropTarget';
import { anchorTo } from '../../renderer/features/canvas/layout';
import {
  CHIP_LIMIT,
  createNodeDeriver,
  deriveEdges,
  sidesFor,
  summarizeEdge,
  type ServiceFlowNode,
} from '../../renderer/features/canvas/toFlow';
import { documentStore, loadDocument } from '../../renderer/state/documentStore';

const inputsFor = (project: Project) => ({
  graph: buildServiceGraph(project),
  warnings: checkDesign(project),
  phaseOf: new Map<string, number>(),
});

/** A project with modules m0..m(n-1), each depending on the next, and no services. */
function chain(n: number): Project {
  const base = createProject('Chain');
  const modules = Array.from({ length: n }, (_, i) => ModuleSchema.parse({ id: `m${i}`, name: `app.mod_${i}`, linesOfCode: 100 + i }));
  const dependencies = modules
    .slice(1)
    .map((m, i) => DependencySchema.parse({ from: modules[i]!.id, to: m.id, kind: 'import', weight: i + 1 }));
  return { ...base, monolith: { ...base.monolith, modules, dependencies } };
}

describe('toFlow: nodes derived from the project', () => {
  it('gives the Monolith node (what remains) and one node per service with its facts', () => {
    const project = loadSampleProject();
    const nodes = createNodeDeriver()(project, inputsFor(project), new Set(['svc-search']));
    expect(nodes.map((n) => n.id)).toEqual([MONOLITH_NODE_ID, ...project.services.map((s) => s.id)]);
    const assigned = project.services.flatMap((s) => s.moduleIds).length;
    expect(nodes[0]!.data.moduleCount).toBe(project.monolith.modules.length - assigned);
    const catalog = nodes.find((n) => n.id === 'svc-catalog') as ServiceFlowNode;
    expect(catalog.data).toMatchObject({ name: 'Catalog Service', framework: 'Django', moduleCount: 2, linesOfCode: 9_400 + 1_900 });
    expect(catalog.data.chips?.map((c) => c.name)).toEqual(['acme.catalog', 'acme.media']);
    expect(catalog.data.warnings.length).toBeGreaterThan(0);
    expect(nodes.find((n) => n.id === 'svc-search')!.selected).toBe(true);
    expect(catalog.position).toEqual({ x: 520, y: -240 });
  });

  it('reuses a node object while what it shows is unchanged, and replaces only the node that changed', () => {
    const derive = createNodeDeriver();
    const project = loadSampleProject();
    const first = derive(project, inputsFor(project), new Set());
    const renamed = renameService(project, { serviceId: 'svc-search', name: 'Search API' });
    const second = derive(renamed, inputsFor(renamed), new Set());
    second.forEach((node, i) => {
      if (node.id === 'svc-search') expect(node).not.toBe(first[i]);
      else expect(node).toBe(first[i]);
    });
    expect((second.find((n) => n.id === 'svc-search') as ServiceFlowNode).data.name).toBe('Search API');
  });

  it(`collapses a service past ${CHIP_LIMIT} modules to a count`, () => {
    const project = chain(CHIP_LIMIT + 1);
    const few = dropModules(project, ['m0'], null, { x: 0, y: 0 });
    const many = dropModules(
      project,
      project.monolith.modules.map((m) => m.id),
      null,
      { x: 0, y: 0 },
    );
    const chipsOf = (p: Project, id: string) =>
      (createNodeDeriver()(p, inputsFor(p), new Set()).find((n) => n.id === id) as ServiceFlowNode).data.chips;
    expect(chipsOf(few.project, few.createdId!)).toHaveLength(1);
    expect(chipsOf(many.project, many.createdId!)).toBeNull();
  });
});

describe('toFlow: edges', () => {
  it('aggregates module dependencies per pair of nodes, Monolith included, with weights, and lists planned links', () => {
    const project = loadSampleProject();
    const graph = buildServiceGraph(project);
    const { edges, total, shown } = deriveEdges(project, graph, null);
    expect(shown).toBe(total);
    const dependencyEdges = edges.filter((e) => e.type === 'dependency');
    expect(dependencyEdges).toHaveLength(graph.edges.length);
    expect(new Set(dependencyEdges.map((e) => e.id)).size).toBe(dependencyEdges.length);
    expect(dependencyEdges.some((e) => e.source === MONOLITH_NODE_ID)).toBe(true);
    expect(dependencyEdges.some((e) => e.target === MONOLITH_NODE_ID)).toBe(true);
    for (const edge of dependencyEdges) expect(edge.data!.weight).toBe(graph.edgeById.get(edge.id)!.weight);
    const links = edges.filter((e) => e.type === 'link');
    expect(links.map((e) => e.id)).toEqual(project.links.map((l) => l.id));
    expect(links[0]!.ariaLabel).toMatch(/^Planned /);
  });

  it('on a large design draws the heaviest dependency edges, plus every edge of a selected node', () => {
    const project = loadSampleProject();
    const graph = buildServiceGraph(project);
    const weights = graph.edges.map((e) => e.weight).sort((a, b) => b - a);
    const limited = deriveEdges(project, graph, null, new Set(), 3);
    const drawn = limited.edges.filter((e) => e.type === 'dependency');
    expect(limited).toMatchObject({ total: graph.edges.length, shown: 3 });
    expect(drawn.map((e) => Number(e.data!.weight)).sort((a, b) => b - a)).toEqual(weights.slice(0, 3));
    const withSelection = deriveEdges(project, graph, null, new Set(['svc-reviews']), 3);
    const own = graph.edges.filter((e) => e.from === 'svc-reviews' || e.to === 'svc-reviews').map((e) => e.id);
    const ids = withSelection.edges.map((e) => e.id);
    for (const id of own) expect(ids).toContain(id);
  });

  it("leaves out dependency edges lighter than the weight threshold, except a selected node's own", () => {
    const project = loadSampleProject();
    const graph = buildServiceGraph(project);
    const threshold = [...graph.edges].map((e) => e.weight).sort((a, b) => a - b)[Math.floor(graph.edges.length / 2)]!;
    const heavy = graph.edges.filter((e) => e.weight >= threshold);
    expect(heavy.length).toBeLessThan(graph.edges.length);
    const filtered = deriveEdges(project, graph, null, new Set(), 1_000, threshold);
    expect(filtered).toMatchObject({ total: graph.edges.length, shown: heavy.length });
    expect(
      filtered.edges
        .filter((e) => e.type === 'dependency')
        .map((e) => e.id)
        .sort(),
    ).toEqual(heavy.map((e) => e.id).sort());
    const light = graph.edges.find((e) => e.weight < threshold && e.from !== MONOLITH_NODE_ID)!;
    const selected = deriveEdges(project, graph, null, new Set([light.from]), 1_000, threshold);
    expect(selected.edges.map((e) => e.id)).toContain(light.id);
    expect(deriveEdges(project, graph, null, new Set(), 1_000, 1).shown).toBe(graph.edges.length);
  });

  it('attaches edges on the sides that face each other', () => {
    const sides = sidesFor(
      new Map([
        ['a', { x: 0, y: 0 }],
        ['b', { x: 500, y: 0 }],
        ['c', { x: 10, y: 300 }],
      ]),
    );
    expect(sides('a', 'b')).toEqual({ sourceHandle: 'out-right', targetHandle: 'in-left' });
    expect(sides('b', 'a')).toEqual({ sourceHandle: 'out-left', targetHandle: 'in-right' });
    expect(sides('a', 'c')).toEqual({ sourceHandle: 'out-bottom', targetHandle: 'in-top' });
    expect(sides('c', 'a')).toEqual({ sourceHandle: 'out-top', targetHandle: 'in-bottom' });
  });

  it('the tooltip lists the heaviest module dependencies behind an edge first', () => {
    let project = chain(6);
    project = dropModules(project, ['m0', 'm2', 'm4'], null, { x: 0, y: 0 }).project;
    const graph = buildServiceGraph(project);
    const service = project.services[0]!.id;
    const summary = summarizeEdge(project, graph, `${service}->${MONOLITH_NODE_ID}`, 2)!;
    // m0->m1 (1), m2->m3 (3), m4->m5 (5): weight 9, three dependencies, heaviest first.
    expect(summary).toMatchObject({ weight: 9, count: 3, more: 1 });
    expect(summary.top).toEqual(['app.mod_4 → app.mod_5 (import, 5)', 'app.mod_2 → app.mod_3 (import, 3)']);
    expect(summarizeEdge(project, graph, 'nope->nope')).toBeNull();
  });
});

describe('dropping modules on the canvas', () => {
  it('reads only a non-empty JSON array of ids from the drag', () => {
    expect(parseModuleIds('["a","b"]')).toEqual(['a', 'b']);
    // A drop lands on the node under the pointer even when an edge drawn above it is what was hit.
    const inNode = (id: string | null) => ({ closest: () => (id === null ? null : { getAttribute: () => id }) }) as unknown as Element;
    expect(nodeIdUnder(inNode(null), [inNode(null), inNode(MONOLITH_NODE_ID), inNode('svc-a')])).toBe(MONOLITH_NODE_ID);
    expect(nodeIdUnder(inNode('svc-a'), [inNode(MONOLITH_NODE_ID)])).toBe('svc-a');
    expect(nodeIdUnder(inNode(null), [inNode(null)])).toBeNull();
    for (const bad of ['', 'x', '[]', '{"a":1}', '[1]', '"a"']) expect(parseModuleIds(bad)).toBeNull();
  });

  it('on empty canvas: a service named after the first module, at the drop point; on a service: assigned; on the Monolith: returned', () => {
    const sample = loadSampleProject();
    const created = dropModules(sample, ['wishlist', 'loyalty'], null, { x: 100.4, y: -20.6 });
    expect(created.createdId).toBe('wishlist');
    const service = created.project.services.find((s) => s.id === 'wishlist')!;
    expect(service).toMatchObject({ name: 'Wishlist', moduleIds: ['wishlist', 'loyalty'] });
    expect(created.project.layout.nodes.find((n) => n.id === 'wishlist')).toEqual({ id: 'wishlist', x: 100, y: -21 });
    const onto = dropModules(created.project, ['tax'], 'wishlist', { x: 0, y: 0 });
    expect(onto.createdId).toBeNull();
    expect(onto.project.services.find((s) => s.id === 'wishlist')!.moduleIds).toEqual(['wishlist', 'loyalty', 'tax']);
    const back = dropModules(onto.project, ['loyalty'], MONOLITH_NODE_ID, { x: 0, y: 0 });
    expect(back.project.services.find((s) => s.id === 'wishlist')!.moduleIds).toEqual(['wishlist', 'tax']);
  });

  it('no sequence of drops loses a module or puts one in two services', () => {
    const project = chain(8);
    const ids = project.monolith.modules.map((m) => m.id);
    const drop = fc.record({
      modules: fc.subarray(ids, { minLength: 1 }),
      target: fc.oneof(
        fc.constant<string | null>(null),
        fc.constant<string | null>(MONOLITH_NODE_ID),
        fc.nat(20).map((n) => `service-${n}`),
      ),
    });
    fc.assert(
      fc.property(fc.array(drop, { maxLength: 12 }), (drops) => {
        let current = project;
        for (const { modules, target } of drops) {
          const existing = target?.startsWith('service-')
            ? (current.services[Number(target.slice(8)) % Math.max(1, current.services.length)]?.id ?? null)
            : target;
          current = dropModules(current, modules, existing, { x: 0, y: 0 }).project;
        }
        const owned = current.services.flatMap((s) => s.moduleIds);
        expect(new Set(owned).size).toBe(owned.length);
        expect(current.monolith.modules.map((m) => m.id)).toEqual(ids);
        expect(owned.every((id) => ids.includes(id))).toBe(true);
      }),
    );
  });
});

describe('layout and viewport', () => {
  beforeEach(() => {
    loadDocument({ project: loadSampleProject(), filePath: null, baseHash: null });
    canvasStore.setState({ viewport: null });
  });

  it('auto-layout of a selection keeps its top-left corner where it was', () => {
    const before = new Map([
      ['a', { x: 100, y: 50 }],
      ['b', { x: 400, y: 300 }],
    ]);
    const laid = anchorTo(
      [
        { id: 'a', x: 0, y: 0 },
        { id: 'b', x: 0, y: 200 },
      ],
      before,
    );
    expect(laid).toEqual([
      { id: 'a', x: 100, y: 50 },
      { id: 'b', x: 100, y: 250 },
    ]);
  });

  it('a node move is one undo step', () => {
    moveNodesTo([
      { id: 'svc-search', x: 10.4, y: 20 },
      { id: 'svc-reviews', x: 30, y: 40 },
    ]);
    const { project, history, dirty } = documentStore.getState();
    expect(project!.layout.nodes.find((n) => n.id === 'svc-search')).toEqual({ id: 'svc-search', x: 10, y: 20 });
    expect(history!.past).toHaveLength(1);
    expect(dirty).toBe(true);
  });

  it('the viewport reaches the document just before a save, without an undo step and without dirtying it', () => {
    canvasStore.setState({ viewport: { x: 12.3456, y: -7, zoom: 0.75 } });
    flushViewport();
    const { project, history, dirty } = documentStore.getState();
    expect(project!.layout.viewport).toEqual({ x: 12.35, y: -7, zoom: 0.75 });
    expect(history!.past).toHaveLength(0);
    expect(history!.present).toBe(project);
    expect(dirty).toBe(false);
  });
});
