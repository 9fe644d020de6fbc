import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDesigns, perAppDesign, proposeServices, summarizeDesign, withServices } from '../../shared/boundaries/staticLouvain';
import { createProject } from '../../shared/model/create';
import { ProjectSchema, type Dependency, type Project } from '../../shared/model/project';

// Boundary suggestions: Louvain on the weighted module graph, and the metrics shown beside the proposal.

function project(modules: Array<[string, number]>, deps: Array<[string, string, Dependency['kind'], number]>): Project {
  return ProjectSchema.parse({
    ...createProject('t'),
    monolith: {
      modules: modules.map(([id, loc]) => ({ id, name: id, linesOfCode: loc })),
      dependencies: deps.map(([from, to, kind, weight]) => ({ from, to, kind, weight })),
    },
  });
}

describe('summarizeDesign on a graph computed by hand', () => {
  // a -> b, b -> c, c -> d; services {a, b} and {c, d}; sizes 200 and 400 lines.
  const base = project(
    [
      ['a', 100],
      ['b', 100],
      ['c', 100],
      ['d', 300],
    ],
    [
      ['a', 'b', 'import', 1],
      ['b', 'c', 'import', 1],
      ['c', 'd', 'import', 1],
    ],
  );
  const split = withServices(base, [
    { id: 's1', name: 'S1', moduleIds: ['a', 'b'] },
    { id: 's2', name: 'S2', moduleIds: ['c', 'd'] },
  ]);

  it('gives SM 0, one third crossing, 0.5 interfaces per service, size spread 1/3', () => {
    const summary = summarizeDesign(split);
    expect(summary.services).toBe(2);
    // cohesion (1/4 + 1/4) / 2 = 1/4; coupling 1 / (2 * 2) = 1/4.
    expect(summary.structuralModularity).toBeCloseTo(0, 10);
    expect(summary.crossingShareByWeight).toBeCloseTo(1 / 3, 10);
    expect(summary.crossingShareByCount).toBeCloseTo(1 / 3, 10);
    expect(summary.interfacesPerService).toBeCloseTo(0.5, 10);
    expect(summary.sizeSpread).toBeCloseTo(100 / 300, 10);
  });

  it('counts what is left in the monolith as one node', () => {
    const partial = withServices(base, [{ id: 's1', name: 'S1', moduleIds: ['a', 'b'] }]);
    expect(summarizeDesign(partial)).toMatchObject({ services: 2, sizeSpread: 100 / 300 });
  });

  it('puts each module in its Django app for the baseline', () => {
    const apps = project(
      [
        ['shop.orders', 1],
        ['shop.orders.api', 1],
        ['shop.cart', 1],
        ['tools', 1],
      ].map(([n, l]) => [n as string, l as number]),
      [],
    );
    const design = perAppDesign(apps, ['shop.orders', 'shop.cart']);
    expect(design.services.map((s) => [s.name, s.moduleIds])).toEqual([
      ['shop.cart', ['shop.cart']],
      ['shop.orders', ['shop.orders', 'shop.orders.api']],
      ['tools', ['tools']],
    ]);
  });
});

describe('proposeServices', () => {
  const cliques = project(
    [
      ['a', 10],
      ['b', 10],
      ['c', 10],
      ['d', 10],
      ['e', 10],
      ['f', 10],
    ],
    [
      ['a', 'b', 'import', 10],
      ['b', 'c', 'import', 10],
      ['a', 'c', 'import', 10],
      ['d', 'e', 'import', 10],
      ['e', 'f', 'import', 10],
      ['d', 'f', 'import', 10],
      ['c', 'd', 'import', 1],
    ],
  );

  it('splits two cliques joined by one weak edge into two services', () => {
    const proposal = proposeServices(cliques);
    expect(proposal.services.map((s) => s.moduleIds).sort()).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
    expect(proposal.modularity).toBeGreaterThan(0.3);
    const ids = new Set([...cliques.monolith.modules.map((m) => m.id), ...proposal.services.map((s) => s.id)]);
    expect(ids.size).toBe(6 + proposal.services.length);
  });

  it('weighs data dependencies above imports', () => {
    const graph = project(
      [
        ['a', 10],
        ['b', 10],
        ['d', 10],
        ['e', 10],
        ['x', 10],
      ],
      [
        ['a', 'b', 'import', 10],
        ['d', 'e', 'import', 10],
        ['x', 'a', 'import', 2],
        ['x', 'd', 'data', 1],
      ],
    );
    const byData = proposeServices(graph, { dataWeight: 3 }).services.find((s) => s.moduleIds.includes('x'))!;
    expect(byData.moduleIds).toContain('d');
    const byImports = proposeServices(graph, { dataWeight: 1 }).services.find((s) => s.moduleIds.includes('x'))!;
    expect(byImports.moduleIds).toContain('a');
  });

  it('gives the same proposal for the same input', () => {
    const graph = fc.array(
      fc.tuple(fc.nat(14), fc.nat(14), fc.constantFrom<Dependency['kind']>('import', 'data'), fc.integer({ min: 1, max: 9 })),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(graph, (edges) => {
        const modules = Array.from({ length: 15 }, (_, k): [string, number] => [`m${k}`, k * 10]);
        const p = project(
          modules,
          edges.map(([f, t, kind, w]) => [`m${f}`, `m${t}`, kind, w]),
        );
        expect(proposeServices(p, { seed: 7 })).toEqual(proposeServices(p, { seed: 7 }));
        const all = proposeServices(p)
          .services.flatMap((s) => s.moduleIds)
          .sort();
        expect(all).toEqual(modules.map(([id]) => id).sort());
      }),
      { numRuns: 100 },
    );
  });

  it('compares the current design, the proposal and one service per app', () => {
    const proposal = proposeServices(cliques);
    const comparison = compareDesigns(cliques, proposal, []);
    expect(comparison.current.services).toBe(1);
    expect(comparison.proposal.services).toBe(2);
    expect(comparison.perApp.services).toBe(6);
    expect(comparison.proposal.crossingShareByWeight).toBeCloseTo(1 / 61, 10);
    expect(comparison.proposal.structuralModularity).toBeGreaterThan(comparison.perApp.structuralModularity);
  });
});
