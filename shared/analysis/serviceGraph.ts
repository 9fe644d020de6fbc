import { DEPENDENCY_KINDS, MONOLITH_NODE_ID } from '../model/project';
import type { Dependency, DependencyKind, Module, Monolith, Project, Service } from '../model/project';
import { updateServiceGraph } from './serviceGraphUpdate';

// The service graph: module dependencies lifted to the nodes of the canvas (the Monolith node and one node per
// service). Derived from the document on demand and never stored.
//
// Cost: linear in modules + module ids listed by services + dependencies for a full build. Built for
// recomputing after every edit:
// - the module index and the resolution of dependency endpoints to module indices are cached per
//   `monolith.modules` / `monolith.dependencies` array (commands share unchanged arrays structurally);
// - an edit that changes neither `monolith` nor `services` (layout, links, phases) returns the previous graph;
// - an edit that keeps the monolith and the list of services but moves modules between them (assignments,
//   drags) patches the previous graph: only the dependencies touching a moved module are re-aggregated
//   (serviceGraphUpdate.ts); renames and other service fields return the previous graph;
// - `edges`, `edgeById` and `owner` are derived on first read, so an edit pays nothing for them until the
//   canvas asks.

export type KindWeights = Record<DependencyKind, number>;

/** What a set of module dependencies adds up to. */
export interface DependencyTally {
  /** Sum of the dependencies' weights. */
  weight: number;
  /** How many module dependencies. */
  count: number;
  weightByKind: KindWeights;
  /** Indices into project.monolith.dependencies, ascending. */
  dependencies: number[];
}

/** All module dependencies from one node to another, aggregated. Never a self edge. */
export interface ServiceEdge extends DependencyTally {
  /** `${from}->${to}`: stable, and the id the canvas gives the edge. */
  id: string;
  from: string;
  to: string;
}

export interface GraphNode {
  /** A service id, or MONOLITH_NODE_ID for what remains in the monolith. */
  id: string;
  /** The modules it owns, in the order of project.monolith.modules. */
  moduleIds: string[];
  linesOfCode: number;
  /** Dependencies between two modules that both sit in this node (a module's dependency on itself included). */
  internal: DependencyTally;
}

/** What the graph is made of; the rest (edges, edgeById, owner) is derived from it on first use. */
export interface GraphCore {
  /** MONOLITH_NODE_ID first (always present, even when empty), then services in project order. */
  nodeIds: string[];
  nodes: ReadonlyMap<string, GraphNode>;
  /** Per node, its edges to other nodes ordered by target (nodeIds order). */
  outgoing: ReadonlyMap<string, ServiceEdge[]>;
  /** Per node, the edges from other nodes ordered by source (nodeIds order). */
  incoming: ReadonlyMap<string, ServiceEdge[]>;
  /** Indices of dependencies naming a module that does not exist (a file that failed its integrity check). */
  dangling: number[];
  /** Weight and count of every resolved dependency (internal and crossing). */
  total: { weight: number; count: number };
  /** Low-level views for analyses that need module-level detail (metrics): do not mutate. */
  index: GraphIndex;
}

export interface ServiceGraph extends GraphCore {
  /** Every edge between different nodes, ordered by source node then target node. Built on first use. */
  readonly edges: readonly ServiceEdge[];
  /** Built on first use. */
  readonly edgeById: ReadonlyMap<string, ServiceEdge>;
  /** Module id -> owning node id (a service id or MONOLITH_NODE_ID). Built on first use. */
  readonly owner: ReadonlyMap<string, string>;
}

/**
 * Graphs patched from a previous graph without any edge appearing or disappearing (the node-level topology is
 * unchanged, only weights and dependency lists moved): the previous graph and the edges that changed, so that
 * cycles can be carried over instead of recomputed (cycles.ts). An entry is consumed by its first use, and a
 * graph never keeps an entry while its successor holds one, so at most one previous graph stays reachable.
 */
export const topologyBasis = new WeakMap<ServiceGraph, { previous: ServiceGraph; changed: ReadonlyMap<string, ServiceEdge> }>();

/** A graph over `core` whose derived views are computed once, when first read (after an edit the canvas may
 * never ask for them, and the checks and metrics do not need them). */
export function makeGraph(core: GraphCore): ServiceGraph {
  let edges: ServiceEdge[] | undefined;
  let edgeById: Map<string, ServiceEdge> | undefined;
  let owner: Map<string, string> | undefined;
  return {
    ...core,
    get edges(): readonly ServiceEdge[] {
      if (!edges) {
        edges = [];
        for (const id of core.nodeIds) for (const edge of core.outgoing.get(id)!) edges.push(edge);
      }
      return edges;
    },
    get edgeById(): ReadonlyMap<string, ServiceEdge> {
      edgeById ??= new Map(this.edges.map((edge) => [edge.id, edge]));
      return edgeById;
    },
    get owner(): ReadonlyMap<string, string> {
      if (!owner) {
        owner = new Map();
        for (const id of core.nodeIds) for (const moduleId of core.nodes.get(id)!.moduleIds) owner.set(moduleId, id);
      }
      return owner;
    },
  };
}

export interface GraphIndex {
  modules: readonly Module[];
  /** project.monolith.dependencies, the array the indices below refer to. */
  dependencies: readonly Dependency[];
  /** Dependency i goes from module index from[i] to module index to[i]; -1 when the module does not exist. */
  from: Int32Array;
  to: Int32Array;
  /** Module index -> node index (into nodeIds). */
  ownerOf: Int32Array;
}

/** The id of the edge from one node to another, as the canvas names it. */
export function serviceEdgeId(from: string, to: string): string {
  return `${from}->${to}`;
}

export const emptyKindWeights = (): KindWeights => ({ import: 0, data: 0, call: 0 });
export const emptyTally = (): DependencyTally => ({ weight: 0, count: 0, weightByKind: emptyKindWeights(), dependencies: [] });

export function addTo(tally: DependencyTally, dependency: Dependency, index: number): void {
  tally.weight += dependency.weight;
  tally.count += 1;
  tally.weightByKind[dependency.kind] += dependency.weight;
  tally.dependencies.push(index);
}

// ---- caches (keyed by the immutable arrays of the document) ----

const moduleIndexCache = new WeakMap<readonly Module[], Map<string, number>>();
const resolvedCache = new WeakMap<readonly Dependency[], { modules: readonly Module[]; from: Int32Array; to: Int32Array }>();
const graphCache = new WeakMap<Monolith, { services: readonly Service[]; graph: ServiceGraph }>();

/** Module id -> its index in `modules` (the first one, should ids repeat). Cached per array. */
export function moduleIndexOf(modules: readonly Module[]): ReadonlyMap<string, number> {
  let index = moduleIndexCache.get(modules);
  if (!index) {
    index = new Map();
    for (let i = 0; i < modules.length; i++) {
      const id = modules[i]!.id;
      if (!index.has(id)) index.set(id, i);
    }
    moduleIndexCache.set(modules, index);
  }
  return index;
}

/** True when `next` is `previous` with dependencies appended (the same objects first): addDependency. */
export function extendsDependencies(previous: readonly Dependency[], next: readonly Dependency[]): boolean {
  if (next.length < previous.length) return false;
  for (let i = 0; i < previous.length; i++) if (previous[i] !== next[i]) return false;
  return true;
}

let lastResolved: { dependencies: readonly Dependency[]; modules: readonly Module[]; from: Int32Array; to: Int32Array } | null = null;

/** Dependency endpoints as module indices. Cached per array; extends the last result when dependencies were
 * only appended. */
export function resolve(monolith: Monolith): { from: Int32Array; to: Int32Array } {
  const cached = resolvedCache.get(monolith.dependencies);
  if (cached && cached.modules === monolith.modules) return cached;
  const index = moduleIndexOf(monolith.modules);
  const deps = monolith.dependencies;
  const from = new Int32Array(deps.length);
  const to = new Int32Array(deps.length);
  let first = 0;
  if (lastResolved && lastResolved.modules === monolith.modules && extendsDependencies(lastResolved.dependencies, deps)) {
    from.set(lastResolved.from);
    to.set(lastResolved.to);
    first = lastResolved.dependencies.length;
  }
  for (let i = first; i < deps.length; i++) {
    const dependency = deps[i]!;
    from[i] = index.get(dependency.from) ?? -1;
    to[i] = index.get(dependency.to) ?? -1;
  }
  const entry = { modules: monolith.modules, from, to };
  resolvedCache.set(deps, entry);
  lastResolved = { dependencies: deps, ...entry };
  return entry;
}

let lastGraph: ServiceGraph | null = null;

/** The service graph of a project. Pure; cached by document identity (see the note at the top). */
export function buildServiceGraph(project: Project): ServiceGraph {
  const cached = graphCache.get(project.monolith);
  if (cached && cached.services === project.services) {
    lastGraph = cached.graph;
    return cached.graph;
  }
  // Patch the graph last built for this monolith or, after an edit that appended dependencies, the last one.
  const base = cached?.graph ?? lastGraph;
  const graph =
    (cached && sameMembership(cached.services, project.services) ? cached.graph : null) ??
    (base && updateServiceGraph(base, project.monolith, project.services)) ??
    computeServiceGraph(project.monolith, project.services);
  graphCache.set(project.monolith, { services: project.services, graph });
  lastGraph = graph;
  return graph;
}

/** The same services with the same module lists (by reference): a rename or a change of framework, which
 * leaves the graph as it was. */
function sameMembership(previous: readonly Service[], next: readonly Service[]): boolean {
  if (previous.length !== next.length) return false;
  for (let i = 0; i < next.length; i++) {
    if (previous[i]!.id !== next[i]!.id || previous[i]!.moduleIds !== next[i]!.moduleIds) return false;
  }
  return true;
}

/** The canvas nodes: the monolith, then each service once (a repeated service id keeps its first place). */
export function nodeIdsOf(services: readonly Service[]): { nodeIds: string[]; nodeIndex: Map<string, number> } {
  const nodeIds: string[] = [MONOLITH_NODE_ID];
  const nodeIndex = new Map<string, number>([[MONOLITH_NODE_ID, 0]]);
  for (const service of services) {
    if (nodeIndex.has(service.id)) continue;
    nodeIndex.set(service.id, nodeIds.length);
    nodeIds.push(service.id);
  }
  return { nodeIds, nodeIndex };
}

/** Module index -> node index: a module listed by a service belongs to the first service listing it, else to
 * the monolith (node 0). */
export function ownershipOf(modules: readonly Module[], services: readonly Service[], nodeIndex: ReadonlyMap<string, number>): Int32Array {
  const moduleIndex = moduleIndexOf(modules);
  const ownerOf = new Int32Array(modules.length);
  for (const service of services) {
    const n = nodeIndex.get(service.id)!;
    for (const moduleId of service.moduleIds) {
      const m = moduleIndex.get(moduleId);
      if (m !== undefined && ownerOf[m] === 0) ownerOf[m] = n;
    }
  }
  return ownerOf;
}

function computeServiceGraph(monolith: Monolith, services: readonly Service[]): ServiceGraph {
  const modules = monolith.modules;
  const moduleIndex = moduleIndexOf(modules);
  const { nodeIds, nodeIndex } = nodeIdsOf(services);
  const nodeCount = nodeIds.length;
  const ownerOf = ownershipOf(modules, services, nodeIndex);

  const nodeList: GraphNode[] = nodeIds.map((id) => ({ id, moduleIds: [], linesOfCode: 0, internal: emptyTally() }));
  for (let m = 0; m < modules.length; m++) {
    const module = modules[m]!;
    if (moduleIndex.get(module.id) !== m) continue; // a repeated module id counts once
    const node = nodeList[ownerOf[m]!]!;
    node.moduleIds.push(module.id);
    node.linesOfCode += module.linesOfCode;
  }

  // Aggregation: one accumulator per ordered pair of nodes, keyed by from * nodeCount + to.
  const { from, to } = resolve(monolith);
  const deps = monolith.dependencies;
  const pairs = new Map<number, ServiceEdge>();
  const dangling: number[] = [];
  let totalWeight = 0;
  let totalCount = 0;
  for (let i = 0; i < deps.length; i++) {
    const mf = from[i]!;
    const mt = to[i]!;
    if (mf < 0 || mt < 0) {
      dangling.push(i);
      continue;
    }
    const dependency = deps[i]!;
    totalWeight += dependency.weight;
    totalCount += 1;
    const a = ownerOf[mf]!;
    const b = ownerOf[mt]!;
    if (a === b) {
      addTo(nodeList[a]!.internal, dependency, i);
      continue;
    }
    const key = a * nodeCount + b;
    let edge = pairs.get(key);
    if (!edge) {
      const fromId = nodeIds[a]!;
      const toId = nodeIds[b]!;
      edge = { id: serviceEdgeId(fromId, toId), from: fromId, to: toId, ...emptyTally() };
      pairs.set(key, edge);
    }
    addTo(edge, dependency, i);
  }

  const nodes = new Map<string, GraphNode>();
  const outgoing = new Map<string, ServiceEdge[]>();
  const incoming = new Map<string, ServiceEdge[]>();
  for (const node of nodeList) {
    nodes.set(node.id, node);
    outgoing.set(node.id, []);
    incoming.set(node.id, []);
  }
  for (const key of [...pairs.keys()].sort((x, y) => x - y)) {
    const edge = pairs.get(key)!;
    outgoing.get(edge.from)!.push(edge);
    incoming.get(edge.to)!.push(edge);
  }

  return makeGraph({
    nodeIds,
    nodes,
    outgoing,
    incoming,
    dangling,
    total: { weight: totalWeight, count: totalCount },
    index: { modules, dependencies: deps, from, to, ownerOf },
  });
}

/** Every dependency kind, for callers that iterate over weightByKind. */
export const KINDS: readonly DependencyKind[] = DEPENDENCY_KINDS;
