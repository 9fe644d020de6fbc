import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateProject } from '../../bench/generate';
import { mulberry32 } from '../../shared/random';
import { summarize, verdict } from '../../bench/harness';
import { validateProject } from '../../shared/format/load';
import { serializeProject } from '../../shared/format/save';
import { findIntegrityProblems } from '../../shared/model/integrity';
import { MONOLITH_NODE_ID, ProjectSchema } from '../../shared/model/project';

// The generator behind every benchmark (file format, canvas, planner): its projects must be ones Carve opens,
// or the figures measure an error path.

const sizes = fc.record({
  services: fc.integer({ min: 0, max: 60 }),
  modules: fc.integer({ min: 0, max: 400 }),
  dependencies: fc.integer({ min: 0, max: 2_000 }),
  seed: fc.integer(),
});

describe('generateProject', () => {
  it('gives sound projects of the asked size for any size and seed', () => {
    fc.assert(
      fc.property(sizes, (options) => {
        const project = generateProject(options);
        expect(ProjectSchema.parse(project)).toEqual(project);
        expect(findIntegrityProblems(project)).toEqual([]);
        expect(validateProject(project)).toEqual(project);
        expect(project.monolith.modules).toHaveLength(options.modules);
        expect(project.services).toHaveLength(options.services);
        expect(project.monolith.dependencies).toHaveLength(options.modules > 1 ? options.dependencies : 0);
        expect(project.layout.nodes.map((n) => n.id)).toEqual([MONOLITH_NODE_ID, ...project.services.map((s) => s.id)]);
      }),
      { numRuns: 60 },
    );
  });

  it('is deterministic: the same options give the same bytes, another seed another project', () => {
    fc.assert(
      fc.property(sizes, (options) => {
        expect(serializeProject(generateProject(options))).toBe(serializeProject(generateProject(options)));
      }),
      { numRuns: 20 },
    );
    const a = generateProject({ services: 20, modules: 200, dependencies: 800, seed: 1 });
    const b = generateProject({ services: 20, modules: 200, dependencies: 800, seed: 2 });
    expect(a.monolith.dependencies).not.toEqual(b.monolith.dependencies);
  });

  it('has the realistic shape benchmarks rely on: dotted names, entities, all kinds, weights, unassigned modules', () => {
    const project = generateProject({ services: 100, modules: 1_000, dependencies: 5_000, seed: 7 });
    const modules = project.monolith.modules;
    for (const m of modules) expect(m.name).toMatch(/^acme\.[a-z_0-9]+\.[a-z]+$/);
    expect(modules.filter((m) => m.entities.length > 0).length).toBeGreaterThan(100);
    const kinds = new Map<string, number>();
    for (const d of project.monolith.dependencies) {
      kinds.set(d.kind, (kinds.get(d.kind) ?? 0) + 1);
      expect(d.weight).toBeGreaterThanOrEqual(1);
      expect(d.weight).toBeLessThanOrEqual(40);
    }
    expect([...kinds.keys()].sort()).toEqual(['call', 'data', 'import']);
    const keys = new Set(project.monolith.dependencies.map((d) => `${d.from}>${d.to}>${d.kind}`));
    expect(keys.size).toBe(project.monolith.dependencies.length);
    const owned = new Set(project.services.flatMap((s) => s.moduleIds));
    expect(owned.size).toBe(800);
    expect(new Set(project.services.map((s) => s.framework)).size).toBeGreaterThan(3);
    expect(project.links.length).toBe(50);
  });
});

describe('bench helpers', () => {
  it('mulberry32 is deterministic and stays in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const a = mulberry32(seed);
        const b = mulberry32(seed);
        for (let i = 0; i < 50; i++) {
          const x = a();
          expect(x).toBe(b());
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
        }
      }),
    );
  });

  it('summarize takes the nearest-rank median and 95th percentile', () => {
    const samples = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(summarize(samples)).toEqual({ median: 10, p95: 19, runs: 20 });
    expect(summarize([5])).toEqual({ median: 5, p95: 5, runs: 1 });
  });

  it('verdict judges a ratio against the baseline median', () => {
    const timing = (median: number) => ({ median, p95: median, runs: 1 });
    const row = { case: 'x', timing: timing(30), baseline: { case: 'y', timing: timing(10) }, maxRatio: 3 };
    expect(verdict(row)).toBe(true);
    expect(verdict({ ...row, timing: timing(31) })).toBe(false);
    expect(verdict({ case: 'x', timing: timing(1) })).toBeNull();
    expect(verdict({ case: 'x', timing: timing(12), maxMedianMs: 10 })).toBe(false);
  });
});
