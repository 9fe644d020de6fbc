// From the per-file records of a scan to the modules and dependencies of a project at a chosen granularity.
// Pure: changing the granularity calls this again on the same ScanResult, no file is read.
import { slugify, uniqueId } from '../model/create';
import { LIMITS, type Dependency, type Module } from '../model/project';
import { djangoApps, type FixedGranularity, type Granularity } from './granularity';
import { groupingOptions, planGrouping, type GroupingPlan } from './grouping';
import { fitDependency, fitGroupName, fitModule, LimitNotes } from './limits';
import { findEntities } from './models';
import { resolveImports } from './resolve';
import { SUPPORT_KINDS, supportKindOfPath, type SupportKind } from './roles';
import type { ImportKind, ImportProblem, ScanResult, ScannedFile } from './types';
import { countOf } from '../words';

/** What one dependency rests on: an import statement or a relation field. */
export interface Evidence {
  file: string;
  line: number;
  /** For imports: runtime, type-checking or optional. For data: the field, e.g. "ForeignKey customer". */
  detail: string;
}

/** What the model has no field for yet (the lead extends the model): kept beside each module. */
export interface ModuleFacts {
  moduleId: string;
  files: number;
  /** Files under migrations/ folders and their code lines, counted apart (not in linesOfCode). */
  migrationFiles: number;
  migrationLines: number;
  /** API surface: Flask blueprints and FastAPI routers created in the module. */
  blueprints: number;
  routers: number;
  /** Third-party top-level packages imported, with the number of import statements. Sorted by name. */
  thirdParty: Record<string, number>;
  /** Standard-library top-level modules imported, with the number of statements. */
  stdlib: Record<string, number>;
}

/** Files read that are not application code (tests, migrations, scripts, docs, examples): never modules. */
export interface LeftOut {
  kind: SupportKind;
  files: number;
  /** Their code lines (as linesOfCode counts them). */
  lines: number;
  /** The folders (or files) they are in, most files first (at most 12). */
  places: string[];
  /** The project's modules they import, with the number of import statements, most first. */
  imports: Array<{ module: string; statements: number }>;
}

/** A layer package whose per-domain parts were attributed to domain modules (or kept, when asked). */
export interface LayerReport {
  /** Dotted name of the layer package. */
  layer: string;
  /** Each attributed file and the module it went to (dotted name); empty when layers are kept as modules. */
  attributed: Array<{ path: string; module: string }>;
}

/** How the files became modules: the granularity chosen and why, the layers, what was left out, the options. */
export interface GroupingReport {
  /** What was asked ('auto' lets Carve choose) and what it stands for. */
  asked: Granularity;
  granularity: FixedGranularity;
  /** One line: "Flask blueprints found in CTFd/admin, ...: chose depth 2, the level of the domain packages, 41 modules". */
  reason: string;
  keepLayers: boolean;
  layers: LayerReport[];
  /** Modules made of layer parts that no module matched (a name two layers share). */
  madeFromLayers: string[];
  leftOut: LeftOut[];
  /** Every granularity offered, with its number of modules. */
  options: Array<{ granularity: FixedGranularity; modules: number }>;
}

export interface Aggregate {
  /** How files became modules: the granularity and why, the layers attributed, what was left out. */
  grouping: GroupingReport;
  modules: Module[];
  dependencies: Dependency[];
  /** Keyed by depKey(dependency). */
  evidence: Map<string, Evidence[]>;
  facts: ModuleFacts[];
  /** What was left out to fit the model's limits (a module importing over 1,000 packages...): for the report. */
  limits: ImportProblem[];
}

export function depKey(dep: Pick<Dependency, 'from' | 'to' | 'kind'>): string {
  return `${dep.from}->${dep.to}:${dep.kind}`;
}

/** A dotted name every part of which is a Python identifier (the model requires it); empty parts are dropped. */
export function safeDottedName(name: string): string {
  const parts = name.split('.').filter((part) => part !== '');
  if (parts.length === 0) return '_';
  return parts
    .map((part) => {
      const clean = part.replace(/[^A-Za-z0-9_]/g, '_');
      return /^[0-9]/.test(clean) ? `_${clean}` : clean;
    })
    .join('.');
}

/** The folder (or file) of a group, from one of its files: 'src/shop/orders/x.py' in group 'shop.orders' -> 'src/shop/orders'. */
function groupPath(file: ScannedFile, group: string): string {
  const parts = file.path.split('/');
  if (file.isPackage) parts.pop();
  const moduleParts = file.module === '' ? 0 : file.module.split('.').length;
  const keep = parts.length - moduleParts + group.split('.').length;
  return parts.slice(0, keep).join('/');
}

/** The model keeps at most this many places per dependency (its weight still counts them all). */
export const MAX_EVIDENCE = LIMITS.evidence;

/** Code-point order: the same on every machine and locale. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const compareEvidence = (a: Evidence, b: Evidence): number => compareText(a.file, b.file) || a.line - b.line;

function bump(record: Record<string, number>, key: string): void {
  record[key] = (record[key] ?? 0) + 1;
}

function sortedRecord(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** The report's words for the module count: the aim is 10 to 80 modules. */
function sizeNote(modules: number): string {
  const n = countOf(modules, 'module');
  if (modules < 10) return `${n} (fewer than the 10 to 80 aimed at: the code has few packages at this level)`;
  if (modules > 80) return `${n} (more than the 10 to 80 aimed at: the code has that many packages at this level)`;
  return n;
}

/**
 * Group the scan's application code into modules. Tests, migrations, scripts, docs and examples are left out
 * (reported in `grouping.leftOut`); layer packages are attributed to their domains unless `keepLayers`.
 */
export function aggregate(scan: ScanResult, granularity: Granularity, options: { keepLayers?: boolean } = {}): Aggregate {
  const notes = new LimitNotes();
  const plan = planGrouping(scan, { granularity, ...options });
  const { kinds } = plan;
  const fitted = new Map<string, string>();
  const groupOf = (module: string): string => {
    const group = plan.groupOf(module);
    let fit = fitted.get(group);
    if (fit === undefined) {
      fit = fitGroupName(group, safeDottedName, notes);
      fitted.set(group, fit);
    }
    return fit;
  };
  const all = scan.files.filter((f) => f.module !== '');
  const moduleNames = new Set(all.map((f) => f.module));
  const files = all.filter((f) => !kinds.has(f.path));
  const supportModules = new Set(all.filter((f) => kinds.has(f.path)).map((f) => f.module));
  for (const f of files) supportModules.delete(f.module);

  // Groups, in a stable order, with stable ids; a group of empty files only (an empty __init__.py) is no module.
  const groups = [...new Set(files.filter((f) => f.codeLines > 0).map((f) => groupOf(f.module)))].sort();
  const idOf = new Map<string, string>();
  const taken = new Set<string>();
  for (const group of groups) {
    const id = uniqueId(slugify(group), taken);
    taken.add(id);
    idOf.set(group, id);
  }
  const modules = new Map<string, Module>();
  const facts = new Map<string, ModuleFacts>();
  for (const group of groups) {
    const id = idOf.get(group)!;
    modules.set(group, {
      id,
      name: safeDottedName(group),
      path: '',
      linesOfCode: 0,
      tags: [],
      entities: [],
      files: 0,
      apiSurface: 0,
      thirdParty: [],
    });
    facts.set(group, {
      moduleId: id,
      files: 0,
      migrationFiles: 0,
      migrationLines: 0,
      blueprints: 0,
      routers: 0,
      thirdParty: {},
      stdlib: {},
    });
  }

  const edges = new Map<string, { dep: Dependency; evidence: Evidence[]; stmts: Set<string> }>();
  const addEdge = (from: string, to: string, kind: Dependency['kind'], stmt: string, evidence: Evidence) => {
    const dep: Dependency = { from: idOf.get(from)!, to: idOf.get(to)!, kind, weight: 0, evidence: [] };
    const key = depKey(dep);
    let edge = edges.get(key);
    if (edge === undefined) {
      edge = { dep, evidence: [], stmts: new Set() };
      edges.set(key, edge);
    }
    if (edge.stmts.has(stmt)) return;
    edge.stmts.add(stmt);
    edge.dep.weight++;
    edge.evidence.push(evidence);
  };

  for (const file of files) {
    const group = groupOf(file.module);
    const module = modules.get(group);
    if (module === undefined) continue;
    const fact = facts.get(group)!;
    if (module.path === '' || file.isPackage) {
      const own = file.isPackage ? file.path.slice(0, file.path.lastIndexOf('/')) : file.path;
      const candidate = plan.isAttributed(file.module) ? own : groupPath(file, group);
      if (module.path === '' || candidate.length < module.path.length) module.path = candidate;
    }
    fact.files++;
    module.linesOfCode += file.codeLines;
    fact.blueprints += file.blueprints;
    fact.routers += file.routers;
    const externals = new Set<string>();
    for (const resolved of resolveImports(file, moduleNames)) {
      const stmt = `${file.path}#${resolved.record.stmt}`;
      if (resolved.target !== null) {
        if (supportModules.has(resolved.target)) continue;
        const to = groupOf(resolved.target);
        if (to !== group && modules.has(to))
          addEdge(group, to, 'import', stmt, {
            file: file.path,
            line: resolved.record.line,
            detail: resolved.record.kind satisfies ImportKind,
          });
      } else if (resolved.external && resolved.external.top !== '__future__') {
        const key = `${stmt}#${resolved.external.top}`;
        if (externals.has(key)) continue;
        externals.add(key);
        bump(resolved.external.stdlib ? fact.stdlib : fact.thirdParty, resolved.external.top);
      }
    }
  }

  const leftOut = leftOutFiles(scan, plan, groupOf, moduleNames, supportModules, facts);

  const apps = djangoApps(scan);
  const entities = findEntities(scan, apps);
  for (const model of entities.models) {
    if (kinds.has(model.file.path)) continue;
    const module = modules.get(groupOf(model.file.module));
    if (module && !module.entities.includes(model.name)) module.entities.push(model.name);
  }
  for (const relation of entities.relations) {
    if (relation.target === null || kinds.has(relation.owner.path) || kinds.has(relation.target.path)) continue;
    const from = groupOf(relation.owner.module);
    const to = groupOf(relation.target.module);
    if (from === to || !modules.has(from) || !modules.has(to)) continue;
    addEdge(from, to, 'data', relation.key, { file: relation.file.path, line: relation.line, detail: relation.detail });
  }

  const dependencies = [...edges.values()].map((e) => e.dep);
  dependencies.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.kind.localeCompare(b.kind));
  const evidence = new Map<string, Evidence[]>();
  for (const dep of dependencies) {
    const list = edges.get(depKey(dep))!.evidence;
    list.sort(compareEvidence);
    evidence.set(depKey(dep), list);
    dep.evidence = list.slice(0, MAX_EVIDENCE).map(({ file, line, detail }) => ({ file, line, detail }));
  }
  for (const module of modules.values()) module.entities.sort();
  const factList = groups.map((g) => {
    const fact = facts.get(g)!;
    const module = modules.get(g)!;
    module.files = fact.files;
    module.apiSurface = fact.blueprints + fact.routers;
    module.thirdParty = Object.keys(fact.thirdParty).sort(compareText);
    fitModule(module, fact.thirdParty, notes);
    return { ...fact, thirdParty: sortedRecord(fact.thirdParty), stdlib: sortedRecord(fact.stdlib) };
  });
  const nameOf = new Map([...modules.values()].map((m) => [m.id, m.name]));
  for (const dep of dependencies) fitDependency(dep, { from: nameOf.get(dep.from)!, to: nameOf.get(dep.to)! }, notes);
  const layers = plan.layers.layers.map((layer) => ({
    layer,
    attributed: plan.keepLayers
      ? []
      : files
          .filter(
            (f) =>
              (f.module === layer || f.module.startsWith(`${layer}.`)) && plan.isAttributed(f.module) && modules.has(groupOf(f.module)),
          )
          .map((f) => ({ path: f.path, module: modules.get(groupOf(f.module))!.name })),
  }));
  const grouping: GroupingReport = {
    asked: granularity,
    granularity: plan.granularity,
    reason: `${plan.why}, ${sizeNote(groups.length)}`,
    keepLayers: plan.keepLayers,
    layers,
    madeFromLayers: plan.keepLayers ? [] : plan.layers.made.filter((g) => modules.has(g)).map((g) => modules.get(g)!.name),
    leftOut,
    options: groupingOptions(scan, plan),
  };
  return { grouping, modules: groups.map((g) => modules.get(g)!), dependencies, evidence, facts: factList, limits: notes.list };
}

/**
 * Tests, migrations, scripts, docs and examples: their size, where they are and which modules they import.
 * Migrations inside a module also count in that module's facts (migrationFiles, migrationLines).
 */
function leftOutFiles(
  scan: ScanResult,
  plan: GroupingPlan,
  groupOf: (module: string) => string,
  moduleNames: ReadonlySet<string>,
  supportModules: ReadonlySet<string>,
  facts: ReadonlyMap<string, ModuleFacts>,
): LeftOut[] {
  const byKind = new Map<SupportKind, { files: number; lines: number; places: Map<string, number>; imports: Map<string, Set<string>> }>();
  for (const file of scan.files) {
    const kind = plan.kinds.get(file.path);
    if (kind === undefined) continue;
    let entry = byKind.get(kind);
    if (entry === undefined) byKind.set(kind, (entry = { files: 0, lines: 0, places: new Map(), imports: new Map() }));
    entry.files++;
    entry.lines += file.codeLines;
    const place = placeOf(file.path);
    entry.places.set(place, (entry.places.get(place) ?? 0) + 1);
    if (file.module === '') continue;
    if (kind === 'migrations') {
      const fact = facts.get(groupOf(file.module));
      if (fact) {
        fact.migrationFiles++;
        fact.migrationLines += file.codeLines;
      }
    }
    for (const resolved of resolveImports(file, moduleNames)) {
      if (resolved.target === null || supportModules.has(resolved.target)) continue;
      const group = groupOf(resolved.target);
      if (!facts.has(group)) continue;
      let stmts = entry.imports.get(group);
      if (stmts === undefined) entry.imports.set(group, (stmts = new Set()));
      stmts.add(`${file.path}#${resolved.record.stmt}`);
    }
  }
  return SUPPORT_KINDS.filter((kind) => byKind.has(kind)).map((kind) => {
    const entry = byKind.get(kind)!;
    return {
      kind,
      files: entry.files,
      lines: entry.lines,
      places: [...entry.places]
        .sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))
        .slice(0, 12)
        .map(([place]) => place),
      imports: [...entry.imports]
        .map(([group, stmts]) => ({ module: safeDottedName(group), statements: stmts.size }))
        .sort((a, b) => b.statements - a.statements || compareText(a.module, b.module)),
    };
  });
}

/** Where a left-out file sits: the path down to its outermost support folder ("shop/orders/tests"), or the file itself. */
function placeOf(path: string): string {
  const parts = path.split('/');
  for (let k = 0; k < parts.length - 1; k++) if (supportKindOfPath(`${parts[k]}/x`) !== null) return parts.slice(0, k + 1).join('/');
  return path;
}
