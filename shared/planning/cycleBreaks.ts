import type { ServiceDependencies } from './dependencyGraph';
import type { CycleEdge, PlanCycle } from './types';

// How the planner describes a dependency cycle: its services, and the dependencies that would break it.

/** The lightest dependencies a cycle lists as the ones to break (a large cycle has thousands). */
const MAX_BREAK_EDGES = 20;

/**
 * The dependencies inside a cycle that, removed, leave it acyclic: the back edges of a depth-first search
 * that follows heavier dependencies first, so the edges it drops tend to be the light ones. The cycle is the
 * unit `unit` of `unitOf`; `state` is shared by all cycles (each service is in one): 1 on the path, 2 done.
 */
export function describeCycle(
  members: readonly number[],
  unit: number,
  unitOf: Int32Array,
  dependencies: ServiceDependencies,
  state: Uint8Array,
): PlanCycle {
  const { services, ids, to, weight, outStart, outEdges } = dependencies;
  const nameOf = (v: number) => services[v]!.name;
  // Heavier first, then by target id (never equal: one edge per pair of services).
  const heavier = (a: number, b: number) => weight[b]! - weight[a]! || (ids[to[a]!]! < ids[to[b]!]! ? -1 : 1);

  // The search, from each member in order. The path is a stack of frames (service, next edge, end); each
  // frame's edges that stay in the cycle sit, sorted, in `pool` from the previous frame's end to its own.
  let edges = 0;
  for (const v of members) edges += outStart[v + 1]! - outStart[v]!;
  const pool = new Int32Array(edges);
  const path = new Int32Array(members.length);
  const next = new Int32Array(members.length);
  const end = new Int32Array(members.length);
  let depth = 0;
  const enter = (v: number) => {
    state[v] = 1;
    let k = depth > 0 ? end[depth - 1]! : 0;
    const first = k;
    for (let j = outStart[v]!; j < outStart[v + 1]!; j++) if (unitOf[to[outEdges[j]!]!] === unit) pool[k++] = outEdges[j]!;
    sortRange(pool, first, k, heavier);
    path[depth] = v;
    next[depth] = first;
    end[depth++] = k;
  };
  // A back edge is found with the service it leaves.
  const back: number[] = [];
  const backFrom: number[] = [];
  for (const root of members) {
    if (state[root] !== 0) continue;
    enter(root);
    while (depth > 0) {
      const top = depth - 1;
      if (next[top]! < end[top]!) {
        const e = pool[next[top]!++]!;
        const w = to[e]!;
        if (state[w] === 1) {
          back.push(e);
          backFrom.push(path[top]!);
        } else if (state[w] === 0) enter(w);
      } else {
        state[path[top]!] = 2;
        depth--;
      }
    }
  }

  // The lightest back edges, then by the name of the service they leave, then in search order: a bounded
  // insertion keeps the first MAX_BREAK_EDGES of that order without sorting them all.
  const before = (x: number, y: number): boolean => {
    const byWeight = weight[back[x]!]! - weight[back[y]!]!;
    if (byWeight !== 0) return byWeight < 0;
    return nameOf(backFrom[x]!) < nameOf(backFrom[y]!);
  };
  const lightest: number[] = [];
  for (let k = 0; k < back.length; k++) {
    if (lightest.length === MAX_BREAK_EDGES && !before(k, lightest[MAX_BREAK_EDGES - 1]!)) continue;
    let at = lightest.length;
    while (at > 0 && before(k, lightest[at - 1]!)) at--;
    lightest.splice(at, 0, k);
    if (lightest.length > MAX_BREAK_EDGES) lightest.pop();
  }
  const breakEdges: CycleEdge[] = lightest.map((k) => {
    const from = backFrom[k]!;
    const target = to[back[k]!]!;
    return { from: ids[from]!, to: ids[target]!, fromName: nameOf(from), toName: nameOf(target), weight: weight[back[k]!]! };
  });
  return {
    serviceIds: members.map((v) => ids[v]!),
    serviceNames: members.map(nameOf),
    breakEdges,
    breakEdgeCount: back.length,
  };
}

/** Sorts items[from .. to) in place: insertion sort for the short runs most services have, else the built-in. */
function sortRange(items: Int32Array, from: number, to: number, compare: (a: number, b: number) => number): void {
  if (to - from > 16) {
    items.subarray(from, to).sort(compare);
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const item = items[i]!;
    let j = i;
    while (j > from && compare(item, items[j - 1]!) < 0) {
      items[j] = items[j - 1]!;
      j--;
    }
    items[j] = item;
  }
}
