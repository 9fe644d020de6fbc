import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildServiceGraph } from '../../shared/analysis/serviceGraph';
import type { ServiceGraph } from '../../shared/analysis/serviceGraph';
import { checkDesign } from '../../shared/analysis/checks';
import { findCycles } from '../../shared/analysis/cycles';
import type { ServiceCycle } from '../../shared/analysis/cycles';
import { computeMetrics } from '../../shared/analysis/metrics';
import type { DesignMetrics } from '../../shared/analysis/metrics';
import { assignModules } from '../../shared/commands/assign';
import { addDependency } from '../../shared/commands/modules';
import { createService, deleteService, renameService } from '../../shared/commands/services';
import { DEPENDENCY_KINDS, ProjectSchema } from '../../shared/model/project';
import type { Project } from '../../shared/model/project';

// The service graph is patched after an assignment instead of rebuilt (serviceGraphUpdate.ts). The patched
// graph must equal a graph built from scratch for the same document, field by field.

const arbitraryProject = fc
  .record({
    // Large enough that moving a few modules touches under a quarter of the dependencies (the patch path).
    modules: fc.integer({ min: 1, max: 60 }),
    deps: fc.array(fc.tuple(fc.nat(59), fc.nat(59), fc.constantFrom(...DEPENDENCY_KINDS), fc.integer({ min: 1, max: 9 })), {
      maxLength: 150,
    }),
    owners: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 60, maxLength: 60 }),
  })
  .map(({ modules, deps, owners }): Project => {
    const ids = Array.from({ length: modules }, (_, i) => `m${i}`);
    return ProjectSchema.parse({
      id: 'p',
      name: 'P',
      monolith: {
        modules: ids.map((id, i) => ({ id, name: `app.${id}`, linesOfCode: 10 * (i + 1) })),
        // Self dependencies, repeats and a dangling end are all allowed here: the graph must cope.
        dependencies: [
          ...deps
            .filter(([a, b]) => a < modules && b < modules)
            .map(([a, b, kind, weight]) => ({ from: ids[a]!, to: ids[b]!, kind, weight })),
          { from: ids[0]!, to: 'ghost', kind: 'import', weight: 1 },
        ],
      },
      services: [1, 2, 3, 4].map((n) => ({ id: `s${n}`, name: `S${n}`, moduleIds: ids.filter((_, i) => owners[i] === n) })),
    });
  });

interface Edit {
  kind: 'assign' | 'create' | 'delete' | 'undo' | 'depend';
  picks: number[];
  target: number | null;
  rename: boolean;
}

const edit: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom<Edit['kind']>('assign', 'assign', 'assign', 'create', 'delete', 'undo', 'depend', 'depend'),
  picks: fc.array(fc.nat(59), { minLength: 1, maxLength: 3 }),
  target: fc.option(fc.nat(9), { nil: null }),
  rename: fc.boolean(),
});

function applyEdit(project: Project, history: Project[], { kind, picks, target, rename }: Edit): Project {
  const moduleIds = picks.map((n) => project.monolith.modules[n % project.monolith.modules.length]!.id);
  const service = (n: number | null): string | null =>
    n === null || project.services.length === 0 ? null : project.services[n % project.services.length]!.id;
  let next = project;
  if (kind === 'assign') next = assignModules(project, { moduleIds, serviceId: service(target) });
  else if (kind === 'create') next = createService(project, { name: `New ${picks[0]}`, moduleIds, framework: 'flask' });
  else if (kind === 'delete') {
    const id = service(target);
    if (id) next = deleteService(project, { serviceId: id });
  } else if (kind === 'depend') {
    const [a, b] = [moduleIds[0]!, project.monolith.modules[(target ?? 0) % project.monolith.modules.length]!.id];
    const exists = project.monolith.dependencies.some((d) => d.from === a && d.to === b && d.kind === 'call');
    if (a !== b && !exists) next = addDependency(project, { from: a, to: b, kind: 'call', weight: picks.length });
  } else next = history[(target ?? 0) % history.length]!; // undo to some earlier state
  const first = next.services[0];
  if (rename && first) next = renameService(next, { serviceId: first.id, name: `${first.name}!` });
  return next;
}

/** A copy with fresh arrays everywhere, so nothing cached for the original applies to it. */
const fresh = (project: Project): Project => structuredClone(project);

describe('incremental service graph', () => {
  it('equals a full rebuild, metrics and checks included, after any sequence of assignments, renames, new and deleted services, added dependencies and undos', () => {
    fc.assert(
      fc.property(arbitraryProject, fc.array(edit, { minLength: 1, maxLength: 15 }), (initial, edits) => {
        // Apply every edit and analyse as the app would, then compare each result with a rebuild from a copy
        // (rebuilding in between would reset the state the incremental paths extend).
        let project = initial;
        const history = [project];
        const results: { project: Project; graph: ServiceGraph; metrics: DesignMetrics; cycles: ServiceCycle[][] }[] = [];
        let graph = buildServiceGraph(project);
        for (const step of edits) {
          project = applyEdit(project, history, step);
          history.push(project);
          const previous = graph;
          graph = buildServiceGraph(project);
          const cycles = [findCycles(graph), findCycles(graph, { includeMonolith: true })];
          results.push({ project, graph, metrics: computeMetrics(project), cycles });
          // Untouched parts are shared with the previous graph.
          if (project.monolith.dependencies === previous.index.dependencies) expect(graph.index.from).toBe(previous.index.from);
        }
        for (const result of results) {
          const rebuilt = fresh(result.project);
          expect(result.graph).toEqual(buildServiceGraph(rebuilt));
          expect(result.metrics).toEqual(computeMetrics(rebuilt));
          expect(checkDesign(result.project)).toEqual(checkDesign(rebuilt));
          const rebuiltGraph = buildServiceGraph(rebuilt);
          expect(result.cycles).toEqual([findCycles(rebuiltGraph), findCycles(rebuiltGraph, { includeMonolith: true })]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('does not change the previous graph while patching it', () => {
    fc.assert(
      fc.property(arbitraryProject, edit, (project, step) => {
        const graph = buildServiceGraph(project);
        const snapshot = structuredClone(graph);
        buildServiceGraph(applyEdit(project, [project], step));
        expect(graph).toEqual(snapshot);
      }),
      { numRuns: 200 },
    );
  });
});
