// Clustering modules to a target number of services (issue 9): Louvain on the weighted graph, at a resolution
// raised until it gives at least the target, then the pair of clusters whose merge costs the least modularity
// merged until the target is met. Modules with no edge, and small groups with no neighbour, stay in the monolith
// rather than becoming singletons; no service is smaller than a share of the mean; nodes kept apart never meet.
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { BinaryHeap } from '../planning/heap';
import { mulberry32 } from '../random';

/** An undirected weighted edge between two module ids. */
export interface WeightedEdge {
  a: string;
  b: string;
  weight: number;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Louvain communities (groups of node ids, each sorted) at a resolution, with a fixed seed. */
function communities(graph: Graph, resolution: number, seed: number): string[][] {
  const found = louvain(graph, { getEdgeWeight: 'weight', rng: mulberry32(seed), resolution });
  const groups = new Map<number, string[]>();
  graph.forEachNode((node) => {
    const c = found[node]!;
    let group = groups.get(c);
    if (!group) groups.set(c, (group = []));
    group.push(node);
  });
  return [...groups.values()].map((g) => g.sort(compareText));
}

/** What merging must respect: the lines of each node, the smallest service, and nodes that must stay apart. */
export interface MergeRules {
  /** Lines of code of a node (a module or a kept-together group). Default: 1 each. */
  lines?: ReadonlyMap<string, number>;
  /** A service holds at least this many lines; a smaller group joins the one it is most tied to, or the monolith. */
  minLines?: number;
  /** Nodes that may never share a service with these. */
  apart?: ReadonlyMap<string, ReadonlySet<string>>;
  /** No merge makes a group of more nodes than this (balance: no service is the monolith renamed). */
  maxSize?: number;
}

/** A list of edges as numbers: its distinct endpoints, and per edge the numbers of its ends and its weight. */
interface EdgeIndex {
  ends: string[];
  from: Int32Array;
  to: Int32Array;
  weights: Float64Array;
}

const edgeIndexes = new WeakMap<readonly WeightedEdge[], EdgeIndex>();

function edgeIndex(edges: readonly WeightedEdge[]): EdgeIndex {
  const known = edgeIndexes.get(edges);
  if (known) return known;
  const numberOf = new Map<string, number>();
  const ends: string[] = [];
  const number = (id: string) => {
    let at = numberOf.get(id);
    if (at === undefined) {
      numberOf.set(id, (at = ends.length));
      ends.push(id);
    }
    return at;
  };
  const index = {
    ends,
    from: Int32Array.from(edges, (e) => number(e.a)),
    to: Int32Array.from(edges, (e) => number(e.b)),
    weights: Float64Array.from(edges, (e) => e.weight),
  };
  edgeIndexes.set(edges, index);
  return index;
}

/**
 * Merge groups, two at a time, until `target` remain: first every group under `minLines` into the neighbour
 * whose merge loses least modularity (a small group with no neighbour goes to `dropped`: no signal, so the
 * monolith; one whose neighbours must all stay apart from it stays), then each time the pair joined by an edge whose merge loses least modularity (gain e_cd/m -
 * a_c a_d / 2m^2). Groups holding nodes to keep apart are never merged. Groups left with no edge to any other
 * when more than the target remain are returned apart in `dropped` (the smallest by degree first).
 */
export function mergeGroups(
  groups: string[][],
  edges: readonly WeightedEdge[],
  target: number,
  rules: MergeRules = {},
): { groups: string[][]; dropped: string[][] } {
  const groupOf = new Map<string, number>();
  groups.forEach((g, k) => g.forEach((id) => groupOf.set(id, k)));
  const members = groups.map((g) => [...g]);
  const lines = groups.map((g) => g.reduce((s, id) => s + (rules.lines?.get(id) ?? 1), 0));
  const degree = groups.map(() => 0);
  const between = groups.map(() => new Map<number, number>());
  let total = 0;
  // The edges by endpoint numbers (numbered once per list of edges): one look-up per node, not two per edge.
  const { ends, from, to, weights } = edgeIndex(edges);
  const groupAt = Int32Array.from(ends, (id) => groupOf.get(id) ?? -1);
  for (let e = 0; e < weights.length; e++) {
    const x = groupAt[from[e]!]!;
    const y = groupAt[to[e]!]!;
    const weight = weights[e]!;
    if (x < 0 || y < 0) continue;
    total += weight;
    degree[x]! += weight;
    degree[y]! += weight;
    if (x === y) continue;
    between[x]!.set(y, (between[x]!.get(y) ?? 0) + weight);
    between[y]!.set(x, (between[y]!.get(x) ?? 0) + weight);
  }
  const apart = rules.apart;
  // Per group, its members kept apart from others: a check looks only at those, where each other one is now.
  const restricted = groups.map((g) => (apart === undefined ? [] : g.filter((id) => apart.has(id))));
  const conflict = (x: number, y: number) => restricted[x]!.some((id) => [...apart!.get(id)!].some((other) => groupOf.get(other) === y));
  const gainOf = (x: number, y: number, w: number) => w / total - (degree[x]! * degree[y]!) / (2 * total * total);
  const maxSize = rules.maxSize ?? Infinity;
  const tooLarge = (x: number, y: number) => members[x]!.length + members[y]!.length > maxSize;
  const alive = new Set(members.map((_, k) => k));
  const dropped: number[] = [];
  const merge = (p: number, q: number) => {
    const [x, y] = members[p]!.length >= members[q]!.length ? [p, q] : [q, p];
    members[x]!.push(...members[y]!);
    for (const id of restricted[y]!) restricted[x]!.push(id);
    for (const id of members[y]!) groupOf.set(id, x);
    members[y] = [];
    degree[x]! += degree[y]!;
    lines[x]! += lines[y]!;
    for (const [z, w] of between[y]!) {
      between[z]!.delete(y);
      if (z === x) continue;
      between[x]!.set(z, (between[x]!.get(z) ?? 0) + w);
      between[z]!.set(x, (between[z]!.get(x) ?? 0) + w);
    }
    between[x]!.delete(y);
    between[y]!.clear();
    alive.delete(y);
  };
  const minLines = rules.minLines ?? 0;
  // Small groups tied only to groups they must stay apart from keep their place: the architect's word first.
  // The smallest first (ties: the earlier group), from a heap whose stale entries are skipped.
  const smalls = new BinaryHeap<{ x: number; lines: number }>((a, b) => a.lines - b.lines || a.x - b.x);
  for (const x of alive) if (lines[x]! < minLines) smalls.push({ x, lines: lines[x]! });
  for (let entry = smalls.pop(); entry !== undefined; entry = smalls.pop()) {
    const small = entry.x;
    if (!alive.has(small) || lines[small] !== entry.lines) continue;
    let best = -1;
    let bestGain = -Infinity;
    for (const [y, w] of between[small]!) {
      if (conflict(small, y) || tooLarge(small, y)) continue;
      const gain = gainOf(small, y, w);
      if (gain > bestGain || (gain === bestGain && y < best)) [best, bestGain] = [y, gain];
    }
    if (best < 0 && between[small]!.size > 0) continue;
    if (best < 0) {
      for (const z of between[small]!.keys()) between[z]!.delete(small);
      alive.delete(small);
      dropped.push(small);
      continue;
    }
    merge(small, best);
    const survivor = alive.has(small) ? small : best;
    if (lines[survivor]! < minLines) smalls.push({ x: survivor, lines: lines[survivor]! });
  }
  // Each group's best partner among the later groups it has an edge to; a merge changes only the survivor's
  // and its earlier neighbours' (the gains of other pairs depend on their own degrees and the total, both
  // unchanged), and those whose best was the group merged away.
  const bestOf = new Map<number, { y: number; gain: number }>();
  const queue = new BinaryHeap<{ x: number; y: number; gain: number }>((a, b) => b.gain - a.gain || a.x - b.x);
  const recompute = (x: number) => {
    let found: { y: number; gain: number } | null = null;
    for (const [y, w] of between[x]!) {
      if (y <= x || tooLarge(x, y) || conflict(x, y)) continue;
      const gain = gainOf(x, y, w);
      if (found === null || gain > found.gain) found = { y, gain };
    }
    if (found) {
      bestOf.set(x, found);
      queue.push({ x, ...found });
    } else bestOf.delete(x);
  };
  if (alive.size > target) for (const x of alive) recompute(x);
  while (alive.size > target) {
    // The best pair: the top of the queue that is still some group's best (older entries are stale).
    let top = queue.pop();
    while (top !== undefined && (!alive.has(top.x) || bestOf.get(top.x)?.y !== top.y || bestOf.get(top.x)?.gain !== top.gain))
      top = queue.pop();
    if (top === undefined) break;
    merge(top.x, top.y);
    const [x, y] = alive.has(top.x) ? [top.x, top.y] : [top.y, top.x];
    bestOf.delete(y);
    recompute(x);
    // A later neighbour looks only at groups after it: x is not one, so its best changes only if it was y.
    for (const z of between[x]!.keys()) if (z < x || bestOf.get(z)?.y === y) recompute(z);
  }
  const kept = [...alive].map((k) => ({ k, ids: members[k]!.sort(compareText) }));
  kept.sort((p, q) => degree[q.k]! - degree[p.k]! || compareText(p.ids[0]!, q.ids[0]!));
  return {
    groups: kept.slice(0, target).map((p) => p.ids),
    dropped: [...kept.slice(target).map((p) => p.ids), ...dropped.map((k) => members[k]!.sort(compareText))],
  };
}

/** Louvain's communities with the nodes kept apart from one already there split off, each on its own. */
function splitApart(groups: string[][], apart: ReadonlyMap<string, ReadonlySet<string>> | undefined): string[][] {
  if (apart === undefined || apart.size === 0) return groups;
  const out: string[][] = [];
  for (const group of groups) {
    const kept: string[] = [];
    for (const id of group) {
      if (kept.some((other) => apart.get(id)?.has(other))) out.push([id]);
      else kept.push(id);
    }
    out.push(kept);
  }
  return out;
}

export interface ClusterResult {
  /** The services' modules (each sorted), at most `target` groups. */
  groups: string[][];
  /** Modules left in the monolith: no edge at all, or in groups beyond the target with no edge to merge on. */
  monolith: string[];
  /** The Louvain resolution the merging started from. */
  resolution: number;
}

/** Lines below which a service is "a few lines": `minShare` (default 0.05) of the mean service, and at least 100
 * lines unless the mean service is under 200 (then half the mean). */
export const smallestService = (meanLines: number, minShare = 0.05): number => Math.max(minShare * meanLines, Math.min(100, meanLines / 2));

/**
 * A clusterer of these nodes and edges: for a target, at most `target` groups of the nodes that have an edge,
 * with `target` groups whenever the edges and rules allow it, none smaller than smallestService(). The graph is built once and Louvain runs once per resolution, whatever the number of
 * targets asked.
 */
export function clustererOf(
  nodes: readonly string[],
  edges: readonly WeightedEdge[],
  seed = 1,
  rules: Omit<MergeRules, 'minLines'> & { minShare?: number } = {},
): (target: number, maxSize?: number) => ClusterResult {
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (const { a, b, weight } of edges) {
    if (a === b || weight <= 0) continue;
    if (!graph.hasNode(a)) graph.addNode(a);
    if (!graph.hasNode(b)) graph.addNode(b);
    if (graph.hasEdge(a, b)) graph.updateEdgeAttribute(a, b, 'weight', (w: number | undefined) => (w ?? 0) + weight);
    else graph.addEdge(a, b, { weight });
  }
  const lonely = nodes.filter((id) => !graph.hasNode(id));
  const byResolution = new Map<number, string[][]>();
  const at = (resolution: number) => {
    let found = byResolution.get(resolution);
    if (!found) byResolution.set(resolution, (found = splitApart(communities(graph, resolution, seed), rules.apart)));
    return found;
  };
  let linesInGraph = 0;
  graph.forEachNode((id) => (linesInGraph += rules.lines?.get(id) ?? 1));
  // One answer per target and size cap (the variants of a proposal ask for the same ones): treat it as read-only.
  const answers = new Map<string, ClusterResult>();
  return (target, maxSize = Infinity) => {
    const key = `${target}:${maxSize}`;
    const known = answers.get(key);
    if (known) return known;
    const answer = clusterOnce(target, maxSize);
    answers.set(key, answer);
    return answer;
  };
  function clusterOnce(target: number, maxSize: number): ClusterResult {
    if (graph.order === 0 || target < 1) return { groups: [], monolith: [...nodes].sort(compareText), resolution: 1 };
    const merging = { ...rules, minLines: smallestService(linesInGraph / target, rules.minShare), maxSize };
    const largest = (groups: string[][]) => groups.reduce((n, g) => Math.max(n, g.length), 0);
    let resolution = 1;
    // Merging never makes more groups: resolutions with fewer communities than the target are passed over.
    while (at(resolution).length < target && resolution < 64) resolution *= 2;
    let merged = mergeGroups(at(resolution), edges, target, merging);
    while ((merged.groups.length < target || largest(merged.groups) > maxSize) && resolution < 64) {
      resolution *= 2;
      merged = mergeGroups(at(resolution), edges, target, merging);
    }
    return { groups: merged.groups, monolith: [...lonely, ...merged.dropped.flat()].sort(compareText), resolution };
  }
}

/** clustererOf for one target. */
export function clusterToTarget(
  nodes: readonly string[],
  edges: readonly WeightedEdge[],
  target: number,
  seed = 1,
  rules: Omit<MergeRules, 'minLines'> & { minShare?: number } = {},
): ClusterResult {
  return clustererOf(nodes, edges, seed, rules)(target);
}
