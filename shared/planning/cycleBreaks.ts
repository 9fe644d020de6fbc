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
  // The edges from v that stay in the cycle, heavier first, then by target id.
  const inside = (v: number): number[] => {
    const list: number[] = [];
    for (let k = outStart[v]!; k < outStart[v + 1]!; k++) if (unitOf[to[outEdges[k]!]!] === unit) list.push(outEdges[k]!);
    return list.sort((a, b) => weight[b]! - weight[a]! || (ids[to[a]!]! < ids[to[b]!]! ? -1 : 1));
  };

  // The search, from each member in order; a back edge is found with the service it leaves.
  const back: number[] = [];
  const backFrom: number[] = [];
  for (const root of members) {
    if (state[root] !== 0) continue;
    const stack: { v: number; targets: number[]; next: number }[] = [{ v: root, targets: inside(root), next: 0 }];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.next < top.targets.length) {
        const e = top.targets[top.next++]!;
        const w = to[e]!;
        if (state[w] === 1) {
          back.push(e);
          backFrom.push(top.v);
        } else if (state[w] === 0) {
          state[w] = 1;
          stack.push({ v: w, targets: inside(w), next: 0 });
        }
      } else {
        state[top.v] = 2;
        stack.pop();
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
