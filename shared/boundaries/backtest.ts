// The backtest of a design (issue 9): had these services existed, what share of the commits since a cut-off
// would have touched more than one of them? Lower is better: services that change alone deploy alone.
import { MONOLITH_NODE_ID, type Project } from '../model/project';
import { mulberry32 } from '../random';
import type { ModuleCommit } from './history';

/** Module id -> the node (service id) that owns it; a module not listed is in the monolith. */
export type Assignment = ReadonlyMap<string, string>;

export interface BacktestResult {
  /** Commits that touched at least one module. */
  commits: number;
  /** Of those, the commits that touched more than one node (the monolith counting as one). */
  crossing: number;
  /** crossing / commits; 0 when there is no commit. */
  share: number;
}

/** The assignment of a project's services. */
export function assignmentOf(project: Pick<Project, 'services'>): Map<string, string> {
  const owner = new Map<string, string>();
  for (const service of project.services) for (const id of service.moduleIds) owner.set(id, service.id);
  return owner;
}

/** The assignment of groups of modules: group k is node "k". */
export function assignmentOfGroups(groups: ReadonlyArray<readonly string[]>): Map<string, string> {
  const owner = new Map<string, string>();
  groups.forEach((group, k) => group.forEach((id) => owner.set(id, String(k))));
  return owner;
}

/** The share of these commits that touch more than one node of the design. */
export function backtest(commits: readonly ModuleCommit[], assignment: Assignment): BacktestResult {
  let crossing = 0;
  let counted = 0;
  for (const { modules } of commits) {
    if (modules.length === 0) continue;
    counted++;
    const first = assignment.get(modules[0]!) ?? MONOLITH_NODE_ID;
    for (let k = 1; k < modules.length; k++) {
      if ((assignment.get(modules[k]!) ?? MONOLITH_NODE_ID) !== first) {
        crossing++;
        break;
      }
    }
  }
  return { commits: counted, crossing, share: counted === 0 ? 0 : crossing / counted };
}

/** The number of modules of each node (services, then the monolith's rest when it keeps any), largest first. */
export function groupSizes(moduleIds: readonly string[], assignment: Assignment): number[] {
  const sizes = new Map<string, number>();
  for (const id of moduleIds) {
    const node = assignment.get(id) ?? MONOLITH_NODE_ID;
    sizes.set(node, (sizes.get(node) ?? 0) + 1);
  }
  return [...sizes.values()].sort((a, b) => b - a);
}

const median = (values: number[]): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * The median backtest share of `runs` random partitions of `moduleIds` into groups of these sizes (seeded
 * shuffles: the same input and seed give the same figure). The same figure as `backtest` of each partition, counted
 * on the commits encoded once as indices of the sorted ids (a module of no id: the monolith), not through maps.
 */
export function randomBacktest(
  commits: readonly ModuleCommit[],
  moduleIds: readonly string[],
  sizes: readonly number[],
  runs = 50,
  seed = 1,
): number {
  const random = mulberry32(seed);
  const ids = [...moduleIds].sort();
  const indexOf = new Map<string, number>();
  ids.forEach((id, k) => indexOf.set(id, k));
  // The indices of the sorted ids, shuffled as the ids were (duplicate ids share one index, as they would a map key).
  const order = Int32Array.from(ids, (id) => indexOf.get(id)!);
  const { starts, members, counted } = encodeCommits(commits, indexOf);
  // The node of each index in a run: group k, or -1 for the monolith (ids beyond the sizes, modules of no id).
  const node = new Int32Array(ids.length);
  const shares: number[] = [];
  for (let run = 0; run < runs; run++) {
    for (let i = ids.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const swap = order[i]!;
      order[i] = order[j]!;
      order[j] = swap;
    }
    node.fill(-1);
    let at = 0;
    sizes.forEach((size, k) => {
      for (let n = 0; n < size && at < ids.length; n++) node[order[at++]!] = k;
    });
    let crossing = 0;
    for (let c = 0; c + 1 < starts.length; c++) {
      const end = starts[c + 1]!;
      const head = members[starts[c]!]!;
      const first = head < 0 ? -1 : node[head]!;
      for (let m = starts[c]! + 1; m < end; m++) {
        const index = members[m]!;
        if ((index < 0 ? -1 : node[index]!) !== first) {
          crossing++;
          break;
        }
      }
    }
    shares.push(counted === 0 ? 0 : crossing / counted);
  }
  return median(shares);
}

/** The commits that touch a module, each as the indices of its modules (-1: a module of no index), in a flat array. */
function encodeCommits(
  commits: readonly ModuleCommit[],
  indexOf: ReadonlyMap<string, number>,
): { starts: Int32Array; members: Int32Array; counted: number } {
  let counted = 0;
  let total = 0;
  for (const { modules } of commits) {
    if (modules.length === 0) continue;
    counted++;
    total += modules.length;
  }
  const starts = new Int32Array(counted + 1);
  const members = new Int32Array(total);
  let c = 0;
  let m = 0;
  for (const { modules } of commits) {
    if (modules.length === 0) continue;
    starts[c++] = m;
    for (const id of modules) members[m++] = indexOf.get(id) ?? -1;
  }
  starts[c] = m;
  return { starts, members, counted };
}

/**
 * The expected backtest share of a random partition of `moduleCount` modules into groups of these sizes, exactly:
 * a commit touching k modules stays inside one group with chance sum over groups of C(size, k) / C(n, k).
 */
export function expectedRandomShare(commits: readonly ModuleCommit[], moduleCount: number, sizes: readonly number[]): number {
  const byWidth = new Map<number, number>();
  let counted = 0;
  for (const { modules } of commits) {
    if (modules.length === 0) continue;
    counted++;
    byWidth.set(modules.length, (byWidth.get(modules.length) ?? 0) + 1);
  }
  let crossing = 0;
  for (const [k, n] of byWidth) {
    let inside = 0;
    for (const size of sizes) {
      let chance = 1;
      // A commit wider than the group cannot lie in it (and wider than every module, it must not divide 0 by 0).
      for (let i = 0; i < k && chance > 0; i++) chance *= size - i <= 0 ? 0 : (size - i) / (moduleCount - i);
      inside += chance;
    }
    crossing += n * (1 - inside);
  }
  return counted === 0 ? 0 : crossing / counted;
}

/** Commits before the cut-off (seconds since the epoch) and from it on. */
export function splitAt(commits: readonly ModuleCommit[], cutoff: number): { before: ModuleCommit[]; after: ModuleCommit[] } {
  return { before: commits.filter((c) => c.time < cutoff), after: commits.filter((c) => c.time >= cutoff) };
}

/** The same day and time one calendar year earlier (seconds since the epoch). */
export function yearBefore(seconds: number): number {
  const date = new Date(seconds * 1000);
  date.setUTCFullYear(date.getUTCFullYear() - 1);
  return Math.floor(date.getTime() / 1000);
}

/** One year before the last commit (seconds since the epoch), the default cut-off; null without commits. */
export function defaultCutoff(commits: readonly ModuleCommit[]): number | null {
  if (commits.length === 0) return null;
  return yearBefore(commits.reduce((max, c) => Math.max(max, c.time), -Infinity));
}
