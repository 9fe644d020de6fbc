// Refining clustered services on the history they were learned from: move one module at a time to the service
// whose commits it shares most, when that lowers the number of commits crossing services, keeping every service
// non-empty and none above a size cap (so that the refinement cannot collapse into one service and singletons),
// none below the smallest service's lines, and never bringing together modules kept apart.
import type { ModuleCommit } from './history';

export interface RefineOptions {
  /** At most this many passes over the modules. Default 4. */
  passes?: number;
  /** A service holds at most this many modules; default max(3, capFactor x the mean). */
  cap?: number;
  /** Default 2. */
  capFactor?: number;
  /** Whatever the cap, no service holds more modules than this. */
  maxSize?: number;
  /** Lines of each module (default 1 each) and the fewest a service may keep: no move takes a service below. */
  lines?: ReadonlyMap<string, number>;
  minLines?: number;
  /** Modules that may never join a service holding one of these. */
  apart?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Told when the cap turned down a move that would have been made: a larger cap could give other groups. */
  onCapped?: () => void;
}

/** Commits as module numbers, and the commits of each module: built once per list of commits. */
interface CommitIndex {
  indexOf: Map<string, number>;
  modulesOf: Int32Array[];
  commitsOf: number[][];
}

const indexes = new WeakMap<readonly ModuleCommit[], CommitIndex>();

function indexed(commits: readonly ModuleCommit[]): CommitIndex {
  const known = indexes.get(commits);
  if (known) return known;
  const indexOf = new Map<string, number>();
  const commitsOf: number[][] = [];
  const modulesOf = commits.map((commit, c) =>
    Int32Array.from(commit.modules, (id) => {
      let at = indexOf.get(id);
      if (at === undefined) {
        indexOf.set(id, (at = indexOf.size));
        commitsOf.push([]);
      }
      commitsOf[at]!.push(c);
      return at;
    }),
  );
  const index = { indexOf, modulesOf, commitsOf };
  indexes.set(commits, index);
  return index;
}

/** The groups with modules moved between them while the training commits crossing groups go down. */
export function refineGroups(
  groups: ReadonlyArray<readonly string[]>,
  commits: readonly ModuleCommit[],
  options: RefineOptions = {},
): string[][] {
  const groupOf = new Map<string, number>();
  groups.forEach((g, k) => g.forEach((id) => groupOf.set(id, k)));
  const sizes = groups.map((g) => g.length);
  const linesOf = (id: string) => options.lines?.get(id) ?? 1;
  const lines = groups.map((g) => g.reduce((s, id) => s + linesOf(id), 0));
  const members = groups.map((g) => new Set(g));
  const minLines = options.minLines ?? 0;
  const apart = options.apart;
  const mayJoin = (id: string, g: number) => {
    if (apart?.get(id) !== undefined && [...apart.get(id)!].some((other) => members[g]!.has(other))) return false;
    if (sizes[g]! < cap) return true;
    options.onCapped?.();
    return false;
  };
  const assigned = sizes.reduce((a, b) => a + b, 0);
  const cap = Math.min(
    options.maxSize ?? Infinity,
    options.cap ?? Math.max(3, Math.ceil(((options.capFactor ?? 2) * assigned) / Math.max(1, groups.length))),
  );
  const { indexOf, modulesOf, commitsOf } = indexed(commits);
  // The group of each module of the commits, by the index: -1 for the monolith.
  const groupAt = new Int32Array(indexOf.size).fill(-1);
  for (const [id, g] of groupOf) {
    const at = indexOf.get(id);
    if (at !== undefined) groupAt[at] = g;
  }
  const ids = [...groupOf.keys()].sort();
  const scratch = new Int32Array(groups.length);
  /** The group whose move saves most crossing commits, net of those it makes cross; null when none saves any. */
  const bestMove = (id: string): { to: number; net: number } | null => {
    const from = groupOf.get(id)!;
    if (sizes[from]! <= 1 || lines[from]! - linesOf(id) < minLines) return null;
    const at = indexOf.get(id);
    if (at === undefined) return null;
    // A commit stops crossing when this module was its only one outside the target group; it starts crossing
    // when it held this group's modules only.
    // Gains per group in a scratch array, cleared through the list of groups it touched.
    const gained: number[] = [];
    let lost = 0;
    for (const c of commitsOf[at]!) {
      const modules = modulesOf[c]!;
      let fromCount = 0;
      let other = -2;
      let distinct = 1;
      for (const m of modules) {
        const g = groupAt[m]!;
        if (g === from) fromCount++;
        else if (other === -2) {
          other = g;
          distinct = 2;
        } else if (g !== other) distinct = 3;
      }
      if (distinct === 1) {
        if (modules.length > 1) lost++;
      } else if (distinct === 2 && fromCount === 1 && other !== -1) {
        if (scratch[other] === 0) gained.push(other);
        scratch[other]!++;
      }
    }
    let best: { to: number; net: number } | null = null;
    for (const g of gained) {
      const n = scratch[g]!;
      scratch[g] = 0;
      if (n - lost > (best?.net ?? 0) && mayJoin(id, g)) best = { to: g, net: n - lost };
    }
    return best;
  };
  const move = (id: string, to: number) => {
    const from = groupOf.get(id)!;
    const at = indexOf.get(id);
    if (at !== undefined) groupAt[at] = to;
    groupOf.set(id, to);
    sizes[from]!--;
    sizes[to]!++;
    lines[from]! -= linesOf(id);
    lines[to]! += linesOf(id);
    members[from]!.delete(id);
    members[to]!.add(id);
  };
  for (let pass = 0; pass < (options.passes ?? 4); pass++) {
    // The largest savings first; each is looked at again when its turn comes, as earlier moves change it.
    const order = ids
      .map((id) => ({ id, net: bestMove(id)?.net ?? 0 }))
      .filter((m) => m.net > 0)
      .sort((p, q) => q.net - p.net || (p.id < q.id ? -1 : 1));
    let moved = 0;
    for (const { id } of order) {
      const best = bestMove(id);
      if (!best) continue;
      move(id, best.to);
      moved++;
    }
    if (moved === 0) break;
  }
  const out = groups.map(() => [] as string[]);
  for (const id of ids) out[groupOf.get(id)!]!.push(id);
  return out.filter((g) => g.length > 0);
}

export interface CommitMergeOptions {
  /** A group holds at most this many nodes. */
  cap: number;
  /** Nodes that may never share a group with these. */
  apart?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Told when the cap turned down a pair that would have been merged. */
  onCapped?: () => void;
}

/**
 * Merge groups two at a time until `target` remain, each time the pair that the most training commits touch
 * alone (a commit touching exactly those two groups stops crossing when they merge), never above `cap` nodes and
 * never bringing together nodes kept apart. Stops early when no pair shares a commit: the caller finishes the
 * merging on other evidence.
 */
export function mergeOnCommits(
  groups: ReadonlyArray<readonly string[]>,
  commits: readonly ModuleCommit[],
  target: number,
  options: CommitMergeOptions,
): string[][] {
  const members = groups.map((g) => [...g]);
  const groupOf = new Map<string, number>();
  members.forEach((g, k) => g.forEach((id) => groupOf.set(id, k)));
  const alive = new Set(members.map((_, k) => k));
  const n = members.length;
  // Each commit as the groups it touches (-1: modules of no group, the monolith), the commits of each group, and
  // per pair of groups the commits touching those two alone: kept up to date as groups merge.
  // A commit inside one group stays inside one: only those touching two or more count.
  const touched = commits.map((c) => [...new Set(c.modules.map((id) => groupOf.get(id) ?? -1))]).filter((set) => set.length >= 2);
  const commitsOf = members.map(() => [] as number[]);
  touched.forEach((set, c) => set.forEach((g) => g >= 0 && commitsOf[g]!.push(c)));
  const pairs = new Map<number, number>();
  const pairOf = (set: number[]) =>
    set.length !== 2 || set[0]! < 0 || set[1]! < 0 ? -1 : Math.min(set[0]!, set[1]!) * n + Math.max(set[0]!, set[1]!);
  const count = (set: number[], by: number) => {
    const key = pairOf(set);
    if (key < 0) return;
    const left = (pairs.get(key) ?? 0) + by;
    if (left === 0) pairs.delete(key);
    else pairs.set(key, left);
  };
  touched.forEach((set) => count(set, 1));
  const { apart, cap } = options;
  const conflict = (x: number, y: number) =>
    apart !== undefined && members[x]!.some((id) => [...(apart.get(id) ?? [])].some((other) => groupOf.get(other) === y));
  while (alive.size > target) {
    let best: { x: number; y: number; count: number; key: number } | null = null;
    for (const [key, shared] of pairs) {
      const [x, y] = [Math.floor(key / n), key % n];
      if (best !== null && (shared < best.count || (shared === best.count && key > best.key))) continue;
      if (conflict(x, y)) continue;
      if (members[x]!.length + members[y]!.length > cap) {
        options.onCapped?.();
        continue;
      }
      best = { x, y, count: shared, key };
    }
    if (best === null) break;
    const { x, y } = best;
    for (const id of members[y]!) groupOf.set(id, x);
    members[x]!.push(...members[y]!);
    members[y] = [];
    alive.delete(y);
    for (const c of commitsOf[y]!) {
      const set = touched[c]!;
      const at = set.indexOf(y);
      if (at < 0) continue;
      count(set, -1);
      if (set.includes(x)) set.splice(at, 1);
      else {
        set[at] = x;
        commitsOf[x]!.push(c);
      }
      count(set, 1);
    }
    commitsOf[y] = [];
  }
  return [...alive].map((k) => members[k]!.sort());
}
