import { getFramework } from '../catalog/frameworks';
import { moduleIndexOf, type ServiceGraph } from '../analysis/serviceGraph';
import type { Project, Service } from '../model/project';

// Effort to extract one service, in person-weeks. The formula is shown in the UI and in the report, so it is
// spelled out here once, with its constants named:
//
//   code      = lines of code / 1,000 x 0.5             (half a person-week per thousand lines moved)
//   rewrite   = code x 0.6 when the service's framework differs from the monolith's (a port onto another
//               framework), else 0 (staying on the monolith's framework mostly moves files)
//   interface = 0.25 x each module dependency (import or call) that crosses the service's boundary
//   data      = 0.5 x each data dependency (foreign key) that crosses it
//             + 0.5 x each data entity (model) the service takes with it
//   effort    = max(1, code + rewrite + interface + data), rounded to a tenth; a user's override replaces it.
//
// How effort becomes time: each team's capacity is per phase of the default length, and a phase whose work
// needs more than its set length runs longer (the rule and its figures: phaseTiming.ts, capacityRule).

export const EFFORT_CONSTANTS = {
  perThousandLines: 0.5,
  rewriteFactor: 0.6,
  perCrossingDependency: 0.25,
  perCrossingDataDependency: 0.5,
  perEntity: 0.5,
  minimum: 1,
} as const;

export const EFFORT_FORMULA =
  'effort (person-weeks) = max(1, 0.5 per 1,000 lines + 60% of that when the framework changes + 0.25 per ' +
  'crossing import or call + 0.5 per crossing foreign key + 0.5 per data entity moved); an override replaces it';

export interface EffortBreakdown {
  code: number;
  rewrite: number;
  interface: number;
  data: number;
  /** The computed effort (before any override). */
  computed: number;
  /** What the plan uses: the override when set, else `computed`. */
  effort: number;
  overridden: boolean;
  linesOfCode: number;
  crossingDependencies: number;
  crossingDataDependencies: number;
  entities: number;
  frameworkChange: boolean;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

/** The effort of one service, read from the service graph (the planner derives the same inputs itself, for
 * every service in one pass: dependencyGraph.ts; a test keeps the two in agreement). */
export function estimateEffort(project: Project, graph: ServiceGraph, service: Service): EffortBreakdown {
  const node = graph.nodes.get(service.id);
  const crossing = crossingCounts(project, graph).get(service.id);
  let entities = 0;
  const modules = graph.index.modules;
  const moduleIndex = moduleIndexOf(modules);
  for (const moduleId of node?.moduleIds ?? []) entities += modules[moduleIndex.get(moduleId)!]?.entities.length ?? 0;
  return effortOf(
    {
      linesOfCode: node?.linesOfCode ?? 0,
      crossing: crossing?.all ?? 0,
      crossingData: crossing?.data ?? 0,
      entities,
      frameworkChange: getFramework(service.framework).id !== getFramework(project.monolith.framework).id,
    },
    service.effortOverride,
  );
}

/** What the effort formula reads about one service: its size, the module dependencies crossing its boundary
 * (all of them, and the foreign keys among them), its data entities, and whether it changes framework. */
export interface EffortInputs {
  linesOfCode: number;
  crossing: number;
  crossingData: number;
  entities: number;
  frameworkChange: boolean;
}

/** The formula above on its inputs (the planner computes them for every service at once). */
export function effortOf(inputs: EffortInputs, effortOverride: number | null): EffortBreakdown {
  const { linesOfCode, entities, frameworkChange } = inputs;
  const crossingDataDependencies = inputs.crossingData;
  const crossingDependencies = inputs.crossing - crossingDataDependencies;
  const c = EFFORT_CONSTANTS;
  const code = (linesOfCode / 1000) * c.perThousandLines;
  const rewrite = frameworkChange ? code * c.rewriteFactor : 0;
  const interfaceWork = crossingDependencies * c.perCrossingDependency;
  const data = crossingDataDependencies * c.perCrossingDataDependency + entities * c.perEntity;
  const computed = round1(Math.max(c.minimum, code + rewrite + interfaceWork + data));
  const overridden = effortOverride !== null;
  return {
    code: round1(code),
    rewrite: round1(rewrite),
    interface: round1(interfaceWork),
    data: round1(data),
    computed,
    effort: overridden ? effortOverride : computed,
    overridden,
    linesOfCode,
    crossingDependencies,
    crossingDataDependencies,
    entities,
    frameworkChange,
  };
}

const crossingCache = new WeakMap<ServiceGraph, Map<string, { all: number; data: number }>>();

/** Per node: module dependencies crossing its boundary (either way), and how many of them are foreign keys. */
function crossingCounts(project: Project, graph: ServiceGraph): Map<string, { all: number; data: number }> {
  let counts = crossingCache.get(graph);
  if (counts) return counts;
  counts = new Map();
  const deps = project.monolith.dependencies;
  for (const edge of graph.edges) {
    let data = 0;
    for (const i of edge.dependencies) if (deps[i]!.kind === 'data') data++;
    for (const id of [edge.from, edge.to]) {
      const entry = counts.get(id) ?? { all: 0, data: 0 };
      entry.all += edge.count;
      entry.data += data;
      counts.set(id, entry);
    }
  }
  crossingCache.set(graph, counts);
  return counts;
}
