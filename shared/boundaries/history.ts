// The change history of a monolith, mapped onto its modules (issue 9): which modules each commit touched, how
// often two modules changed together (co-change) and who changes each module (ownership). Pure: the commits are
// read by main/services/history/readHistory.ts.
import type { Project } from '../model/project';

/** One commit as read from git: files are relative to the imported folder (files outside it are dropped). */
export interface HistoryCommit {
  sha: string;
  /** Author date, in seconds since the epoch. */
  time: number;
  author: string;
  files: string[];
}

/** What could be read of a repository's history, and one line saying how much. */
export interface History {
  commits: HistoryCommit[];
  /** "read 1,234 commits from 2019-02-01 to 2026-08-20", or why there is none / what is missing. */
  note: string;
}

/** A commit seen through the project's modules: the ids of the modules whose files it changed (sorted, unique). */
export interface ModuleCommit {
  time: number;
  author: string;
  modules: string[];
}

/**
 * The modules each commit touched. A file belongs to the module whose `path` (relative to the imported folder,
 * a folder or one .py file) is its longest prefix; files of no module are ignored, and so are commits that touch
 * no module.
 */
export function commitsByModule(project: Project, commits: readonly HistoryCommit[]): ModuleCommit[] {
  const byPath = new Map<string, string>();
  for (const m of project.monolith.modules) if (m.path !== '') byPath.set(m.path.replace(/\/+$/, ''), m.id);
  const moduleOf = (file: string): string | undefined => {
    let at = file;
    for (;;) {
      const id = byPath.get(at);
      if (id !== undefined) return id;
      const cut = at.lastIndexOf('/');
      if (cut <= 0) return undefined;
      at = at.slice(0, cut);
    }
  };
  // Each file's module found once (a file changes in many commits); `seen`: the last commit that counted the module.
  const entries = new Map<string, { id: string; seen: number }>();
  const known = new Map<string, { id: string; seen: number } | null>();
  const out: ModuleCommit[] = [];
  commits.forEach((commit, c) => {
    const touched: string[] = [];
    for (const file of commit.files) {
      let entry = known.get(file);
      if (entry === undefined) {
        const id = moduleOf(file);
        if (id !== undefined && !entries.has(id)) entries.set(id, { id, seen: -1 });
        known.set(file, (entry = id === undefined ? null : entries.get(id)!));
      }
      if (entry === null || entry.seen === c) continue;
      entry.seen = c;
      touched.push(entry.id);
    }
    if (touched.length > 0) out.push({ time: commit.time, author: commit.author, modules: touched.sort() });
  });
  return out;
}

export interface CoChangeOptions {
  /** Commits touching more modules than this are sweeping changes and are left out. Default 30. */
  maxModules?: number;
  /** Recent commits weigh more: a commit this many seconds older than `asOf` weighs half. Default: all alike. */
  halfLife?: number;
  /** The time the half-life counts back from (the cut-off). */
  asOf?: number;
}

/** "a\u0000b" with a < b: the key of an unordered pair of module ids. */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** Module indices below this make unique numeric pair keys (a * PAIR_SPAN + b stays an exact integer). */
const PAIR_SPAN = 2 ** 26;

/**
 * Co-change between modules: each commit touching n modules (2 <= n <= maxModules) adds 1/(n-1) to each pair it
 * touches, so a commit adds at most 1 to any one module's total however wide it is.
 */
export function coChange(commits: readonly ModuleCommit[], options: CoChangeOptions = {}): Map<string, number> {
  const maxModules = options.maxModules ?? 30;
  const { halfLife, asOf } = options;
  // Summed under numeric keys of the module ids' indices (first seen first), then keyed "a\u0000b" in the order
  // the pairs first appeared: the same map, with the same sums, as keying each pair of each commit by its text.
  const indexOf = new Map<string, number>();
  const names: string[] = [];
  const indexed = (id: string): number => {
    let k = indexOf.get(id);
    if (k === undefined) indexOf.set(id, (k = names.push(id) - 1));
    return k;
  };
  const sums = new Map<number, number>();
  const at: number[] = [];
  for (const { modules, time } of commits) {
    const n = modules.length;
    if (n < 2 || n > maxModules) continue;
    const w = (halfLife === undefined || asOf === undefined ? 1 : 2 ** (-(asOf - time) / halfLife)) / (n - 1);
    for (let i = 0; i < n; i++) at[i] = indexed(modules[i]!);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const key = at[i]! * PAIR_SPAN + at[j]!;
        sums.set(key, (sums.get(key) ?? 0) + w);
      }
    }
  }
  const weights = new Map<string, number>();
  for (const [key, w] of sums) weights.set(`${names[Math.floor(key / PAIR_SPAN)]}\u0000${names[key % PAIR_SPAN]}`, w);
  return weights;
}

export interface ModuleOwnership {
  moduleId: string;
  commits: number;
  /** The authors with most commits to the module first, with their share of its commits (0..1); at most `top`. */
  authors: Array<{ author: string; commits: number; share: number }>;
}

/** Who changes each module: its commits and its top authors by commits, ties by name. */
export function ownership(commits: readonly ModuleCommit[], top = 3): ModuleOwnership[] {
  const byModule = new Map<string, Map<string, number>>();
  for (const { author, modules } of commits) {
    for (const id of modules) {
      let authors = byModule.get(id);
      if (!authors) byModule.set(id, (authors = new Map()));
      authors.set(author, (authors.get(author) ?? 0) + 1);
    }
  }
  return [...byModule.entries()]
    .map(([moduleId, authors]) => {
      const total = [...authors.values()].reduce((a, b) => a + b, 0);
      const ranked = [...authors.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)).slice(0, top);
      return { moduleId, commits: total, authors: ranked.map(([author, n]) => ({ author, commits: n, share: n / total })) };
    })
    .sort((a, b) => b.commits - a.commits || (a.moduleId < b.moduleId ? -1 : 1));
}

/** Seconds since the epoch of a YYYY-MM-DD date (UTC midnight), or null when it is not one. */
export function parseDay(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const back = new Date(ms);
  if (back.getUTCDate() !== Number(match[3]) || back.getUTCMonth() !== Number(match[2]) - 1) return null;
  return ms / 1000;
}

/** YYYY-MM-DD of seconds since the epoch (UTC). */
export const dayOf = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 10);
