// Service boundaries from evidence (issue 9): the static graph (imports, foreign keys) and the co-change of the
// history before a cut-off, clustered to a target number of services within the architect's constraints,
// merged and refined on that history as the inner backtest chooses (refine.ts), no service above half the
// modules, named from their dominant domain (names.ts) and explained (explain.ts);
// each alternative backtested on the commits after the cut-off beside random partitions of the same sizes and
// one service per app merged to the same count.
import { MONOLITH_NODE_ID, type Project } from '../model/project';

import {
  assignmentOf,
  assignmentOfGroups,
  backtest,
  expectedRandomShare,
  groupSizes,
  randomBacktest,
  splitAt,
  yearBefore,
  type BacktestResult,
} from './backtest';
import { clustererOf, mergeGroups, smallestService, type ClusterResult, type WeightedEdge } from './cluster';
import { isTestModule, scopeOf, type Constraints, type Scope } from './constraints';
import { explainServices, type ServiceExplanation } from './explain';
import { coChange, dayOf, ownership, type ModuleCommit, type ModuleOwnership } from './history';
import { countParts, domainNames, serviceIdFor, type PartCounts } from './names';
import { summarizeDesign, withServices, type ProposedService } from './staticLouvain';
import { mergeOnCommits, refineGroups } from './refine';

export interface EvidenceOptions {
  /** How much a foreign key weighs against an import of the same weight. Default 3. */
  dataWeight?: number;
  /** The share of the graph's total weight given to co-change when there is history (0..1). Default 0.7. */
  historyShare?: number;
  /** Commits touching more modules than this are left out of co-change. Default 30. */
  maxModules?: number;
  /** Co-change of a commit this many years older than the last one learned from weighs half. Default 1; null: all alike. */
  halfLifeYears?: number | null;
}

/**
 * The weighted module graph: static dependencies (log-damped weights, foreign keys heavier) and co-change, each
 * scaled to its share of the total so that neither drowns the other whatever the counts.
 */
export function evidenceEdges(project: Project, history: readonly ModuleCommit[], options: EvidenceOptions = {}): WeightedEdge[] {
  const known = new Set(project.monolith.modules.map((m) => m.id));
  const statics = new Map<string, number>();
  for (const d of project.monolith.dependencies) {
    if (d.from === d.to || !known.has(d.from) || !known.has(d.to)) continue;
    const key = d.from < d.to ? `${d.from}\u0000${d.to}` : `${d.to}\u0000${d.from}`;
    statics.set(key, (statics.get(key) ?? 0) + Math.log1p(d.weight) * (d.kind === 'data' ? (options.dataWeight ?? 3) : 1));
  }
  const asOf = history.reduce((max, c) => Math.max(max, c.time), -Infinity);
  const years = options.halfLifeYears === undefined ? 1 : options.halfLifeYears;
  const halfLife = years === null ? undefined : years * 365.25 * 86_400;
  const changes = coChange(
    history.filter((c) => c.modules.every((id) => known.has(id))),
    { maxModules: options.maxModules ?? 30, ...(halfLife === undefined ? {} : { halfLife, asOf }) },
  );
  const share = changes.size === 0 ? 0 : (options.historyShare ?? 0.7);
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0) || 1;
  const staticScale = (1 - share) / sum(statics);
  const changeScale = share / sum(changes);
  const merged = new Map<string, number>();
  for (const [key, w] of statics) merged.set(key, w * staticScale);
  for (const [key, w] of changes) merged.set(key, (merged.get(key) ?? 0) + w * changeScale);
  return [...merged.entries()]
    .filter(([, w]) => w > 0)
    .map(([key, weight]) => {
      const [a, b] = key.split('\u0000') as [string, string];
      return { a, b, weight };
    });
}

export type ProposedBoundary = ProposedService & {
  owners: Array<{ author: string; share: number }>;
  /** A service already in the project, kept as it is (a pin): accepting the proposal leaves it alone. */
  pinned: boolean;
  explanation: ServiceExplanation;
};

export interface Alternative {
  /** The number of services asked for. */
  target: number;
  services: ProposedBoundary[];
  /** Modules left in the monolith. */
  monolithModules: number;
  structuralModularity: number;
  crossingShareByWeight: number;
  /**
   * The variant chosen by an inner backtest on the training history alone: each variant (Louvain's communities
   * merged on modularity, or merged on the training commits from three times the target; refined under a cap of
   * 2-5 x the mean service) clustered and refined on the commits before `innerCutoff` (a year before the cut-off)
   * and tested on those from it to the cut-off; the one whose crossing shares against random partitions of the
   * same sizes, summed over 4, 8, 12, 16 and 20 services, are lowest is kept for every alternative
   * (`innerShares`: this alternative's ratios, one per variant). Null cut-off: too little history; the first
   * variant.
   */
  fit: { merge: Variant['merge']; capFactor: number; innerCutoff: string | null; innerShares: number[] };
  /** The backtest on the commits from the cut-off on (null without history after it). */
  backtest: BacktestResult | null;
  /** The median backtest share of 50 seeded random partitions of the same sizes. */
  randomMedian: number | null;
  /** The backtest of one service per app (module), merged on imports and data to the same number of services. */
  perApp: number | null;
  /** The backtest of the same target clustered on the static graph alone (imports and data, no history). */
  staticOnly: number | null;
}

export interface BoundaryReport {
  /** YYYY-MM-DD: the proposal learns from commits before it, the backtest counts commits from it on. */
  cutoff: string | null;
  commitsBefore: number;
  commitsAfter: number;
  current: BacktestResult | null;
  /** Every module its own service. */
  perModule: BacktestResult | null;
  /** Modules that hold tests: never a service, they stay in the monolith. */
  testModules: number;
  alternatives: Alternative[];
}

/** A report for one project and size asked for: what `carve suggest --json` prints and boundaries:suggest answers. */
export interface BoundarySuggestion extends BoundaryReport {
  /** The target of the alternative asked for (the number of services, at most the number of modules). */
  accepted: number;
  /** What was read of the history, or why none was: one line each. */
  notes: string[];
}

/** Services from groups of module ids (pins first, as they are; then the largest by lines), named and explained. */
function asServices(
  project: Project,
  pinned: Scope['pinned'],
  groups: string[][],
  history: readonly ModuleCommit[],
  edges: readonly WeightedEdge[],
  owners: ReadonlyMap<string, ModuleOwnership>,
  parts: PartCounts,
): ProposedBoundary[] {
  const lines = new Map(project.monolith.modules.map((m) => [m.id, m.linesOfCode]));
  const linesOf = (ids: readonly string[]) => ids.reduce((s, id) => s + (lines.get(id) ?? 0), 0);
  const sized = groups.map((g) => ({ ids: g, lines: linesOf(g) })).sort((p, q) => q.lines - p.lines || (p.ids[0]! < q.ids[0]! ? -1 : 1));
  const names = domainNames(
    project.monolith.modules,
    sized.map((s) => s.ids),
    pinned.map((p) => p.name),
    parts,
  );
  const taken = new Set<string>([...project.monolith.modules.map((m) => m.id), ...project.services.map((s) => s.id), MONOLITH_NODE_ID]);
  const ownersOf = (ids: readonly string[]) => {
    const authors = new Map<string, number>();
    let commits = 0;
    for (const id of ids) {
      const o = owners.get(id);
      if (!o) continue;
      commits += o.commits;
      for (const a of o.authors) authors.set(a.author, (authors.get(a.author) ?? 0) + a.commits);
    }
    const top = [...authors.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).slice(0, 3);
    return top.map(([author, n]) => ({ author, share: n / commits }));
  };
  const made = [
    ...pinned.map((p) => ({ id: p.id, name: p.name, moduleIds: p.moduleIds, linesOfCode: linesOf(p.moduleIds), pinned: true })),
    ...sized.map((s, k) => ({
      id: serviceIdFor(names[k]!, taken),
      name: names[k]!,
      moduleIds: s.ids,
      linesOfCode: s.lines,
      pinned: false,
    })),
  ];
  const explanations = explainServices(project, made, history, edges);
  return made.map((s, k) => ({ ...s, owners: ownersOf(s.moduleIds), explanation: explanations[k]! }));
}

export interface ProposeOptions extends EvidenceOptions {
  /** The numbers of services to offer (pinned services count toward them). */
  targets: readonly number[];
  /** Seconds since the epoch; default: no history after it (all history trains, nothing is backtested). */
  cutoff?: number | null;
  seed?: number;
  constraints?: Constraints;
  /** No proposed service has fewer lines than this share of the mean lines per service (and 100). Default 0.05. */
  minShare?: number;
  /** The variants the inner backtest chooses from (default VARIANTS). */
  variants?: readonly Variant[];
  /** What the inner backtest minimises: the crossing share, or (default) its ratio to random partitions of the same sizes. */
  selectBy?: 'share' | 'ratio';
  /** No service holds more than this share of the modules (balance: none is the monolith renamed). Default 0.5. */
  maxShare?: number;
  /**
   * The sizes whose inner ratios, summed, choose the one variant of every alternative (default SELECT_SIZES,
   * those below the number of modules; none left: each target chooses its own).
   */
  selectOn?: readonly number[];
}

/**
 * Module ids of a commit seen as units (kept-together groups one unit; modules not clustered as they are). With
 * nothing kept together every unit is its module: the commits as they are.
 */
const asUnits = (commits: readonly ModuleCommit[], unitOf: ReadonlyMap<string, string>): readonly ModuleCommit[] =>
  [...unitOf].every(([id, unit]) => id === unit)
    ? commits
    : commits.map((c) => ({ ...c, modules: [...new Set(c.modules.map((id) => unitOf.get(id) ?? id))].sort() }));

/** Edges between units (edges touching a module not clustered are dropped; within a unit, merged away). */
function unitEdges(edges: readonly WeightedEdge[], unitOf: ReadonlyMap<string, string>): WeightedEdge[] {
  const out: WeightedEdge[] = [];
  for (const { a, b, weight } of edges) {
    const [x, y] = [unitOf.get(a), unitOf.get(b)];
    if (x !== undefined && y !== undefined && x !== y) out.push({ a: x, b: y, weight });
  }
  return out;
}

/** How a variant merges Louvain's communities to the target, and its size cap (x the mean service). */
export interface Variant {
  merge: 'modularity' | 'commits';
  capFactor: number;
  /** 'commits': merge from the clustering at this many times the target (default 2). */
  fine?: number;
}

/**
 * The sizes on which the variant is chosen, whatever the targets asked for (carve suggest's sizes): one variant
 * for every size, so that the proposal at 12 does not depend on the other sizes asked, and the choice rests on
 * five inner backtests instead of one (run 4: per size, the inner year chose noisily).
 */
const SELECT_SIZES = [4, 8, 12, 16, 20];

/**
 * The variants the inner backtest chooses from: the commit merging's caps span 2 to 5 x the mean service (at 8
 * services 5 x the mean is above the half of the modules that no service may pass).
 */
export const VARIANTS: readonly Variant[] = [
  { merge: 'modularity', capFactor: 2 },
  { merge: 'modularity', capFactor: 4 },
  { merge: 'commits', capFactor: 2, fine: 3 },
  { merge: 'commits', capFactor: 3, fine: 3 },
  { merge: 'commits', capFactor: 5, fine: 3 },
];

/** The alternatives at each target size with their figures, and the backtest of the current and per-module designs. */
export function proposeBoundaries(project: Project, history: readonly ModuleCommit[], options: ProposeOptions): BoundaryReport {
  const cutoff = options.cutoff ?? null;
  const seed = options.seed ?? 1;
  const { before, after } = cutoff === null ? { before: [...history], after: [] } : splitAt(history, cutoff);
  const ids = project.monolith.modules.map((m) => m.id);
  const scope = scopeOf(project, options.constraints);
  const lines = new Map(project.monolith.modules.map((m) => [m.id, m.linesOfCode]));
  const unitLines = new Map(
    [...scope.units].map(([unit, members]) => [
      unit,
      Math.max(
        1,
        members.reduce((s, id) => s + (lines.get(id) ?? 0), 0),
      ),
    ]),
  );
  const rules = { lines: unitLines, apart: scope.apart, minShare: options.minShare ?? 0.05 };
  const edges = evidenceEdges(project, before, options);
  const staticEdges = unitEdges(evidenceEdges(project, [], options), scope.unitOf);
  const units = [...scope.units.keys()];
  const unitEdgesAll = unitEdges(edges, scope.unitOf);
  const cluster = clustererOf(units, unitEdgesAll, seed, rules);
  const clusterStatic = clustererOf(units, staticEdges, seed, rules);
  const training = asUnits(before, scope.unitOf);
  const expand = (groups: readonly string[][]) => groups.map((g) => g.flatMap((unit) => scope.units.get(unit) ?? []).sort());
  const pins = scope.pinned.map((p) => p.moduleIds);
  const owners = new Map(ownership(before, 1000).map((o) => [o.moduleId, o]));
  const parts = countParts(project.monolith.modules);
  // The inner backtest: the same clustering on the commits up to a year before the cut-off, tested on that year.
  const lastBefore = before.reduce((max, c) => Math.max(max, c.time), -Infinity);
  const innerCut = yearBefore(cutoff ?? lastBefore);
  const inner = splitAt(before, innerCut);
  const innerTest = asUnits(inner.after, scope.unitOf);
  const innerFit = (() => {
    if (inner.before.length < 100 || inner.after.length < 30) return null;
    const innerEdges = unitEdges(evidenceEdges(project, inner.before, options), scope.unitOf);
    return { cluster: clustererOf(units, innerEdges, seed, rules), edges: innerEdges, train: asUnits(inner.before, scope.unitOf) };
  })();
  const fullFit = { cluster, edges: unitEdgesAll, train: training };
  const tested = after.length > 0;
  const variants = options.variants ?? VARIANTS;
  /** A variant's groups (units) at a target, from a clusterer and the training commits it learned from. */
  type Fitted = {
    cluster: (target: number, maxSize?: number) => ClusterResult;
    edges: readonly WeightedEdge[];
    train: readonly ModuleCommit[];
  };
  // The groups made so far per fit, target and way of merging, with their cap and whether it ever turned down a
  // move: when it did not, any larger cap gives the same groups (variants differing only by cap share them).
  const made = new WeakMap<Fitted, Map<string, Array<{ capFactor: number; capped: boolean; groups: string[][] }>>>();
  const grouped = (variant: Variant, fitted: Fitted, wanted: number): string[][] => {
    let byKey = made.get(fitted);
    if (!byKey) made.set(fitted, (byKey = new Map()));
    const key = `${wanted}:${variant.merge}:${variant.fine ?? 2}`;
    const earlier = byKey.get(key) ?? [];
    const same = earlier.find((e) => !e.capped && e.capFactor <= variant.capFactor);
    if (same) return same.groups;
    const { cluster: clusterer, edges: graphEdges, train } = fitted;
    // No service above half the modules, so that none is the monolith renamed. Asked for two services, the cap
    // would leave one split only (two exact halves), and a merge path through a group it cannot grow loses the
    // split: 6 planted modules in two groups of 3 came out 3, 1 and 2 left in the monolith. So two have no cap.
    const maxSize = wanted <= 2 ? Infinity : Math.max(3, Math.floor((options.maxShare ?? 0.5) * units.length));
    let capped = false;
    const onCapped = () => (capped = true);
    // Merging on commits starts from a finer clustering: the one at the target is not made for it.
    let groups: string[][];
    if (variant.merge === 'modularity') groups = clusterer(wanted, maxSize).groups;
    else {
      const factor = variant.fine ?? 2;
      const fine = clusterer(Math.min(units.length, Math.round(factor * wanted)), maxSize).groups;
      const assigned = fine.reduce((n, g) => n + g.length, 0);
      const cap = Math.min(maxSize, Math.max(3, Math.ceil((variant.capFactor * assigned) / Math.max(1, wanted))));
      const merged = mergeOnCommits(fine, train, wanted, { cap, onCapped, ...(scope.apart ? { apart: scope.apart } : {}) });
      groups = merged.length > wanted ? mergeGroups(merged, graphEdges, wanted, { apart: scope.apart, maxSize }).groups : merged;
    }
    const refined = refineGroups(groups, train, {
      lines: unitLines,
      minLines: minLinesAt(wanted),
      apart: scope.apart,
      capFactor: variant.capFactor,
      maxSize,
      onCapped,
    });
    byKey.set(key, [...earlier, { capFactor: variant.capFactor, capped, groups: refined }]);
    return refined;
  };
  // One service per app merged to each size, largest first: each size goes on from the one above it (the same
  // greedy merges as from the apps themselves, done once).
  const perAppAt = new Map<number, string[][]>();
  if (tested) {
    let apps = units.map((u) => [u]);
    const sizes = [...new Set(options.targets.map((t) => Math.max(0, t - scope.pinned.length)))].sort((a, b) => b - a);
    for (const wanted of sizes) perAppAt.set(wanted, (apps = mergeGroups(apps, staticEdges, wanted, { apart: scope.apart }).groups));
  }
  const targets = [...new Set(options.targets)].sort((a, b) => a - b);
  const allLines = [...unitLines.values()].reduce((a, b) => a + b, 0);
  const minLinesAt = (wanted: number) => smallestService(allLines / Math.max(1, wanted), rules.minShare);
  /** Each variant's inner crossing share at a target, against random partitions of the same sizes. */
  const innerKnown = new Map<number, number[]>();
  const innerSharesAt = (target: number): number[] => {
    const wanted = Math.max(0, target - scope.pinned.length);
    const known = innerKnown.get(wanted);
    if (known) return known;
    const shares = innerFit
      ? variants.map((variant) => {
          const assignment = assignmentOfGroups(grouped(variant, innerFit, wanted));
          const share = backtest(innerTest, assignment).share;
          if (options.selectBy === 'share') return share;
          const chance = expectedRandomShare(innerTest, units.length, groupSizes(units, assignment));
          return chance === 0 ? share : share / chance;
        })
      : [];
    innerKnown.set(wanted, shares);
    return shares;
  };
  const selectOn = (options.selectOn ?? SELECT_SIZES).filter((n) => n - scope.pinned.length < units.length);
  const across = variants.map(() => 0);
  for (const size of selectOn) innerSharesAt(size).forEach((r, k) => (across[k]! += r));
  const alternatives = targets.map((target): Alternative => {
    const wanted = Math.max(0, target - scope.pinned.length);
    const innerShares = innerSharesAt(target);
    const pick = selectOn.length > 0 ? across : innerShares;
    const chosen = innerShares.length === 0 ? variants[0]! : variants[pick.indexOf(Math.min(...pick))]!;
    const capFactor = chosen.capFactor;
    const groups = expand(grouped(chosen, fullFit, wanted));
    const services = asServices(project, scope.pinned, groups, before, edges, owners, parts);
    const summary = summarizeDesign(withServices(project, services));
    const assignment = assignmentOfGroups([...pins, ...groups]);
    const perApp = perAppAt.get(wanted) ?? [];
    return {
      target,
      services,
      monolithModules: ids.length - [...pins, ...groups].reduce((s, g) => s + g.length, 0),
      structuralModularity: summary.structuralModularity,
      crossingShareByWeight: summary.crossingShareByWeight,
      fit: { merge: chosen.merge, capFactor, innerCutoff: innerFit ? dayOf(innerCut) : null, innerShares },
      backtest: tested ? backtest(after, assignment) : null,
      randomMedian: tested ? randomBacktest(after, ids, groupSizes(ids, assignment), 50, seed) : null,
      perApp: tested ? backtest(after, assignmentOfGroups([...pins, ...expand(perApp)])).share : null,
      staticOnly: tested ? backtest(after, assignmentOfGroups([...pins, ...expand(clusterStatic(wanted).groups)])).share : null,
    };
  });
  return {
    cutoff: cutoff === null ? null : dayOf(cutoff),
    commitsBefore: before.length,
    commitsAfter: after.length,
    current: tested ? backtest(after, assignmentOf(project)) : null,
    perModule: tested ? backtest(after, new Map(ids.map((id) => [id, id]))) : null,
    testModules: project.monolith.modules.filter(isTestModule).length,
    alternatives,
  };
}
