// From an import to a project: a new project, or a re-import into an open one that keeps the services and
// assignments of modules that still exist (matched by dotted name) and reports what was added and removed.
import { createProject, uniqueId } from '../model/create';
import { dropModulesFromScenarios } from '../model/scenarios';
import { ProjectSchema, type Dependency, type Module, type MonolithFramework, type Project } from '../model/project';
import { depKey, type Aggregate, type Evidence } from './aggregate';
import type { ScanResult } from './types';

type Imported = Pick<Aggregate, 'modules' | 'dependencies' | 'facts'> & { scan: Pick<ScanResult, 'installedApps'> };

/**
 * Django when INSTALLED_APPS was found or the code imports django; FastAPI or Flask by routers, blueprints and
 * imports; else other. (Entities say nothing: SQLAlchemy models are entities too.)
 */
export function detectFramework(result: Imported): MonolithFramework {
  const uses = (name: string) => result.facts.some((f) => (f.thirdParty[name] ?? 0) > 0);
  if (result.scan.installedApps.length > 0 || uses('django')) return 'django';
  if (result.facts.some((f) => f.routers > 0) || uses('fastapi')) return 'fastapi';
  if (result.facts.some((f) => f.blueprints > 0) || uses('flask')) return 'flask';
  return 'other';
}

/** Folder names that say where the code sits in a repository, not what the monolith is called. */
const GENERIC_FOLDERS = new Set(['server', 'backend', 'src', 'source', 'app']);

/**
 * The name a new project takes from its source folder: the folder's own name, or its parent's when the folder
 * is named for its place ("polar/server" is polar, "shop/src" is shop).
 */
export function projectNameForFolder(dir: string): string {
  const parts = dir.split(/[\\/]/).filter((part) => part !== '' && part !== '.');
  const last = parts[parts.length - 1];
  if (last === undefined) return 'monolith';
  const parent = parts[parts.length - 2];
  return GENERIC_FOLDERS.has(last.toLowerCase()) && parent !== undefined && !/^[A-Za-z]:$/.test(parent) ? parent : last;
}

/** A new project holding the imported monolith. */
export function toProject(result: Imported, name: string): Project {
  const base = createProject(name);
  return ProjectSchema.parse({
    ...base,
    monolith: {
      ...base.monolith,
      name: base.name,
      framework: detectFramework(result),
      modules: result.modules,
      dependencies: result.dependencies,
    },
  });
}

export interface ReimportReport {
  /** Dotted names of modules that are new in this import. */
  added: string[];
  /** Dotted names of modules that are gone (and dropped from their services). */
  removed: string[];
  /** Import id -> id in the project (kept modules keep their old id). */
  ids: Map<string, string>;
}

/**
 * Replace the imported modules and dependencies of `project`. Modules still present keep their id and their
 * tags; services keep their assignments of modules that still exist; `call` dependencies (entered by hand)
 * between modules that still exist are kept. `evidence` is re-keyed to the project's ids.
 */
export function reimport(
  project: Project,
  result: Imported & Partial<Pick<Aggregate, 'evidence'>>,
): { project: Project; report: ReimportReport; evidence: Map<string, Evidence[]> } {
  const oldByName = new Map(project.monolith.modules.map((m) => [m.name, m]));
  const newNames = new Set(result.modules.map((m) => m.name));
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const module of result.modules) {
    const old = oldByName.get(module.name);
    if (old) {
      ids.set(module.id, old.id);
      taken.add(old.id);
    }
  }
  // Ids of services, phases and links stay out of the way of new module ids too.
  for (const s of project.services) taken.add(s.id);
  for (const module of result.modules) {
    if (ids.has(module.id)) continue;
    const id = taken.has(module.id) ? uniqueId(module.id, taken) : module.id;
    taken.add(id);
    ids.set(module.id, id);
  }
  const modules: Module[] = result.modules.map((m) => {
    const old = oldByName.get(m.name);
    return { ...m, id: ids.get(m.id)!, tags: old ? old.tags : m.tags };
  });
  const alive = new Set(modules.map((m) => m.id));
  const remap = (d: Dependency): Dependency => ({ ...d, from: ids.get(d.from)!, to: ids.get(d.to)! });
  const dependencies = [
    ...result.dependencies.map(remap),
    ...project.monolith.dependencies.filter((d) => d.kind === 'call' && alive.has(d.from) && alive.has(d.to)),
  ];
  const removedIds = new Set(project.monolith.modules.filter((m) => !newNames.has(m.name)).map((m) => m.id));
  const next: Project = {
    ...project,
    monolith: { ...project.monolith, modules, dependencies },
    services: project.services.map((s) => ({ ...s, moduleIds: s.moduleIds.filter((id) => alive.has(id)) })),
    otherScenarios: dropModulesFromScenarios(project.otherScenarios, (id) => !alive.has(id)),
    layout: { ...project.layout, nodes: project.layout.nodes.filter((n) => !removedIds.has(n.id)) },
  };
  const evidence = new Map<string, Evidence[]>();
  for (const dep of result.dependencies) {
    const list = result.evidence?.get(depKey(dep));
    if (list) evidence.set(depKey(remap(dep)), list);
  }
  const added = result.modules.filter((m) => !oldByName.has(m.name)).map((m) => m.name);
  const removed = project.monolith.modules.filter((m) => !newNames.has(m.name)).map((m) => m.name);
  return { project: next, report: { added, removed, ids }, evidence };
}
