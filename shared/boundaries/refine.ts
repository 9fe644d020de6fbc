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

/**
 * Commits as module numbers, and the commits of each module: built once per list of commits, in flat arrays (the
 * modules of commit c are modules[starts[c]] up to starts[c + 1]; the commits of module m are
 * commits[firsts[m]] up to firsts[m + 1]). A commit of one module crosses nothing wherever it goes: it is not among
 * its module's commits.
 */
export interface CommitIndex {
  indexOf: Map<string, number>;
  starts: Int32Array;
  modules: Int32Array;
  firsts: Int32Array;
  commits: Int32Array;
}

const indexes = new WeakMap<readonly ModuleCommit[], CommitIndex>();

export function commitIndex(list: readonly ModuleCommit[]): CommitIndex {
  const known = indexes.get(list);
  if (known) return known;
  const indexOf = new Map<string, number>();
  let total = 0;
  for (const commit of list) total += commit.modules.length;
  const starts = new Int32Array(list.length + 1);
  const modules = new Int32Array(total);
  const counts: number[] = [];
  let at = 0;
  list.forEach((commit, c) => {
    starts[c] = at;
    const wide = commit.modules.length > 1;
    for (const id of commit.modules) {
      let m = indexOf.get(id);
      if (m === undefined) {
        indexOf.set(id, (m = indexOf.size));
        counts.push(0);
      }
      if (wide) counts[m]!++;
      modules[at++] = m;
    }
  });
  starts[list.length] = at;
  const firsts = new Int32Array(indexOf.size + 1);
  for (let m = 0; m < indexOf.size; m++) firsts[m + 1] = firsts[m]! + counts[m]!;
  const commits = new Int32Array(firsts[indexOf.size]!);
  const next = firsts.slice(0, indexOf.size);
  for (let c = 0; c < list.length; c++) {
    if (starts[c + 1]! - starts[c]! < 2) continue;
    for (let k = starts[c]!; k < starts[c + 1]!; k++) commits[next[modules[k]!]!++] = c;
  }
  const index = { indexOf, starts, modules, firsts, commits };
  indexes.set(list, index);
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
  const { indexOf, starts, modules, firsts, commits: commitsOf } = commitIndex(commits);
  // The group of each module of the commits, by the index: -1 for the monolith.
  const groupAt = new Int32Array(indexOf.size).fill(-1);
  for (const [id, g] of groupOf) {
    const at = indexOf.get(id);
    if (at !== undefined) groupAt[at] = g;
  }
  const ids = [...groupOf.keys()].sort();
  // Gains per group in a scratch array, cleared through the list of groups it touched.
  const scratch = new Int32Array(groups.length);
  const gained = new Int32Array(groups.length);
  /**
   * The net saving of the group whose move saves most crossing commits, net of those it makes cross (0 when none
   * saves any; the group in `bestTo`).
   */
  let bestTo = -1;
  const bestMove = (id: string): number => {
    bestTo = -1;
    const from = groupOf.get(id)!;
    if (sizes[from]! <= 1 || lines[from]! - linesOf(id) < minLines) return 0;
    const at = indexOf.get(id);
    if (at === undefined) return 0;
    // A commit stops crossing when this module was its only one outside the target group; it starts crossing
    // when it held this group's modules only.
    let touched = 0;
    let lost = 0;
    for (let k = firsts[at]!; k < firsts[at + 1]!; k++) {
      const c = commitsOf[k]!;
      let fromCount = 0;
      let other = -2;
      let distinct = 1;
      for (let i = starts[c]!; i < starts[c + 1]!; i++) {
        const g = groupAt[modules[i]!]!;
        if (g === from) fromCount++;
        else if (other === -2) {
          other = g;
          distinct = 2;
        } else if (g !== other) {
          // Three groups or more: the commit crosses whatever this move does.
          distinct = 3;
          break;
        }
      }
      if (distinct === 1) lost++;
      else if (distinct === 2 && fromCount === 1 && other !== -1) {
        if (scratch[other] === 0) gained[touched++] = other;
        scratch[other]!++;
      }
    }
    let best = 0;
    for (let t = 0; t < touched; t++) {
      const g = gained[t]!;
      const n = scratch[g]!;
      scratch[g] = 0;
      if (n - lost > best && mayJoin(id, g)) [best, bestTo] = [n - lost, g];
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
    const order: Array<{ id: string; net: number }> = [];
    for (const id of ids) {
      const net = bestMove(id);
      if (net > 0) order.push({ id, net });
    }
    order.sort((p, q) => q.net - p.net || (p.id < q.id ? -1 : 1));
    let moved = 0;
    for (const { id } of order) {
      if (bestMove(id) === 0) continue;
      move(id, bestTo);
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
  const { indexOf, starts, modules } = commitIndex(commits);
  const groupAt = new Int32Array(indexOf.size).fill(-1);
  for (const [id, g] of groupOf) {
    const at = indexOf.get(id);
    if (at !== undefined) groupAt[at] = g;
  }
  const touched: number[][] = [];
  for (let c = 0; c + 1 < starts.length; c++) {
    if (starts[c + 1]! - starts[c]! < 2) continue;
    // Most commits stay inside one group: no list made for them.
    const head = groupAt[modules[starts[c]!]!]!;
    let one = true;
    for (let k = starts[c]! + 1; k < starts[c + 1]! && one; k++) one = groupAt[modules[k]!] === head;
    if (one) continue;
    const set: number[] = [];
    for (let k = starts[c]!; k < starts[c + 1]!; k++) {
      const g = groupAt[modules[k]!]!;
      if (!set.includes(g)) set.push(g);
    }
    if (set.length >= 2) touched.push(set);
  }
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
  // Per group, its members kept apart from others: a check looks only at those, where each other one is now.
  const restricted = members.map((g) => (apart === undefined ? [] : g.filter((id) => apart.has(id))));
  const conflict = (x: number, y: number) => restricted[x]!.some((id) => [...apart!.get(id)!].some((other) => groupOf.get(other) === y));
  while (alive.size > target) {
    let best: { x: number; y: number; count: number; key: number } | null = null;
    for (const [key, shared] of pairs) {
      if (best !== null && (shared < best.count || (shared === best.count && key > best.key))) continue;
      const x = Math.floor(key / n);
      const y = key % n;
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
    restricted[x]!.push(...restricted[y]!);
    restricted[y] = [];
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
