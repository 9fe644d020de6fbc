// From the per-file records of a scan to the modules and dependencies of a project at a chosen granularity.
// Pure: changing the granularity calls this again on the same ScanResult, no file is read.
import { slugify, uniqueId } from '../model/create';
import { LIMITS, type Dependency, type Module } from '../model/project';
import { djangoApps, grouper, type Granularity } from './granularity';
import { fitDependency, fitGroupName, fitModule, LimitNotes } from './limits';
import { findModels, findRelations } from './models';
import { resolveImports } from './resolve';
import type { ImportKind, ImportProblem, ScanResult, ScannedFile } from './types';

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

export interface Aggregate {
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

/** A dotted name every part of which is a Python identifier (the model requires it). */
export function safeDottedName(name: string): string {
  return name
    .split('.')
    .map((part) => {
      const clean = part.replace(/[^A-Za-z0-9_]/g, '_') || '_';
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

export function aggregate(scan: ScanResult, granularity: Granularity): Aggregate {
  const notes = new LimitNotes();
  const grouped = grouper(scan, granularity);
  const fitted = new Map<string, string>();
  const groupOf = (module: string): string => {
    const group = grouped(module);
    let fit = fitted.get(group);
    if (fit === undefined) {
      fit = fitGroupName(group, safeDottedName, notes);
      fitted.set(group, fit);
    }
    return fit;
  };
  const files = scan.files.filter((f) => f.module !== '');
  const moduleNames = new Set(files.map((f) => f.module));

  // Groups, in a stable order, with stable ids.
  const groups = [...new Set(files.map((f) => groupOf(f.module)))].sort();
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
    modules.set(group, { id, name: safeDottedName(group), path: '', linesOfCode: 0, tags: [], entities: [], files: 0, apiSurface: 0, thirdParty: [] });
    facts.set(group, { moduleId: id, files: 0, migrationFiles: 0, migrationLines: 0, blueprints: 0, routers: 0, thirdParty: {}, stdlib: {} });
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
    const module = modules.get(group)!;
    const fact = facts.get(group)!;
    if (module.path === '' || file.isPackage) {
      const candidate = groupPath(file, group);
      if (module.path === '' || candidate.length < module.path.length) module.path = candidate;
    }
    if (file.isMigration) {
      fact.migrationFiles++;
      fact.migrationLines += file.codeLines;
      continue;
    }
    fact.files++;
    module.linesOfCode += file.codeLines;
    fact.blueprints += file.blueprints;
    fact.routers += file.routers;
    const externals = new Set<string>();
    for (const resolved of resolveImports(file, moduleNames)) {
      const stmt = `${file.path}#${resolved.record.stmt}`;
      if (resolved.target !== null) {
        const to = groupOf(resolved.target);
        if (to !== group) addEdge(group, to, 'import', stmt, { file: file.path, line: resolved.record.line, detail: resolved.record.kind satisfies ImportKind });
      } else if (resolved.external && resolved.external.top !== '__future__') {
        const key = `${stmt}#${resolved.external.top}`;
        if (externals.has(key)) continue;
        externals.add(key);
        bump(resolved.external.stdlib ? fact.stdlib : fact.thirdParty, resolved.external.top);
      }
    }
  }

  const apps = djangoApps(scan);
  const models = findModels(scan);
  for (const model of models) {
    const module = modules.get(groupOf(model.file.module));
    if (module && !module.entities.includes(model.name)) module.entities.push(model.name);
  }
  for (const relation of findRelations(scan, models, apps)) {
    if (relation.target === null) continue;
    const from = groupOf(relation.file.module);
    const to = groupOf(relation.target.module);
    if (from === to) continue;
    const { field } = relation;
    addEdge(from, to, 'data', `${relation.file.path}#${field.line}#${field.name}`, {
      file: relation.file.path,
      line: field.line,
      detail: `${field.field} ${field.name}`,
    });
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
  return { modules: groups.map((g) => modules.get(g)!), dependencies, evidence, facts: factList, limits: notes.list };
}
