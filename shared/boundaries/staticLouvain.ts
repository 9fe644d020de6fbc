// Boundary suggestions from the static graph alone (issue 5, section 5; the import dialog's proposal): Louvain
// communities of the weighted module graph (fixed seed, data dependencies weighted above imports), named from
// their dominant domain (names.ts), proposed as candidate services, and the metrics of the current design,
// of the proposal and of the baseline "one service per Django app" side by side. The metrics themselves are
// shared/analysis/metrics.ts (structural modularity, crossing share, interfaces); this adds size spread and
// interfaces per service and computes them for designs that are not (yet) the project's.
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { computeMetrics } from '../analysis/metrics';
import { uniqueId } from '../model/create';
import { MONOLITH_NODE_ID, ServiceSchema, type Module, type Project } from '../model/project';
import { mulberry32 } from '../random';
import { domainNames, serviceIdFor } from './names';

export interface SuggestOptions {
  /** Seed of Louvain's random order: the same input and seed give the same proposal. Default 1. */
  seed?: number;
  /** How much more a data dependency (foreign key) weighs than an import, per unit of weight. Default 3. */
  dataWeight?: number;
  /** Louvain resolution: above 1 gives more, smaller services. Default 1. */
  resolution?: number;
}

export interface ProposedService {
  id: string;
  name: string;
  moduleIds: string[];
  linesOfCode: number;
}

export interface Proposal {
  services: ProposedService[];
  seed: number;
  /** Newman modularity of the communities on the weighted graph (what Louvain maximises). */
  modularity: number;
}

/** The figures shown beside a proposal, for one design. */
export interface DesignSummary {
  /** Nodes owning modules (services, plus the monolith while it owns some). */
  services: number;
  structuralModularity: number;
  crossingShareByWeight: number;
  crossingShareByCount: number;
  /** Mean number of a node's modules used from another node. */
  interfacesPerService: number;
  /** Coefficient of variation (standard deviation / mean) of lines of code per node; 0 for one node. */
  sizeSpread: number;
}

/** Candidate services from the project's modules and dependencies. Modules without dependencies stay alone. */
export function proposeServices(project: Project, options: SuggestOptions = {}): Proposal {
  const seed = options.seed ?? 1;
  const dataWeight = options.dataWeight ?? 3;
  const modules = [...project.monolith.modules].sort((a, b) => a.id.localeCompare(b.id));
  const known = new Set(modules.map((m) => m.id));
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (const m of modules) graph.addNode(m.id);
  const deps = [...project.monolith.dependencies].sort(
    (a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.kind.localeCompare(b.kind),
  );
  for (const d of deps) {
    if (d.from === d.to || !known.has(d.from) || !known.has(d.to)) continue;
    const w = d.weight * (d.kind === 'data' ? dataWeight : 1);
    if (graph.hasEdge(d.from, d.to)) graph.updateEdgeAttribute(d.from, d.to, 'weight', (x: number | undefined) => (x ?? 0) + w);
    else graph.addEdge(d.from, d.to, { weight: w });
  }
  const communities = new Map<number, Module[]>();
  let modularity = 0;
  if (graph.size > 0) {
    const detailed = louvain.detailed(graph, { getEdgeWeight: 'weight', rng: mulberry32(seed), resolution: options.resolution ?? 1 });
    modularity = detailed.modularity;
    for (const m of modules) {
      const c = detailed.communities[m.id]!;
      communities.set(c, [...(communities.get(c) ?? []), m]);
    }
  } else {
    modules.forEach((m, k) => communities.set(k, [m]));
  }
  const taken = new Set<string>([...known, ...project.services.map((s) => s.id), MONOLITH_NODE_ID]);
  const sized = [...communities.values()]
    .map((members) => ({ moduleIds: members.map((m) => m.id).sort(), linesOfCode: members.reduce((sum, m) => sum + m.linesOfCode, 0) }))
    .sort((a, b) => b.linesOfCode - a.linesOfCode || (a.moduleIds[0]! < b.moduleIds[0]! ? -1 : 1));
  const names = domainNames(
    project.monolith.modules,
    sized.map((s) => s.moduleIds),
    project.services.map((s) => s.name),
  );
  const services = sized.map((s, k) => ({ id: serviceIdFor(names[k]!, taken), name: names[k]!, ...s }));
  return { services, seed, modularity };
}

/** The project with its services replaced by these (modules not listed stay in the monolith). */
export function withServices(project: Project, services: ReadonlyArray<{ id: string; name: string; moduleIds: string[] }>): Project {
  return {
    ...project,
    services: services.map((s) => ServiceSchema.parse({ id: s.id, name: s.name, moduleIds: s.moduleIds })),
    links: [],
  };
}

/** One service per Django app: each module goes to the longest app name that prefixes it, else stays alone. */
export function perAppDesign(project: Project, apps: readonly string[] = []): Project {
  const byApp = new Map<string, string[]>();
  const sorted = [...apps].sort((a, b) => b.length - a.length);
  for (const m of project.monolith.modules) {
    const app = sorted.find((a) => m.name === a || m.name.startsWith(`${a}.`)) ?? m.name;
    byApp.set(app, [...(byApp.get(app) ?? []), m.id]);
  }
  const taken = new Set<string>([...project.monolith.modules.map((m) => m.id), MONOLITH_NODE_ID]);
  const services = [...byApp.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([app, moduleIds]) => {
      const id = uniqueId(`app-${app}`, taken);
      taken.add(id);
      return { id, name: app, moduleIds };
    });
  return withServices(project, services);
}

export function summarizeDesign(project: Project): DesignSummary {
  const metrics = computeMetrics(project);
  const lines = new Map(project.monolith.modules.map((m) => [m.id, m.linesOfCode]));
  const assigned = new Set(project.services.flatMap((s) => s.moduleIds));
  const sizes = project.services
    .map((s) => s.moduleIds.reduce((sum, id) => sum + (lines.get(id) ?? 0), 0))
    .filter((_, k) => project.services[k]!.moduleIds.length > 0);
  const rest = project.monolith.modules.filter((m) => !assigned.has(m.id));
  if (rest.length > 0) sizes.push(rest.reduce((sum, m) => sum + m.linesOfCode, 0));
  const owning = metrics.nodes.filter((n) => n.moduleCount > 0);
  const mean = sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length);
  const variance = sizes.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, sizes.length);
  return {
    services: owning.length,
    structuralModularity: metrics.structuralModularity,
    crossingShareByWeight: metrics.crossingShareByWeight,
    crossingShareByCount: metrics.crossingShareByCount,
    interfacesPerService: owning.length === 0 ? 0 : owning.reduce((a, n) => a + n.interfaces, 0) / owning.length,
    sizeSpread: sizes.length < 2 || mean === 0 ? 0 : Math.sqrt(variance) / mean,
  };
}

/** The three designs side by side: the project as it is, the proposal, one service per Django app. */
export function compareDesigns(
  project: Project,
  proposal: Proposal,
  apps: readonly string[] = [],
): { current: DesignSummary; proposal: DesignSummary; perApp: DesignSummary } {
  return {
    current: summarizeDesign(project),
    proposal: summarizeDesign(withServices(project, proposal.services)),
    perApp: summarizeDesign(perAppDesign(project, apps)),
  };
}
