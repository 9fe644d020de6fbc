import type { Monolith, Service } from '../model/project';
import {
  emptyTally,
  extendsDependencies,
  makeGraph,
  moduleIndexOf,
  nodeIdsOf,
  ownershipOf,
  resolve,
  serviceEdgeId,
  topologyBasis,
} from './serviceGraph';
import type { DependencyTally, GraphNode, ServiceEdge, ServiceGraph } from './serviceGraph';

// Incremental update of the service graph. It applies when the edit kept the monolith's modules (the same
// array), left its dependencies as they were or only appended some (addDependency), and kept the order of the
// services that remain, possibly deleting some and appending others: assignments and drags, renames, creating,
// deleting or pasting a service, adding a dependency. Only the dependencies touching a module that changed
// owner, and the appended ones, are moved between tallies (edges, or a node's internal tally); every untouched
// edge, node and edge list is shared with the previous graph. Returns null otherwise, or when the edit touches
// so many dependencies that a rebuild is as cheap; the caller then rebuilds. The result equals a full rebuild
// field by field (test/shared/analysisIncremental.test.ts checks it on random edit sequences).

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
  const deps = monolith.dependencies;
  if (previous.index.modules !== modules) return null;
  // Dependencies may only have been appended (addDependency); other changes to them rebuild.
  const known = previous.index.dependencies.length;
  if (previous.index.dependencies !== deps && !extendsDependencies(previous.index.dependencies, deps)) return null;
  const { nodeIds, nodeIndex } = nodeIdsOf(services);
  // Nodes may have been deleted and others appended (create, delete, paste); any other reordering rebuilds.
  const kept = previous.nodeIds.filter((id) => nodeIndex.has(id));
  if (kept.some((id, n) => nodeIds[n] !== id)) return null;
  const added = nodeIds.slice(kept.length);
  const removed = previous.nodeIds.filter((id) => !nodeIndex.has(id));

  const ownerOf = ownershipOf(modules, services, nodeIndex);
  const before = previous.index.ownerOf;
  const oldOwner = (m: number): string => previous.nodeIds[before[m]!]!;
  const newOwner = (m: number): string => nodeIds[ownerOf[m]!]!;
  const moved: number[] = [];
  for (let m = 0; m < modules.length; m++) if (oldOwner(m) !== newOwner(m)) moved.push(m);
  if (moved.length === 0 && added.length === 0 && removed.length === 0 && deps.length === known) {
    // Same nodes, same owners: the graph does not depend on names or other fields; only the indices
    // into nodeIds could differ, and they do not.
    return previous;
  }

  const { from, to } = resolve(monolith);
  const touched = new Set<number>();
  if (moved.length > 0) {
    const incidence = incidenceOf(modules.length, from, to);
    for (const m of moved) {
      for (let k = incidence.start[m]!; k < incidence.start[m + 1]!; k++) touched.add(incidence.list[k]!);
    }
  }
  for (let i = known; i < deps.length; i++) touched.add(i);
  if (touched.size > from.length * PATCH_LIMIT) return null;
  const dangling = deps.length === known ? previous.dangling : [...previous.dangling];
  const total = deps.length === known ? previous.total : { ...previous.total };

  // Clones of the tallies that change, keyed by edge id, or by node id for internal tallies.
  const edges = new Map<string, ServiceEdge>();
  const internals = new Map<string, DependencyTally>();
  const edgeFor = (source: string, target: string): ServiceEdge => {
    const id = serviceEdgeId(source, target);
    let edge = edges.get(id);
    if (!edge) {
      const existing = previous.outgoing.get(source)?.find((candidate) => candidate.to === target);
      edge = existing ? cloneTally(existing) : { id, from: source, to: target, ...emptyTally() };
      edges.set(id, edge);
    }
    return edge;
  };
  const internalFor = (id: string): DependencyTally => {
    let tally = internals.get(id);
    if (!tally) {
      const existing = previous.nodes.get(id)?.internal;
      tally = existing ? cloneTally(existing) : emptyTally();
      internals.set(id, tally);
    }
    return tally;
  };
  const additions = new Map<DependencyTally, number[]>();
  for (const i of touched) {
    const mf = from[i]!;
    const mt = to[i]!;
    const dependency = deps[i]!;
    if (mf < 0 || mt < 0) {
      if (i >= known) dangling.push(i);
      continue;
    }
    if (i < known) {
      const [oldFrom, oldTo] = [oldOwner(mf), oldOwner(mt)];
      const oldTally = oldFrom === oldTo ? internalFor(oldFrom) : edgeFor(oldFrom, oldTo);
      oldTally.weight -= dependency.weight;
      oldTally.count -= 1;
      oldTally.weightByKind[dependency.kind] -= dependency.weight;
    } else {
      total.weight += dependency.weight;
      total.count += 1;
    }
    const [newFrom, newTo] = [newOwner(mf), newOwner(mt)];
    const newTally = newFrom === newTo ? internalFor(newFrom) : edgeFor(newFrom, newTo);
    newTally.weight += dependency.weight;
    newTally.count += 1;
    newTally.weightByKind[dependency.kind] += dependency.weight;
    const list = additions.get(newTally);
    if (list) list.push(i);
    else additions.set(newTally, [i]);
  }
  // Dependency lists: drop every touched dependency, then add back those that now belong here.
  for (const tally of [...edges.values(), ...internals.values()]) {
    const keptDependencies = tally.dependencies.filter((i) => !touched.has(i));
    const addedHere = additions.get(tally) ?? [];
    tally.dependencies =
      addedHere.length > 0
        ? mergeSorted(
            keptDependencies,
            addedHere.sort((x, y) => x - y),
          )
        : keptDependencies;
  }

  // Nodes: removed ones dropped, appended ones created, and new objects for those whose modules or internal
  // dependencies changed.
  const nodes = new Map(previous.nodes);
  for (const id of removed) nodes.delete(id);
  const membershipChanged = new Set<string>();
  for (const m of moved) {
    membershipChanged.add(oldOwner(m));
    membershipChanged.add(newOwner(m));
  }
  const moduleIndex = moduleIndexOf(modules);
  const counted = (m: number): boolean => moduleIndex.get(modules[m]!.id) === m; // a repeated id counts once
  const changedNodes = new Set<string>([...added, ...internals.keys(), ...membershipChanged]);
  for (const id of changedNodes) {
    if (!nodeIndex.has(id)) continue;
    const old: GraphNode = previous.nodes.get(id) ?? { id, moduleIds: [], linesOfCode: 0, internal: emptyTally() };
    const node: GraphNode = { ...old, internal: internals.get(id) ?? old.internal };
    if (membershipChanged.has(id)) {
      const movedHere = moved.filter((m) => newOwner(m) === id && counted(m));
      const movedAway = moved.filter((m) => oldOwner(m) === id && counted(m));
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
    if (edge.count > 0 && !previous.outgoing.get(edge.from)?.some((candidate) => candidate.id === edge.id)) fresh.push(edge);
  }
  const patch = (list: readonly ServiceEdge[], insert: readonly ServiceEdge[], key: (edge: ServiceEdge) => number): ServiceEdge[] => {
    const result: ServiceEdge[] = [];
    for (const edge of list) {
      const next = edges.get(edge.id);
      if (!next) result.push(edge);
      else if (next.count > 0) result.push(next);
    }
    if (insert.length === 0) return result;
    return mergeSortedBy(
      result,
      [...insert].sort((x, y) => key(x) - key(y)),
      key,
    );
  };
  const byTarget = (edge: ServiceEdge): number => nodeIndex.get(edge.to)!;
  const bySource = (edge: ServiceEdge): number => nodeIndex.get(edge.from)!;
  const outgoing = new Map(previous.outgoing);
  const incoming = new Map(previous.incoming);
  for (const id of removed) {
    outgoing.delete(id);
    incoming.delete(id);
  }
  for (const id of added) {
    outgoing.set(id, []);
    incoming.set(id, []);
  }
  const sources = new Set<string>();
  const targets = new Set<string>();
  for (const edge of edges.values()) {
    sources.add(edge.from);
    targets.add(edge.to);
  }
  for (const id of sources) {
    if (nodeIndex.has(id))
      outgoing.set(
        id,
        patch(
          outgoing.get(id)!,
          fresh.filter((edge) => edge.from === id),
          byTarget,
        ),
      );
  }
  for (const id of targets) {
    if (nodeIndex.has(id))
      incoming.set(
        id,
        patch(
          incoming.get(id)!,
          fresh.filter((edge) => edge.to === id),
          bySource,
        ),
      );
  }

  const graph = makeGraph({
    nodeIds,
    nodes,
    outgoing,
    incoming,
    dangling,
    total,
    index: { modules, dependencies: deps, from, to, ownerOf },
  });
  const sameTopology =
    added.length === 0 && removed.length === 0 && fresh.length === 0 && ![...edges.values()].some((edge) => edge.count === 0);
  topologyBasis.delete(previous);
  if (sameTopology) topologyBasis.set(graph, { previous, changed: edges });
  return graph;
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
