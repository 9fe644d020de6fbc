import type { Project } from '../model/project';
import { buildServiceGraph, extendsDependencies } from './serviceGraph';
import type { GraphIndex, ServiceGraph } from './serviceGraph';

// Metrics of the whole design, recomputed after every edit (linear in modules + dependencies).
//
// Structural modularity (SM), as Mono2Micro measures it. Source: A. K. Kalia, J. Xiao, R. Krishna, S. Sinha,
// M. Vukovic, D. Banerjee, "Mono2Micro: A Practical and Effective Tool for Decomposing Monolithic Java
// Applications to Microservices", ESEC/FSE 2021 (arXiv 2107.09698), which takes it from W. Jin, T. Liu, Y. Cai,
// R. Kazman, R. Mo, Q. Zheng, "Service Candidate Identification from Monolithic Systems Based on Execution
// Traces", IEEE TSE 2019; checked against a Python implementation of the metric authored by A. Kalia (2021),
// function `structural_modularity`:
//
//   SM = (1/K) * sum_i scoh_i  -  (1 / (K(K-1)/2)) * sum_{i != j} scop_ij
//   scoh_i  = mu_i / N_i^2               structural cohesion of cluster i
//   scop_ij = sigma_ij / (2 * N_i * N_j) structural coupling between clusters i and j
//
// K clusters; N_i modules in cluster i; mu_i the number of distinct module pairs inside cluster i joined by at
// least one dependency; sigma_ij the number of distinct module pairs (one in i, one in j) joined by at least one
// dependency. The graph is read undirected and unweighted there: a pair counts once whatever the direction,
// number, kind or weight of its dependencies. A module's dependency on itself joins no pair.
// The sum over i != j runs over ordered pairs and sigma_ij = sigma_ji, so the coupling term equals
//   (1 / (K(K-1)/2)) * sum_{i<j} sigma_ij / (N_i * N_j)
// (the form computed below). Note: writing the sum over i<j while keeping the 2 in the denominator, as some
// summaries do, halves the coupling term; the i != j form and that implementation agree with the one used here.
// With K = 1 the coupling term is 0 (as in that implementation). Higher is better; SM lies in [-1, 0.5) since a
// cluster of N modules holds at most N(N-1)/2 pairs.
//
// Does the Monolith count as a cluster? Yes, whenever it still owns modules: SM measures a partition of all
// modules, and what remains in the monolith is one block of that partition. Leaving it out would let one tiny,
// well-cut service score perfectly while everything it leaks into the monolith went unmeasured. A node with no
// modules (an empty service, an emptied monolith) is not a cluster: N_i = 0 has no cohesion to measure.
//
// Crossing share: of all dependencies between existing modules, the part whose two modules have different
// owners (the monolith being one owner), by weight and by count; 0 when there are no dependencies.
//
// Coupling per node (Robert C. Martin, "Agile Software Development", 2002, package metrics), at node level:
//   afferent Ca = how many other nodes depend on this one; efferent Ce = how many other nodes it depends on;
//   instability I = Ce / (Ca + Ce), null when Ca + Ce = 0 (Martin leaves it undefined there).
// The Monolith node counts as an other node. The weights behind Ca and Ce are given too.
// Interfaces of a node: how many of its modules are the target of a dependency from another node, that is, the
// modules it must expose (the idea behind the interface number, IFN, of the decomposition literature).

export interface NodeCoupling {
  /** A service id, or MONOLITH_NODE_ID. */
  id: string;
  moduleCount: number;
  /** Ca: other nodes that depend on this one. */
  afferent: number;
  /** Ce: other nodes this one depends on. */
  efferent: number;
  afferentWeight: number;
  efferentWeight: number;
  /** Ce / (Ca + Ce); null when the node has no dependency across its boundary. */
  instability: number | null;
  /** Modules of this node used from another node. */
  interfaces: number;
  /** Weight of the dependencies inside the node. */
  internalWeight: number;
}

export interface DesignMetrics {
  structuralModularity: number;
  /** The cohesion term of SM: (1/K) sum mu_i / N_i^2. */
  cohesion: number;
  /** The coupling term of SM (subtracted). */
  coupling: number;
  /** K: nodes that own at least one module, the Monolith included. */
  clusters: number;
  crossingShareByWeight: number;
  crossingShareByCount: number;
  crossingWeight: number;
  crossingCount: number;
  totalWeight: number;
  totalCount: number;
  /** One entry per node of the service graph: the Monolith first, then services in project order. */
  nodes: NodeCoupling[];
}

export function computeMetrics(project: Project): DesignMetrics {
  return metricsOfGraph(buildServiceGraph(project));
}

const metricsCache = new WeakMap<ServiceGraph, DesignMetrics>();

/** The metrics of a service graph; cached per graph (an edit that leaves the graph as it was costs nothing).
 * The result is shared: do not mutate it. */
export function metricsOfGraph(graph: ServiceGraph): DesignMetrics {
  let metrics = metricsCache.get(graph);
  if (!metrics) {
    metrics = measure(graph);
    metricsCache.set(graph, metrics);
  }
  return metrics;
}

function measure(graph: ServiceGraph): DesignMetrics {
  const { from, to, ownerOf, modules } = graph.index;
  const moduleCount = modules.length;
  const nodeCount = graph.nodeIds.length;
  const size = graph.nodeIds.map((id) => graph.nodes.get(id)!.moduleIds.length);

  // Each distinct module pair adds 1 to mu_i (inside node i) or to sigma_ij (between i and j), so the sums
  // of SM can be taken pair by pair: sum_i mu_i / N_i^2 = sum over inside pairs of 1 / N_i^2, and
  // sum_{i<j} sigma_ij / (N_i N_j) = sum over crossing pairs of 1 / (N_i N_j). No per-pair-of-nodes table.
  let cohesionSum = 0;
  let couplingSum = 0;
  const { low, high } = distinctPairs(graph.index);
  for (let p = 0; p < low.length; p++) {
    const na = ownerOf[low[p]!]!;
    const nb = ownerOf[high[p]!]!;
    if (na === nb) cohesionSum += 1 / (size[na]! * size[na]!);
    else couplingSum += 1 / (size[na]! * size[nb]!);
  }
  const isInterface = new Uint8Array(moduleCount);
  const interfaces = new Int32Array(nodeCount);
  for (let i = 0; i < from.length; i++) {
    const a = from[i]!;
    const b = to[i]!;
    if (a < 0 || b < 0 || isInterface[b]) continue;
    const nb = ownerOf[b]!;
    if (ownerOf[a] !== nb) {
      isInterface[b] = 1;
      interfaces[nb]! += 1;
    }
  }

  let clusters = 0;
  for (let n = 0; n < nodeCount; n++) if (size[n]! > 0) clusters += 1;
  const cohesion = clusters > 0 ? cohesionSum / clusters : 0;
  const coupling = clusters > 1 ? couplingSum / ((clusters * (clusters - 1)) / 2) : 0;

  // What does not stay inside a node crosses a boundary.
  let crossingWeight = graph.total.weight;
  let crossingCount = graph.total.count;
  for (const node of graph.nodes.values()) {
    crossingWeight -= node.internal.weight;
    crossingCount -= node.internal.count;
  }

  const nodes = graph.nodeIds.map((id, n): NodeCoupling => {
    const incoming = graph.incoming.get(id)!;
    const outgoing = graph.outgoing.get(id)!;
    const afferent = incoming.length;
    const efferent = outgoing.length;
    return {
      id,
      moduleCount: size[n]!,
      afferent,
      efferent,
      afferentWeight: incoming.reduce((sum, edge) => sum + edge.weight, 0),
      efferentWeight: outgoing.reduce((sum, edge) => sum + edge.weight, 0),
      instability: afferent + efferent === 0 ? null : efferent / (afferent + efferent),
      interfaces: interfaces[n]!,
      internalWeight: graph.nodes.get(id)!.internal.weight,
    };
  });

  const { weight: totalWeight, count: totalCount } = graph.total;
  return {
    structuralModularity: cohesion - coupling,
    cohesion,
    coupling,
    clusters,
    crossingShareByWeight: totalWeight > 0 ? crossingWeight / totalWeight : 0,
    crossingShareByCount: totalCount > 0 ? crossingCount / totalCount : 0,
    crossingWeight,
    crossingCount,
    totalWeight,
    totalCount,
    nodes,
  };
}

const pairCache = new WeakMap<Int32Array, { low: Int32Array; high: Int32Array }>();
/** Working state of the last distinctPairs call, to extend it when dependencies were only appended. */
let lastPairs: { index: GraphIndex; seen: Set<number>; low: number[]; high: number[] } | null = null;

/** The distinct unordered module pairs joined by at least one dependency (self dependencies left out), cached
 * per dependency list (an assignment changes owners, never pairs) and extended when dependencies were only
 * appended. */
function distinctPairs(index: GraphIndex): { low: Int32Array; high: Int32Array } {
  const { from, to, modules } = index;
  const cached = pairCache.get(from);
  if (cached) return cached;
  const moduleCount = modules.length;
  let seen = new Set<number>();
  let low: number[] = [];
  let high: number[] = [];
  let first = 0;
  if (lastPairs && lastPairs.index.modules === modules && extendsDependencies(lastPairs.index.dependencies, index.dependencies)) {
    ({ seen, low, high } = lastPairs); // taken over: the previous state is not extended twice
    first = lastPairs.index.dependencies.length;
  }
  for (let i = first; i < from.length; i++) {
    const a = from[i]!;
    const b = to[i]!;
    if (a < 0 || b < 0 || a === b) continue;
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    const key = lo * moduleCount + hi;
    if (seen.has(key)) continue;
    seen.add(key);
    low.push(lo);
    high.push(hi);
  }
  lastPairs = { index, seen, low, high };
  const pairs = { low: Int32Array.from(low), high: Int32Array.from(high) };
  pairCache.set(from, pairs);
  return pairs;
}

/** How one node's coupling changed; numbers are after minus before. */
export interface NodeCouplingChange {
  id: string;
  status: 'added' | 'removed' | 'changed';
  afferent: number;
  efferent: number;
  /** null when the instability is undefined before or after. */
  instability: number | null;
  interfaces: number;
  moduleCount: number;
}

/** The change caused by an edit: after minus before, tiny float noise rounded to 0. */
export interface MetricsDiff {
  structuralModularity: number;
  cohesion: number;
  coupling: number;
  crossingShareByWeight: number;
  crossingShareByCount: number;
  crossingWeight: number;
  crossingCount: number;
  /** Only the nodes that appeared, disappeared or whose figures changed, in the order of `after` then `before`. */
  nodes: NodeCouplingChange[];
  /** False when the edit changed no figure. */
  changed: boolean;
}

const EPSILON = 1e-12;
const delta = (after: number, before: number): number => {
  const d = after - before;
  return Math.abs(d) < EPSILON ? 0 : d;
};

export function diffMetrics(before: DesignMetrics, after: DesignMetrics): MetricsDiff {
  const beforeNodes = new Map(before.nodes.map((node) => [node.id, node]));
  const afterIds = new Set(after.nodes.map((node) => node.id));
  const zero: NodeCoupling = {
    id: '',
    moduleCount: 0,
    afferent: 0,
    efferent: 0,
    afferentWeight: 0,
    efferentWeight: 0,
    instability: null,
    interfaces: 0,
    internalWeight: 0,
  };
  const change = (status: NodeCouplingChange['status'], a: NodeCoupling, b: NodeCoupling, id: string): NodeCouplingChange => ({
    id,
    status,
    afferent: a.afferent - b.afferent,
    efferent: a.efferent - b.efferent,
    instability: a.instability === null || b.instability === null ? null : delta(a.instability, b.instability),
    interfaces: a.interfaces - b.interfaces,
    moduleCount: a.moduleCount - b.moduleCount,
  });
  const nodes: NodeCouplingChange[] = [];
  for (const node of after.nodes) {
    const previous = beforeNodes.get(node.id);
    if (!previous) {
      nodes.push(change('added', node, zero, node.id));
      continue;
    }
    const differs =
      node.afferent !== previous.afferent ||
      node.efferent !== previous.efferent ||
      node.afferentWeight !== previous.afferentWeight ||
      node.efferentWeight !== previous.efferentWeight ||
      node.interfaces !== previous.interfaces ||
      node.moduleCount !== previous.moduleCount ||
      node.internalWeight !== previous.internalWeight;
    if (differs) nodes.push(change('changed', node, previous, node.id));
  }
  for (const node of before.nodes) {
    if (!afterIds.has(node.id)) nodes.push(change('removed', zero, node, node.id));
  }
  const diff: MetricsDiff = {
    structuralModularity: delta(after.structuralModularity, before.structuralModularity),
    cohesion: delta(after.cohesion, before.cohesion),
    coupling: delta(after.coupling, before.coupling),
    crossingShareByWeight: delta(after.crossingShareByWeight, before.crossingShareByWeight),
    crossingShareByCount: delta(after.crossingShareByCount, before.crossingShareByCount),
    crossingWeight: after.crossingWeight - before.crossingWeight,
    crossingCount: after.crossingCount - before.crossingCount,
    nodes,
    changed: false,
  };
  diff.changed =
    nodes.length > 0 ||
    diff.structuralModularity !== 0 ||
    diff.cohesion !== 0 ||
    diff.coupling !== 0 ||
    diff.crossingShareByWeight !== 0 ||
    diff.crossingShareByCount !== 0 ||
    diff.crossingWeight !== 0 ||
    diff.crossingCount !== 0;
  return diff;
}
