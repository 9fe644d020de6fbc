// Clustering modules to a target number of services (issue 9): Louvain on the weighted graph, at a resolution
// raised until it gives at least the target, then the pair of clusters whose merge costs the least modularity
// merged until the target is met. Modules with no edge stay in the monolith rather than becoming singletons.
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
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

/**
 * Merge groups, two at a time, until `target` remain: each time the pair joined by an edge whose merge loses
 * least modularity (gain e_cd/m - a_c a_d / 2m^2). Groups left with no edge to any other when more than the
 * target remain are returned apart in `dropped` (the smallest by degree first).
 */
function mergeTo(groups: string[][], edges: readonly WeightedEdge[], target: number): { groups: string[][]; dropped: string[][] } {
  const groupOf = new Map<string, number>();
  groups.forEach((g, k) => g.forEach((id) => groupOf.set(id, k)));
  const members = groups.map((g) => [...g]);
  const degree = groups.map(() => 0);
  const between = groups.map(() => new Map<number, number>());
  let total = 0;
  for (const { a, b, weight } of edges) {
    const x = groupOf.get(a);
    const y = groupOf.get(b);
    if (x === undefined || y === undefined) continue;
    total += weight;
    degree[x]! += weight;
    degree[y]! += weight;
    if (x === y) continue;
    between[x]!.set(y, (between[x]!.get(y) ?? 0) + weight);
    between[y]!.set(x, (between[y]!.get(x) ?? 0) + weight);
  }
  const alive = new Set(members.map((_, k) => k));
  while (alive.size > target) {
    let best: [number, number] | null = null;
    let bestGain = -Infinity;
    for (const x of alive) {
      for (const [y, w] of between[x]!) {
        if (y <= x) continue;
        const gain = w / total - (degree[x]! * degree[y]!) / (2 * total * total);
        if (gain > bestGain) {
          bestGain = gain;
          best = [x, y];
        }
      }
    }
    if (!best) break;
    const [x, y] = members[best[0]]!.length >= members[best[1]]!.length ? best : [best[1], best[0]];
    members[x]!.push(...members[y]!);
    members[y] = [];
    degree[x]! += degree[y]!;
    for (const [z, w] of between[y]!) {
      between[z]!.delete(y);
      if (z === x) continue;
      between[x]!.set(z, (between[x]!.get(z) ?? 0) + w);
      between[z]!.set(x, (between[z]!.get(x) ?? 0) + w);
    }
    between[x]!.delete(y);
    between[y]!.clear();
    alive.delete(y);
  }
  const kept = [...alive].map((k) => ({ k, ids: members[k]!.sort(compareText) }));
  kept.sort((p, q) => degree[q.k]! - degree[p.k]! || compareText(p.ids[0]!, q.ids[0]!));
  return { groups: kept.slice(0, target).map((p) => p.ids), dropped: kept.slice(target).map((p) => p.ids) };
}

export interface ClusterResult {
  /** The services' modules (each sorted), at most `target` groups. */
  groups: string[][];
  /** Modules left in the monolith: no edge at all, or in groups beyond the target with no edge to merge on. */
  monolith: string[];
  /** The Louvain resolution the merging started from. */
  resolution: number;
}

/**
 * A clusterer of these nodes and edges: for a target, at most `target` groups of the nodes that have an edge,
 * with `target` groups whenever the edges allow it. The graph is built once and Louvain runs once per
 * resolution, whatever the number of targets asked.
 */
export function clustererOf(nodes: readonly string[], edges: readonly WeightedEdge[], seed = 1): (target: number) => ClusterResult {
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
    if (!found) byResolution.set(resolution, (found = communities(graph, resolution, seed)));
    return found;
  };
  return (target) => {
    if (graph.order === 0 || target < 1) return { groups: [], monolith: [...nodes].sort(compareText), resolution: 1 };
    let resolution = 1;
    while (at(resolution).length < target && resolution < 64) resolution *= 2;
    const merged = mergeTo(at(resolution), edges, target);
    return { groups: merged.groups, monolith: [...lonely, ...merged.dropped.flat()].sort(compareText), resolution };
  };
}

/** clustererOf for one target. */
export function clusterToTarget(nodes: readonly string[], edges: readonly WeightedEdge[], target: number, seed = 1): ClusterResult {
  return clustererOf(nodes, edges, seed)(target);
}
