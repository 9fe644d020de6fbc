// The architect's constraints on a proposal (issue 9): modules kept together, kept apart, left in the monolith,
// and services already made (pinned: kept as they are). Also which modules may be carved at all: never tests.
// The proposal clusters "units": a module, or a group kept together, named by its first module id.
import type { Module, Project } from '../model/project';

export interface Constraints {
  /** Each group of module ids ends in one node (a proposed service, a pinned one, or the monolith). */
  keepTogether?: ReadonlyArray<readonly string[]>;
  /** The modules of each group end in different services (the monolith may hold several). */
  keepApart?: ReadonlyArray<readonly string[]>;
  /** Modules that stay in the monolith. */
  leave?: readonly string[];
  /** Services kept as they are: their modules are not proposed again, and they count toward the target. */
  pinned?: ReadonlyArray<{ id: string; name: string; moduleIds: readonly string[] }>;
}

/** The project's services (those holding modules) as pins: kept as they are by a proposal. */
export const pinsOf = (project: Pick<Project, 'services'>): NonNullable<Constraints['pinned']> =>
  project.services.filter((s) => s.moduleIds.length > 0).map((s) => ({ id: s.id, name: s.name, moduleIds: s.moduleIds }));

/** Name parts of test code: a module of tests is never a service. */
const TEST_PARTS = /^(tests?|testing|test_.*|.*_tests?|conftest|fixtures)$/i;

/** Whether a module holds tests (a part of its dotted name is tests, test_x, x_tests, conftest...). */
export const isTestModule = (module: Pick<Module, 'name'>): boolean => module.name.split('.').some((part) => TEST_PARTS.test(part));

/** The constraints applied to a project's modules, ready for clustering. */
export interface Scope {
  /** Units to cluster: unit id -> its module ids. */
  units: Map<string, string[]>;
  /** Module id -> its unit (modules to cluster only). */
  unitOf: Map<string, string>;
  /** Unit -> units it may never share a service with. */
  apart: Map<string, Set<string>>;
  /** Pinned services with the modules kept together with theirs added. */
  pinned: Array<{ id: string; name: string; moduleIds: string[] }>;
  /** Modules left in the monolith: tests, those the architect left, and their kept-together groups. */
  left: string[];
}

/** The first contradiction in these constraints, in one line, or null. */
export function contradiction(project: Project, constraints: Constraints): string | null {
  const nameOf = new Map(project.monolith.modules.map((m) => [m.id, m.name]));
  const pinOf = new Map<string, string>();
  for (const s of constraints.pinned ?? []) for (const id of s.moduleIds) pinOf.set(id, s.name);
  const left = new Set(constraints.leave ?? []);
  const together = new Map<string, number>();
  for (const [k, group] of (constraints.keepTogether ?? []).entries()) {
    const pins = new Set(group.map((id) => pinOf.get(id)).filter((p) => p !== undefined));
    if (pins.size > 1)
      return `kept together, ${group.map((id) => nameOf.get(id) ?? id).join(', ')} are in different services already (${[...pins].join(', ')})`;
    const leftOnes = group.filter((id) => left.has(id));
    if (leftOnes.length > 0 && leftOnes.length < group.length)
      return `${nameOf.get(leftOnes[0]!) ?? leftOnes[0]} is both left in the monolith and kept together with modules that are not`;
    for (const id of group) together.set(id, k);
  }
  for (const group of constraints.keepApart ?? []) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const [a, b] = [group[i]!, group[j]!];
        const [x, y] = [together.get(a), together.get(b)];
        const named = `${nameOf.get(a) ?? a} and ${nameOf.get(b) ?? b}`;
        if (a === b || (x !== undefined && x === y)) return `${named} are both kept together and kept apart`;
        if (pinOf.has(a) && pinOf.get(a) === pinOf.get(b)) return `${named} are kept apart but share the service ${pinOf.get(a)} already`;
      }
    }
  }
  return null;
}

/** The units to cluster, what stays apart, the pins and the modules left, for these constraints. */
export function scopeOf(project: Project, constraints: Constraints = {}): Scope {
  const modules = project.monolith.modules;
  const pinOf = new Map<string, number>();
  const pinned = (constraints.pinned ?? []).map((s, k) => {
    s.moduleIds.forEach((id) => pinOf.set(id, k));
    return { id: s.id, name: s.name, moduleIds: [...s.moduleIds] };
  });
  const left = new Set([...(constraints.leave ?? []), ...modules.filter((m) => isTestModule(m) && !pinOf.has(m.id)).map((m) => m.id)]);
  const unitOf = new Map<string, string>();
  for (const m of modules) if (!pinOf.has(m.id) && !left.has(m.id)) unitOf.set(m.id, m.id);
  for (const group of constraints.keepTogether ?? []) {
    const pin = group.map((id) => pinOf.get(id)).find((p) => p !== undefined);
    const free = group.filter((id) => unitOf.has(id));
    if (pin !== undefined) {
      for (const id of free) {
        unitOf.delete(id);
        pinned[pin]!.moduleIds.push(id);
      }
      continue;
    }
    if (free.length < 2) continue;
    const units = new Set(free.map((id) => unitOf.get(id)!));
    const head = [...units].sort()[0]!;
    for (const [id, unit] of unitOf) if (units.has(unit)) unitOf.set(id, head);
  }
  const units = new Map<string, string[]>();
  for (const m of modules) {
    const unit = unitOf.get(m.id);
    if (unit === undefined) continue;
    const list = units.get(unit);
    if (list) list.push(m.id);
    else units.set(unit, [m.id]);
  }
  const apart = new Map<string, Set<string>>();
  for (const group of constraints.keepApart ?? []) {
    const ids = group.map((id) => unitOf.get(id)).filter((u): u is string => u !== undefined);
    for (const a of ids) {
      for (const b of ids) {
        if (a === b) continue;
        let set = apart.get(a);
        if (!set) apart.set(a, (set = new Set()));
        set.add(b);
      }
    }
  }
  return { units, unitOf, apart, pinned, left: modules.filter((m) => left.has(m.id)).map((m) => m.id) };
}
