import { moduleIndexOf, nodeIdsOf, ownershipOf, resolve } from '../analysis/serviceGraph';
import type { Module, Project, Service } from '../model/project';
import { linkDependency } from './linkDependency';

// The planner's own view of the service graph, on integer indices. buildServiceGraph (analysis/serviceGraph.ts)
// keeps an object per edge with the list of its module dependencies, which the canvas needs and the planner
// does not; on 100,000 dependencies that costs more than the whole plan should. This file gives the same
// numbers from typed arrays, in the same order, for one plan at a time:
//
// - nodes are the canvas's (nodeIdsOf: the Monolith node 0, then each service id once), modules belong to
//   nodes as ownershipOf says, and module dependencies resolve to module indices as resolve() does;
// - the planner's services are each service id once, in the order it first appears, read from the last
//   service with that id (the planner has always looked services up by id);
// - a dependency between services is every module dependency from one service's node to another's, summed by
//   pair in node order, then the planned links (linkDependency.ts) in project order.

/** Module-level facts per node, with the arrays the phase details read. */
export interface PlannerGraph {
  modules: readonly Module[];
  /** MONOLITH_NODE_ID first, then each service id once; and id -> node index. */
  nodeIds: string[];
  nodeIndex: ReadonlyMap<string, number>;
  /** Dependency i goes from module index from[i] to module index to[i]; -1 when the module does not exist.
   * Its weight and whether it is a foreign key, read once from the document. */
  from: Int32Array;
  to: Int32Array;
  weight: Float64Array;
  isData: Uint8Array;
  /** Module index -> node index. */
  ownerOf: Int32Array;
  /** Per node: the modules it owns (module order), their lines of code and data entities. */
  moduleIds: string[][];
  linesOfCode: Float64Array;
  entities: Float64Array;
  /** Per node: module dependencies crossing its boundary (either way), how many are foreign keys, and their
   * weight with data counted twice (the risk of extracting it). */
  crossing: Float64Array;
  crossingData: Float64Array;
  risk: Float64Array;
}

/** Dependencies between the planner's services: edge k makes service from[k] depend on service to[k]. */
export interface ServiceDependencies {
  /** Each service id once (first appearance order), as the last service with that id. */
  services: Service[];
  ids: string[];
  /** Service index -> node index. */
  nodeOf: Int32Array;
  from: Int32Array;
  to: Int32Array;
  weight: Float64Array;
  /** The edges leaving service v, in edge order: outEdges[outStart[v] .. outStart[v + 1]). */
  outStart: Int32Array;
  outEdges: Int32Array;
}

/** One pass over the modules and one over the dependencies: per-node tallies and the dependencies by pair. */
export function plannerGraph(project: Project): PlannerGraph & { pairs: NodePairs } {
  const { modules } = project.monolith;
  const moduleIndex = moduleIndexOf(modules);
  const { nodeIds, nodeIndex } = nodeIdsOf(project.services);
  const nodeCount = nodeIds.length;
  const ownerOf = ownershipOf(modules, project.services, nodeIndex);

  // Modules: what each node owns (a repeated module id counts once, at its first place).
  const moduleIds: string[][] = nodeIds.map(() => []);
  const linesOfCode = new Float64Array(nodeCount);
  const entities = new Float64Array(nodeCount);
  for (let m = 0; m < modules.length; m++) {
    const module = modules[m]!;
    if (moduleIndex.get(module.id) !== m) continue;
    const n = ownerOf[m]!;
    moduleIds[n]!.push(module.id);
    linesOfCode[n]! += module.linesOfCode;
    entities[n]! += module.entities.length;
  }

  // Dependencies: tallies per node, and each crossing dependency's pair of nodes, counted per source node.
  const { from, to } = resolve(project.monolith);
  const deps = project.monolith.dependencies;
  const crossing = new Float64Array(nodeCount);
  const crossingData = new Float64Array(nodeCount);
  const risk = new Float64Array(nodeCount);
  const weights = new Float64Array(deps.length);
  const isData = new Uint8Array(deps.length);
  const depFrom = new Int32Array(deps.length).fill(-1);
  const depTo = new Int32Array(deps.length);
  const outCount = new Int32Array(nodeCount + 1);
  for (let i = 0; i < deps.length; i++) {
    const { weight, kind } = deps[i]!;
    const data = kind === 'data' ? 1 : 0;
    weights[i] = weight;
    isData[i] = data;
    if (from[i]! < 0 || to[i]! < 0) continue;
    const a = ownerOf[from[i]!]!;
    const b = ownerOf[to[i]!]!;
    if (a === b) continue;
    crossing[a]!++;
    crossing[b]!++;
    crossingData[a]! += data;
    crossingData[b]! += data;
    risk[a]! += weight + data * weight;
    risk[b]! += weight + data * weight;
    depFrom[i] = a;
    depTo[i] = b;
    outCount[a + 1]!++;
  }
  return {
    modules,
    nodeIds,
    nodeIndex,
    from,
    to,
    weight: weights,
    isData,
    ownerOf,
    moduleIds,
    linesOfCode,
    entities,
    crossing,
    crossingData,
    risk,
    pairs: nodePairs(nodeCount, weights, depFrom, depTo, outCount),
  };
}

/** Crossing module dependencies summed per ordered pair of nodes, by source node then target node: the pairs
 * of node a are to[start[a] .. start[a + 1]), targets ascending. */
interface NodePairs {
  start: Int32Array;
  to: Int32Array;
  weight: Float64Array;
}

function nodePairs(nodeCount: number, weights: Float64Array, depFrom: Int32Array, depTo: Int32Array, outCount: Int32Array): NodePairs {
  // Bucket the crossing dependencies by source node (a counting sort, so each bucket keeps dependency order).
  for (let n = 0; n < nodeCount; n++) outCount[n + 1]! += outCount[n]!;
  const bucket = new Int32Array(outCount[nodeCount]!);
  const fill = outCount.slice(0, nodeCount);
  for (let i = 0; i < depFrom.length; i++) if (depFrom[i]! >= 0) bucket[fill[depFrom[i]!]!++] = i;

  // Per source node, sum the weights by target in a scratch array, then emit the targets in ascending order.
  const start = new Int32Array(nodeCount + 1);
  const to = new Int32Array(bucket.length);
  const weight = new Float64Array(bucket.length);
  const seen = new Int32Array(nodeCount).fill(-1);
  const sum = new Float64Array(nodeCount);
  const targets = new Int32Array(nodeCount);
  let pairs = 0;
  for (let a = 0; a < nodeCount; a++) {
    let k = 0;
    for (let j = outCount[a]!; j < outCount[a + 1]!; j++) {
      const i = bucket[j]!;
      const b = depTo[i]!;
      if (seen[b] !== a) {
        seen[b] = a;
        sum[b] = 0;
        targets[k++] = b;
      }
      sum[b]! += weights[i]!;
    }
    sortAscending(targets, k);
    for (let t = 0; t < k; t++) {
      to[pairs] = targets[t]!;
      weight[pairs++] = sum[targets[t]!]!;
    }
    start[a + 1] = pairs;
  }
  return { start, to: to.subarray(0, pairs), weight: weight.subarray(0, pairs) };
}

/** Sorts items[0 .. count) ascending in place: insertion sort for the few targets most nodes have. */
function sortAscending(items: Int32Array, count: number): void {
  if (count > 16) {
    items.subarray(0, count).sort();
    return;
  }
  for (let i = 1; i < count; i++) {
    const item = items[i]!;
    let j = i;
    while (j > 0 && items[j - 1]! > item) {
      items[j] = items[j - 1]!;
      j--;
    }
    items[j] = item;
  }
}

/** The planner's services and the dependencies between them: module dependency pairs, then planned links. */
export function serviceDependencies(project: Project, graph: PlannerGraph & { pairs: NodePairs }): ServiceDependencies {
  // Services by id, through their nodes (every service id has one): the first appearance fixes the place,
  // the last service with the id is the one read.
  const nodeCount = graph.nodeIds.length;
  const serviceOfNode = new Int32Array(nodeCount).fill(-1);
  const ids: string[] = [];
  const services: Service[] = [];
  const nodes: number[] = [];
  for (const service of project.services) {
    const n = graph.nodeIndex.get(service.id)!;
    if (serviceOfNode[n] === -1) {
      serviceOfNode[n] = ids.length;
      ids.push(service.id);
      services.push(service);
      nodes.push(n);
    } else services[serviceOfNode[n]!] = service;
  }
  const count = ids.length;
  const nodeOf = Int32Array.from(nodes);
  const serviceOf = (id: string): number => {
    const n = graph.nodeIndex.get(id);
    return n === undefined ? -1 : serviceOfNode[n]!;
  };

  // Module dependency pairs between two services, in node order (the Monolith node is no service).
  const { pairs } = graph;
  const capacity = pairs.to.length + project.links.length;
  const from = new Int32Array(capacity);
  const to = new Int32Array(capacity);
  const weight = new Float64Array(capacity);
  const edgeOfPair = new Int32Array(pairs.to.length).fill(-1);
  let edges = 0;
  for (let a = 0; a < nodeCount; a++) {
    const sa = serviceOfNode[a]!;
    if (sa < 0) continue;
    for (let p = pairs.start[a]!; p < pairs.start[a + 1]!; p++) {
      const sb = serviceOfNode[pairs.to[p]!]!;
      if (sb < 0) continue;
      edgeOfPair[p] = edges;
      from[edges] = sa;
      to[edges] = sb;
      weight[edges++] = pairs.weight[p]!;
    }
  }

  // Planned links: each adds 1 to the pair's edge, or a new edge after all the module dependencies.
  const linkEdges = new Map<number, number>();
  for (const link of project.links) {
    const dependency = linkDependency(link);
    const sa = serviceOf(dependency.from);
    const sb = serviceOf(dependency.to);
    if (sa < 0 || sb < 0 || sa === sb) continue;
    const p = findPair(pairs, nodeOf[sa]!, nodeOf[sb]!);
    let edge = p >= 0 ? edgeOfPair[p]! : (linkEdges.get(sa * count + sb) ?? -1);
    if (edge < 0) {
      edge = edges++;
      linkEdges.set(sa * count + sb, edge);
      from[edge] = sa;
      to[edge] = sb;
    }
    weight[edge]! += 1;
  }

  // Adjacency by source service, each list in edge order.
  const outStart = new Int32Array(count + 1);
  for (let e = 0; e < edges; e++) outStart[from[e]! + 1]!++;
  for (let v = 0; v < count; v++) outStart[v + 1]! += outStart[v]!;
  const outEdges = new Int32Array(edges);
  const fill = outStart.slice(0, count);
  for (let e = 0; e < edges; e++) outEdges[fill[from[e]!]!++] = e;

  return {
    services,
    ids,
    nodeOf,
    from: from.subarray(0, edges),
    to: to.subarray(0, edges),
    weight: weight.subarray(0, edges),
    outStart,
    outEdges,
  };
}

/** The index of the pair from node a to node b, or -1 (binary search: a node's targets are ascending). */
function findPair(pairs: NodePairs, a: number, b: number): number {
  let lo = pairs.start[a]!;
  const end = pairs.start[a + 1]!;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pairs.to[mid]! < b) lo = mid + 1;
    else hi = mid;
  }
  return lo < end && pairs.to[lo] === b ? lo : -1;
}
