import { uniqueId } from '../model/create';
import { dropModulesFromScenarios } from '../model/scenarios';
import { DependencySchema, IdSchema, ModuleSchema } from '../model/project';
import type { Dependency, DependencyKind, Module, Project } from '../model/project';
import { CommandError, parseOrThrow } from './errors';
import { requireModules } from './shared';

// Commands on the monolith's modules and their dependencies, for users who describe their code by hand.

export interface AddModuleArgs {
  /** Dotted Python name, "shop.orders". */
  name: string;
  path?: string;
  linesOfCode?: number;
  tags?: string[];
  entities?: string[];
  /** By default a slug of the name, unique among modules. */
  id?: string;
}

function requireUniqueName(project: Project, name: string, except?: string): void {
  if (project.monolith.modules.some((module) => module.name === name && module.id !== except)) {
    throw new CommandError(`A module named "${name}" already exists.`);
  }
}

export function addModule(project: Project, args: AddModuleArgs): Project {
  const taken = new Set(project.monolith.modules.map((module) => module.id));
  const name = args.name.trim();
  let id: string;
  if (args.id === undefined) id = uniqueId(name, taken);
  else {
    id = parseOrThrow(IdSchema, args.id, 'Module id');
    if (taken.has(id)) throw new CommandError(`A module with id "${id}" already exists.`);
  }
  const module = parseOrThrow(ModuleSchema, { ...args, name, id }, `Module "${name}"`);
  requireUniqueName(project, module.name);
  return { ...project, monolith: { ...project.monolith, modules: [...project.monolith.modules, module] } };
}

export function renameModule(project: Project, { moduleId, name }: { moduleId: string; name: string }): Project {
  requireModules(project, [moduleId]);
  const parsed = parseOrThrow(ModuleSchema.shape.name, name.trim(), 'Module name');
  requireUniqueName(project, parsed, moduleId);
  return updateModules(project, moduleId, (module) => (module.name === parsed ? module : { ...module, name: parsed }));
}

/** Sets some fields of a module (not its id). */
export function updateModule(project: Project, { moduleId, changes }: { moduleId: string; changes: Partial<Omit<Module, 'id'>> }): Project {
  requireModules(project, [moduleId]);
  const current = project.monolith.modules.find((module) => module.id === moduleId)!;
  const next = parseOrThrow(ModuleSchema, { ...current, ...changes, id: moduleId }, `Module "${current.name}"`);
  requireUniqueName(project, next.name, moduleId);
  const same = (Object.keys(next) as (keyof Module)[]).every((key) => JSON.stringify(next[key]) === JSON.stringify(current[key]));
  return same ? project : updateModules(project, moduleId, () => next);
}

function updateModules(project: Project, moduleId: string, update: (module: Module) => Module): Project {
  let changed = false;
  const modules = project.monolith.modules.map((module) => {
    if (module.id !== moduleId) return module;
    const next = update(module);
    if (next !== module) changed = true;
    return next;
  });
  return changed ? { ...project, monolith: { ...project.monolith, modules } } : project;
}

/** Deletes a module, its dependencies (both directions) and its place in any service, in every scenario. */
export function deleteModule(project: Project, { moduleId }: { moduleId: string }): Project {
  requireModules(project, [moduleId]);
  const dependencies = project.monolith.dependencies;
  return {
    ...project,
    monolith: {
      ...project.monolith,
      modules: project.monolith.modules.filter((module) => module.id !== moduleId),
      dependencies: dependencies.some((d) => d.from === moduleId || d.to === moduleId)
        ? dependencies.filter((d) => d.from !== moduleId && d.to !== moduleId)
        : dependencies,
    },
    services: project.services.map((service) =>
      service.moduleIds.includes(moduleId) ? { ...service, moduleIds: service.moduleIds.filter((id) => id !== moduleId) } : service,
    ),
    otherScenarios: dropModulesFromScenarios(project.otherScenarios, (id) => id === moduleId),
  };
}

export interface DependencyArgs {
  from: string;
  to: string;
  kind?: DependencyKind;
}

/** Adds a dependency between two different modules; one per (from, to, kind): a repeat is refused. */
export function addDependency(project: Project, args: DependencyArgs & { weight?: number }): Project {
  requireModules(project, [args.from, args.to]);
  if (args.from === args.to) throw new CommandError('A module cannot depend on itself.');
  const dependency: Dependency = parseOrThrow(DependencySchema, args, 'Dependency');
  const exists = project.monolith.dependencies.some(
    (d) => d.from === dependency.from && d.to === dependency.to && d.kind === dependency.kind,
  );
  if (exists) throw new CommandError(`That ${dependency.kind} dependency already exists.`);
  return { ...project, monolith: { ...project.monolith, dependencies: [...project.monolith.dependencies, dependency] } };
}

/** Removes the dependencies from `from` to `to` of that kind (of every kind when `kind` is absent). */
export function removeDependency(project: Project, { from, to, kind }: DependencyArgs): Project {
  const matches = (d: Dependency): boolean => d.from === from && d.to === to && (kind === undefined || d.kind === kind);
  if (!project.monolith.dependencies.some(matches)) {
    throw new CommandError(`No dependency from "${from}" to "${to}"${kind ? ` of kind ${kind}` : ''}.`);
  }
  return {
    ...project,
    monolith: { ...project.monolith, dependencies: project.monolith.dependencies.filter((d) => !matches(d)) },
  };
}
