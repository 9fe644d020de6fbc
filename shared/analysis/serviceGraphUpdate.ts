import type { Monolith, Service } from '../model/project';
import { makeGraph, moduleIndexOf, nodeIdsOf, ownershipOf, resolve, serviceEdgeId } from './serviceGraph';
import type { DependencyTally, GraphNode, ServiceEdge, ServiceGraph } from './serviceGraph';

// Incremental update of the service graph after an edit that kept the monolith (modules, dependencies) and the
// list of services (ids, in order) but changed which service owns some modules: an assignment, a drag, a
// rename. Only the dependencies touching a module that changed owner are moved from their old edge (or node)
// to their new one; every untouched edge, node and list is shared with the previous graph. Returns null when
// the edit is not of that kind or touches so many dependencies that a full rebuild is as cheap, and the caller
// rebuilds. The result is equal, field by field, to a full rebuild (a property test checks it).

/** Past this share of dependencies touched, rebuilding from scratch is as cheap as patching. */
const PATCH_LIMIT = 0.25;

/** For each module index, the dependencies that touch it: incidence[start[m] .. start[m + 1]). */
interface Incidence {
  start: Int32Array;
  list: Int32Array;
}

const incidenceCache = new WeakMap<Int32Array, Incidence>();

function incidenceOf(moduleCount: number, from: Int32Array, to: Int32Array): Incidence {
  const cached = incidenceCache.get(from);
  if (cached && cached.start.length === moduleCount + 1) return cached;
  const start = new Int32Array(moduleCount + 1);
  for (let i = 0; i < from.length; i++) {
    if (from[i]! >= 0) start[from[i]! + 1]! += 1;
    if (to[i]! >= 0 && to[i] !== from[i]) start[to[i]! + 1]! += 1;
  }
  for (let m = 0; m < moduleCount; m++) start[m + 1]! += start[m]!;
  const fill = start.slice(0, moduleCount);
  const list = new Int32Array(start[moduleCount]!);
  for (let i = 0; i < from.length; i++) {
    if (from[i]! >= 0) list[fill[from[i]!]!++] = i;
    if (to[i]! >= 0 && to[i] !== from[i]) list[fill[to[i]!]!++] = i;
  }
  const incidence = { start, list };
  incidenceCache.set(from, incidence);
  return incidence;
}

const cloneTally = <T extends DependencyTally>(tally: T): T => ({
  ...tally,
  weightByKind: { ...tally.weightByKind },
  dependencies: tally.dependencies,
});

export function updateServiceGraph(previous: ServiceGraph, monolith: Monolith, services: readonly Service[]): ServiceGraph | null {
  const modules = monolith.modules;
  if (previous.index.modules !== modules) return null;
  const { nodeIds, nodeIndex } = nodeIdsOf(services);
  if (nodeIds.length !== previous.nodeIds.length || nodeIds.some((id, n) => id !== previous.nodeIds[n])) return null;

  const ownerOf = ownershipOf(modules, services, nodeIndex);
  const before = previous.index.ownerOf;
  const moved: number[] = [];
  for (let m = 0; m < modules.length; m++) if (ownerOf[m] !== before[m]) moved.push(m);
  if (moved.length === 0) return previous; // same owners: the graph does not depend on names or other fields

  const { from, to } = resolve(monolith);
  const incidence = incidenceOf(modules.length, from, to);
  const touched = new Set<number>();
  for (const m of moved) {
    for (let k = incidence.start[m]!; k < incidence.start[m + 1]!; k++) touched.add(incidence.list[k]!);
  }
  if (touched.size > from.length * PATCH_LIMIT) return null;

  // Clones of the tallies that change, keyed by edge id, or by node id for internal tallies.
  const edges = new Map<string, ServiceEdge>();
  const internals = new Map<string, DependencyTally>();
  const edgeFor = (a: number, b: number): ServiceEdge => {
    const id = serviceEdgeId(nodeIds[a]!, nodeIds[b]!);
    let edge = edges.get(id);
    if (!edge) {
      const existing = previous.outgoing.get(nodeIds[a]!)!.find((candidate) => candidate.to === nodeIds[b]);
      edge = existing
        ? cloneTally(existing)
        : { id, from: nodeIds[a]!, to: nodeIds[b]!, weight: 0, count: 0, weightByKind: { import: 0, data: 0, call: 0 }, dependencies: [] };
      edges.set(id, edge);
    }
    return edge;
  };
  const internalFor = (n: number): DependencyTally => {
    const id = nodeIds[n]!;
    let tally = internals.get(id);
    if (!tally) {
      tally = cloneTally(previous.nodes.get(id)!.internal);
      internals.set(id, tally);
    }
    return tally;
  };
  const deps = monolith.dependencies;
  for (const i of touched) {
    const mf = from[i]!;
    const mt = to[i]!;
    if (mf < 0 || mt < 0) continue;
    const dependency = deps[i]!;
    const oldTally = before[mf] === before[mt] ? internalFor(before[mf]!) : edgeFor(before[mf]!, before[mt]!);
    oldTally.weight -= dependency.weight;
    oldTally.count -= 1;
    oldTally.weightByKind[dependency.kind] -= dependency.weight;
    const newTally = ownerOf[mf] === ownerOf[mt] ? internalFor(ownerOf[mf]!) : edgeFor(ownerOf[mf]!, ownerOf[mt]!);
    newTally.weight += dependency.weight;
    newTally.count += 1;
    newTally.weightByKind[dependency.kind] += dependency.weight;
  }
  // Dependency lists: drop every touched dependency, then add back those that now belong here.
  const additions = new Map<DependencyTally, number[]>();
  for (const i of touched) {
    const mf = from[i]!;
    const mt = to[i]!;
    if (mf < 0 || mt < 0) continue;
    const tally =
      ownerOf[mf] === ownerOf[mt]
        ? internals.get(nodeIds[ownerOf[mf]!]!)!
        : edges.get(serviceEdgeId(nodeIds[ownerOf[mf]!]!, nodeIds[ownerOf[mt]!]!))!;
    const list = additions.get(tally);
    if (list) list.push(i);
    else additions.set(tally, [i]);
  }
  for (const tally of [...edges.values(), ...internals.values()]) {
    const kept = tally.dependencies.filter((i) => !touched.has(i));
    const added = additions.get(tally) ?? [];
    tally.dependencies = added.length > 0 ? mergeSorted(kept, added.sort((x, y) => x - y)) : kept;
  }

  // Nodes: new objects for those whose modules or internal dependencies changed.
  const nodes = new Map(previous.nodes);
  const membershipChanged = new Set<number>();
  for (const m of moved) {
    membershipChanged.add(before[m]!);
    membershipChanged.add(ownerOf[m]!);
  }
  const moduleIndex = moduleIndexOf(modules);
  const counted = (m: number): boolean => moduleIndex.get(modules[m]!.id) === m; // a repeated id counts once
  const changedNodes = new Set<string>([...internals.keys(), ...[...membershipChanged].map((n) => nodeIds[n]!)]);
  for (const id of changedNodes) {
    const old = previous.nodes.get(id)!;
    const node: GraphNode = { ...old, internal: internals.get(id) ?? old.internal };
    const n = nodeIndex.get(id)!;
    if (membershipChanged.has(n)) {
      const movedHere = moved.filter((m) => ownerOf[m] === n && counted(m));
      const movedAway = moved.filter((m) => before[m] === n && counted(m));
      const away = new Set(movedAway.map((m) => modules[m]!.id));
      node.moduleIds = mergeByIndex(
        old.moduleIds.filter((moduleId) => !away.has(moduleId)),
        movedHere.map((m) => modules[m]!.id),
        moduleIndex,
      );
      node.linesOfCode =
        old.linesOfCode +
        movedHere.reduce((sum, m) => sum + modules[m]!.linesOfCode, 0) -
        movedAway.reduce((sum, m) => sum + modules[m]!.linesOfCode, 0);
    }
    nodes.set(id, node);
  }

  // Edge lists of the nodes at either end of a changed edge: changed edges replaced in place, emptied ones
  // dropped, new ones inserted in order. Every other list is shared with the previous graph.
  const fresh: ServiceEdge[] = [];
  for (const edge of edges.values()) {
    if (edge.count > 0 && !previous.outgoing.get(edge.from)!.some((candidate) => candidate.id === edge.id)) fresh.push(edge);
  }
  const patch = (list: readonly ServiceEdge[], additions: readonly ServiceEdge[], key: (edge: ServiceEdge) => number): ServiceEdge[] => {
    const kept: ServiceEdge[] = [];
    for (const edge of list) {
      const next = edges.get(edge.id);
      if (!next) kept.push(edge);
      else if (next.count > 0) kept.push(next);
    }
    if (additions.length === 0) return kept;
    return mergeSortedBy(kept, [...additions].sort((x, y) => key(x) - key(y)), key);
  };
  const byTarget = (edge: ServiceEdge): number => nodeIndex.get(edge.to)!;
  const bySource = (edge: ServiceEdge): number => nodeIndex.get(edge.from)!;
  const outgoing = new Map(previous.outgoing);
  const incoming = new Map(previous.incoming);
  const sources = new Set<string>();
  const targets = new Set<string>();
  for (const edge of edges.values()) {
    sources.add(edge.from);
    targets.add(edge.to);
  }
  for (const id of sources) outgoing.set(id, patch(previous.outgoing.get(id)!, fresh.filter((edge) => edge.from === id), byTarget));
  for (const id of targets) incoming.set(id, patch(previous.incoming.get(id)!, fresh.filter((edge) => edge.to === id), bySource));

  return makeGraph({
    nodeIds,
    nodes,
    outgoing,
    incoming,
    dangling: previous.dangling,
    total: previous.total,
    index: { modules, from, to, ownerOf },
  });
}

function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]! <= b[j]! ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

function mergeSortedBy<T>(a: readonly T[], b: readonly T[], key: (item: T) => number): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(key(a[i]!) <= key(b[j]!) ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

function mergeByIndex(a: readonly string[], b: readonly string[], index: ReadonlyMap<string, number>): string[] {
  if (b.length === 0) return [...a];
  const sorted = [...b].sort((x, y) => index.get(x)! - index.get(y)!);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < sorted.length) out.push(index.get(a[i]!)! <= index.get(sorted[j]!)! ? a[i++]! : sorted[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < sorted.length) out.push(sorted[j++]!);
  return out;
}
