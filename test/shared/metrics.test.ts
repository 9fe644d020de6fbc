import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeMetrics, diffMetrics } from '../../shared/analysis/metrics';
import { MONOLITH_NODE_ID, ProjectSchema } from '../../shared/model/project';
import type { DependencyKind, Project } from '../../shared/model/project';

type Dep = [from: string, to: string, kind: DependencyKind, weight: number];

function makeProject(moduleIds: string[], deps: Dep[], services: Record<string, string[]>): Project {
  return ProjectSchema.parse({
    id: 'p',
    name: 'P',
    monolith: {
      modules: moduleIds.map((id) => ({ id, name: `m.${id}` })),
      dependencies: deps.map(([from, to, kind, weight]) => ({ from, to, kind, weight })),
    },
    services: Object.entries(services).map(([id, moduleIds]) => ({ id, name: id.toUpperCase(), moduleIds })),
  });
}

// Modules a, b, c in s1; d, e in s2; f stays in the monolith.
const DEPS: Dep[] = [
  ['a', 'b', 'import', 2],
  ['b', 'a', 'call', 1], // same pair as a->b: counts once in SM
  ['b', 'c', 'import', 1],
  ['c', 'c', 'import', 1], // self dependency: internal weight, no pair
  ['a', 'd', 'data', 3],
  ['e', 'b', 'import', 2],
  ['d', 'e', 'import', 1],
  ['e', 'f', 'import', 4],
  ['f', 'a', 'import', 1],
];
const SMALL = makeProject(['a', 'b', 'c', 'd', 'e', 'f'], DEPS, { s1: ['a', 'b', 'c'], s2: ['d', 'e'] });

describe('structural modularity', () => {
  it('matches the hand computation on a three-cluster design (the Monolith counts as a cluster)', () => {
    const metrics = computeMetrics(SMALL);
    // K = 3: monolith {f} (N=1), s1 {a,b,c} (N=3), s2 {d,e} (N=2).
    // mu: s1 has pairs {a,b}, {b,c} -> 2; s2 has {d,e} -> 1; monolith 0.
    // cohesion = (2/9 + 1/4 + 0/1) / 3 = (8/36 + 9/36) / 3 = 17/108
    // sigma: s1-s2 pairs {a,d}, {b,e} -> 2; s2-monolith {e,f} -> 1; s1-monolith {a,f} -> 1.
    // coupling = (2/(3*2) + 1/(2*1) + 1/(3*1)) / (3*2/2) = (1/3 + 1/2 + 1/3) / 3 = 7/18 = 42/108
    // SM = 17/108 - 42/108 = -25/108
    expect(metrics.clusters).toBe(3);
    expect(metrics.cohesion).toBeCloseTo(17 / 108, 12);
    expect(metrics.coupling).toBeCloseTo(7 / 18, 12);
    expect(metrics.structuralModularity).toBeCloseTo(-25 / 108, 12);
  });

  it('is the density of pairs with one cluster: mu / N^2 and no coupling term', () => {
    const project = makeProject(
      ['a', 'b', 'c', 'd'],
      [
        ['a', 'b', 'import', 1],
        ['b', 'a', 'import', 5],
        ['c', 'd', 'data', 1],
        ['a', 'a', 'import', 1],
      ],
      {},
    );
    // pairs {a,b}, {c,d} -> mu = 2; N = 4; SM = 2/16
    const metrics = computeMetrics(project);
    expect(metrics.clusters).toBe(1);
    expect(metrics.coupling).toBe(0);
    expect(metrics.structuralModularity).toBeCloseTo(2 / 16, 12);
  });

  it('leaves empty services and an emptied monolith out of K', () => {
    const project = makeProject(
      ['a', 'b', 'c', 'd'],
      [
        ['a', 'b', 'import', 1],
        ['c', 'd', 'import', 1],
        ['b', 'c', 'import', 1],
      ],
      { s1: ['a', 'b'], s2: ['c', 'd'], empty: [] },
    );
    // K = 2 (monolith and "empty" own nothing). cohesion = (1/4 + 1/4) / 2 = 1/4
    // sigma s1-s2 = {b,c} -> 1; coupling = (1/(2*2)) / 1 = 1/4; SM = 0
    const metrics = computeMetrics(project);
    expect(metrics.clusters).toBe(2);
    expect(metrics.cohesion).toBeCloseTo(0.25, 12);
    expect(metrics.coupling).toBeCloseTo(0.25, 12);
    expect(metrics.structuralModularity).toBeCloseTo(0, 12);
  });

  it('is 0 with no modules and no dependencies, never NaN', () => {
    const metrics = computeMetrics(makeProject([], [], { s: [] }));
    expect(metrics.structuralModularity).toBe(0);
    expect(metrics.crossingShareByWeight).toBe(0);
    expect(metrics.crossingShareByCount).toBe(0);
  });

  it('agrees with a direct transcription of the published formula on random designs', () => {
    // The reference: SM = (1/K) sum mu_i/N_i^2 - (1/(K(K-1)/2)) sum_{i != j, ordered} sigma_ij / (2 N_i N_j),
    // mu and sigma counting distinct module pairs joined in either direction, computed pair by pair.
    const arbitraryDesign = fc.record({
      size: fc.integer({ min: 1, max: 12 }),
      owners: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 12, maxLength: 12 }),
      edges: fc.array(
        fc.tuple(fc.nat(11), fc.nat(11), fc.constantFrom<DependencyKind>('import', 'data', 'call'), fc.integer({ min: 1, max: 9 })),
        { maxLength: 40 },
      ),
    });
    fc.assert(
      fc.property(arbitraryDesign, ({ size, owners, edges }) => {
        const ids = Array.from({ length: size }, (_, i) => `m${i}`);
        const deps: Dep[] = edges.filter(([a, b]) => a < size && b < size).map(([a, b, kind, weight]) => [ids[a]!, ids[b]!, kind, weight]);
        const services: Record<string, string[]> = {};
        ids.forEach((id, i) => {
          const owner = owners[i]!;
          if (owner > 0) (services[`s${owner}`] ??= []).push(id);
        });
        const project = makeProject(ids, deps, services);

        const clusterOf = (id: string): string =>
          Object.entries(services).find(([, members]) => members.includes(id))?.[0] ?? MONOLITH_NODE_ID;
        const clusters = [...new Set(ids.map(clusterOf))];
        const members = (c: string): string[] => ids.filter((id) => clusterOf(id) === c);
        const joined = (x: string, y: string): boolean => x !== y && deps.some(([f, t]) => (f === x && t === y) || (f === y && t === x));
        let cohesion = 0;
        for (const c of clusters) {
          const m = members(c);
          let mu = 0;
          for (let i = 0; i < m.length; i++) for (let j = i + 1; j < m.length; j++) if (joined(m[i]!, m[j]!)) mu++;
          cohesion += mu / (m.length * m.length);
        }
        cohesion /= clusters.length;
        let coupling = 0;
        for (const ci of clusters) {
          for (const cj of clusters) {
            if (ci === cj) continue;
            let sigma = 0;
            for (const x of members(ci)) for (const y of members(cj)) if (joined(x, y)) sigma++;
            coupling += sigma / (2 * members(ci).length * members(cj).length);
          }
        }
        const k = clusters.length;
        coupling = k > 1 ? coupling / ((k * (k - 1)) / 2) : 0;
        const metrics = computeMetrics(project);
        expect(metrics.clusters).toBe(k);
        expect(metrics.structuralModularity).toBeCloseTo(cohesion - coupling, 10);
      }),
      { numRuns: 200 },
    );
  });
});

describe('crossing share and coupling per node', () => {
  it('counts the dependencies that cross a boundary, by weight and by count', () => {
    const metrics = computeMetrics(SMALL);
    // All weights: 2+1+1+1+3+2+1+4+1 = 16 over 9 dependencies.
    // Crossing: a->d 3 (s1->s2), e->b 2 (s2->s1), e->f 4 (s2->monolith), f->a 1 (monolith->s1): 10 over 4.
    expect(metrics.totalWeight).toBe(16);
    expect(metrics.totalCount).toBe(9);
    expect(metrics.crossingWeight).toBe(10);
    expect(metrics.crossingCount).toBe(4);
    expect(metrics.crossingShareByWeight).toBeCloseTo(10 / 16, 12);
    expect(metrics.crossingShareByCount).toBeCloseTo(4 / 9, 12);
  });

  it('gives afferent and efferent coupling, instability and interfaces per node', () => {
    const byId = new Map(computeMetrics(SMALL).nodes.map((node) => [node.id, node]));
    // s1: depended on by the monolith (f->a, 1) and s2 (e->b, 2): Ca 2, weight 3; depends on s2 (a->d, 3): Ce 1.
    // I = 1 / (2 + 1) = 1/3. Interfaces: a (used by f) and b (used by e) = 2. Internal: 2 + 1 + 1 + 1 = 5.
    expect(byId.get('s1')).toMatchObject({
      afferent: 2,
      efferent: 1,
      afferentWeight: 3,
      efferentWeight: 3,
      interfaces: 2,
      internalWeight: 5,
      moduleCount: 3,
    });
    expect(byId.get('s1')!.instability).toBeCloseTo(1 / 3, 12);
    // s2: Ca 1 (s1, 3); Ce 2 (monolith 4, s1 2 -> 6); I = 2/3; interfaces: d.
    expect(byId.get('s2')).toMatchObject({
      afferent: 1,
      efferent: 2,
      afferentWeight: 3,
      efferentWeight: 6,
      interfaces: 1,
      internalWeight: 1,
    });
    expect(byId.get('s2')!.instability).toBeCloseTo(2 / 3, 12);
    // monolith: Ca 1 (s2, 4), Ce 1 (s1, 1), I = 1/2, interfaces: f.
    expect(byId.get(MONOLITH_NODE_ID)).toMatchObject({
      afferent: 1,
      efferent: 1,
      afferentWeight: 4,
      efferentWeight: 1,
      instability: 0.5,
      interfaces: 1,
    });
  });

  it('leaves instability undefined (null) for a node with no dependency across its boundary', () => {
    const project = makeProject(['a', 'b'], [['a', 'b', 'import', 1]], { lone: [] });
    const lone = computeMetrics(project).nodes.find((node) => node.id === 'lone')!;
    expect(lone.instability).toBeNull();
  });
});

describe('diffMetrics', () => {
  it('reports the change caused by an edit: moving f from the monolith into s2', () => {
    const before = computeMetrics(SMALL);
    const after = computeMetrics(makeProject(['a', 'b', 'c', 'd', 'e', 'f'], DEPS, { s1: ['a', 'b', 'c'], s2: ['d', 'e', 'f'] }));
    // After: K = 2; s1 mu 2 (N 3), s2 {d,e}, {e,f} -> 2 (N 3). cohesion = (2/9 + 2/9)/2 = 2/9.
    // sigma s1-s2: {a,d}, {b,e}, {a,f} -> 3; coupling = 3/(3*3) / 1 = 1/3. SM = 2/9 - 1/3 = -1/9.
    expect(after.structuralModularity).toBeCloseTo(-1 / 9, 12);
    const diff = diffMetrics(before, after);
    expect(diff.changed).toBe(true);
    expect(diff.structuralModularity).toBeCloseTo(-1 / 9 - -25 / 108, 12);
    // Crossing: e->f becomes internal (-4 weight, -1 count); f->a now s2->s1 still crosses.
    expect(diff.crossingWeight).toBe(-4);
    expect(diff.crossingCount).toBe(-1);
    const monolith = diff.nodes.find((node) => node.id === MONOLITH_NODE_ID)!;
    expect(monolith).toMatchObject({ status: 'changed', moduleCount: -1, afferent: -1, efferent: -1, instability: null });
    expect(diff.nodes.find((node) => node.id === 's2')).toMatchObject({ status: 'changed', moduleCount: 1 });
  });

  it('reports nothing for an edit that changes no figure, and added or removed nodes otherwise', () => {
    const metrics = computeMetrics(SMALL);
    const same = diffMetrics(metrics, computeMetrics(structuredClone(SMALL)));
    expect(same.changed).toBe(false);
    expect(same.nodes).toEqual([]);
    const withEmpty = makeProject(['a', 'b', 'c', 'd', 'e', 'f'], DEPS, { s1: ['a', 'b', 'c'], s2: ['d', 'e'], s3: [] });
    const added = diffMetrics(metrics, computeMetrics(withEmpty));
    expect(added.nodes).toEqual([
      { id: 's3', status: 'added', afferent: 0, efferent: 0, instability: null, interfaces: 0, moduleCount: 0 },
    ]);
    expect(added.structuralModularity).toBe(0);
    expect(diffMetrics(computeMetrics(withEmpty), metrics).nodes.map((node) => node.status)).toEqual(['removed']);
  });
});
