// Service boundaries from evidence (issue 9): the static graph (imports, foreign keys) and the co-change of the
// history before a cut-off, clustered to a target number of services, refined on that history (refine.ts),
// named from their dominant domain, and
// each alternative backtested on the commits after the cut-off beside random partitions of the same sizes.
import { serviceNameForModule } from '../commands/services';
import { uniqueId } from '../model/create';
import { MONOLITH_NODE_ID, type Project } from '../model/project';
import { summarizeDesign, withServices, type ProposedService } from '../importer/suggest';
import { assignmentOf, assignmentOfGroups, backtest, groupSizes, randomBacktest, splitAt, type BacktestResult } from './backtest';
import { clustererOf, type WeightedEdge } from './cluster';
import { refineGroups } from './refine';
import { coChange, dayOf, ownership, type ModuleCommit } from './history';

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
  const changes = coChange(history.filter((c) => c.modules.every((id) => known.has(id))), { maxModules: options.maxModules ?? 30, ...(halfLife === undefined ? {} : { halfLife, asOf }) });
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

/**
 * Names of services from their dominant domain: the package part that is most common among a service's modules
 * and rare elsewhere (count in the service x log(modules / modules with that part)), "Catalogue" rather than
 * "Oscar" or "Apps"; a name already given goes to the next part, then gets a number.
 */
export function domainNames(project: Project, groups: ReadonlyArray<readonly string[]>): string[] {
  const names = new Map(project.monolith.modules.map((m) => [m.id, m.name]));
  const partsOf = (id: string) => [...new Set((names.get(id) ?? id).split('.').filter(Boolean))];
  const everywhere = new Map<string, number>();
  for (const m of project.monolith.modules) for (const part of partsOf(m.id)) everywhere.set(part, (everywhere.get(part) ?? 0) + 1);
  const total = project.monolith.modules.length;
  const used = new Set<string>();
  return groups.map((group) => {
    const counts = new Map<string, number>();
    for (const id of group) for (const part of partsOf(id)) counts.set(part, (counts.get(part) ?? 0) + 1);
    const ranked = [...counts.entries()]
      .map(([part, n]) => ({ part, score: n * Math.log((total + 1) / (everywhere.get(part) ?? 1)) }))
      .sort((p, q) => q.score - p.score || (p.part < q.part ? -1 : p.part > q.part ? 1 : 0))
      .map((p) => serviceNameForModule(p.part));
    let name = ranked.find((n) => !used.has(n.toLowerCase())) ?? ranked[0] ?? 'Service';
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${ranked[0]} ${k}`;
    used.add(name.toLowerCase());
    return name;
  });
}

export interface Alternative {
  /** The number of services asked for. */
  target: number;
  services: Array<ProposedService & { owners: Array<{ author: string; share: number }> }>;
  /** Modules left in the monolith. */
  monolithModules: number;
  structuralModularity: number;
  crossingShareByWeight: number;
  /** The backtest on the commits from the cut-off on (null without history after it). */
  backtest: BacktestResult | null;
  /** The median backtest share of 50 seeded random partitions of the same sizes. */
  randomMedian: number | null;
  /** The backtest of the same number of services made of the largest modules, one each (the rest in the monolith). */
  largestApps: number | null;
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
  alternatives: Alternative[];
}

/** Services from groups of module ids, the largest (by lines) first, with ids that collide with nothing. */
function asServices(project: Project, groups: string[][], history: readonly ModuleCommit[]): Alternative['services'] {
  const lines = new Map(project.monolith.modules.map((m) => [m.id, m.linesOfCode]));
  const sized = groups.map((g) => ({ ids: g, lines: g.reduce((s, id) => s + (lines.get(id) ?? 0), 0) })).sort((p, q) => q.lines - p.lines || (p.ids[0]! < q.ids[0]! ? -1 : 1));
  const names = domainNames(project, sized.map((s) => s.ids));
  const taken = new Set<string>([...project.monolith.modules.map((m) => m.id), ...project.services.map((s) => s.id), MONOLITH_NODE_ID]);
  const owners = ownership(history, 1000);
  return sized.map((s, k) => {
    const id = uniqueId(`svc-${names[k]!.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, taken);
    taken.add(id);
    const authors = new Map<string, number>();
    let commits = 0;
    for (const o of owners) {
      if (!s.ids.includes(o.moduleId)) continue;
      commits += o.commits;
      for (const a of o.authors) authors.set(a.author, (authors.get(a.author) ?? 0) + a.commits);
    }
    const top = [...authors.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).slice(0, 3);
    return { id, name: names[k]!, moduleIds: s.ids, linesOfCode: s.lines, owners: top.map(([author, n]) => ({ author, share: n / commits })) };
  });
}

export interface ProposeOptions extends EvidenceOptions {
  /** The numbers of services to offer. */
  targets: readonly number[];
  /** Seconds since the epoch; default: no history after it (all history trains, nothing is backtested). */
  cutoff?: number | null;
  seed?: number;
}

/** The alternatives at each target size with their figures, and the backtest of the current and per-module designs. */
export function proposeBoundaries(project: Project, history: readonly ModuleCommit[], options: ProposeOptions): BoundaryReport {
  const cutoff = options.cutoff ?? null;
  const { before, after } = cutoff === null ? { before: [...history], after: [] } : splitAt(history, cutoff);
  const ids = project.monolith.modules.map((m) => m.id);
  const cluster = clustererOf(ids, evidenceEdges(project, before, options), options.seed ?? 1);
  const clusterStatic = clustererOf(ids, evidenceEdges(project, [], options), options.seed ?? 1);
  const tested = after.length > 0;
  const alternatives = [...new Set(options.targets)].sort((a, b) => a - b).map((target): Alternative => {
    const groups = refineGroups(cluster(target).groups, before);
    const services = asServices(project, groups, before);
    const summary = summarizeDesign(withServices(project, services));
    const assignment = assignmentOfGroups(groups);
    const largest = [...project.monolith.modules].sort((a, b) => b.linesOfCode - a.linesOfCode || (a.id < b.id ? -1 : 1)).slice(0, groups.length);
    return {
      target,
      services,
      monolithModules: ids.length - groups.reduce((s, g) => s + g.length, 0),
      structuralModularity: summary.structuralModularity,
      crossingShareByWeight: summary.crossingShareByWeight,
      backtest: tested ? backtest(after, assignment) : null,
      randomMedian: tested ? randomBacktest(after, ids, groupSizes(ids, assignment), 50, options.seed ?? 1) : null,
      largestApps: tested ? backtest(after, assignmentOfGroups(largest.map((m) => [m.id]))).share : null,
      staticOnly: tested ? backtest(after, assignmentOfGroups(clusterStatic(target).groups)).share : null,
    };
  });
  return {
    cutoff: cutoff === null ? null : dayOf(cutoff),
    commitsBefore: before.length,
    commitsAfter: after.length,
    current: tested ? backtest(after, assignmentOf(project)) : null,
    perModule: tested ? backtest(after, new Map(ids.map((id) => [id, id]))) : null,
    alternatives,
  };
}
