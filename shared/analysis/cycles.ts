import { MONOLITH_NODE_ID } from '../model/project';
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
export function stronglyConnectedComponents(
  nodeIds: readonly string[],
  edges: readonly { from: string; to: string }[],
): string[][] {
  const n = nodeIds.length;
  const position = new Map<string, number>();
  nodeIds.forEach((id, i) => {
    if (!position.has(id)) position.set(id, i);
  });

  // Adjacency in compressed rows: the targets of node v are adjacency[start[v] .. start[v + 1]).
  const start = new Int32Array(n + 1);
  const pairs: number[] = [];
  for (const edge of edges) {
    const a = position.get(edge.from);
    const b = position.get(edge.to);
    if (a === undefined || b === undefined || a === b) continue;
    pairs.push(a, b);
    start[a + 1]! += 1;
  }
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const adjacency = new Int32Array(pairs.length / 2);
  const fill = start.slice(0, n);
  for (let p = 0; p < pairs.length; p += 2) adjacency[fill[pairs[p]!]!++] = pairs[p + 1]!;

  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const next = new Int32Array(n);
  const stack: number[] = [];
  const calls: number[] = [];
  const components: number[][] = [];
  let counter = 0;

  const visit = (v: number): void => {
    index[v] = counter;
    low[v] = counter;
    counter++;
    stack.push(v);
    onStack[v] = 1;
    next[v] = start[v]!;
    calls.push(v);
  };

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1 || position.get(nodeIds[root]!) !== root) continue;
    visit(root);
    while (calls.length > 0) {
      const v = calls[calls.length - 1]!;
      if (next[v]! < start[v + 1]!) {
        const w = adjacency[next[v]!++]!;
        if (index[w] === -1) visit(w);
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

  components.sort((x, y) => x[0]! - y[0]!);
  return components.map((component) => component.map((v) => nodeIds[v]!));
}

export interface ServiceCycle {
  /** The nodes of the cycle, in service order. */
  nodeIds: string[];
  /** Every edge between two nodes of the cycle, in graph order. */
  edges: ServiceEdge[];
}

export interface CycleOptions {
  /**
   * Count the Monolith node as a node that can close a cycle. Off by default: while a service is being carved
   * out it usually calls into the monolith and is called back; that is a migration state (see the
   * monolith-dependence check), not a cycle between services.
   */
  includeMonolith?: boolean;
}

/** The cycles of the service graph: its strongly connected components with more than one node. */
export function findCycles(graph: ServiceGraph, options: CycleOptions = {}): ServiceCycle[] {
  const includeMonolith = options.includeMonolith ?? false;
  const nodeIds = includeMonolith ? graph.nodeIds : graph.nodeIds.filter((id) => id !== MONOLITH_NODE_ID);
  const edges = includeMonolith
    ? graph.edges
    : graph.edges.filter((edge) => edge.from !== MONOLITH_NODE_ID && edge.to !== MONOLITH_NODE_ID);
  const cycles: ServiceCycle[] = [];
  const cycleOf = new Map<string, ServiceCycle>();
  for (const component of stronglyConnectedComponents(nodeIds, edges)) {
    if (component.length < 2) continue;
    const cycle: ServiceCycle = { nodeIds: component, edges: [] };
    cycles.push(cycle);
    for (const id of component) cycleOf.set(id, cycle);
  }
  for (const edge of edges) {
    const cycle = cycleOf.get(edge.from);
    if (cycle && cycleOf.get(edge.to) === cycle) cycle.edges.push(edge);
  }
  return cycles;
}
