import { MONOLITH_NODE_ID } from '../model/project';
import { topologyBasis } from './serviceGraph';
import type { ServiceEdge, ServiceGraph } from './serviceGraph';

// Cycles between services: the strongly connected components (SCCs) of the service graph with more than one
// node. Tarjan's algorithm, written with an explicit stack (no recursion, so a 10,000-node chain cannot
// overflow the call stack), linear in nodes + edges. Self edges never form a cycle here: dependencies inside a
// node are internal (the service graph has no self edges; the generic function ignores any it is given).
// Deterministic: members are listed in the order of the given node ids, and components by their first member.

/**
 * Every strongly connected component of a directed graph, singletons included. Edges naming an unknown node
 * are ignored. Members of a component follow `nodeIds` order; components are ordered by their first member.
 */
export function stronglyConnectedComponents(nodeIds: readonly string[], edges: readonly { from: string; to: string }[]): string[][] {
  const n = nodeIds.length;
  const position = new Map<string, number>();
  nodeIds.forEach((id, i) => {
    if (!position.has(id)) position.set(id, i);
  });
  const pairs: number[] = [];
  for (const edge of edges) {
    const a = position.get(edge.from);
    const b = position.get(edge.to);
    if (a !== undefined && b !== undefined) pairs.push(a, b);
  }
  // A repeated node id takes part under its first position only.
  const roots = nodeIds.map((id, i) => position.get(id) === i);
  return componentsOf(n, pairs, roots).map((component) => component.map((v) => nodeIds[v]!));
}

/**
 * Tarjan over nodes 0..n-1 and the edges pairs[2k] -> pairs[2k + 1] (self edges ignored). Each component is
 * sorted ascending; components are ordered by their smallest member. `visit[v]` false leaves node v out.
 * The integer form of stronglyConnectedComponents, for callers that already index their nodes (the planner).
 */
export function componentsOf(n: number, pairs: ArrayLike<number>, visit: readonly boolean[] | null = null): number[][] {
  // Adjacency in compressed rows: the targets of node v are adjacency[start[v] .. start[v + 1]).
  const start = new Int32Array(n + 1);
  for (let p = 0; p < pairs.length; p += 2) if (pairs[p] !== pairs[p + 1]) start[pairs[p]! + 1]! += 1;
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const adjacency = new Int32Array(start[n]!);
  const fill = start.slice(0, n);
  for (let p = 0; p < pairs.length; p += 2) if (pairs[p] !== pairs[p + 1]) adjacency[fill[pairs[p]!]!++] = pairs[p + 1]!;

  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const next = new Int32Array(n);
  const stack: number[] = [];
  const calls: number[] = [];
  const components: number[][] = [];
  let counter = 0;

  const enter = (v: number): void => {
    index[v] = counter;
    low[v] = counter;
    counter++;
    stack.push(v);
    onStack[v] = 1;
    next[v] = start[v]!;
    calls.push(v);
  };

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1 || (visit && !visit[root])) continue;
    enter(root);
    while (calls.length > 0) {
      const v = calls[calls.length - 1]!;
      if (next[v]! < start[v + 1]!) {
        const w = adjacency[next[v]!++]!;
        if (index[w] === -1) enter(w);
        else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      calls.pop();
      if (calls.length > 0) {
        const u = calls[calls.length - 1]!;
        low[u] = Math.min(low[u]!, low[v]!);
      }
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        components.push(component.sort((x, y) => x - y));
      }
    }
  }
  return components.sort((x, y) => x[0]! - y[0]!);
}

export interface ServiceCycle {
  /** The nodes of the cycle, in service order. */
  nodeIds: string[];
  /** Every edge between two nodes of the cycle, in graph order. */
  edges: ServiceEdge[];
  /** Their ids, in the same order. */
  edgeIds: string[];
}

export interface CycleOptions {
  /**
   * Count the Monolith node as a node that can close a cycle. Off by default: while a service is being carved
   * out it usually calls into the monolith and is called back; that is a migration state (see the
   * monolith-dependence check), not a cycle between services.
   */
  includeMonolith?: boolean;
}

const cycleCache = [new WeakMap<ServiceGraph, ServiceCycle[]>(), new WeakMap<ServiceGraph, ServiceCycle[]>()];

/** The cycles of the service graph: its strongly connected components with more than one node. Cached per
 * graph (the result is shared: do not mutate it). */
export function findCycles(graph: ServiceGraph, options: CycleOptions = {}): ServiceCycle[] {
  const includeMonolith = options.includeMonolith ?? false;
  const cache = cycleCache[includeMonolith ? 1 : 0]!;
  let cycles = cache.get(graph);
  if (!cycles) {
    const basis = topologyBasis.get(graph);
    const before = basis && cache.get(basis.previous);
    cycles = before ? carryCycles(before, basis.changed) : computeCycles(graph, includeMonolith);
    cache.set(graph, cycles);
    if (cycleCache.every((other) => other.has(graph))) topologyBasis.delete(graph);
  }
  return cycles;
}

const memberships = new WeakMap<readonly ServiceCycle[], Map<string, number>>();

/** Node id -> index of its cycle, for a list of cycles (shared by the lists carried over from it). */
function membershipOf(cycles: readonly ServiceCycle[]): Map<string, number> {
  let where = memberships.get(cycles);
  if (!where) {
    where = new Map();
    cycles.forEach((cycle, c) => {
      for (const id of cycle.nodeIds) where!.set(id, c);
    });
    memberships.set(cycles, where);
  }
  return where;
}

/**
 * The cycles of a graph whose edges are those of the previous graph, some with new weights (`changed`): the
 * components are the same, so only the cycles containing a changed edge get new edge objects.
 */
function carryCycles(before: readonly ServiceCycle[], changed: ReadonlyMap<string, ServiceEdge>): ServiceCycle[] {
  const where = membershipOf(before);
  const touched = new Map<number, Map<string, ServiceEdge>>();
  for (const edge of changed.values()) {
    const c = where.get(edge.from);
    if (c === undefined || where.get(edge.to) !== c) continue;
    let replacements = touched.get(c);
    if (!replacements) touched.set(c, (replacements = new Map()));
    replacements.set(edge.id, edge);
  }
  const cycles = before.map((cycle, c): ServiceCycle => {
    const replacements = touched.get(c);
    if (!replacements) return cycle;
    return { ...cycle, edges: cycle.edges.map((edge) => replacements.get(edge.id) ?? edge) };
  });
  memberships.set(cycles, where);
  return cycles;
}

function computeCycles(graph: ServiceGraph, includeMonolith: boolean): ServiceCycle[] {
  const { nodeIds } = graph;
  const position = new Map<string, number>();
  nodeIds.forEach((id, i) => position.set(id, i));
  const pairs: number[] = [];
  const skip = includeMonolith ? -1 : position.get(MONOLITH_NODE_ID)!;
  for (let a = 0; a < nodeIds.length; a++) {
    if (a === skip) continue;
    for (const edge of graph.outgoing.get(nodeIds[a]!)!) {
      const b = position.get(edge.to)!;
      if (b !== skip) pairs.push(a, b);
    }
  }
  const visit = includeMonolith ? null : nodeIds.map((_, i) => i !== skip);
  const cycles: ServiceCycle[] = [];
  for (const component of componentsOf(nodeIds.length, pairs, visit)) {
    if (component.length < 2) continue;
    const members = new Set(component.map((v) => nodeIds[v]!));
    const edges: ServiceEdge[] = [];
    for (const v of component) {
      for (const edge of graph.outgoing.get(nodeIds[v]!)!) if (members.has(edge.to)) edges.push(edge);
    }
    cycles.push({ nodeIds: component.map((v) => nodeIds[v]!), edges, edgeIds: edges.map((edge) => edge.id) });
  }
  return cycles;
}
