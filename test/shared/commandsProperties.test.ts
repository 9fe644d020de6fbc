import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignModules } from '../../shared/commands/assign';
import { CommandError } from '../../shared/commands/errors';
import { createHistory, pushHistory, redo, undo } from '../../shared/commands/history';
import { moveNodes, setViewport } from '../../shared/commands/layout';
import { addLink, removeLink, updateLink } from '../../shared/commands/links';
import { addDependency, addModule, deleteModule, removeDependency, renameModule } from '../../shared/commands/modules';
import { copyServices, createService, deleteService, pasteServices, renameService, updateService } from '../../shared/commands/services';
import { validateProject } from '../../shared/format/load';
import { serializeProject } from '../../shared/format/save';
import { DEPENDENCY_KINDS, MONOLITH_NODE_ID, ProjectSchema } from '../../shared/model/project';
import type { Project } from '../../shared/model/project';

// Properties of the document commands over random projects and random edit sequences.

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const NAMES = ['Orders', 'Billing', 'Search', 'Monolith', 'orders', 'Ünïcode Name', 'A'];

const arbitraryProject = fc
  .record({
    modules: fc.integer({ min: 1, max: 12 }),
    deps: fc.array(fc.tuple(fc.nat(11), fc.nat(11), fc.constantFrom(...DEPENDENCY_KINDS), fc.integer({ min: 1, max: 50 })), {
      maxLength: 30,
    }),
    owners: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 12, maxLength: 12 }),
  })
  .map(({ modules, deps, owners }): Project => {
    const ids = Array.from({ length: modules }, (_, i) => `m${i}`);
    const seen = new Set<string>();
    const dependencies = deps
      .filter(([a, b, kind]) => a < modules && b < modules && a !== b && !seen.has(`${a}:${b}:${kind}`) && seen.add(`${a}:${b}:${kind}`))
      .map(([a, b, kind, weight]) => ({ from: ids[a]!, to: ids[b]!, kind, weight }));
    const services = [1, 2, 3].map((n) => ({ id: `s${n}`, name: `Service ${n}`, moduleIds: ids.filter((_, i) => owners[i] === n) }));
    return ProjectSchema.parse({
      id: 'p',
      name: 'P',
      monolith: { modules: ids.map((id) => ({ id, name: `app.${id}`, linesOfCode: 100 })), dependencies },
      services,
      layout: { nodes: [{ id: MONOLITH_NODE_ID, x: 0, y: 0 }, ...services.map((s, i) => ({ id: s.id, x: 300 * (i + 1), y: 0 }))] },
    });
  });

type Op =
  | { t: 'create'; name: string; picks: number[]; x: number; y: number }
  | { t: 'assign'; picks: number[]; target: number | null }
  | { t: 'delete'; pick: number };

type AnyOp =
  | Op
  | { t: 'rename'; pick: number; name: string }
  | { t: 'framework'; pick: number; framework: string }
  | { t: 'move'; pick: number; x: number; y: number }
  | { t: 'viewport'; x: number; y: number; zoom: number }
  | { t: 'addModule'; name: string }
  | { t: 'renameModule'; pick: number; name: string }
  | { t: 'deleteModule'; pick: number }
  | { t: 'addDep'; a: number; b: number; kind: (typeof DEPENDENCY_KINDS)[number] }
  | { t: 'removeDep'; pick: number }
  | { t: 'link'; a: number; b: number; label: string }
  | { t: 'relabel'; pick: number; label: string }
  | { t: 'unlink'; pick: number }
  | { t: 'paste'; picks: number[] };

const picks = fc.array(fc.nat(20), { maxLength: 4 });
const ownershipOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    t: fc.constant('create' as const),
    name: fc.constantFrom(...NAMES),
    picks,
    x: fc.integer({ min: -500, max: 500 }),
    y: fc.integer({ min: -500, max: 500 }),
  }),
  fc.record({ t: fc.constant('assign' as const), picks, target: fc.option(fc.nat(20), { nil: null }) }),
  fc.record({ t: fc.constant('delete' as const), pick: fc.nat(20) }),
);
const anyOp: fc.Arbitrary<AnyOp> = fc.oneof(
  ownershipOp,
  fc.record({ t: fc.constant('rename' as const), pick: fc.nat(20), name: fc.constantFrom(...NAMES) }),
  fc.record({ t: fc.constant('framework' as const), pick: fc.nat(20), framework: fc.constantFrom('django', 'flask', 'celery') }),
  fc.record({
    t: fc.constant('move' as const),
    pick: fc.nat(20),
    x: fc.integer({ min: -999, max: 999 }),
    y: fc.integer({ min: -999, max: 999 }),
  }),
  fc.record({
    t: fc.constant('viewport' as const),
    x: fc.integer({ min: -99, max: 99 }),
    y: fc.integer({ min: -99, max: 99 }),
    zoom: fc.constantFrom(0.5, 1, 2),
  }),
  fc.record({ t: fc.constant('addModule' as const), name: fc.constantFrom('app.new', 'app.extra', 'lib.x') }),
  fc.record({ t: fc.constant('renameModule' as const), pick: fc.nat(20), name: fc.constantFrom('app.renamed', 'app.other') }),
  fc.record({ t: fc.constant('deleteModule' as const), pick: fc.nat(20) }),
  fc.record({ t: fc.constant('addDep' as const), a: fc.nat(20), b: fc.nat(20), kind: fc.constantFrom(...DEPENDENCY_KINDS) }),
  fc.record({ t: fc.constant('removeDep' as const), pick: fc.nat(40) }),
  fc.record({ t: fc.constant('link' as const), a: fc.nat(20), b: fc.nat(20), label: fc.constantFrom('', 'calls') }),
  fc.record({ t: fc.constant('relabel' as const), pick: fc.nat(20), label: fc.constantFrom('x', 'y') }),
  fc.record({ t: fc.constant('unlink' as const), pick: fc.nat(20) }),
  fc.record({ t: fc.constant('paste' as const), picks }),
);

const at = <T>(items: readonly T[], n: number): T | undefined => (items.length === 0 ? undefined : items[n % items.length]);
const moduleIdsAt = (project: Project, ns: number[]): string[] =>
  ns.map((n) => at(project.monolith.modules, n)?.id).filter((id): id is string => id !== undefined);

/** Applies an op resolved against the current project. A refused op (CommandError) leaves the project as is. */
function apply(project: Project, op: AnyOp): Project {
  const service = (n: number): string | undefined => at(project.services, n)?.id;
  const nodes = [MONOLITH_NODE_ID, ...project.services.map((s) => s.id)];
  try {
    switch (op.t) {
      case 'create':
        return createService(project, { name: op.name, moduleIds: moduleIdsAt(project, op.picks), position: { x: op.x, y: op.y } });
      case 'assign':
        return assignModules(project, {
          moduleIds: moduleIdsAt(project, op.picks),
          serviceId: op.target === null ? null : (service(op.target) ?? null),
        });
      case 'delete': {
        const id = service(op.pick);
        return id ? deleteService(project, { serviceId: id }) : project;
      }
      case 'rename': {
        const id = service(op.pick);
        return id ? renameService(project, { serviceId: id, name: op.name }) : project;
      }
      case 'framework': {
        const id = service(op.pick);
        return id ? updateService(project, { serviceId: id, changes: { framework: op.framework, team: 'T' } }) : project;
      }
      case 'move':
        return moveNodes(project, { positions: [{ id: at(nodes, op.pick)!, x: op.x, y: op.y }] });
      case 'viewport':
        return setViewport(project, { x: op.x, y: op.y, zoom: op.zoom });
      case 'addModule':
        return addModule(project, { name: op.name, linesOfCode: 10 });
      case 'renameModule': {
        const module = at(project.monolith.modules, op.pick);
        return module ? renameModule(project, { moduleId: module.id, name: op.name }) : project;
      }
      case 'deleteModule': {
        const module = at(project.monolith.modules, op.pick);
        return module ? deleteModule(project, { moduleId: module.id }) : project;
      }
      case 'addDep': {
        const [a, b] = moduleIdsAt(project, [op.a, op.b]);
        return a && b ? addDependency(project, { from: a, to: b, kind: op.kind }) : project;
      }
      case 'removeDep': {
        const dependency = at(project.monolith.dependencies, op.pick);
        return dependency ? removeDependency(project, dependency) : project;
      }
      case 'link':
        return addLink(project, { from: at(nodes, op.a)!, to: at(nodes, op.b)!, label: op.label });
      case 'relabel': {
        const link = at(project.links, op.pick);
        return link ? updateLink(project, { linkId: link.id, changes: { label: op.label } }) : project;
      }
      case 'unlink': {
        const link = at(project.links, op.pick);
        return link ? removeLink(project, { linkId: link.id }) : project;
      }
      case 'paste': {
        const ids = [...new Set(op.picks.map(service).filter((id): id is string => id !== undefined))];
        return pasteServices(project, { clipboard: copyServices(project, ids) });
      }
    }
  } catch (error) {
    if (error instanceof CommandError) return project;
    throw error;
  }
}

function membershipCounts(project: Project): Map<string, number> {
  const counts = new Map(project.monolith.modules.map((module) => [module.id, 0]));
  for (const service of project.services) for (const id of service.moduleIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

describe('command properties', () => {
  it('assigning, creating and deleting services never loses or duplicates a module', () => {
    fc.assert(
      fc.property(arbitraryProject, fc.array(ownershipOp, { maxLength: 25 }), (initial, ops) => {
        const modules = initial.monolith.modules.map((module) => module.id);
        let project = initial;
        for (const op of ops) {
          project = apply(project, op);
          expect(project.monolith.modules.map((module) => module.id)).toEqual(modules);
          const counts = membershipCounts(project);
          expect([...counts.keys()].sort()).toEqual([...modules].sort()); // no module appears that does not exist
          for (const count of counts.values()) expect(count).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every edit leaves a project the file loader accepts (valid, every reference resolves)', () => {
    fc.assert(
      fc.property(arbitraryProject, fc.array(anyOp, { maxLength: 25 }), (initial, ops) => {
        let project = initial;
        for (const op of ops) {
          project = apply(project, op);
          expect(() => validateProject(JSON.parse(JSON.stringify(project)))).not.toThrow();
          for (const count of membershipCounts(project).values()) expect(count).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('undo after any sequence of edits restores a byte-identical serialization, and redo replays it', () => {
    fc.assert(
      fc.property(arbitraryProject, fc.array(anyOp, { maxLength: 20 }), (initial, ops) => {
        let history = createHistory(initial);
        const snapshots = [serializeProject(initial)];
        const exact = [JSON.stringify(initial)];
        for (const op of ops) {
          const before = history;
          history = pushHistory(history, apply(history.present, op));
          if (history !== before) {
            snapshots.push(serializeProject(history.present));
            exact.push(JSON.stringify(history.present));
          }
        }
        for (let i = snapshots.length - 1; i > 0; i--) {
          expect(serializeProject(history.present)).toBe(snapshots[i]);
          history = undo(history);
        }
        expect(serializeProject(history.present)).toBe(snapshots[0]);
        expect(JSON.stringify(history.present)).toBe(exact[0]);
        for (let i = 1; i < snapshots.length; i++) {
          history = redo(history);
          expect(JSON.stringify(history.present)).toBe(exact[i]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never mutates the project it is given (deeply frozen input)', () => {
    fc.assert(
      fc.property(arbitraryProject, fc.array(anyOp, { maxLength: 20 }), (initial, ops) => {
        let project = deepFreeze(initial);
        for (const op of ops) {
          const before = JSON.stringify(project);
          const next = apply(project, op);
          expect(JSON.stringify(project)).toBe(before);
          project = deepFreeze(next);
        }
      }),
      { numRuns: 150 },
    );
  });
});
